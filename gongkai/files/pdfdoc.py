"""PDF text layers, with pdfminer.six: text lines, and whitespace-aligned numeric columns as table rows.

Characters are read with their positions (no layout analysis), grouped into visual lines by their
vertical position, and each line is cut into segments where the gap between two characters is
wider than the characters themselves (a column gap, not a word space). A line with two or more
segments of which at least one is a number (``12``, ``0.19``, ``1,234``, ``78.3%``) is a table
row whose cells are its segments; consecutive such rows form one TABLE block. Every other line
is a paragraph line with its segments joined by a space. A PDF without a text layer (a scan)
gives no blocks. Blocks carry the 1-based line number in the extracted text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTItem, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from .model import Block, BlockKind

_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_GAP_FACTOR = 1.0  # a gap wider than this many character widths separates two columns


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    y: float  # vertical centre
    height: float


def _chars(item: LTItem, into: list[_Char]) -> None:
    if isinstance(item, LTChar):
        text = item.get_text()
        if text and item.upright:
            into.append(_Char(text, item.x0, item.x1, (item.y0 + item.y1) / 2, max(item.height, 1.0)))
    elif isinstance(item, LTContainer):
        for child in item:
            _chars(child, into)


def _visual_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines, top to bottom, each line left to right."""
    lines: list[list[_Char]] = []
    centres: list[float] = []
    for char in sorted(chars, key=lambda c: (-c.y, c.x0)):
        if lines and abs(centres[-1] - char.y) <= char.height * 0.4:
            lines[-1].append(char)
        else:
            lines.append([char])
            centres.append(char.y)
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _segments(line: list[_Char]) -> list[str]:
    segments: list[list[str]] = [[]]
    previous: _Char | None = None
    for char in line:
        if previous is not None:
            gap = char.x0 - previous.x1
            width = max(min(previous.x1 - previous.x0, char.x1 - char.x0), previous.height * 0.5)
            if gap > width * _GAP_FACTOR:
                segments.append([])
            elif gap > width * 0.2 and not char.text.isspace() and not previous.text.isspace():
                segments[-1].append(" ")
        segments[-1].append(char.text)
        previous = char
    return [text for text in ("".join(parts).strip() for parts in segments) if text]


def is_table_row(cells: list[str]) -> bool:
    return len(cells) >= 2 and any(_NUMBER.match(cell) for cell in cells)


def _page_layouts(data: bytes) -> list[LTPage]:
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[LTPage] = []
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
        pages.append(device.get_result())
    return pages


def blocks_from_pdf(data: bytes) -> list[Block]:
    """Raw (not yet repaired) blocks of a PDF's text layer; raises on a broken file (the caller reports it)."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    rows_start: int | None = None
    number = 0

    def flush() -> None:
        nonlocal rows, rows_start
        if rows:
            blocks.append(Block(BlockKind.TABLE, rows=rows, line=rows_start))
        rows, rows_start = [], None

    for layout in _page_layouts(data):
        chars: list[_Char] = []
        _chars(layout, chars)
        for line in _visual_lines(chars):
            cells = _segments(line)
            if not cells:
                continue
            number += 1
            if is_table_row(cells):
                if not rows:
                    rows_start = number
                rows.append(cells)
                continue
            flush()
            blocks.append(Block(BlockKind.PARAGRAPH, text=" ".join(cells), line=number))
    flush()
    return blocks
