"""The search index: a small engine interface (here) and its embedded Tantivy implementation
(:mod:`gongkai.search.engine.embedded`).

Nothing here knows Django or Chinese: documents arrive already cut into tokens
(:class:`IndexedDocument`, made by :mod:`gongkai.search.analysis`), queries arrive as groups of
tokens (:class:`EngineQuery`, made by :mod:`gongkai.search.service`). Every text field is indexed
with a whitespace tokenizer plus lowercasing over the pre-cut text, so that index and query are
cut once, by the same pipeline, outside the engine.

:class:`SearchEngine` is the whole interface callers use (add, delete, commit, search, suggest,
vocabulary, rebuild); a distributed engine (OpenSearch, Quickwit) can implement it without
touching them (docs/search.md).

Layout of the search directory (``GONGKAI_SEARCH_DIR``)::

    CURRENT        the name of the live index directory (replaced atomically by ``rebuild``)
    write.lock     held (flock) by the one process writing; others wait
    rebuild.lock   held while a rebuild runs
    idx-<n>/       Tantivy index directories: the live one, the one before it, a build in progress

Tantivy allows one writer per index: writes are buffered by ``add``/``delete`` and applied by
``commit`` under ``write.lock`` with a short-lived writer, then the reader is reloaded. Readers in
other processes see the commit on their next search (the index's ``meta.json`` changes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

__all__ = [
    "EngineError",
    "EngineQuery",
    "EngineResult",
    "Group",
    "Hit",
    "IndexedDocument",
    "SearchEngine",
    "TantivyEngine",
    "Term",
]

LOCK_WAIT_SECONDS = 120.0


class EngineError(Exception):
    """The index cannot be used (e.g. a writer waited too long for the lock)."""


@dataclass
class IndexedDocument:
    """One document as the index sees it: text already cut into tokens, facets as plain values."""

    id: int
    title: str
    title_tokens: list[str]
    title_unigrams: list[str]  # the title's characters in order (Han one by one, Latin/digit runs whole)
    title_pinyin: list[str]  # the title's syllables in order (guan yu she hui bao xian); initials derived
    doc_number: str  # normal form (国办发〔2019〕23号), "" if none
    doc_parts: list[str]  # prefix, year, serial
    issuer: str
    issuer_tokens: list[str]
    body_tokens: list[str]
    kind: str  # base kind: rule | normative | other
    status: str  # in_force | amended | repealed | expired
    agency_path: list[str]  # agency codes, root → owner
    year: int | None
    published_on: date | None
    topic: str = ""
    kind_code: str = ""  # the agency kind's own code (tongzhi, gonggao, …), "" if the base kind
    expires_on: date | None = None
    vocabulary: list[str] = field(default_factory=list)  # precise-mode words of title, issuer, 文号 prefix


@dataclass(frozen=True)
class Term:
    """A word or a phrase: ``tokens`` all present (``phrase``: adjacent, in order); ``chars`` its
    characters, matched in the title's character sequence (a title written without the word's
    segmentation still matches)."""

    tokens: tuple[str, ...]
    chars: tuple[str, ...] = ()
    phrase: bool = False


@dataclass(frozen=True)
class Group:
    """One word of the query: any of its alternatives (the word as typed, its synonyms) matches."""

    alternatives: tuple[Term, ...]


@dataclass(frozen=True)
class EngineQuery:
    """What to find. A document matches when every group matches (all words required), or all
    word typed in pinyin (syllables or initials) is in its title, or its 文号 is ``doc_number`` (ranked first)."""

    groups: tuple[Group, ...] = ()
    excluded: tuple[Term, ...] = ()
    pinyin: tuple[tuple[str, ...], ...] = ()  # words typed in pinyin, each as its syllables
    initials: tuple[str, ...] = ()  # words typed as pinyin initials (sbgl)
    doc_number: str = ""
    doc_parts: tuple[str, ...] = ()  # prefix and year (and serial): documents whose 文号 has them
    title_only: bool = False
    kind: str | None = None
    status: str | None = None
    issuer: str | None = None
    year: int | None = None
    agency: str | None = None  # an agency code: its documents and those of the agencies under it
    topic: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    today: date | None = None  # given: "in force" and "expired" also by the expiry date (not only as indexed)
    sort: str = "relevance"  # or "date" (newest first)
    offset: int = 0
    limit: int = 10
    facets: bool = True

    @property
    def empty(self) -> bool:
        return not (self.groups or self.pinyin or self.initials or self.doc_number or self.doc_parts)


@dataclass(frozen=True)
class Hit:
    id: int
    score: float


@dataclass
class EngineResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


Progress = Callable[[int], None]


class SearchEngine(Protocol):
    """What the service needs from a search engine. Writes are visible after ``commit``."""

    def add(self, docs: Iterable[IndexedDocument]) -> None:
        """Add or replace (same id) documents."""

    def delete(self, ids: Iterable[int]) -> None: ...

    def commit(self) -> None: ...

    def search(self, q: EngineQuery) -> EngineResult: ...

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Words and titles starting with ``prefix`` (already folded)."""

    def vocabulary(self) -> dict[str, int]:
        """Word → number of documents, over the ``vocabulary`` words of the indexed documents
        (precise-mode words of titles, issuers, 文号 prefixes): what the corrector proposes from."""

    def count(self) -> int: ...

    def rebuild(self, docs: Iterable[IndexedDocument], progress: Progress | None = None) -> int:
        """Build a new index from ``docs`` beside the live one and switch to it when complete."""


from .embedded import TantivyEngine  # noqa: E402  (the implementation needs the types above)
