"""DOCX: paragraphs and tables in document order, read from ``word/document.xml`` with lxml.

The main document part (the ``officeDocument`` relationship of the package, normally
``word/document.xml``) is parsed once with lxml and its body walked in order; python-docx's object
layer is not used (its per-cell XPath made DOCX the slowest kind to load).

- Each body paragraph is a line (paragraphs holding flattened ``a | b |`` rows become tables, as in
  plain text). A paragraph's text is that of its runs as python-docx gives it: ``w:t`` text,
  ``w:tab``/``w:ptab`` → tab, ``w:br`` (text wrapping only) and ``w:cr`` → newline,
  ``w:noBreakHyphen`` → ``-``. Runs inside hyperlinks, content controls (``w:sdt``), smart tags,
  custom XML, simple fields and tracked insertions count; deleted text does not.
- Each table becomes a TABLE block. A merged cell repeats in every grid position it covers:
  horizontal ``gridSpan`` and vertical ``vMerge`` (a ``continue`` cell takes the text and width of
  the cell it continues, found at the same grid offset in the row above, rows' ``gridBefore``
  counted), exactly the expansion python-docx's ``row.cells`` makes. A cell's paragraphs are
  joined with spaces. A table nested in a cell is read as its own table after the outer one (each
  once, however many positions its cell covers). A table whose grid cannot be laid out (a
  ``continue`` with no cell above it, an unreadable span) is read cell by cell as it stands, no
  expansion, rather than lost; its nested tables still follow it.
- Content controls and custom XML wrapping body blocks, table rows or cells are looked through.

DOCX has no lines: blocks carry ``line=None``.

Within :class:`~gongkai.files.caps.ReadCaps`: the archive's entries are counted before it is opened
and each part is streamed through :func:`~gongkai.files.zipread.read_member` (part size, the
package's total, the compression ratio), so a small DOCX that unpacks to gigabytes is refused after
reading a few megabytes (:class:`~gongkai.files.caps.CapExceeded`, the loader makes it unreadable).
The XML is parsed without resolving entities or loading anything external.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lxml import etree

from .caps import ReadCaps, current, megabytes
from .model import Block, BlockKind
from .plaintext import blocks_from_lines
from .zipread import Budget, open_archive, read_member

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY = f"{_W}body"
_P = f"{_W}p"
_TBL = f"{_W}tbl"
_TR = f"{_W}tr"
_TC = f"{_W}tc"
_R = f"{_W}r"
_T = f"{_W}t"
_TAB = f"{_W}tab"
_PTAB = f"{_W}ptab"
_BR = f"{_W}br"
_CR = f"{_W}cr"
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
_SDT = f"{_W}sdt"
_SDT_CONTENT = f"{_W}sdtContent"
_CUSTOM_XML = f"{_W}customXml"
_TC_PR = f"{_W}tcPr"
_TR_PR = f"{_W}trPr"
_GRID_SPAN = f"{_W}gridSpan"
_GRID_BEFORE = f"{_W}gridBefore"
_V_MERGE = f"{_W}vMerge"
_VAL = f"{_W}val"
_TYPE = f"{_W}type"
# elements inside a paragraph whose runs are part of its text (w:sdt through its w:sdtContent)
_INLINE_WRAPPERS = frozenset(
    f"{_W}{name}" for name in ("hyperlink", "sdt", "smartTag", "customXml", "fldSimple", "ins", "moveTo", "dir", "bdo")
)
_RUN_CHARACTERS = {_TAB: "\t", _PTAB: "\t", _CR: "\n", _NO_BREAK_HYPHEN: "-"}
_BLOCKS = frozenset({_P, _TBL})
_ROWS = frozenset({_TR})
_CELLS = frozenset({_TC})
_PARAGRAPHS = frozenset({_P})
_TABLES = frozenset({_TBL})

_RELS = "_rels/.rels"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_DEFAULT_PART = "word/document.xml"


class _IrregularGridError(Exception):
    """The table's grid cannot be laid out (read its cells as they stand instead)."""


