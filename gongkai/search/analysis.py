"""From a document's text to what the index holds (:class:`IndexedDocument`), and the small text
helpers the query side shares with it. Pure: no Django (the benchmark builds documents with it).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from gongkai.text.docnumber import normalise_doc_number, parse_doc_number

from .engine import IndexedDocument
from .pipeline import fold, segmenter

BODY_MAX_CHARS = 200_000  # a longer body is indexed up to here
_CHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9a-z]+")


def text_chars(text: str) -> list[str]:
    """The characters of the folded ``text`` in order: each Han character, each run of Latin
    letters or digits (``2024``, ``app``); punctuation and spaces dropped."""
    return _CHARS.findall(fold(text))


_RUN = re.compile(r"[0-9a-z]+")


def _keep(chunk: str) -> Any:
    return [chunk]  # pypinyin keeps the characters it has no reading for (digits, Latin) as they are


@lru_cache(maxsize=100_000)
def syllables(text: str) -> tuple[str, ...]:
    """The pinyin of the folded ``text``, one syllable per Han character, in order (Latin and
    digit runs as they are): 关于社会保险 → guan yu she hui bao xian. Heteronyms by pypinyin's
    phrase data (调休 → diao xiu)."""
    from pypinyin import Style, lazy_pinyin

    found: list[str] = []
    for item in lazy_pinyin(fold(text), style=Style.NORMAL, errors=_keep):
        found.extend(_RUN.findall(item.lower()))
    return tuple(found)


def doc_parts(doc_number: str) -> tuple[str, list[str]]:
    """The normal form of a 文号 and its parts (机关代字, year, serial), or ``("", [])``."""
    parsed = parse_doc_number(doc_number)
    if parsed is None:  # a number without a year (山东省人民政府令第337号): its cleaned form
        return fold(normalise_doc_number(doc_number)), []
    prefix = fold(parsed.prefix)
    return f"{prefix}〔{parsed.year}〕{parsed.serial}号", [prefix, str(parsed.year), str(parsed.serial)]


def make_indexed_document(
    *,
    id: int,
    title: str,
    body: str = "",
    doc_number: str = "",
    issuer: str = "",
    kind: str = "other",
    kind_code: str = "",
    status: str = "in_force",
    agency_path: list[str] | None = None,
    published_on: date | None = None,
    expires_on: date | None = None,
    topic: str = "",
) -> IndexedDocument:
    """``body`` is plain text (no markup)."""
    seg = segmenter()
    title_tokens = seg.index_tokens(title)
    number, parts = doc_parts(doc_number)
    vocabulary = seg.query_tokens(title) + (seg.query_tokens(issuer) if issuer else []) + parts[:1]
    return IndexedDocument(
        id=id,
        title=title,
        title_tokens=title_tokens,
        title_unigrams=text_chars(title),
        title_pinyin=list(syllables(title)),
        doc_number=number,
        doc_parts=parts,
        issuer=issuer.strip(),
        issuer_tokens=seg.index_tokens(issuer) if issuer else [],
        body_tokens=seg.index_tokens(body[:BODY_MAX_CHARS]) if body else [],
        kind=kind,
        status=status,
        agency_path=list(agency_path or []),
        year=published_on.year if published_on else None,
        published_on=published_on,
        topic=topic,
        kind_code=kind_code if kind_code != kind else "",
        expires_on=expires_on,
        vocabulary=vocabulary,
    )
