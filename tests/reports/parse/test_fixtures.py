"""The reader on our own fixtures: the 2019 template, a mixed template, cut-off tables, blank cells,
missing labels, title variants, and files that are not reports at all."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.files import load_source
from gongkai.law.outcomes import T3_ROWS_2019, T3_ROWS_2021
from gongkai.reports.findings import Severity
from gongkai.reports.model import T4_GROUPS, T4_KEYS, AnnualReport, Number, ReportFormat
from gongkai.reports.parse import read_report

from .render import read_text, render

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> AnnualReport:
    path = FIXTURES / name
    return read_report(load_source(path.read_bytes(), path.name))


def where(report: AnnualReport, rule: str) -> list[str]:
    return [f.where for f in report.findings if f.rule == rule]


def sample(fmt: ReportFormat = ReportFormat.F2021) -> AnnualReport:
    """A small report with distinct numbers in every cell, so a misplaced value shows."""
    rows = T3_ROWS_2021 if fmt is ReportFormat.F2021 else T3_ROWS_2019
    t2: dict[str, dict[str, Number]] = {
        "rules": {"issued": 1, "repealed": 2, "in_force": 3},
        "normative_documents": {"issued": 4, "repealed": 5, "in_force": 6},
        "licensing": {"decisions": 7},
        "penalty": {"decisions": 8},
        "compulsory": {"decisions": 9},
        "fees": {"amount_10k_yuan": Decimal("1.25")},
    }
    return AnnualReport(
        format=fmt,
        agency="青山市人民政府",
        year=2023,
        t2=t2,
        t3={code: [100 * i + j for j in range(7)] for i, code in enumerate(rows)},
        t4={group: {key: 10 * g + k for k, key in enumerate(T4_KEYS)} for g, group in enumerate(T4_GROUPS)},
    )


def test_2019_template_report() -> None:
    report = fixture("2019_template.txt")
    assert (report.format, report.agency, report.year) == (ReportFormat.F2019, "青山县人民政府办公室", 2020)
    assert report.t3 is not None
    assert list(report.t3) == list(T3_ROWS_2019)  # 23 rows: a single (六)其他处理 row
    assert report.t3["other"] == [0, 0, 0, 0, 1, 0, 1]
    assert report.t3["withheld_internal_affairs"] == [0] * 7  # "内容事务" typed for 内部事务
    assert report.t3["withheld_third_party"] == [1, 0, 0, 0, 0, 0, 1]
    assert report.t3["total"] == [11, 2, 0, 0, 1, 0, 14]
    assert report.t2 == {
        "rules": {"made": 0, "published": 0, "total_published": 0},
        "normative_documents": {"made": 4, "published": 4, "total_published": 31},
        "licensing": {"last_year": 120, "change": -3, "decisions": 2156},
        "other_services": {"last_year": 15, "change": 0, "decisions": 87},
        "penalty": {"last_year": 310, "change": 12, "decisions": 402},
        "compulsory": {"last_year": 22, "change": 0, "decisions": 9},
        "fees": {"last_year": 6, "change": -1},
        "procurement": {"projects": 18, "amount": Decimal("356.42")},
    }
    assert report.t4 is not None
    assert report.t4["reconsideration"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert report.findings == []
    assert report.narrative["applications_received"] == 14
    assert report.narrative["normative_documents_in_force"] == 31


def test_mixed_template_keeps_each_blocks_keys() -> None:
    report = fixture("mixed_template.txt")
    # table 三 has the (六) sub-rows: the report is 2021; table 二's 第(五)(六)项 show 2019 columns
    assert (report.format, report.agency, report.year) == (ReportFormat.F2021, "青山市生态环境局", 2023)
    assert report.t2 == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 2, "repealed": 1, "in_force": 17},
        "licensing": {"last_year": 40, "change": 2, "decisions": 611},
        "other_services": {"last_year": 5, "change": 0, "decisions": 12},
        "penalty": {"last_year": 90, "change": -4, "decisions": 233},
        "compulsory": {"last_year": 3, "change": 0, "decisions": 7},
        "fees": {"amount_10k_yuan": Decimal("12.5")},
    }
    assert where(report, "P7") == ["t2.licensing", "t2.penalty"]
    assert where(report, "P2") == []  # a 2021 report is not asked for 2019's 第(九)项
    assert report.t3 is not None
    assert list(report.t3) == list(T3_ROWS_2021)


def test_2019_table_3_in_a_2021_year_report_is_read_as_found() -> None:
    text = render(sample(ReportFormat.F2019), t2_templates={"一": ReportFormat.F2021})
    report = read_text(text)
    assert report.format is ReportFormat.F2019
    assert report.t3 == sample(ReportFormat.F2019).t3
    assert report.t2 is not None
    assert report.t2["rules"] == {"issued": 1, "repealed": 2, "in_force": 3}
    assert where(report, "P7") == ["t2.rules"]


def cut(text: str, after: str) -> str:
    """The text with the table lines after the line starting ``after`` removed (up to the next section)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(after)) + 1
    end = next(i for i in range(start, len(lines)) if "|" not in lines[i])
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def test_table_3_cut_off_keeps_what_was_read() -> None:
    report = read_text(cut(render(sample()), "6.属于四类过程性信息"))
    assert report.t3 is not None
    expected = sample().t3
    assert expected is not None
    index = T3_ROWS_2021.index("withheld_process_info")
    for code in T3_ROWS_2021[: index + 1]:
        assert report.t3[code] == expected[code]
    for code in T3_ROWS_2021[index + 1 :]:
        assert report.t3[code] == [None] * 7  # never an invented zero
    cut_off = [f for f in report.findings if f.rule == "P2"]
    assert [(f.where, f.severity) for f in cut_off] == [("t3.withheld_enforcement_file", Severity.WARNING)]
    assert report.t2 == sample().t2
    assert report.t4 == sample().t4


