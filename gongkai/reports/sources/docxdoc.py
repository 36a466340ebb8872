"""DOCX: paragraphs and tables in document order, with python-docx.

Each body paragraph is a line (paragraphs holding flattened ``a | b |`` rows become tables, as in
plain text). Each table becomes a TABLE block; python-docx repeats a merged cell (horizontal
``gridSpan`` and vertical ``vMerge``) in every grid position it covers, which is the expansion
the model asks for. A cell's paragraphs are joined with spaces. A table nested in a cell is read
as its own table after the outer one. A table whose grid python-docx cannot lay out is read
cell by cell as it stands (no expansion) rather than lost. DOCX has no lines: blocks carry ``line=None``.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .model import Block, BlockKind
from .plaintext import blocks_from_lines

_P = qn("w:p")
_TBL = qn("w:tbl")
_TR = qn("w:tr")
_TC = qn("w:tc")
_T = qn("w:t")


def _cell_text(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _raw_rows(table: Table) -> list[list[str]]:
    """Cells straight from the XML (no merge expansion), for a grid python-docx cannot lay out."""
    rows: list[list[str]] = []
    for tr in table._tbl.iterchildren(_TR):
        cells = []
        for tc in tr.iterchildren(_TC):
            paragraphs = ["".join(t.text or "" for t in p.iter(_T)) for p in tc.iterchildren(_P)]
            cells.append(_cell_text("\n".join(paragraphs)))
        rows.append(cells)
    return rows


def _table_blocks(table: Table) -> list[Block]:
    rows: list[list[str]] = []
    nested: list[Table] = []
    try:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                cells.append(_cell_text(cell.text))
                nested.extend(cell.tables)
            rows.append(cells)
    except (IndexError, ValueError, KeyError):  # an irregular grid: read the cells as they stand
        rows, nested = _raw_rows(table), []
    blocks = [Block(BlockKind.TABLE, rows=rows)] if rows else []
    seen: set[int] = set()
    for inner in nested:
        if id(inner._tbl) not in seen:
            seen.add(id(inner._tbl))
            blocks.extend(_table_blocks(inner))
    return blocks


def blocks_from_docx(data: bytes) -> list[Block]:
    """Raw (not yet repaired) blocks of a DOCX file; raises on a broken file (the caller reports it)."""
    document = docx.Document(io.BytesIO(data))
    blocks: list[Block] = []
    lines: list[tuple[int | None, str]] = []
    for child in document.element.body.iterchildren():
        if child.tag == _P:
            lines.append((None, Paragraph(child, document).text))
        elif child.tag == _TBL:
            blocks.extend(blocks_from_lines(lines))
            lines = []
            blocks.extend(_table_blocks(Table(child, document)))
    blocks.extend(blocks_from_lines(lines))
    return blocks
