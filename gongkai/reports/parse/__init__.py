"""Reading a published annual report: a repaired SourceDocument → the AnnualReport model.

Public API: :func:`read_report` ``(doc: SourceDocument) -> AnnualReport``.

What the reader does, in order: copies the source's findings (P0 unreadable, P5 repairs); splits
the six sections (title variants accepted); finds agency and reporting year; decides whether the
document is a report at all (a work plan is "not-a-report") and which template it follows (2021,
2019, pre-2019 — from table 三's (六) rows and table 二's columns, block by block); reads tables
二, 三 and 四 (None with P1 when absent, P2 cut off, P3 row placed by position, P4 blank cell; never
an invented zero); and reads the numbers the narrative states. Checks R1–R8 are not run here
(``gongkai.reports.checks``). Pure Python, no Django.
"""

from __future__ import annotations

from gongkai.files import Block, BlockKind, SourceDocument

from ..findings import findings_of
from ..model import AnnualReport, ReportFormat
from . import problems
from .cells import Row
from .meta import Meta, read_meta
from .narrative import read_narrative
from .sections import Layout, Section, split_sections, table_rows
from .table2 import BLOCK_ITEMS, complete_table2, read_table2
from .table3 import read_table3
from .table4 import read_table4

__all__ = ["read_report"]

_TABLE_SECTIONS = {"t2": "2", "t3": "3", "t4": "4"}
_TABLE_SIGNS = {"t2": "第二十条", "t3": "自然人", "t4": "行政复议"}


def read_report(doc: SourceDocument) -> AnnualReport:
    """The report in ``doc`` as data, with the reading problems found (P-findings only)."""
    if not doc.readable:
        return AnnualReport(format=ReportFormat.NOT_A_REPORT, findings=findings_of(doc.problems))
    layout = split_sections(doc)
    meta = read_meta(doc.blocks, layout)
    report = AnnualReport(format=ReportFormat.NOT_A_REPORT, findings=findings_of(doc.problems))
    if not meta.is_report:
        problems.add(
            report, problems.NOT_NATIONAL_FORMAT, "format", "文档不是政府信息公开工作年度报告，未读取报告表格和数字"
        )
        return report
    report.agency, report.year = meta.agency, meta.year
    report.sections = {number: section.text for number, section in sorted(layout.sections.items())}
    rows = {table: _rows(table, layout, doc.blocks) for table in _TABLE_SECTIONS}
    if _pre_2019(meta, layout, rows):
        report.format = ReportFormat.PRE_2019
        problems.add(
            report,
            problems.NOT_NATIONAL_FORMAT,
            "format",
            "2019年以前的年度报告没有统一格式，表二、表三、表四不适用，只读取正文中的数字",
        )
    else:
        _read_tables(report, meta, rows)
    report.narrative = read_narrative(_narrative_text(doc.blocks))
    return report


def _rows(table: str, layout: Layout, blocks: list[Block]) -> list[Row]:
    """The table's rows: its section's table rows, or (section title lost) a table that looks like it."""
    section: Section | None = layout.sections.get(_TABLE_SECTIONS[table])
    if section is not None:
        return section.rows
    for block in blocks:
        if block.kind is BlockKind.TABLE:
            text = block.as_text()
            if _TABLE_SIGNS[table] in text and _owned_by(table, text):
                return table_rows([block])
    return []


def _owned_by(table: str, text: str) -> bool:
    """A table block holding several tables' signs belongs to the first matching table only."""
    if table == "t4":
        return "自然人" not in text and "第二十条" not in text
    if table == "t3":
        return "第二十条" not in text
    return True


def _pre_2019(meta: Meta, layout: Layout, rows: dict[str, list[Row]]) -> bool:
    if any(rows.values()):
        return False
    if meta.year is not None and meta.year <= 2018:
        return True
    return len(layout.sections) < 3 and meta.referenced is None


def _default_template(meta: Meta) -> ReportFormat:
    if meta.referenced is not None:
        return meta.referenced
    if meta.year is not None and meta.year <= 2020:
        return ReportFormat.F2019
    return ReportFormat.F2021


def _read_tables(report: AnnualReport, meta: Meta, rows: dict[str, list[Row]]) -> None:
    default = _default_template(meta)
    t2 = read_table2(rows["t2"], report, default)
    report.t3, t3_template = read_table3(rows["t3"], report, default)
    report.t4 = read_table4(rows["t4"], report)
    t2_template = t2.template() if t2 is not None else None
    report.format = t3_template or t2_template or default
    if t2 is None:
        return
    complete_table2(t2, report, report.format)
    report.t2 = t2.table
    for block, template in t2.templates.items():
        if template is not report.format:
            problems.add(
                report,
                problems.MIXED_TEMPLATE,
                f"t2.{BLOCK_ITEMS[block][0]}",
                f"表二第二十条第({block})项采用{template.value}年格式的栏目，与报告其余部分({report.format.value}年格式)不同",
            )


def _narrative_text(blocks: list[Block]) -> str:
    return "\n".join(block.text for block in blocks if block.kind is BlockKind.PARAGRAPH)
