"""Auditing files end to end (load → read → check), batches, the CSV summary and the audit page."""

from __future__ import annotations

import csv
import io
from html import escape

import pytest
from django.utils import translation

from gongkai.reports import audit as audit_module
from gongkai.reports.audit import Audit, audit, audit_batch, audit_file, summary_csv
from gongkai.reports.audit_html import audit_fragment, audit_page, index_page
from gongkai.reports.audit_page import audit_page as audit_page_data
from gongkai.reports.findings import Finding, Severity
from gongkai.reports.model import AnnualReport, ReportFormat

from .report_text import report_text
from .sample_reports import modified, zhaoyuan_2022, zhaoyuan_2023

NARRATIVE = "2023年共收到政府信息公开申请205件，其中予以公开50件、部分公开86件。"


def clean_bytes(encoding: str = "utf-8") -> bytes:
    return report_text(zhaoyuan_2023(), narrative=NARRATIVE).encode(encoding)


def r1_failing_bytes() -> bytes:
    report = modified(zhaoyuan_2023())
    assert report.t3 is not None
    report.t3["carried_forward"] = [10, 1, 0, 0, 0, 0, 12]
    return report_text(report, narrative=NARRATIVE).encode()


def rules_of(report: AnnualReport, severity: Severity) -> list[tuple[str, str]]:
    return [(f.rule, f.where) for f in report.findings if f.severity is severity]


def test_a_clean_report_reads_back_and_passes() -> None:
    report = audit_file(clean_bytes(), "zhaoyuan-2023.txt")
    expected = zhaoyuan_2023()
    assert report.format is ReportFormat.F2021
    assert (report.agency, report.year) == ("招远市人民政府", 2023)
    assert report.t3 == expected.t3
    assert report.t4 == expected.t4
    assert report.errors == []
    assert report.warnings == []


def test_gbk_bytes_give_the_same_audit() -> None:
    utf8 = audit_file(clean_bytes(), "a.txt")
    gbk = audit_file(clean_bytes("gbk"), "a.txt")
    assert gbk.t3 == utf8.t3
    assert gbk.narrative == utf8.narrative
    assert gbk.errors == []


def test_html_tables_give_the_same_tables() -> None:
    rows = []
    for line in clean_bytes().decode().splitlines():
        if "|" in line:
            cells = [cell.strip() for cell in line.rstrip(" |").split("|")]
            rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        else:
            rows.append(f"</table><p>{escape(line)}</p><table>")
    html = f"<html><body><table>{''.join(rows)}</table></body></html>".replace("<table></table>", "")
    report = audit_file(html.encode(), "report.html")
    assert report.t3 == zhaoyuan_2023().t3
    assert report.errors == []


def test_a_report_failing_r1_has_the_error_at_the_total_cell() -> None:
    result = audit(r1_failing_bytes(), "bad.txt")
    assert ("R1", "t3.total.total") in rules_of(result.report, Severity.ERROR)
    assert ("R3", "t3.carried_forward.total") in rules_of(result.report, Severity.ERROR)
    assert result.score == 80


def test_a_narrative_disagreeing_with_the_tables_warns_r8() -> None:
    data = report_text(zhaoyuan_2023(), narrative="2023年共收到申请205件，其中予以公开48件。").encode()
    report = audit_file(data, "r8.txt")
    assert rules_of(report, Severity.WARNING) == [("R8", "narrative.disclosed")]


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"", "empty.txt"), (bytes(range(256)) * 40, "binary.bin"), (b"\x00\x01PK garbage", "broken.docx")],
)
def test_an_unreadable_file_gives_one_clear_error(data: bytes, name: str) -> None:
    result = audit(data, name)
    assert result.readable is False
    assert result.score == 0
    assert [(f.rule, f.severity) for f in result.report.findings] == [("P0", Severity.ERROR)]
    assert result.report.findings[0].message


def test_a_reader_crash_is_one_finding_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(doc: object) -> AnnualReport:
        raise IndexError("boom")

    monkeypatch.setattr(audit_module, "read_report", explode)
    result = audit(clean_bytes(), "a.txt")
    assert result.readable is False
    assert [f.rule for f in result.report.errors] == ["P0"]
    assert "IndexError" in result.report.errors[0].message


def test_a_batch_goes_on_after_an_unreadable_file_and_checks_consecutive_years() -> None:
    previous = zhaoyuan_2022()
    assert previous.t3 is not None
    previous.t3["carried_forward"] = [5, 0, 0, 0, 0, 0, 5]
    previous.t3["total"] = [201, 0, 0, 0, 0, 0, 201]
    previous.t3["other"] = [7, 0, 0, 0, 0, 0, 7]

    def missing() -> bytes:
        raise FileNotFoundError(2, "No such file or directory")

    audits = audit_batch(
        [
            ("empty.txt", lambda: b""),
            ("gone.txt", missing),
            ("2023.txt", clean_bytes),
            ("2022.txt", lambda: report_text(previous).encode()),
        ]
    )
    assert [a.readable for a in audits] == [False, False, True, True]
    assert [f.rule for f in audits[1].report.findings] == ["P0"]
    r5 = [f for f in audits[2].report.findings if f.rule == "R5"]
    assert [(f.where, f.severity) for f in r5] == [
        ("t3.carried_over.natural_person", Severity.WARNING),
        ("t3.carried_over.total", Severity.WARNING),
    ]
    assert not [f for f in audits[3].report.findings if f.rule == "R5"]


