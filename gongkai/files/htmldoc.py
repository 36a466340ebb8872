"""HTML: paragraphs and tables in document order, with lxml.

Real ``<table>`` markup becomes a TABLE block whose grid has row and column spans expanded: a
merged cell's text repeats in every position it covers, and positions no cell covers are ``""``.
A table that holds another table is page layout, not data: its cells are read as flowing text.
Text outside tables is split into lines at block elements (``p``, ``div``, ``br``, ``li``,
headings, …) and read like plain text, so tables flattened to ``a | b |`` lines inside HTML
become tables too. Scripts, styles, the document head and comments are dropped.

Elements nested deeper than ``max_depth`` (:class:`~gongkai.files.caps.ReadCaps`' ``html_max_depth``)
are not read, and the caller is told so (a CUT problem), rather than the reader recursing without
bound or the parser's own limit dropping the text unseen.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .model import Block, BlockKind
from .plaintext import blocks_from_lines

_DROP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object", "svg"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\r\n\f]+")
_MAX_SPAN = 1000
DEFAULT_MAX_DEPTH = 128


class _Depth:
    """The nesting cap of one read, and whether anything was left unread below it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.cut = False

    def too_deep(self, depth: int) -> bool:
        if depth > self.limit:
            self.cut = True
            return True
        return False


def _tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comment or processing instruction
    return tag.rsplit("}", 1)[-1].lower()


class _Flow:
    """Collects text lines and tables in document order."""

    def __init__(self, depth: _Depth) -> None:
        self.depth = depth
        self.blocks: list[Block] = []
        self.lines: list[tuple[int | None, str]] = []
        self.buffer: list[str] = []
        self.buffer_line: int | None = None
        self.preformatted = 0

    def text(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if self.preformatted:
            parts = text.split("\n")
            for index, part in enumerate(parts):
                if index:
                    self.newline()
                self._append(part, line)
            return
        self._append(_SPACE.sub(" ", text), line)

    def _append(self, text: str, line: int | None) -> None:
        if not text:
            return
        if not self.buffer:
            self.buffer_line = line
        self.buffer.append(text)

    def newline(self) -> None:
        if self.buffer:
            joined = "".join(self.buffer).strip()
            if joined:
                self.lines.append((self.buffer_line, joined))
        self.buffer, self.buffer_line = [], None

    def table(self, block: Block) -> None:
        self.flush_lines()
        self.blocks.append(block)

    def flush_lines(self) -> None:
        self.newline()
        self.blocks.extend(blocks_from_lines(self.lines))
        self.lines = []


def _is_layout_table(table: etree._Element) -> bool:
    return bool(table.xpath(".//table"))


def _rows_of(table: etree._Element) -> list[etree._Element]:
    rows: list[etree._Element] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(grandchild for grandchild in child if _tag(grandchild) == "tr")
    return rows


def _span(cell: etree._Element, attribute: str, default: int) -> int:
    try:
        value = int(str(cell.get(attribute, "")).strip() or default)
    except ValueError:
        return 1
    return max(0, min(value, _MAX_SPAN))


def cell_text(cell: etree._Element, depth: _Depth | None = None, at: int = 0) -> str:
    """A cell's text: line breaks and block boundaries become spaces, whitespace collapsed."""
    parts: list[str] = []
    guard = depth or _Depth(DEFAULT_MAX_DEPTH)

    def walk(element: etree._Element, level: int) -> None:
        tag = _tag(element)
        if tag in _DROP or guard.too_deep(level):
            return
        if tag == "br" or tag in _BLOCK:
            parts.append(" ")
        if element.text and tag:
            parts.append(element.text)
        for child in element:
            walk(child, level + 1)
            if child.tail:
                parts.append(child.tail)

    walk(cell, at)
    return _SPACE.sub(" ", "".join(parts)).strip()


def table_grid(table: etree._Element, depth: _Depth | None = None, at: int = 0) -> list[list[str]]:
    """The table's cells as a grid, row and column spans expanded (``rowspan="0"``: to the last row)."""
    rows = _rows_of(table)
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            if _tag(cell) not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            rowspan = _span(cell, "rowspan", 1) or len(rows) - r
            colspan = _span(cell, "colspan", 1) or 1
            rowspan = min(rowspan, len(rows) - r)
            text = cell_text(cell, depth, at + 2)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text
            c += colspan
    if not grid:
        return []
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def _walk(element: etree._Element, flow: _Flow, depth: int) -> None:
    tag = _tag(element)
    if not tag or tag in _DROP or flow.depth.too_deep(depth):
        return
    line = element.sourceline
    if tag == "table" and not _is_layout_table(element):
        grid = table_grid(element, flow.depth, depth)
        caption = [child for child in element if _tag(child) == "caption"]
        for item in caption:
            flow.newline()
            flow.text(cell_text(item, flow.depth, depth + 1), item.sourceline)
            flow.newline()
        if grid:
            flow.table(Block(BlockKind.TABLE, rows=grid, line=line))
        return
    if tag == "br":
        flow.newline()
        return
    block = tag in _BLOCK
    if block:
        flow.newline()
    if tag == "pre":
        flow.preformatted += 1
    flow.text(element.text, line)
    for child in element:
        _walk(child, flow, depth + 1)
        flow.text(child.tail, child.sourceline)
    if tag == "pre":
        flow.preformatted -= 1
    if block:
        flow.newline()


def blocks_from_html(text: str, *, max_depth: int = DEFAULT_MAX_DEPTH) -> tuple[list[Block], bool]:
    """Raw (not yet repaired) blocks of an HTML document given as decoded text; True: cut at ``max_depth``.

    The parser keeps its own limits (libxml2 nests at most 256 elements and drops what is deeper);
    ``max_depth`` is below that, so whatever is cut is cut here, and reported.
    """
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    flow = _Flow(_Depth(max_depth))
    _walk(root, flow, 0)
    flow.flush_lines()
    return flow.blocks, flow.depth.cut
