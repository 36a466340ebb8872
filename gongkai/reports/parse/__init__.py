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

import re

from gongkai.files import Block, BlockKind, SourceDocument

from ..findings import findings_of
from ..model import AnnualReport, ReportFormat
from ..wording import TABLE_LABELS
from . import problems
from .cells import Row, key
from .meta import Meta, read_meta
from .narrative import read_narrative
from .sections import Layout, heading_number, split_sections
from .stream import Rows, regroup
from .table2 import BLOCK_ITEMS, complete_table2, read_table2
from .table2 import is_label as t2_label
from .table2 import width as t2_width
from .table3 import StreamLabels, read_table3
from .table3 import width as t3_width
from .table4 import read_table4

__all__ = ["read_report"]

_TABLE_SECTIONS = {"t2": "2", "t3": "3", "t4": "4"}
# Where each table starts: a short block (or a table row) holding one of these words.
_TABLE_STARTS: dict[str, re.Pattern[str]] = {
    "t2": re.compile(r"第二十条|信息内容|制发件数|新制作数量"),
    "t3": re.compile(r"申请人情况|自然人|本年新收|新收政府信息公开申请"),
    "t4": re.compile(r"行政复议|复议后起诉|直接起诉"),
}
_SHORT = 45
# Section titles of the 2019 and 2021 formats (pre-2019 reports said 概述, 主动公开政府信息的情况, …)
_NATIONAL_TITLES = re.compile(r"总体情况|收到和处理|主动公开政府信息情况|行政复议、行政诉讼")


def read_report(doc: SourceDocument) -> AnnualReport:
    """The report in ``doc`` as data, with the reading problems found (P-findings only)."""
    if not doc.readable:
        return AnnualReport(format=ReportFormat.NOT_A_REPORT, findings=findings_of(doc.problems))
    layout = split_sections(doc)
    meta = read_meta(doc.blocks, layout)
    report = AnnualReport(format=ReportFormat.NOT_A_REPORT, findings=findings_of(doc.problems))
    rows = _rows(layout, doc.blocks, report)
    # national tables with numbers make a report of a document whose title and opening were lost
    tables = any(row.has_number for table in ("t2", "t3") for row in rows[table])
    if not (meta.is_report or (tables and not meta.titled_otherwise)):
        report.findings = findings_of(doc.problems)
        problems.add(
            report, problems.NOT_NATIONAL_FORMAT, "format", "文档不是政府信息公开工作年度报告，未读取报告表格和数字"
        )
        return report
    report.agency, report.year = meta.agency, meta.year
    report.sections = {number: section.text for number, section in sorted(layout.sections.items())}
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


def _rows(layout: Layout, blocks: list[Block], report: AnnualReport) -> dict[str, list[Row]]:
    """Each table's rows, read from its stretch of the document whatever its layout (``stream``).

    A table's stretch starts at the first short block (or table) showing its start words — not
    before its section's title, where there is one, nor before the previous table's start — and
    ends where a later table starts or at the title of a later section.
    """
    starts: dict[str, int] = {}
    floor = 0
    for table, section_number in _TABLE_SECTIONS.items():
        section = layout.sections.get(section_number)
        begin = max(floor, _index_of(blocks, section.line) if section is not None else 0)
        found = next((i for i in range(begin, len(blocks)) if _starts(blocks[i], table)), None)
        if found is not None:
            starts[table] = found
            floor = found + 1
    result: dict[str, list[Row]] = {}
    for table in _TABLE_SECTIONS:
        if table not in starts:
            result[table] = []
            continue
        later = [i for t, i in starts.items() if i > starts[table]]
        end = min(later, default=len(blocks))
        number = int(_TABLE_SECTIONS[table])
        for i in range(starts[table] + 1, end):
            heading = heading_number(blocks[i].text, number) if blocks[i].kind is BlockKind.PARAGRAPH else None
            if heading is not None:
                end = i
                break
        stretch = blocks[starts[table] : end]
        if table == "t2":
            rows = regroup(stretch, t2_label, t2_width)
        elif table == "t3":
            rows = regroup(stretch, StreamLabels(), t3_width)
        else:
            rows = regroup(stretch, lambda _text: False, lambda _cells, _rows: None)
        _note_split_cells(report, table, rows)
        result[table] = rows.rows if any(row.has_number or len(row.cells) > 1 for row in rows.rows) else []
    return result


def _index_of(blocks: list[Block], line: int | None) -> int:
    if line is None:
        return 0
    return next((i for i, block in enumerate(blocks) if block.line is not None and block.line >= line), 0)


def _starts(block: Block, table: str) -> bool:
    if block.kind is BlockKind.TABLE:
        return bool(_TABLE_STARTS[table].search(key(block.as_text())))
    text = key(block.text)
    return len(text) <= _SHORT and bool(_TABLE_STARTS[table].search(text))


def _note_split_cells(report: AnnualReport, table: str, rows: Rows) -> None:
    for line, digits in rows.notes:
        where = f"(原文第{line}行)" if line is not None else ""
        problems.add(
            report,
            problems.LABEL_INFERRED,
            table,
            f"{TABLE_LABELS[table]}中“{digits}”{where}是连在一起的{len(digits)}个单元格，按位置逐位读取",
        )


def _pre_2019(meta: Meta, layout: Layout, rows: dict[str, list[Row]]) -> bool:
    """A report without national tables is pre-2019 by its reporting year; with no year, by the
    absence of both the 2019/2021 section list and a cited format notice."""
    if any(rows.values()):
        return False
    if meta.year is not None:
        return meta.year <= 2018
    return meta.referenced is None and not any(_NATIONAL_TITLES.search(s.title) for s in layout.sections.values())


def _default_template(meta: Meta) -> ReportFormat:
    """The template where the tables do not tell: by the reporting year (the 2019 format was used
    for 2019 and 2020, the 2021 format since), else by the format notice the report cites.

    The year outweighs the citation: many 2021–2023 reports still cite the 2019 notice."""
    if meta.year is not None:
        return ReportFormat.F2019 if meta.year <= 2020 else ReportFormat.F2021
    if meta.referenced is not None:
        return meta.referenced
    return ReportFormat.F2021


def _read_tables(report: AnnualReport, meta: Meta, rows: dict[str, list[Row]]) -> None:
    """The tables, and the template from every signal weighed: table 三's rows (the (六) sub-rows),
    then table 二's column headers block by block, then the reporting year, then the cited notice."""
    default = _default_template(meta)
    t2 = read_table2(rows["t2"], report, default)
    t2_template = t2.template() if t2 is not None else None
    report.t3, t3_template = read_table3(rows["t3"], report, t2_template or default)
    report.t4 = read_table4(rows["t4"], report)
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
