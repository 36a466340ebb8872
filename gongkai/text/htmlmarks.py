"""The plain text of an HTML fragment with the way back into it, and marks put at text positions.

The checks of pre-publication review read a document's body as plain text (tags dropped,
character references decoded, a line break at each block element); a finding is a span of that
text. :func:`html_text` gives the text together with the pieces it is made of — verbatim runs of
the source, character references, inserted line breaks — each with its place in the HTML, so that
:func:`mark_html` can wrap a span of the text in ``<mark>`` inside the original HTML:

- a span that crosses element boundaries (``政府信息<b>公开</b>条列``) becomes several ``<mark>``
  elements, one per run of text, so that the nesting stays valid; the first carries the id, the
  last the hidden label;
- a character reference (``&amp;``, ``&#x4E2D;``, ``&nbsp;``) is never cut: a span that begins or
  ends inside what it decodes to takes the whole reference;
- whitespace alone between elements is not marked; marks that overlap an earlier one are
  skipped (the first wins).

:func:`excerpt` cuts the context around a span of a long text (an attachment's).
Pure Python (no Django); the HTML is expected to be sanitised (no script or style content).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape, unescape

#: Elements that end a line of the text (before and after them).
BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre"}
)
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"  # a comment (unterminated: to the end)
    r"|<[!?][^>]*>?"  # a declaration or processing instruction
    r"|<(/?)([a-zA-Z][^\s/>]*)(?:[^>\"']+|\"[^\"]*\"|'[^']*')*>",  # a start or end tag
    re.DOTALL,
)
# What html.unescape decodes: numeric references and names (with or without the semicolon).
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_SKIPPED = frozenset({"script", "style"})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    """A stretch of the text and where it comes from in the HTML.

    ``kind``: ``data`` (the same characters in the source), ``ref`` (a character reference,
    decoded; never split) or ``break`` (a line break the text has for a block element; nothing
    in the source, ``raw_start == raw_end``)."""

    start: int
    end: int
    raw_start: int
    raw_end: int
    kind: str


@dataclass(frozen=True)
class HtmlText:
    text: str
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Mark:
    """A span ``[start, end)`` of the text to mark, with what the ``<mark>`` element carries
    (plain strings: escaped here)."""

    start: int
    end: int
    ident: str = ""
    classes: str = ""
    title: str = ""
    label: str = ""  # hidden text after the marked words (for screen readers and print)


def _decode(run: str, raw_start: int, offset: int, pieces: list[Piece], parts: list[str]) -> int:
    """Append the text of a run of character data (between tags); return the new text length."""
    if "&" not in run:
        pieces.append(Piece(offset, offset + len(run), raw_start, raw_start + len(run), "data"))
        parts.append(run)
        return offset + len(run)
    position = 0
    for match in _REFERENCE.finditer(run):
        if match.start() > position:
            chunk = run[position : match.start()]
            pieces.append(Piece(offset, offset + len(chunk), raw_start + position, raw_start + match.start(), "data"))
            parts.append(chunk)
            offset += len(chunk)
        decoded = unescape(match.group())
        kind = "ref" if decoded != match.group() else "data"
        pieces.append(Piece(offset, offset + len(decoded), raw_start + match.start(), raw_start + match.end(), kind))
        parts.append(decoded)
        offset += len(decoded)
        position = match.end()
    if position < len(run):
        chunk = run[position:]
        pieces.append(Piece(offset, offset + len(chunk), raw_start + position, raw_start + len(run), "data"))
        parts.append(chunk)
        offset += len(chunk)
    return offset


def html_text(html: str) -> HtmlText:
    """The plain text of ``html`` (as the checks read it) with its pieces.

    Tags and comments are dropped, references decoded, a line break put before and after each
    block element (never two in a row, none at the start); leading and trailing line breaks are
    trimmed."""
    pieces: list[Piece] = []
    parts: list[str] = []
    offset = 0
    position = 0
    skipping = ""
    for match in _TOKEN.finditer(html):
        if match.start() > position and not skipping:
            offset = _decode(html[position : match.start()], position, offset, pieces, parts)
        position = match.end()
        name = (match.group(2) or "").lower()
        closing = bool(match.group(1))
        if skipping:
            if closing and name == skipping:
                skipping = ""
            continue
        if name in _SKIPPED and not closing and not match.group().endswith("/>"):
            skipping = name
            continue
        if name in BLOCKS and parts and not parts[-1].endswith("\n"):
            pieces.append(Piece(offset, offset + 1, match.start(), match.start(), "break"))
            parts.append("\n")
            offset += 1
    if position < len(html) and not skipping:
        offset = _decode(html[position:], position, offset, pieces, parts)
    text = "".join(parts)
    lead = len(text) - len(text.lstrip("\n"))
    stripped = text.strip("\n")
    if len(stripped) == len(text):
        return HtmlText(text, tuple(pieces))
    kept = [
        Piece(p.start - lead, p.end - lead, p.raw_start, p.raw_end, p.kind)
        for p in pieces
        if p.end > lead and p.start < lead + len(stripped)
    ]
    return HtmlText(stripped, tuple(kept))


def _ranges(found: HtmlText, starts: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of the source that hold text ``[start, end)``, joined where they touch."""
    ranges: list[tuple[int, int]] = []
    index = max(bisect.bisect_right(starts, start) - 1, 0)
    for piece in found.pieces[index:]:
        if piece.start >= end:
            break
        if piece.end <= start or piece.kind == "break":
            continue
        if piece.kind == "ref":
            raw = (piece.raw_start, piece.raw_end)
        else:
            raw = (piece.raw_start + max(start - piece.start, 0), piece.raw_start + min(end, piece.end) - piece.start)
        if ranges and ranges[-1][1] == raw[0]:
            ranges[-1] = (ranges[-1][0], raw[1])
        else:
            ranges.append(raw)
    return ranges