def _parser() -> etree.XMLParser:
    # python-docx's parser settings (so text comes out the same); one parser per call: thread-safe
    return etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, load_dtd=False)


class _Package:
    """A DOCX archive whose parts are read within the caps."""

    def __init__(self, data: bytes, caps: ReadCaps) -> None:
        self.archive = open_archive(data, max_members=caps.max_members, what="DOCX文件")
        self.caps = caps
        self.budget = Budget(
            caps.max_unpacked_bytes,
            message=f"DOCX文件解压后合计超过{megabytes(caps.max_unpacked_bytes)}，可能是压缩炸弹，未读取",
            cap="max_unpacked_bytes",
        )

    def read(self, name: str) -> bytes:
        return read_member(
            self.archive,
            self.archive.getinfo(name),
            max_bytes=self.caps.max_part_bytes,
            max_ratio=self.caps.max_ratio,
            budget=self.budget,
            what=f"DOCX文件中的{name}",
        )


def _main_part(package: _Package) -> bytes:
    """The main document part: the package's officeDocument relationship, else word/document.xml."""
    names = set(package.archive.namelist())
    if _RELS in names:
        rels = etree.fromstring(package.read(_RELS), _parser())
        for rel in rels.iter(_RELATIONSHIP):
            if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join("/", rel.get("Target", ""))).lstrip("/")
                if target in names:
                    return package.read(target)
    return package.read(_DEFAULT_PART)


def _children(parent: etree._Element, wanted: frozenset[str]) -> Iterator[etree._Element]:
    """Children of ``parent`` with a tag in ``wanted``, looking through content controls and custom XML."""
    for child in parent:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, wanted)
        elif tag == _CUSTOM_XML:
            yield from _children(child, wanted)


def _inline_text(parent: etree._Element, out: list[str]) -> None:
    for child in parent:
        tag = child.tag
        if tag == _R:
            for item in child:
                kind = item.tag
                if kind == _T:
                    out.append(item.text or "")
                elif kind == _BR:
                    if item.get(_TYPE, "textWrapping") == "textWrapping":  # not a page or column break
                        out.append("\n")
                elif kind in _RUN_CHARACTERS:
                    out.append(_RUN_CHARACTERS[kind])
        elif tag in _INLINE_WRAPPERS:
            if tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    _inline_text(content, out)
            else:
                _inline_text(child, out)


def _paragraph_text(p: etree._Element) -> str:
    out: list[str] = []
    _inline_text(p, out)
    return "".join(out)


