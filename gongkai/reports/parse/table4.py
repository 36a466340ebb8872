"""Table 四 (行政复议、行政诉讼): three groups of five numbers, usually one row of fifteen.

Values are taken by position in the official order (复议; 诉讼 未经复议直接起诉; 复议后起诉), so a
table whose 复议后起诉 heading was lost (seed 003) still gives its fifteen numbers. Rows labelled by
group (a table laid out one group per row) are placed by their label.
"""

from __future__ import annotations

import re

from ..model import T4, T4_GROUPS, T4_KEYS, AnnualReport, Number
from ..wording import T4_GROUP_LABELS, T4_KEY_LABELS, TABLE_LABELS
from . import problems
from .cells import CellKind, Row, fit, key, kind, number, where_line

_GROUP_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("litigation_after_reconsideration", re.compile(r"复议后起诉")),
    ("litigation_direct", re.compile(r"直接起诉")),
    ("reconsideration", re.compile(r"^行政复议$|^复议$")),
)
WIDTH = len(T4_KEYS)


def _group_of(labels: list[str]) -> str | None:
    for cell in reversed(labels):
        text = key(cell)
        for group, words in _GROUP_LABELS:
            if words.search(text):
                return group
    return None


def _order(header: str) -> tuple[str, ...]:
    direct, after = header.find("直接起诉"), header.find("复议后起诉")
    if 0 <= after < direct:
        return ("reconsideration", "litigation_after_reconsideration", "litigation_direct")
    return T4_GROUPS


def read_table4(rows: list[Row], report: AnnualReport) -> T4 | None:
    """Table 四 from section 四's rows, with P2/P4 findings; None if absent (P1)."""
    if not rows:
        problems.add(report, problems.TABLE_MISSING, "t4", f"未找到{TABLE_LABELS['t4']}")
        return None
    cells = _cells(rows)
    table: T4 = {}
    absent: list[str] = []
    for group in T4_GROUPS:
        found = cells.get(group, [])
        group_values: dict[str, Number] = {}
        for position, name in enumerate(T4_KEYS):
            if position >= len(found):
                group_values[name] = None
                absent.append(f"{group}.{name}")
                continue
            cell, row = found[position]
            value = number(cell) if kind(cell) is CellKind.NUMBER else None
            if value is None:
                problems.add(
                    report,
                    problems.BLANK_CELL,
                    f"t4.{group}.{name}",
                    f"表四“{T4_GROUP_LABELS[group]}·{T4_KEY_LABELS[name]}”{where_line(row)}为空或不是数字，按空值读取",
                )
            group_values[name] = value
        table[group] = group_values
    if absent:
        problems.add(
            report,
            problems.TABLE_CUT_OFF,
            f"t4.{absent[0]}",
            f"表四只读到{3 * WIDTH - len(absent)}个数字(应为15个)，其余{len(absent)}项按空值读取",
        )
    return table


def _cells(rows: list[Row]) -> dict[str, list[tuple[str, Row]]]:
    """Each group's five cells (with their row), by group label or else by position."""
    header = "".join(row.text_key for row in rows if not row.has_number)
    data = [row for row in rows if row.has_number]
    cells: dict[str, list[tuple[str, Row]]] = {}
    labelled = [(row, *row.split()) for row in data]
    if labelled and all(_group_of(labels) for _, labels, _ in labelled):
        for row, labels, values in labelled:
            group = _group_of(labels)
            assert group is not None
            fitted, _absent = fit(values, WIDTH)
            cells[group] = [(value, row) for value in fitted]
    else:
        if len(labelled) == 1:  # one row of fifteen: an empty label cell in front is not a value
            row, labels, values = labelled[0]
            labelled = [(row, labels, fit(values, len(T4_GROUPS) * WIDTH)[0])]
        flat = [(value, row) for row, _labels, values in labelled for value in values]
        if flat:  # a row that stops short has blank cells at its end (P4), as in table 三
            flat += [("", flat[-1][1])] * (len(T4_GROUPS) * WIDTH - len(flat))
        for index, group in enumerate(_order(header)):
            cells[group] = flat[index * WIDTH : (index + 1) * WIDTH]
    return cells