def _open(mark: Mark, first: bool) -> str:
    attributes = []
    if first and mark.ident:
        attributes.append(f' id="{escape(mark.ident)}"')
    if mark.classes:
        attributes.append(f' class="{escape(mark.classes)}"')
    if mark.title:
        attributes.append(f' title="{escape(mark.title)}"')
    return f"<mark{''.join(attributes)}>"


def _close(mark: Mark, last: bool) -> str:
    if last and mark.label:
        return f'<span class="visually-hidden">（{escape(mark.label)}）</span></mark>'
    return "</mark>"


def mark_html(html: str, marks: Sequence[Mark]) -> str:
    """``html`` with each mark's span of its text (:func:`html_text`) wrapped in ``<mark>``."""
    found = html_text(html)
    starts = [piece.start for piece in found.pieces]
    inserts: list[tuple[int, int, str]] = []  # (source position, order, markup)
    done = 0  # the end of the last span marked (text) and of its last range (source)
    raw_done = 0
    for order, mark in enumerate(sorted(marks, key=lambda m: (m.start, m.end))):
        start, end = mark.start, min(mark.end, len(found.text))
        if start < done or start >= end:
            continue
        ranges = []
        for raw_start, raw_end in _ranges(found, starts, start, end):
            raw_start = max(raw_start, raw_done)
            if raw_end > raw_start and unescape(html[raw_start:raw_end]).strip():
                ranges.append((raw_start, raw_end))
        if not ranges:
            continue
        for number, (raw_start, raw_end) in enumerate(ranges):
            inserts.append((raw_start, 2 * order + 1, _open(mark, number == 0)))
            inserts.append((raw_end, 2 * order, _close(mark, number == len(ranges) - 1)))
        done, raw_done = end, ranges[-1][1]
    inserts.sort(key=lambda item: (item[0], item[1]))
    out: list[str] = []
    position = 0
    for at, _order, markup in inserts:
        out.append(html[position:at])
        out.append(markup)
        position = at
    out.append(html[position:])
    return "".join(out)


def excerpt(text: str, start: int, end: int, width: int = 30) -> tuple[str, str, str]:
    """The span ``[start, end)`` of ``text`` with up to ``width`` characters either side (line
    breaks and runs of spaces as one space; "…" where the text goes on)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))

    def flat(part: str) -> str:
        return _SPACES.sub(" ", part)

    before = flat(text[max(0, start - width) : start])
    after = flat(text[end : end + width])
    if start - width > 0:
        before = "…" + before
    if end + width < len(text):
        after = after + "…"
    return before, flat(text[start:end]), after