def _cell_text(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _int_val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    value = element.get(_VAL)
    if value is None:
        raise _IrregularGridError
    try:
        return int(value)
    except ValueError:
        raise _IrregularGridError from None


class _Row:
    """One ``w:tr``: its cells, their spans and whether each continues a vertical merge."""

    __slots__ = ("_starts", "cells", "continues", "spans", "tr")

    def __init__(self, tr: etree._Element, *, merges: bool) -> None:
        self.tr = tr
        self.cells = list(_children(tr, _CELLS))
        self.spans: list[int] = [1] * len(self.cells)
        self.continues: list[bool] = [False] * len(self.cells)
        if merges:
            self._read_merges()
        self._starts: list[int] | None = None

    def _read_merges(self) -> None:
        for index, tc in enumerate(self.cells):
            tc_pr = tc.find(_TC_PR)
            if tc_pr is not None:
                self.spans[index] = _int_val(tc_pr.find(_GRID_SPAN), 1)
                merge = tc_pr.find(_V_MERGE)
                self.continues[index] = merge is not None and merge.get(_VAL, "continue") == "continue"

    def starts(self) -> list[int]:
        """Grid offset of each cell (``gridBefore`` plus the spans before it); only needed for merges."""
        if self._starts is None:
            tr_pr = self.tr.find(_TR_PR)
            offset = 0 if tr_pr is None else _int_val(tr_pr.find(_GRID_BEFORE), 0)
            starts = []
            for span in self.spans:
                starts.append(offset)
                offset += span
            self._starts = starts
        return self._starts

    def at_offset(self, offset: int) -> int:
        """Index of the cell starting exactly at grid ``offset`` (python-docx's ``tc_at_grid_offset``)."""
        for index, start in enumerate(self.starts()):
            if start > offset:
                break
            if start == offset:
                return index
        raise _IrregularGridError


def _cell_paragraphs(tc: etree._Element) -> Iterator[etree._Element]:
    return _children(tc, _PARAGRAPHS)


def _expanded(rows: list[_Row]) -> tuple[list[list[str]], list[etree._Element]]:
    """The grid with merged cells repeated, and the nested tables of the cells, in order."""
    grid: list[list[str]] = []
    nested: list[etree._Element] = []
    texts: dict[tuple[int, int], str] = {}
    for row_index, row in enumerate(rows):
        cells: list[str] = []
        for cell_index in range(len(row.cells)):
            r, c = row_index, cell_index
            while rows[r].continues[c]:  # the cell this one continues, at the same offset in the row above
                if r == 0:
                    raise _IrregularGridError
                c = rows[r - 1].at_offset(rows[r].starts()[c])
                r -= 1
            span = rows[r].spans[c]
            if span <= 0:
                continue
            text = texts.get((r, c))
            if text is None:
                tc = rows[r].cells[c]
                text = _cell_text("\n".join(_paragraph_text(p) for p in _cell_paragraphs(tc)))
                texts[r, c] = text
                nested.extend(_children(tc, _TABLES))
            cells.extend([text] * span)
        grid.append(cells)
    return grid, nested


def _as_they_stand(trs: list[etree._Element]) -> tuple[list[list[str]], list[etree._Element]]:
    """Cells straight from the XML (no merge expansion), for a grid that cannot be laid out."""
    grid: list[list[str]] = []
    nested: list[etree._Element] = []
    for tr in trs:
        cells = []
        for tc in _children(tr, _CELLS):
            paragraphs = ["".join(t.text or "" for t in p.iter(_T)) for p in _cell_paragraphs(tc)]
            cells.append(_cell_text("\n".join(paragraphs)))
            nested.extend(_children(tc, _TABLES))
        grid.append(cells)
    return grid, nested


def _table_blocks(tbl: etree._Element) -> list[Block]:
    trs = list(_children(tbl, _ROWS))
    merges = next(tbl.iter(_GRID_SPAN, _V_MERGE), None) is not None  # most tables have none: skip the lookups
    try:
        grid, nested = _expanded([_Row(tr, merges=merges) for tr in trs])
    except _IrregularGridError:  # read the cells as they stand
        grid, nested = _as_they_stand(trs)
    blocks = [Block(BlockKind.TABLE, rows=grid)] if grid else []
    for inner in nested:
        blocks.extend(_table_blocks(inner))
    return blocks


def blocks_from_docx(data: bytes, caps: ReadCaps | None = None) -> list[Block]:
    """Raw (not yet repaired) blocks of a DOCX file; raises on a broken file (the caller reports it).

    CapExceeded when the package is past ``caps`` (too many entries, a part too large or too well
    compressed).
    """
    package = _Package(data, caps or current())
    with package.archive:
        xml = _main_part(package)
    body = etree.fromstring(xml, _parser()).find(_BODY)
    blocks: list[Block] = []
    if body is None:
        return blocks
    lines: list[tuple[int | None, str]] = []
    for child in _children(body, _BLOCKS):
        if child.tag == _P:
            lines.append((None, _paragraph_text(child)))
        else:
            blocks.extend(blocks_from_lines(lines))
            lines = []
            blocks.extend(_table_blocks(child))
    blocks.extend(blocks_from_lines(lines))
    return blocks
