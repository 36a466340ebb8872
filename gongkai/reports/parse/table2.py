"""Table 二 (主动公开政府信息情况), block by block: 第二十条第(一)(五)(六)(八)(九)项.

Each block has a heading row ("第二十条第(一)项"), a column header row ("信息内容 | 本年制发件数 | …")
and its item rows. The header words say which template the block follows — 2021 (制发/废止/现行有效;
本年处理决定数量; 本年收费金额) or 2019 (新制作/新公开/对外公开总数量; 上一年项目数量/本年增/减;
采购) — and the block's keys are that template's (report-json.md: a mixed report uses, per block, the
keys it actually shows). Item rows are found by label, or by their place in the block if unlabelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import T2, T2_KEYS_2019, T2_KEYS_2021, AnnualReport, Number, ReportFormat
from ..wording import T2_BLOCK_LABELS, T2_KEY_LABELS, TABLE_LABELS
from . import problems
from .cells import CellKind, Row, fit, key, kind, number, where_line

ITEM_ORDER: tuple[str, ...] = (
    "rules",
    "normative_documents",
    "licensing",
    "other_services",
    "penalty",
    "compulsory",
    "fees",
    "procurement",
)
BLOCK_ITEMS: dict[str, tuple[str, ...]] = {
    "一": ("rules", "normative_documents"),
    "五": ("licensing", "other_services"),
    "六": ("penalty", "compulsory"),
    "八": ("fees",),
    "九": ("procurement",),
}
_BLOCK_OF_ITEM = {item: block for block, items in BLOCK_ITEMS.items() for item in items}
_BLOCK_HEADING = re.compile(r"第二十条第([一二三四五六七八九十]+)项")
_ITEM_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("normative_documents", re.compile(r"规范性文件")),
    ("rules", re.compile(r"规章")),
    ("licensing", re.compile(r"行政许可")),
    ("other_services", re.compile(r"对外管理服务")),
    ("penalty", re.compile(r"行政处罚")),
    ("compulsory", re.compile(r"行政强制")),
    ("fees", re.compile(r"收费")),
    ("procurement", re.compile(r"采购")),
)
# Header words → (column key, template that uses the word; None = both).
_COLUMN_WORDS: tuple[tuple[re.Pattern[str], str, ReportFormat | None], ...] = (
    (re.compile(r"制发"), "issued", ReportFormat.F2021),
    (re.compile(r"废止"), "repealed", ReportFormat.F2021),
    (re.compile(r"现行有效"), "in_force", ReportFormat.F2021),
    (re.compile(r"收费金额"), "amount_10k_yuan", ReportFormat.F2021),
    (re.compile(r"新制作"), "made", ReportFormat.F2019),
    (re.compile(r"新公开"), "published", ReportFormat.F2019),
    (re.compile(r"对外公开总"), "total_published", ReportFormat.F2019),
    (re.compile(r"上一?年"), "last_year", ReportFormat.F2019),
    (re.compile(r"增.?减|增减"), "change", ReportFormat.F2019),
    (re.compile(r"采购项目"), "projects", ReportFormat.F2019),
    (re.compile(r"采购总?金额|总金额"), "amount", ReportFormat.F2019),
    (re.compile(r"处理决定"), "decisions", None),
)
_MONEY = frozenset({"amount_10k_yuan", "amount"})


def keys_for(item: str, template: ReportFormat) -> tuple[str, ...]:
    keys = T2_KEYS_2019 if template is ReportFormat.F2019 else T2_KEYS_2021
    return keys.get(item, T2_KEYS_2019.get(item, ()))


@dataclass
class _Block:
    number: str | None
    columns: list[str] = field(default_factory=list)
    template: ReportFormat | None = None
    items: list[str] = field(default_factory=list)  # items read, in order
    header: list[str] = field(default_factory=list)  # header cells so far (a header broken over rows)


@dataclass
class Table2:
    table: T2
    templates: dict[str, ReportFormat]  # block ("一", "五", …) → the template its header shows

    def template(self) -> ReportFormat | None:
        """The template most blocks show (2021 on a tie), or None for an empty table."""
        votes = list(self.templates.values())
        if not votes:
            return None
        return max((ReportFormat.F2021, ReportFormat.F2019), key=votes.count)


def _columns(cells: list[str]) -> tuple[list[str], ReportFormat | None]:
    """The columns a header row names, in order (a cell may hold several: a header spread over
    lines is joined into one), and the template its words belong to."""
    columns, template = _columns_of(tuple(cells))
    return list(columns), template


@lru_cache(maxsize=1024)
def _columns_of(cells: tuple[str, ...]) -> tuple[tuple[str, ...], ReportFormat | None]:
    columns: list[str] = []
    template: ReportFormat | None = None
    for cell in cells:
        text = key(cell).replace("信息内容", "")
        found: list[tuple[int, str, ReportFormat | None]] = []
        taken: list[tuple[int, int]] = []
        for words, column, used_by in _COLUMN_WORDS:
            for match in words.finditer(text):
                span = match.span()
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                found.append((span[0], column, used_by))
        for _start, column, used_by in sorted(found):
            columns.append(column)
            template = used_by or template
    if template is None and columns:
        template = ReportFormat.F2021
    return tuple(columns), template


def is_label(text: str) -> bool:
    """A cell that starts a row of table 二 in a flattened stream: a block heading or an item's name."""
    text = key(text)
    if _BLOCK_HEADING.search(text):
        return True
    return _item([text]) is not None and not any(words.search(text) for words, _c, _t in _COLUMN_WORDS)


