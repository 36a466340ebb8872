"""Repair of loaded blocks with :func:`gongkai.text.repair_text`, and the problems saying so.

Every paragraph and every table cell passes through the repair pipeline. Each kind of repair
that happened gives ONE ``REPAIRED`` problem for the document with its count, the line of its
first occurrence and an example (``已去除拼音注音12处，例如“發(fā)”→“发”``); garbled text that could
not be repaired gives one ``GARBLED`` problem. (Reports show them as P5 findings.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.text import Change, RepairKind, repair_text, to_simplified

from .model import Block, BlockKind
from .problems import Problem, ProblemKind

_ORDER = (
    RepairKind.MARKUP,
    RepairKind.WIDTH,
    RepairKind.PINYIN,
    RepairKind.TRADITIONAL,
    RepairKind.PUNCTUATION,
    RepairKind.MOJIBAKE,
)


@dataclass
class _Tally:
    count: int = 0
    first: Change | None = None
    line: int | None = None


@dataclass
class RepairLog:
    """Changes per kind over one document: how many, the first one and where it was."""

    tallies: dict[RepairKind, _Tally] = field(default_factory=dict)

    def add(self, changes: tuple[Change, ...], line: int | None) -> None:
        for change in changes:
            tally = self.tallies.setdefault(change.kind, _Tally())
            tally.count += len(change.before) if change.kind is RepairKind.TRADITIONAL else 1
            if tally.first is None:
                tally.first, tally.line = change, line

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        for kind in _ORDER:
            tally = self.tallies.get(kind)
            if tally is None or tally.first is None:
                continue
            where = f"line {tally.line}" if tally.line is not None else "document"
            problem = ProblemKind.GARBLED if kind is RepairKind.MOJIBAKE else ProblemKind.REPAIRED
            found.append(Problem(problem, where, _message(kind, tally.count, tally.first)))
        return found


_NAMES = {
    "\u3000": "全角空格",
    "\xa0": "不换行空格",
    "\u200b": "零宽空格",
    "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符",
    "\u2060": "零宽不换行符",
    "\ufeff": "字节顺序标记",
    "\xad": "软连字符",
}


def _shown(text: str) -> str:
    """Text for a message: invisible characters named, e.g. ``[不换行空格]``."""
    return "".join(f"[{_NAMES[ch]}]" if ch in _NAMES else ch for ch in text)


def _message(kind: RepairKind, count: int, first: Change) -> str:
    before, after = _shown(first.before), _shown(first.after)
    if kind is RepairKind.MARKUP:
        shown = f"“{before}”" if not after.strip() else f"“{before}”→“{after}”"
        return f"已去除残留的网页标记和字符实体{count}处，例如{shown}"
    if kind is RepairKind.WIDTH:
        return f"已将全角数字、字母和空格等转为半角{count}处，例如“{before}”→“{after}”"
    if kind is RepairKind.PINYIN:
        return f"已去除拼音注音{count}处，例如“{before}”→“{to_simplified(after).text}”"
    if kind is RepairKind.TRADITIONAL:
        return f"已将繁体字转为简体字{count}个，例如“{before}”→“{after}”"
    if kind is RepairKind.PUNCTUATION:
        return f"已修正重复或多余的标点{count}处，例如“{before}”→“{after}”"
    return f"发现疑似乱码{count}处，无法自动修复，请核对原文，例如“{before}”"


def repair_blocks(blocks: list[Block], *, rows_are_lines: bool = True) -> tuple[list[Block], list[Problem]]:
    """Repaired copies of ``blocks`` (paragraphs left empty by the repair are dropped) and the problems.

    ``rows_are_lines``: a table's rows are consecutive lines from its ``line`` on (plain text), so
    findings can name the row's own line; otherwise they name the table's line.
    """
    log = RepairLog()
    repaired: list[Block] = []
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH:
            result = repair_text(block.text)
            log.add(result.changes, block.line)
            text = result.text.strip()
            if text:
                repaired.append(Block(BlockKind.PARAGRAPH, text=text, line=block.line))
            continue
        rows: list[list[str]] = []
        for offset, row in enumerate(block.rows):
            line = block.line + offset if block.line is not None and rows_are_lines else block.line
            cells: list[str] = []
            for cell in row:
                result = repair_text(cell)
                log.add(result.changes, line)
                cells.append(result.text.strip())
            rows.append(cells)
        repaired.append(Block(BlockKind.TABLE, rows=rows, line=block.line))
    return repaired, log.problems()
