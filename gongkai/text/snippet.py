"""Search result snippets: an HTML-escaped excerpt around the densest hits, hits in ``<em>``.

The terms are looked for in the folded text (:func:`gongkai.text.fold_search.fold_map`: width,
traditional characters, case, 文号 brackets), so that 公积金 marks 公積金 and ``ＰＤＦ``; the marks
are then put at the hits' places in the original text, which is what the reader sees. Everything
outside the ``<em>`` marks is escaped: the result can go into a page as it is. Runs of whitespace
show as one space.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence

from .fold_search import fold, fold_map

__all__ = ["highlight", "snippet"]

_ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")


def _terms(terms: Sequence[str]) -> list[str]:
    folded = {fold(term) for term in terms}
    return sorted((term for term in folded if term), key=lambda term: (-len(term), term))


def _hits(folded: str, terms: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, term)`` in order; a longer term wins an overlap."""
    taken = [False] * len(folded)
    hits: list[tuple[int, int, str]] = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            end = start + len(term)
            if not any(taken[start:end]):
                hits.append((start, end, term))
                for index in range(start, end):
                    taken[index] = True
            start = folded.find(term, start + 1)
    hits.sort()
    return hits


def _window(hits: list[tuple[int, int, str]], size: int, width: int) -> tuple[int, int]:
    """The folded ``[start, end)`` of ``width`` characters holding the most distinct terms (then
    the most hits, then the earliest), with some text before its first hit."""
    best = (0, 0, 0)
    inside: Counter[str] = Counter()
    right = 0
    for index, (start, _end, _term) in enumerate(hits):  # a window starting at each hit
        while right < len(hits) and hits[right][1] <= start + width:
            inside[hits[right][2]] += 1
            right += 1
        score = (len(inside), right - index)
        if score > best[:2]:
            best = (*score, index)
        inside[hits[index][2]] -= 1
        if not inside[hits[index][2]]:
            del inside[hits[index][2]]
    first = hits[best[2]][0]
    start = max(0, min(first - width // 4, size - width))
    return start, min(size, start + width)


def _show(text: str) -> str:
    return html.escape(_SPACES.sub(" ", text))


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    pieces: list[str] = []
    position = start
    for hit_start, hit_end in spans:
        if hit_end <= start or hit_start >= end:
            continue
        hit_start, hit_end = max(hit_start, start), min(hit_end, end)
        pieces.append(_show(text[position:hit_start]))
        pieces.append(f"<em>{_show(text[hit_start:hit_end])}</em>")
        position = hit_end
    pieces.append(_show(text[position:end]))
    return "".join(pieces)


def snippet(text: str, terms: Sequence[str], width: int = 120) -> str:
    """About ``width`` characters of ``text`` around the densest hits of ``terms``, escaped, hits
    in ``<em>``; ``…`` where text was cut. Without hits: the beginning of the text."""
    folded = fold_map(text)
    size = len(folded.text)
    if not size:
        return ""
    hits = _hits(folded.text, _terms(terms))
    if hits:
        start, end = _window(hits, size, width)
        # Never cut a hit in two: widen to the hits that straddle the window's ends.
        for hit_start, hit_end, _ in hits:
            if hit_start < start < hit_end:
                start = hit_start
            if hit_start < end < hit_end:
                end = hit_end
    else:
        start, end = 0, min(size, width)
    original_start, original_end = folded.span(start, end)
    if end >= size:
        original_end = len(text)
    if start == 0:
        original_start = 0
    spans = [folded.span(hit_start, hit_end) for hit_start, hit_end, _ in hits]
    body = _marked(text, spans, original_start, original_end).strip()
    prefix = _ELLIPSIS if original_start > 0 and text[:original_start].strip() else ""
    suffix = _ELLIPSIS if original_end < len(text) and text[original_end:].strip() else ""
    return f"{prefix}{body}{suffix}"


def highlight(text: str, terms: Sequence[str]) -> str:
    """The whole ``text`` escaped, hits of ``terms`` in ``<em>`` (for titles)."""
    folded = fold_map(text)
    if not folded.text:
        return _show(text).strip()
    spans = [folded.span(start, end) for start, end, _ in _hits(folded.text, _terms(terms))]
    return _marked(text, spans, 0, len(text)).strip()
