"""A table read as the stream of its labels and numbers, whatever separated them, regrouped into rows.

Published tables reach us flattened in many ways: one row per line (``a | b | c |``), one cell per
line (with a trailing `` |``, or with blank lines between cells), cells separated by tabs or runs
of spaces, header words spread over several lines, cells run together (``规章000``). The table
readers (table2/3/4) read rows: a label, then its value cells. This module turns any of those
layouts back into such rows, so that reading does not depend on the layout:

- a source row of several cells (a pipe row, real table markup) stays one row — it is the
  strongest evidence of the grid there is (the seeds' unlabelled rows are rows of their own);
- otherwise every cell is a token: a label (the table's ``is_label`` says which texts name a row
  or a block) starts a new row; a number or an explicitly blank cell (a lone ``|``, ``-``, ``/``,
  ``无``) goes to the current row; other short texts (header words) join the row being built, so a
  header split over lines is one header row again; a long paragraph is narrative and ends a row;
- a row that already has its ``width`` values and meets another number ends: the numbers after it
  form the next row, unlabelled, to be placed by position (P3);
- a row of single-cell lines that begins after an unusually long run of blank lines has lost its
  first cells (a blank cell there is a blank line): its values are aligned to the right;
- a digit string starting with 0 (``000``, ``0000000``: no count is written with a leading zero)
  is cells run together: split into one digit per cell, and said so (``Rows.notes``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.files import Block, BlockKind

from .cells import CellKind, Row, key, kind

_CELL_SPLIT = re.compile(r"\t+|\s{3,}")  # tabs, or runs of spaces wider than a word gap
_PAGE_MARKER = re.compile(r"^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_NUMBERS_ONLY = re.compile(r"^[+-]?\d+(?:\.\d+)?(?:\s+[+-]?\d+(?:\.\d+)?)+$")
_TRAILING_DIGITS = re.compile(r"^(?P<label>.*?[^\d\s.+-])\s*(?P<digits>0\d+)$")
_NARRATIVE = 45  # a cell longer than this (without spaces and punctuation) is prose, not a label


@dataclass
class Rows:
    rows: list[Row] = field(default_factory=list)
    notes: list[tuple[int | None, str]] = field(default_factory=list)  # (line, cells split by position)


@dataclass
class _Pending:
    cells: list[str] = field(default_factory=list)
    line: int | None = None
    labelled: bool = False
    values: int = 0
    gap_before_values: bool = False


Width = Callable[[list[str], list[Row]], "int | None"]


def _lines(blocks: list[Block]) -> list[tuple[int | None, list[str], bool]]:
    """(line, cells, from a multi-cell row) for every row or paragraph line of the blocks."""
    lines: list[tuple[int | None, list[str], bool]] = []
    # Lone "|" lines are blank cells where the cells end with " |" ("0 |"); where they do not, the
    # lone "|" lines only separate the cells (one cell, "|", the next cell …).
    rows = [cells for block in blocks if block.kind is BlockKind.TABLE for cells in block.rows]
    separators = sum(1 for cells in rows if cells == [""]) > len(rows) // 2
    for block in blocks:
        if block.kind is BlockKind.TABLE:
            for offset, cells in enumerate(block.rows):
                line = block.line + offset if block.line is not None else None
                if len(cells) > 1 and not any(c.strip() for c in cells):
                    continue  # a filler line "|||": layout, not a cell
                if cells == [""] and separators:
                    continue
                if len(cells) > 1 and kind(cells[0]) is CellKind.NUMBER and not any(c.strip() for c in cells[1:]):
                    cells = cells[:1]  # "8 | |||||": one value and the row's padding
                lines.append((line, list(cells), len(cells) > 1))
            continue
        text = block.text.strip()
        if _PAGE_MARKER.match(text):
            continue  # "- 3 -", "第3页 共12页", "3/12": the page, not a cell
        if _NUMBERS_ONLY.match(text):
            lines.append((block.line, text.split(), False))  # a table's numbers on one line ("0 0 1 … 5")
            continue
        parts = [p for p in _CELL_SPLIT.split(text) if p]
        if len(parts) > 1 and all(len(key(p)) <= _NARRATIVE for p in parts):
            lines.append((block.line, parts, False))  # cells separated by tabs or runs of spaces
        else:
            lines.append((block.line, [block.text], False))
    return lines


def _usual_gap(lines: list[tuple[int | None, list[str], bool]]) -> int | None:
    gaps = Counter(
        b[0] - a[0]
        for a, b in itertools.pairwise(lines)
        if a[0] is not None and b[0] is not None and b[0] > a[0] and not a[2] and not b[2]
    )
    return gaps.most_common(1)[0][0] if gaps else None


class _Regrouper:
    def __init__(self, is_label: Callable[[str], bool], width: Width) -> None:
        self.is_label, self.width = is_label, width
        self.result = Rows()
        self.pending = _Pending()

    def flush(self) -> None:
        pending = self.pending
        if pending.cells:
            cells = pending.cells
            wanted = self.width(cells, self.result.rows) if pending.labelled else None
            if pending.gap_before_values and wanted is not None and pending.values < wanted:
                cells = cells[:1] + [""] * (wanted - pending.values) + cells[1:]
            self.result.rows.append(Row(tuple(cells), pending.line))
        self.pending = _Pending()

    def start(self, text: str, line: int | None, *, labelled: bool) -> None:
        self.flush()
        self.pending = _Pending([text], line, labelled)

    def text(self, text: str, line: int | None) -> None:
        pending = self.pending
        if len(key(text)) > _NARRATIVE:
            self.flush()  # prose between tables
            return
        split = _TRAILING_DIGITS.match(text)
        if split and self.is_label(split.group("label")):
            self.start(split.group("label"), line, labelled=True)
            self.digits(split.group("digits"), line)
            return
        if self.is_label(text):
            self.start(text, line, labelled=True)
            return
        if pending.labelled and pending.values:
            wanted = self.width(pending.cells, self.result.rows)
            if len(key(text)) <= 8 and (wanted is None or pending.values < wanted):
                self.value(text, line, None)  # "未增未减" in a value cell: read as not a number (P4)
                return
        if pending.values or not pending.cells:
            self.start(text, line, labelled=False)
            return
        pending.cells[-1] += text  # a header or a label spread over several lines

    def value(self, text: str, line: int | None, gap_before: bool | None) -> None:
        pending = self.pending
        if not text and not pending.labelled and not pending.values:
            return  # a blank cell before any row began: layout (a lone "|" before each row)
        if pending.cells and not pending.labelled and not pending.values:
            self.flush()  # a header row, then values whose label is lost
        elif pending.cells:
            wanted = self.width(pending.cells, self.result.rows) if pending.labelled else None
            if wanted is not None and pending.values >= wanted:
                self.flush()
        pending = self.pending
        if not pending.cells:
            pending.line = line
        if pending.values == 0 and gap_before:
            pending.gap_before_values = True
        pending.cells.append(text)
        pending.values += 1

    def digits(self, digits: str, line: int | None) -> None:
        """Cells run together ("000"): one digit per cell, noted as read from position alone."""
        for digit in digits:
            self.value(digit, line, None)
        self.result.notes.append((line, digits))


def regroup(blocks: list[Block], is_label: Callable[[str], bool], width: Width) -> Rows:
    """The blocks' table content as rows: ``is_label(cell)`` says which cells start a row,
    ``width(row cells, rows so far)`` how many values the row takes (None: not known)."""
    lines = _lines(blocks)
    usual = _usual_gap(lines)
    regrouper = _Regrouper(is_label, width)
    previous: int | None = None
    for line, cells, multi in lines:
        gap = line - previous if line is not None and previous is not None else None
        previous = line if line is not None else previous
        if multi:
            regrouper.flush()
            regrouper.result.rows.append(Row(tuple(cells), line))
            continue
        for cell in cells:
            text = cell.strip()
            cell_kind = kind(text)
            if cell_kind is CellKind.TEXT:
                regrouper.text(text, line)
            elif cell_kind is CellKind.NUMBER and re.fullmatch(r"0\d+", text.replace(" ", "")):
                regrouper.digits(text.replace(" ", ""), line)
            else:
                long_gap = gap is not None and usual is not None and gap > usual + 1
                regrouper.value(text, line, long_gap)
            gap = None
    regrouper.flush()
    return regrouper.result