def test_a_batch_asks_for_last_years_report_when_it_is_not_in_the_batch() -> None:
    asked: list[tuple[str | None, int | None]] = []

    def previous_for(report: AnnualReport) -> AnnualReport | None:
        asked.append((report.agency, report.year))
        wrong = zhaoyuan_2022()
        assert wrong.t2 is not None
        wrong.t2["normative_documents"]["in_force"] = 30
        return wrong

    audits = audit_batch([("2023.txt", clean_bytes)], previous_for=previous_for)
    assert asked == [("招远市人民政府", 2023)]
    assert [f.where for f in audits[0].report.findings if f.rule == "R6"] == ["t2.normative_documents.in_force"]


def test_summary_csv_is_utf8_with_bom_one_row_per_file() -> None:
    audits = audit_batch([("good.txt", clean_bytes), ("bad.txt", r1_failing_bytes), ("empty.txt", lambda: b"")])
    data = summary_csv(audits)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["文件", "机关", "年度", "格式", "读出的表格", "错误", "警告", "提示", "得分", "首个错误"]
    assert rows[1][:9] == ["good.txt", "招远市人民政府", "2023", "2021", "表二、表三、表四", "0", "0", "0", "100"]
    assert rows[2][0] == "bad.txt"
    assert rows[2][5] == "2"
    assert rows[2][9].startswith("表三")
    assert rows[3][:6] == ["empty.txt", "", "", "unreadable", "无", "1"]


def test_the_audit_page_marks_each_finding_at_its_cell_and_in_the_text() -> None:
    data = report_text(modified_with_r1(), narrative="2023年共收到申请205件，其中予以公开48件。").encode()
    result = audit(data, "page.txt")
    page = audit_page(result)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-Hans">' in page
    errors = [i for i, f in enumerate(result.report.findings) if f.rule == "R1"]
    cell = f'id="gk-t3-total-total" aria-describedby="f{errors[0] + 1}'
    assert 'class="gk-num gk-hit-error"' in page
    assert cell in page
    assert "得分 <strong>77</strong>" in page
    # the R8 warning appears under the sentence that states the number
    r8 = next(i for i, f in enumerate(result.report.findings) if f.rule == "R8")
    line = next(n for n, text in result.source_lines if "予以公开48件" in text)
    assert f'id="line-{line}"' in page
    assert f'<a href="#line-{line}">正文 · 予以公开（原文第{line}行）</a>' in page
    assert f'<a href="#f{r8 + 1}">' in page


def modified_with_r1() -> AnnualReport:
    report = modified(zhaoyuan_2023())
    assert report.t3 is not None
    report.t3["carried_forward"] = [10, 1, 0, 0, 0, 0, 12]
    return report


def test_the_audit_page_escapes_what_the_document_says() -> None:
    report = AnnualReport(format=ReportFormat.F2021, agency="<script>alert(1)</script>", year=2023)
    report.findings.append(Finding("P1", Severity.ERROR, "t3", "未找到表三 <b>"))
    item = Audit(name="x<y>.txt", report=report, source_lines=[(1, "<img src=x onerror=alert(1)>")])
    page = audit_page(item) + audit_fragment(item, heading_level=2, prefix="p-") + index_page([item], ["x.html"])
    assert "<script>" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "未找到表三 &lt;b&gt;" in page
    assert '<h2 id="p-gk-title">' in page


def test_the_audit_page_data_marks_cells_and_places_narrative_findings_on_their_line() -> None:
    data = report_text(modified_with_r1(), narrative="2023年共收到申请205件，其中予以公开48件。").encode()
    result = audit(data, "page.txt")
    page = audit_page_data(result, prefix="p-")
    t3 = page.tables[1]
    assert [table.key for table in page.tables] == ["t2", "t3", "t4"]
    assert t3.columns[-1] == "总计"
    assert t3.rows is not None
    total = next(row for row in t3.rows if row.header.id == "p-gk-t3-total")
    cell = total.cells[-1]
    assert (cell.id, cell.text, cell.hit, cell.css_class) == (
        "p-gk-t3-total-total",
        "200",
        Severity.ERROR,
        "gk-num gk-hit-error",
    )
    assert {mark.rule for mark in cell.marks} == {"R1"}
    r8 = next(entry for entry in page.findings if entry.rule == "R8")
    line = next(n for n, text in result.source_lines if "予以公开48件" in text)
    assert (r8.href, r8.line, r8.place) == (f"#p-line-{line}", line, "正文 · 予以公开")
    shown = next(source for source in page.source if source.number == line)
    assert [note.ref for note in shown.notes] == [r8.id]
    assert (page.score, page.errors) == (result.score, len(result.errors))


def test_a_table_not_read_has_no_rows_and_the_page_says_so() -> None:
    report = AnnualReport(format=ReportFormat.F2021, agency="某县人民政府", year=2023)
    page = audit_page_data(Audit(name="a.txt", report=report))
    assert [table.rows for table in page.tables] == [None, None, None]
    assert "表三(收到和处理政府信息公开申请情况)：未读出（报告中缺失或无法识别）。" in audit_page(
        Audit(name="a.txt", report=report)
    )


def test_the_page_words_come_through_gettext() -> None:
    """The page's own words are translated (English msgids); the report's words are the report's."""
    item = audit(r1_failing_bytes(), "r1.txt")
    with translation.override("en"):
        english = audit_page(item)
    with translation.override("zh-hans"):
        chinese = audit_page(item)
    assert "Findings</h2>" in english
    assert "Score <strong>" in english
    assert '<span class="gk-badge gk-badge-error">error</span>' in english
    assert "发现的问题</h2>" in chinese
    assert '<span class="gk-badge gk-badge-error">错误</span>' in chinese
    assert "表三(收到和处理政府信息公开申请情况)" in english  # the report's vocabulary stays as published
