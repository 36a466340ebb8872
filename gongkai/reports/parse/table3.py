"""Table 三 (收到和处理政府信息公开申请情况): 25 rows (2021) or 23 rows (2019) × 7 columns.

Rows are found by label where there is one, by their place in the official order where there is
none (seeds 001 and 003 lose the labels of several rows; the group label alone, e.g. "(五)不予处理",
marks the group's first row). Columns are taken by position: after a row's label cells, its value
cells in the official column order. Never an invented zero: a blank cell is None (P4), a row the
table does not reach is None (P2), a row placed by position is reported (P3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.law.applicants import T3_COLUMN_LABELS
from gongkai.law.outcomes import OUTCOME_BY_CODE, T3_ROW_LABELS, OutcomeGroup

from ..model import T3, T3_COLUMN_KEYS, T3_ROW_KEYS, AnnualReport, Number, ReportFormat, t3_template_of_rows
from ..wording import TABLE_LABELS
from . import problems
from .cells import CellKind, Row, fit, key, kind, number, where_line

WIDTH = len(T3_COLUMN_KEYS)

# Specific row wordings, most specific first; matched against a label's key (no spaces/punctuation).
_ROW_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(words))
    for code, words in (
        ("new_received", r"新收"),
        ("carried_over", r"上年(度)?结转"),
        ("carried_forward", r"结转下(一)?年|继续办理"),
        ("total", r"总计|合计"),
        ("partially_disclosed", r"部分公开"),
        ("disclosed", r"予以公开"),
        ("withheld_state_secret", r"国家秘密"),
        ("withheld_prohibited_by_law", r"禁止公开"),
        ("withheld_security_stability", r"三安全一稳定|危及"),
        ("withheld_third_party", r"第三方"),
        ("withheld_internal_affairs", r"内部事务|内容事务|三类内部"),
        ("withheld_process_info", r"过程性"),
        ("withheld_enforcement_file", r"执法案卷"),
        ("withheld_admin_query", r"行政查询|查询事项"),
        ("unavailable_not_held", r"不掌握"),
        ("unavailable_needs_creation", r"另行制作|现成信息"),
        ("unavailable_unclear", r"仍不明确|补正后"),
        ("other_no_correction", r"不补正"),
        ("other_fee_unpaid", r"收费通知|缴纳费用"),
        ("not_processed_petition", r"信访|举报|投诉"),
        ("not_processed_repeat", r"重复申请"),
        ("not_processed_publication", r"出版物"),
        ("not_processed_excessive", r"大量反复"),
        ("not_processed_confirmation", r"重新出具|确认"),
        ("other", r"^\d*其他$"),
    )
)
_GROUP_WORDS: tuple[tuple[OutcomeGroup, re.Pattern[str]], ...] = (
    (OutcomeGroup.WITHHELD, re.compile(r"不予公开")),
    (OutcomeGroup.UNAVAILABLE, re.compile(r"无法提供")),
    (OutcomeGroup.NOT_PROCESSED, re.compile(r"不予处理")),
    (OutcomeGroup.OTHER, re.compile(r"其他处理")),
)
_HEADER_WORDS = re.compile(r"自然人|申请人情况|勾稽|法人或其他组织|商业企业|科研机构|公益组织|法律服务")


@dataclass(frozen=True)
class _Label:
    code: str | None  # the row the label names
    group: OutcomeGroup | None  # the group a group-only label names


def _label(labels: list[str]) -> _Label:
    group: OutcomeGroup | None = None
    for cell in reversed(labels):
        text = key(cell)
        for code, words in _ROW_WORDS:
            if words.search(text):
                return _Label(code, None)
        for candidate, words in _GROUP_WORDS:
            if group is None and words.search(text):
                group = candidate
    return _Label(None, group)


class StreamLabels:
    """Which cells start a row of table 三 in a flattened stream. Until the first row's label the
    cells are the header (自然人 … 其他, 总计: column names, not the rows (七)总计 and 3.其他)."""

    def __init__(self) -> None:
        self.started = False

    def __call__(self, text: str) -> bool:
        label = _label([text])
        if label.code is None and label.group is None:
            return bool(_RESULTS.search(key(text))) and self.started
        if not self.started:
            if label.code in {"total", "other"} or _HEADER_WORDS.search(key(text)):
                return False
            self.started = True
        return True


_RESULTS = re.compile(r"本年度?办理结果")


def width(cells: list[str], rows: list[Row]) -> int | None:
    return WIDTH


def _group_of(code: str) -> OutcomeGroup | None:
    outcome = OUTCOME_BY_CODE.get(code)
    return outcome.group if outcome is not None else None


def _data_rows(rows: list[Row]) -> list[tuple[Row, list[str], _Label]]:
    found = []
    seen_numbers = False
    for row in rows:
        labels, values = row.split()
        seen_numbers = seen_numbers or row.has_number
        if not seen_numbers and _label(labels).code in {"total", "other"}:
            continue  # the header's 总计 and 其他 columns, in rows of their own
        if not row.has_number and (_HEADER_WORDS.search(row.text_key) or not labels):
            continue
        label = _label(labels)
        if not row.has_number and label.code is None and (label.group is None or len(row.cells) <= len(labels)):
            continue  # a heading such as "三、本年度办理结果" on a line of its own; a blank row goes on
        found.append((row, values, label))
    return found


def template_of(data: list[tuple[Row, list[str], _Label]], default: ReportFormat) -> ReportFormat:
    codes = [label.code for _, _, label in data]
    if t3_template_of_rows(c for c in codes if c) is ReportFormat.F2021:
        return ReportFormat.F2021
    for (_, _, label), next_code in zip(data, [*codes[1:], None], strict=False):
        if label.code is None and label.group is OutcomeGroup.OTHER and next_code == "total":
            return ReportFormat.F2019
    if len(data) == len(T3_ROW_KEYS[ReportFormat.F2021]):
        return ReportFormat.F2021
    if len(data) == len(T3_ROW_KEYS[ReportFormat.F2019]):
        return ReportFormat.F2019
    return default if default in T3_ROW_KEYS else ReportFormat.F2021


def read_table3(rows: list[Row], report: AnnualReport, default: ReportFormat) -> tuple[T3 | None, ReportFormat | None]:
    """Table 三 from its rows (section 三's table rows), with P2–P4 findings; None if absent (P1)."""
    if not rows:
        problems.add(report, problems.TABLE_MISSING, "t3", f"未找到{TABLE_LABELS['t3']}")
        return None, None
    data = _data_rows(rows)
    template = template_of(data, default)
    order = T3_ROW_KEYS[template]
    position = {code: i for i, code in enumerate(order)}
    table: dict[str, list[Number]] = {}
    reached = -1
    for row, values, label in data:
        inferred = label.code is None
        if label.code == "other" or (
            label.code is None and label.group is OutcomeGroup.OTHER and template is ReportFormat.F2019
        ):
            index: int | None = position["other"]
            inferred = False
        elif label.code is not None:
            index = position.get(label.code)
        elif label.group is not None:
            index = next((i for i in range(reached + 1, len(order)) if _group_of(order[i]) is label.group), None)
        else:
            index = reached + 1 if reached + 1 < len(order) else None
        if index is None or index <= reached:
            problems.add(
                report, problems.LABEL_INFERRED, "t3", f"表三多出一行{where_line(row)}，无法对应官方行次，未读取"
            )
            continue
        code = order[index]
        if index > reached + 1:
            _missing(report, order[reached + 1 : index], cut_off=False)
        if inferred:
            problems.add(
                report,
                problems.LABEL_INFERRED,
                f"t3.{code}",
                f"表三第{index + 1}行{where_line(row)}没有行标签，按官方行序推定为“{T3_ROW_LABELS[code]}”",
            )
        table[code] = _values(values, code, row, report)
        reached = index
    if not data:
        problems.add(report, problems.TABLE_CUT_OFF, "t3", "表三只有表头，没有数据行")
    elif reached + 1 < len(order):
        _missing(report, order[reached + 1 :], cut_off=True)
    return {code: table.get(code, [None] * WIDTH) for code in order}, template


def _values(cells: list[str], code: str, row: Row, report: AnnualReport) -> list[Number]:
    fitted, absent = fit(cells, WIDTH)
    values: list[Number] = []
    for column, cell in zip(T3_COLUMN_KEYS, [*fitted, *[""] * absent], strict=True):
        value = number(cell) if kind(cell) is CellKind.NUMBER else None
        if value is None:
            problems.add(
                report,
                problems.BLANK_CELL,
                f"t3.{code}.{column}",
                f"表三“{T3_ROW_LABELS[code]}”行“{T3_COLUMN_LABELS[column]}”列{where_line(row)}为空或不是数字"
                + (f"(“{cell}”)" if cell.strip() else "")
                + "，按空值读取",
            )
        values.append(value)
    return values


def _missing(report: AnnualReport, codes: tuple[str, ...], *, cut_off: bool) -> None:
    labels = "、".join(f"“{T3_ROW_LABELS[c]}”" for c in codes[:3]) + ("等" if len(codes) > 3 else "")
    if cut_off:
        message = f"表三在“{T3_ROW_LABELS[codes[0]]}”之前中断，缺少{len(codes)}行({labels})，按空值读取"
    else:
        message = f"表三缺少{len(codes)}行({labels})，按空值读取"
    problems.add(report, problems.TABLE_CUT_OFF, f"t3.{codes[0]}", message)