def width(cells: list[str], rows: list[Row]) -> int | None:
    """How many values the row starting with ``cells`` takes: the columns of its block's header."""
    item = _item(cells[:1])
    if item is None:
        return None
    for row in reversed(rows):
        if _BLOCK_HEADING.search(row.text_key):
            break
        if not row.has_number:
            columns, _template = _columns(list(row.cells))
            if columns:
                return len(columns)
    widths = {len(keys_for(item, template)) for template in (ReportFormat.F2021, ReportFormat.F2019)}
    return widths.pop() if len(widths) == 1 else None


def _item(labels: list[str]) -> str | None:
    for cell in reversed(labels):
        text = key(cell)
        for item, words in _ITEM_WORDS:
            if words.search(text):
                return item
    return None


def read_table2(rows: list[Row], report: AnnualReport, default: ReportFormat) -> Table2 | None:
    """Table 二 from section 二's rows, with P2–P4 findings; None if absent (P1)."""
    if not rows:
        problems.add(report, problems.TABLE_MISSING, "t2", f"未找到{TABLE_LABELS['t2']}")
        return None
    result = Table2({}, {})
    block = _Block(None)
    for row in rows:
        heading = _BLOCK_HEADING.search(row.text_key)
        if heading and not row.has_number:
            block = _Block(heading.group(1))
            # a flattened header may follow the heading in the same cell: "第二十条第(一)项信息内容本年制发件数…"
            block.header = [row.text_key[heading.end() :]]
            block.columns, block.template = _columns(block.header)
            if not block.columns:
                block.template = None
            continue
        labels, values = row.split()
        if not row.has_number:
            columns, template = _columns(list(row.cells))
            if columns:
                # a header broken over several rows ("信息内容 | 上一年项目数量", "| 本年增/减", …) is one header
                block.header = [*block.header, *row.cells] if not block.items else list(row.cells)
                block.columns, block.template = _columns(block.header)
                continue
            if _item(labels) is None:
                continue  # a title or an empty row; an item row with every cell blank goes on
        item = _item(labels)
        inferred = item is None
        if item is None:
            expected = BLOCK_ITEMS.get(block.number or "", ())
            item = next((i for i in expected if i not in block.items and i not in result.table), None)
        if item is None or item in result.table:
            problems.add(
                report, problems.LABEL_INFERRED, "t2", f"表二有一行{where_line(row)}无法对应到任何项目，未读取"
            )
            continue
        template = block.template or _template_by_width(item, len(values), default)
        columns = block.columns if block.template else list(keys_for(item, template))
        official = list(keys_for(item, template))
        width = len([v for v in values if v.strip()]) or len(values)
        if block.template and len(columns) < len(official) and width == len(official):
            # the header lost some of its words ("本年新 | 本年新 | 对外公开总数量"): the official columns, by position
            columns = official
            problems.add(
                report,
                problems.LABEL_INFERRED,
                f"t2.{item}",
                f"表二“{T2_BLOCK_LABELS[item]}”行{where_line(row)}的表头不完整，按官方栏目顺序逐列读取",
            )
        if inferred:
            problems.add(
                report,
                problems.LABEL_INFERRED,
                f"t2.{item}",
                f"表二有一行{where_line(row)}没有项目名称，按表中位置推定为“{T2_BLOCK_LABELS[item]}”",
            )
        block.items.append(item)
        result.templates.setdefault(_BLOCK_OF_ITEM[item], template)
        result.table[item] = _values(item, columns, values, row, report)
    return result


def _template_by_width(item: str, width: int, default: ReportFormat) -> ReportFormat:
    if width == len(keys_for(item, default)):
        return default
    for template in (ReportFormat.F2021, ReportFormat.F2019):
        if width == len(keys_for(item, template)):
            return template
    return default


def _values(item: str, columns: list[str], cells: list[str], row: Row, report: AnnualReport) -> dict[str, Number]:
    fitted, absent = fit(cells, len(columns))
    values: dict[str, Number] = {}
    for column, cell in zip(columns, [*fitted, *[""] * absent], strict=True):
        value = number(cell, money=column in _MONEY) if kind(cell) is CellKind.NUMBER else None
        if value is None:
            problems.add(
                report,
                problems.BLANK_CELL,
                f"t2.{item}.{column}",
                f"表二“{T2_BLOCK_LABELS[item]}”行“{T2_KEY_LABELS.get(column, column)}”{where_line(row)}"
                "为空或不是数字，按空值读取",
            )
        values[column] = value
    return values


def complete_table2(result: Table2, report: AnnualReport, template: ReportFormat) -> None:
    """Fill the items the table does not reach with None (P2), block by block.

    A block read keeps the template it showed; a block not read is expected in the report's
    ``template`` (so a 2021 report is not asked for 2019's 第二十条第(九)项).
    """
    missing: list[str] = []
    for block, items in BLOCK_ITEMS.items():
        block_template = result.templates.get(block, template)
        expected = T2_KEYS_2019 if block_template is ReportFormat.F2019 else T2_KEYS_2021
        for item in items:
            if item in expected and item not in result.table:
                result.table[item] = dict.fromkeys(keys_for(item, block_template))
                missing.append(item)
    if missing:
        names = "、".join(T2_BLOCK_LABELS[item] for item in missing)
        where = "t2" if len(missing) == len(result.table) else f"t2.{missing[0]}"
        problems.add(report, problems.TABLE_CUT_OFF, where, f"表二缺少{names}的数据，按空值读取")
    ordered = {item: result.table[item] for item in ITEM_ORDER if item in result.table}
    result.table.clear()
    result.table.update(ordered)
