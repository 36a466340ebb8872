"""Plain text: one paragraph block per non-empty line; pipe-flattened table rows become tables.

A table row is a line holding a ``|``: text copied from a web page renders each table row as
``a | b | c |``. Consecutive row lines form one TABLE block. A row's cells are the pieces
between the pipes with their surrounding spaces trimmed; empty cells stay as ``""`` so a reader
can count positions, and the piece after the closing ``|`` is not a cell. When every row of a
table also starts with ``|`` (Markdown style), the piece before the opening ``|`` is not a cell
either, and Markdown separator rows (``|---|---|``) are dropped.

The blocks returned here are raw (not yet repaired); :func:`gongkai.files.load_source`
repairs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Block, BlockKind

_SEPARATOR_ROW = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")


def is_table_line(line: str) -> bool:
    return "|" in line


def split_row(line: str, *, markdown: bool = False) -> list[str]:
    """Cells of one flattened row: ``"a | | b |"`` → ``["a", "", "b"]``."""
    text = line.strip()
    if markdown and text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [cell.strip() for cell in text.split("|")]


def table_block(lines: list[str], line_number: int | None) -> Block:
    """A TABLE block from consecutive flattened row lines."""
    markdown = all(line.strip().startswith("|") for line in lines)
    rows = [split_row(line, markdown=markdown) for line in lines if not _SEPARATOR_ROW.match(line)]
    return Block(BlockKind.TABLE, rows=rows, line=line_number)


def blocks_from_lines(lines: Iterable[tuple[int | None, str]]) -> list[Block]:
    """Raw blocks from ``(line number, text)`` pairs; blank lines only separate blocks."""
    blocks: list[Block] = []
    pending: list[str] = []
    pending_start: int | None = None

    def flush() -> None:
        nonlocal pending, pending_start
        if pending:
            blocks.append(table_block(pending, pending_start))
        pending, pending_start = [], None

    for number, line in lines:
        if not line.strip():
            flush()
            continue
        if is_table_line(line):
            if not pending:
                pending_start = number
            pending.append(line)
            continue
        flush()
        blocks.append(Block(BlockKind.PARAGRAPH, text=line.strip(), line=number))
    flush()
    return blocks


def blocks_from_text(text: str) -> list[Block]:
    """Raw blocks of a decoded plain text, with 1-based line numbers."""
    return blocks_from_lines(enumerate(text.splitlines(), start=1))