def test_table_2_cut_off_and_table_4_missing() -> None:
    text = cut(render(sample()), "行政许可")
    text = "\n".join(
        line for line in text.splitlines() if not line.startswith(("行政复议 |", "结果 维持", "10 |", "0 | 1 | 2"))
    )
    report = read_text(text)
    assert report.t2 is not None
    assert report.t2["licensing"] == {"decisions": 7}
    assert report.t2["penalty"] == {"decisions": None}
    assert report.t2["fees"] == {"amount_10k_yuan": None}
    assert where(report, "P2") == ["t2.penalty"]
    assert report.t4 is None
    assert [(f.where, f.severity) for f in report.findings if f.rule == "P1"] == [("t4", Severity.ERROR)]


def test_blank_cells_are_null_with_p4() -> None:
    model = sample()
    assert model.t3 is not None
    assert model.t4 is not None
    assert model.t2 is not None
    model.t3["not_processed_repeat"][1] = None  # a blank in the middle of a row
    model.t3["total"][6] = None  # a blank at the end of a row
    model.t4["litigation_direct"]["pending"] = None
    model.t2["penalty"]["decisions"] = None
    report = read_text(render(model))
    assert (report.t2, report.t3, report.t4) == (model.t2, model.t3, model.t4)
    assert where(report, "P4") == [
        "t2.penalty.decisions",
        "t3.not_processed_repeat.commercial",
        "t3.total.total",
        "t4.litigation_direct.pending",
    ]
    assert all(f.severity is Severity.WARNING for f in report.findings if f.rule == "P4")


def test_placeholder_dash_is_blank_not_zero() -> None:
    value = T3_ROWS_2021.index("not_processed_repeat") * 100
    text = render(sample()).replace(f"2.重复申请 | {value} |", "2.重复申请 | — |")
    report = read_text(text)
    assert report.t3 is not None
    assert report.t3["not_processed_repeat"][0] is None
    assert where(report, "P4") == ["t3.not_processed_repeat.natural_person"]


def test_missing_labels_are_inferred_from_position() -> None:
    drop = {"new_received", "disclosed", "withheld_state_secret", "other_fee_unpaid", "total", "carried_forward"}
    report = read_text(render(sample(), drop=drop))
    assert report.t3 == sample().t3
    assert sorted(where(report, "P3")) == sorted(f"t3.{code}" for code in drop)
    assert all(f.severity is Severity.INFO for f in report.findings if f.rule == "P3")


def test_2019_rows_without_labels_use_the_23_row_order() -> None:
    drop = {"other", "total", "not_processed_repeat"}
    report = read_text(render(sample(ReportFormat.F2019), drop=drop))
    assert report.format is ReportFormat.F2019
    assert report.t3 == sample(ReportFormat.F2019).t3


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("青山市人民政府2023年政府信息公开工作年度报告", "青山市人民政府", 2023),
        ("2022年度青山市人民政府政府信息公开工作年度报告", "青山市人民政府", 2022),
        ("2021年度青山市人民政府信息公开工作年度报告", "青山市人民政府", 2021),
        ("青山市财政局2024年度政府信息公开工作年度报告", "青山市财政局", 2024),
    ],
)
def test_title_gives_agency_and_reporting_year(title: str, agency: str, year: int) -> None:
    text = render(sample()).split("\n", 1)[1]
    report = read_text(f"{title}\n发布时间:{year + 1}-01-20\n{text}")
    assert (report.agency, report.year) == (agency, year)


def test_section_title_variants() -> None:
    text = (
        render(sample())
        .replace("二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况")
        .replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")
        .replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
    )
    report = read_text(text)
    assert set(report.sections) == {"1", "2", "3", "4", "5", "6"}
    assert (report.t2, report.t3, report.t4) == (sample().t2, sample().t3, sample().t4)
    assert report.sections["5"] == "一是公开质量有待提高。"


def test_unreadable_file_gives_its_finding_only() -> None:
    report = read_report(load_source(b"", "empty.txt"))
    assert report.format is ReportFormat.NOT_A_REPORT
    assert [f.rule for f in report.findings] == ["P0"]


def test_html_tables_with_merged_cells() -> None:
    """A real table (rowspan/colspan expanded by the loader) reads like the flattened text."""
    model = sample()
    assert model.t3 is not None
    html_rows = "".join(
        f"<tr><td colspan='2'>{code}</td>{''.join(f'<td>{v}</td>' for v in values)}</tr>"
        for code, values in [("一、本年新收政府信息公开申请数量", model.t3["new_received"])]
    )
    html = (
        "<html><body><p>青山市人民政府2023年政府信息公开工作年度报告</p>"
        "<p>一、总体情况</p><p>本年度工作有序开展。</p>"
        "<p>三、收到和处理政府信息公开申请情况</p><table>"
        "<tr><td colspan='2' rowspan='3'>(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)</td>"
        "<td colspan='7'>申请人情况</td></tr>"
        "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>"
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
        f"{html_rows}"
        "<tr><td rowspan='2'>三、本年度办理结果</td><td>(一)予以公开</td>"
        + "".join(f"<td>{v}</td>" for v in model.t3["disclosed"])
        + "</tr></table></body></html>"
    )
    report = read_report(load_source(html.encode(), "report.html"))
    assert report.t3 is not None
    assert report.t3["new_received"] == model.t3["new_received"]
    assert report.t3["disclosed"] == model.t3["disclosed"]
    assert report.t3["carried_over"] == [None] * 7  # the table stops after two rows: the rest is cut off
    assert where(report, "P2")[0] == "t3.carried_over"
