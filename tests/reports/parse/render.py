"""A test-only renderer: an AnnualReport's tables as pipe-flattened text, laid out like the seeds.

Not the product renderer (that belongs to the report-building work); just enough to write
fixtures from data and to check that reading a rendered report gives its tables back.
``drop`` names table 三 rows whose own label is left out (the group label stays, as in seed 001).
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from gongkai.law.outcomes import T3_RESULTS_HEADING, T3_ROW_LABELS
from gongkai.reports.model import T4_GROUPS, T4_KEYS, AnnualReport, Number, ReportFormat

GROUP_FIRST = {
    "withheld_state_secret": "(三)不予公开",
    "unavailable_not_held": "(四)无法提供",
    "not_processed_petition": "(五)不予处理",
    "other_no_correction": "(六)其他处理",
}
T2_HEADERS_2021 = {
    "一": (("rules", "normative_documents"), ("本年制发件数", "本年废止件数", "现行有效件数")),
    "五": (("licensing",), ("本年处理决定数量",)),
    "六": (("penalty", "compulsory"), ("本年处理决定数量",)),
    "八": (("fees",), ("本年收费金额(单位:万元)",)),
}
T2_HEADERS_2019 = {
    "一": (("rules", "normative_documents"), ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    "五": (("licensing", "other_services"), ("上一年项目数量", "本年增/减", "处理决定数量")),
    "六": (("penalty", "compulsory"), ("上一年项目数量", "本年增/减", "处理决定数量")),
    "八": (("fees",), ("上一年项目数量", "本年增/减")),
    "九": (("procurement",), ("采购项目数量", "采购总金额")),
}
ITEM_LABELS = {
    "rules": "规章",
    "normative_documents": "行政规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "compulsory": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}


def cell(value: Number) -> str:
    if value is None:
        return ""
    return str(value) if not isinstance(value, Decimal) else format(value, "f")


def row(*cells: str) -> str:
    return " | ".join(cells) + " |"


def t2_lines(report: AnnualReport, templates: dict[str, ReportFormat] | None = None) -> list[str]:
    """Table 二, each block in the template ``templates[block]`` (default: the report's)."""
    assert report.t2 is not None
    lines: list[str] = []
    for block in ("一", "五", "六", "八", "九"):
        template = (templates or {}).get(block, report.format)
        headers = T2_HEADERS_2019 if template is ReportFormat.F2019 else T2_HEADERS_2021
        if block not in headers:
            continue
        items, columns = headers[block]
        items = tuple(item for item in items if item in report.t2)
        if not items:
            continue
        lines.append(row(f"第二十条第({block})项", "", "", ""))
        lines.append(row("信息内容", *columns))
        lines.extend(row(ITEM_LABELS[item], *(cell(v) for v in report.t2[item].values())) for item in items)
    return lines


def t3_lines(report: AnnualReport, drop: Collection[str] = ()) -> list[str]:
    assert report.t3 is not None
    lines = [
        row("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "", "", "", "", "", ""),
        row("自然人", "法人或其他组织", "总计", "", "", "", "", ""),
        row("商业企业", "科研机构", "社会 公益 组织", "法律 服务 机构", "其他", "", "", ""),
    ]
    for code, values in report.t3.items():
        labels = [T3_ROW_LABELS[code]]
        if code == "disclosed":
            labels.insert(0, T3_RESULTS_HEADING)
        if code in GROUP_FIRST:
            labels.insert(0, GROUP_FIRST[code])
        if code == "other" and report.format is ReportFormat.F2019:
            labels = ["(六)其他处理"]
        if code in drop:
            labels = labels[:-1]
        lines.append(row(*labels, *(cell(v) for v in values)))
    return lines


def t4_lines(report: AnnualReport) -> list[str]:
    assert report.t4 is not None
    names = ("结果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总 计")
    return [
        row("行政复议", "行政诉讼", *[""] * 13),
        row(*names, "未经复议直接起诉", "复议后起诉", *[""] * 8),
        row(*names, *names, *[""] * 5),
        row(*(cell(report.t4[group][key]) for group in T4_GROUPS for key in T4_KEYS)),
    ]


def render(
    report: AnnualReport,
    *,
    drop: Collection[str] = (),
    t2_templates: dict[str, ReportFormat] | None = None,
    narrative: str = "本年度政府信息公开工作有序开展。",
) -> str:
    """The whole report as text: title, preamble, six sections, tables where the model has them."""
    lines = [
        f"{report.agency}{report.year}年政府信息公开工作年度报告",
        f"本报告所列数据统计期限从{report.year}年1月1日到12月31日止。",
        "一、总体情况",
        narrative,
        "二、主动公开政府信息情况",
        *(t2_lines(report, t2_templates) if report.t2 is not None else []),
        "三、收到和处理政府信息公开申请情况",
        *(t3_lines(report, drop) if report.t3 is not None else []),
        "四、政府信息公开行政复议、行政诉讼情况",
        *(t4_lines(report) if report.t4 is not None else []),
        "五、存在的主要问题及改进情况",
        "一是公开质量有待提高。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
    return "\n".join(lines) + "\n"


def read_text(text: str, name: str = "report.txt") -> AnnualReport:
    """Text through the real loader (repair included) and the reader."""
    from gongkai.files import load_source
    from gongkai.reports.parse import read_report

    return read_report(load_source(text.encode("utf-8"), name))
