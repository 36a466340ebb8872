"""Search for the public: the query taken apart, folded and cut by the text pipeline, widened with
the plain-language synonyms, corrected when the words as typed find (almost) nothing, run on the
engine, and answered with rows of the database (published, proactively disclosed documents only).

``search(SearchRequest(...)).as_json()`` is the shape of the CLI and the API (issue 15, item 5).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed
from gongkai.documents.models import Document, LegalStatus
from gongkai.documents.selectors import public_by_pk
from gongkai.text.markup import strip_markup

from .analysis import text_chars
from .engine import EngineQuery, EngineResult, Group, TantivyEngine, Term
from .indexing import ensure_dictionary
from .pipeline import (
    Correction,
    Corrector,
    Expansion,
    Synonyms,
    fold,
    gov_terms,
    looks_like_pinyin,
    segmenter,
    snippet,
    split_syllables,
)
from .query import ParsedQuery, parse_query

logger = logging.getLogger(__name__)

QUERY_MAX = 200
PER_PAGE_MAX = 50
PAGE_MAX = 100
FEW = 2  # a typed query finding this many or fewer is corrected (when a correction finds more)
SUGGEST_LIMIT = 10
RELATED_LIMIT = 6
CACHE_SECONDS = 60.0
DATE_MIN, DATE_MAX = date(1949, 1, 1), date(2100, 12, 31)


class InvalidSearch(ValidationFailed):
    status = 422


@dataclass(frozen=True)
class SearchRequest:
    q: str
    agency: str | None = None
    kind: str | None = None
    status: str | None = None
    issuer: str | None = None
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    topic: str | None = None
    title_only: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    as_typed: bool = False


@dataclass(frozen=True)
class ResultRow:
    id: int
    title: str
    doc_number: str
    index_number: str
    issuer: str
    status: str
    published_on: date | None
    score: float
    snippet: str
    url: str
    agency: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "index_number": self.index_number,
            "issuer": self.issuer,
            "status": self.status,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "url": self.url,
        }


@dataclass
class SearchResponse:
    query: str
    used_query: str
    correction: str | None
    total: int
    results: list[ResultRow]
    facets: dict[str, dict[str, int]]
    page: int = 1
    per_page: int = 10
    correction_kind: str | None = None
    terms: tuple[str, ...] = field(default=())  # the words searched for (highlighting)

    @property
    def pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1)

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "used_query": self.used_query,
            "correction": self.correction,
            "total": self.total,
            "results": [row.as_json() for row in self.results],
            "facets": {name: dict(self.facets.get(name, {})) for name in ("kind", "status", "issuer", "year")},
        }


# -- the process's engine, synonyms and corrector -------------------------------------------------

_lock = threading.Lock()
_engines: dict[Path, TantivyEngine] = {}


def search_dir() -> Path:
    return Path(settings.GONGKAI_SEARCH_DIR)


def get_engine() -> TantivyEngine:
    """The engine of ``GONGKAI_SEARCH_DIR`` (one per process and directory)."""
    path = search_dir()
    with _lock:
        engine = _engines.get(path)
        if engine is None:
            engine = _engines[path] = TantivyEngine(path)
        return engine


def reset_engine() -> None:
    """Forget the open engines and caches (tests, after the setting changed)."""
    with _lock:
        _engines.clear()
    _synonyms_cache.clear()
    _correctors.clear()
    _agency_cache.clear()
    with _counts_lock:
        _counts.clear()


_synonyms_cache: dict[str, tuple[float, Any]] = {}  # synonyms, plain words, popular searches


def synonyms() -> Synonyms:
    """The active plain → official pairs of the database as a pipeline ``Synonyms`` (cached a minute;
    changed at once in the process that saves an entry)."""
    from .models import SynonymEntry

    cached = _synonyms_cache.get("all")
    now = time.monotonic()
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        found: Synonyms = cached[1]
        return found
    pairs = [
        (fold(entry.plain), tuple(fold(term) for term in entry.official_terms()))
        for entry in SynonymEntry.objects.filter(is_active=True)
    ]
    value = Synonyms([(plain, official) for plain, official in pairs if plain and official])
    _synonyms_cache["all"] = (now, value)
    return value


def forget_synonyms() -> None:
    _synonyms_cache.clear()


CORRECTOR_SECONDS = 600.0
CORRECTOR_WAIT = 60.0
GOV_TERM_COUNT = 3


class _Correctors:
    """The process's ``Corrector`` over the index's own words (each word's number of documents)
    and the government terms. Building one over a large vocabulary takes seconds, so it is built
    in a background thread: the first search starts it, a correction waits for it only while
    there is none yet, and every ``CORRECTOR_SECONDS`` a newer one replaces it while the old one
    keeps answering."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.current: Corrector | None = None
        self.made_at = 0.0
        self.thread: threading.Thread | None = None
        self.generation = 0

    def _build(self, engine: TantivyEngine, generation: int) -> None:
        try:
            words = dict(engine.vocabulary(max_age=0))
            for term in gov_terms():
                words[term] = words.get(term, 0) + GOV_TERM_COUNT
            # Applied only when the words as typed find (almost) nothing and the correction finds
            # more, so a replacement seen in a single document is enough.
            made = Corrector(words, min_count=1)
        except Exception:  # no correction rather than a broken search
            logger.exception("search: building the corrector failed")
            return
        with self.lock:
            if generation == self.generation:
                self.current, self.made_at = made, time.monotonic()

    def get(self, *, wait: bool) -> Corrector | None:
        engine = get_engine()
        with self.lock:
            stale = self.current is None or time.monotonic() - self.made_at > CORRECTOR_SECONDS
            if stale and (self.thread is None or not self.thread.is_alive()):
                self.thread = threading.Thread(
                    target=self._build, args=(engine, self.generation), name="search-corrector", daemon=True
                )
                self.thread.start()
            current, thread = self.current, self.thread
        if current is None and wait and thread is not None:
            thread.join(CORRECTOR_WAIT)
            with self.lock:
                current = self.current
        return current

    def clear(self) -> None:
        with self.lock:
            self.generation += 1
            self.current, self.thread = None, None


_correctors = _Correctors()


def corrector() -> Corrector | None:
    """The process's corrector (waiting for the first one to be built)."""
    return _correctors.get(wait=True)


# -- from the query to the engine -----------------------------------------------------------------


def _term(text: str, *, phrase: bool = False) -> Term | None:
    tokens = tuple(segmenter().query_tokens(text))
    chars = tuple(text_chars(text))
    if not tokens and not chars:
        return None
    return Term(tokens=tokens, chars=chars, phrase=phrase)


def _word_groups(words: str, expansions: list[Expansion]) -> list[Group]:
    """One group per word; a plain phrase of the synonyms is one group whose alternatives are the
    phrase itself and each official term."""
    groups: list[Group] = []
    taken: list[tuple[int, int, Expansion]] = []
    for expansion in sorted(expansions, key=lambda e: -len(e.plain)):
        start = words.find(expansion.plain)
        while start >= 0:
            end = start + len(expansion.plain)
            if all(end <= a or start >= b for a, b, _ in taken):
                taken.append((start, end, expansion))
            start = words.find(expansion.plain, end)
    taken.sort(key=lambda span: span[0])
    position = 0
    pieces: list[tuple[str, Expansion | None]] = []
    for start, end, expansion in taken:
        pieces.append((words[position:start], None))
        pieces.append((words[start:end], expansion))
        position = end
    pieces.append((words[position:], None))
    for text, found in pieces:
        if found is None:
            for token in segmenter().query_tokens(text):
                term = _term(token)
                if term is not None:
                    groups.append(Group((term,)))
            continue
        alternatives = [t for t in (_term(text), *(_term(o) for o in found.official)) if t is not None]
        if alternatives:
            groups.append(Group(tuple(alternatives)))
    return groups


def _pinyin_words(words: str) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """The words of a pinyin-only query: as syllables (shebao → she bao) or as initials (sb)."""
    full: list[tuple[str, ...]] = []
    initials: list[str] = []
    for word in words.lower().split():
        syllables = split_syllables(word)
        if syllables:
            full.append(tuple(syllables))
        elif word.isalpha() and len(word) <= 8:
            initials.append(word)
    return tuple(full), tuple(initials)


def _expansions(parsed: ParsedQuery, use_synonyms: bool) -> list[Expansion]:
    if not use_synonyms or not parsed.words:
        return []
    return list(synonyms().expansions(parsed.words))


def engine_query(
    parsed: ParsedQuery, request: SearchRequest, *, use_synonyms: bool = True, pinyin_from: str = ""
) -> EngineQuery:
    """``pinyin_from``: the words as typed in pinyin when ``parsed`` holds their Chinese correction
    (both are searched: the Chinese words, and the pinyin in the titles)."""
    expansions = _expansions(parsed, use_synonyms)
    groups = _word_groups(parsed.words, expansions) if parsed.words else []
    for phrase in parsed.phrases:
        term = _term(phrase, phrase=True)
        if term is not None:
            groups.append(Group((term,)))
    excluded = tuple(t for t in (_term(word) for word in parsed.excluded) if t is not None)
    pinyin: tuple[tuple[str, ...], ...] = ()
    initials: tuple[str, ...] = ()
    typed = pinyin_from or parsed.words
    if typed and not parsed.phrases and looks_like_pinyin(typed):
        pinyin, initials = _pinyin_words(typed)
    return EngineQuery(
        groups=tuple(groups),
        excluded=excluded,
        pinyin=pinyin,
        initials=initials,
        doc_number=parsed.doc_number,
        doc_parts=parsed.doc_parts[:2] if parsed.doc_parts else (),
        title_only=parsed.title_only or request.title_only,
        kind=request.kind or None,
        status=request.status or None,
        issuer=request.issuer or None,
        year=request.year,
        agency=request.agency or None,
        topic=request.topic or None,
        date_from=request.date_from,
        date_to=request.date_to,
        today=timezone.localdate(),
        sort=request.sort,
        offset=(request.page - 1) * request.per_page,
        limit=request.per_page,
    )


def _terms_of(query: EngineQuery, parsed: ParsedQuery) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for phrase in parsed.phrases:
        found.setdefault(phrase, None)
    for group in query.groups:
        for term in group.alternatives:
            for token in term.tokens:
                found.setdefault(token, None)
    if parsed.doc_number:
        found.setdefault(parsed.doc_number, None)
    return tuple(found)


# -- checks ---------------------------------------------------------------------------------------


def too_long_message() -> str:
    return _("The search words are at most %(max)d characters.") % {"max": QUERY_MAX}


def check_request(request: SearchRequest) -> None:
    """Bad input → one Chinese message (422), before anything is searched."""
    problems: dict[str, str] = {}
    if len(request.q) > QUERY_MAX:
        problems["q"] = too_long_message()
    if request.sort not in ("relevance", "date"):
        problems["sort"] = _("Sort by relevance or by date.")
    if not 1 <= request.page <= PAGE_MAX:
        problems["page"] = _("The page is a number from 1 to %(max)d.") % {"max": PAGE_MAX}
    if not 1 <= request.per_page <= PER_PAGE_MAX:
        problems["per_page"] = _("Results per page: 1 to %(max)d.") % {"max": PER_PAGE_MAX}
    if request.status and request.status not in LegalStatus.values:
        problems["status"] = _("Unknown status “%(status)s”.") % {"status": request.status}
    if request.year is not None and not 1949 <= request.year <= 2100:
        problems["year"] = _("The year is between 1949 and 2100.")
    for name in ("date_from", "date_to"):
        day = getattr(request, name)
        if day is not None and not DATE_MIN <= day <= DATE_MAX:
            problems[name] = _("The dates are between 1949 and 2100.")
    if request.date_from and request.date_to and request.date_from > request.date_to:
        problems["date_to"] = _("The end date is before the start date.")
    has_filter = any(
        (request.agency, request.kind, request.status, request.issuer, request.year, request.topic)
    ) or bool(request.date_from or request.date_to)
    if not request.q.strip() and not has_filter and not problems:
        problems["q"] = _("Please type what you are looking for.")
    if problems:
        first = next(iter(problems.values()))
        raise InvalidSearch(first, details=problems)


# -- the search -----------------------------------------------------------------------------------


def _run(parsed: ParsedQuery, request: SearchRequest, *, pinyin_from: str = "") -> tuple[EngineQuery, EngineResult]:
    query = engine_query(parsed, request, pinyin_from=pinyin_from)
    if query.empty and parsed.text.strip():
        # only punctuation or exclusions: nothing can match
        return query, EngineResult(total=0, hits=[], facets={"kind": {}, "status": {}, "issuer": {}, "year": {}})
    return query, get_engine().search(query)


def _corrected(parsed: ParsedQuery) -> Correction | None:
    """A correction of the free words of ``parsed`` proposed from the index's vocabulary, or None."""
    if not parsed.words or parsed.doc_number:
        return None
    try:
        made = corrector()
        return made.propose(parsed.words) if made is not None else None
    except Exception:  # a correction must never break the search itself
        return None


def search(request: SearchRequest) -> SearchResponse:
    check_request(request)
    ensure_dictionary()
    _correctors.get(wait=False)  # started early: ready by the time a query needs correcting
    parsed = parse_query(request.q)
    query, result = _run(parsed, request)
    used = parsed
    correction_text: str | None = None
    correction_kind: str | None = None
    is_pinyin = bool(parsed.words) and not parsed.phrases and looks_like_pinyin(parsed.words)
    if not request.as_typed and (result.total <= FEW or is_pinyin):
        # a pinyin query is always given its Chinese words too (gjj → 公积金), searched with the pinyin
        proposal = _corrected(parsed)
        if proposal is not None and fold(proposal.text) != parsed.words:
            candidate = replace(parsed, words=fold(proposal.text))
            pinyin_from = parsed.words if is_pinyin and proposal.kind == "pinyin" else ""
            corrected_query, corrected_result = _run(candidate, request, pinyin_from=pinyin_from)
            if corrected_result.total > result.total or (pinyin_from and corrected_result.total >= result.total):
                used, query, result = candidate, corrected_query, corrected_result
                correction_text, correction_kind = proposal.text, proposal.kind
    if result.total and request.page == 1:
        record_query(_used_text(used))
    terms = _terms_of(query, used)
    rows = result_rows([(hit.id, hit.score) for hit in result.hits], terms)
    used_text = _used_text(used) if correction_text else parsed.text
    return SearchResponse(
        query=parsed.text,
        used_query=used_text,
        correction=used_text if correction_text else None,
        total=result.total,
        results=rows,
        facets=result.facets,
        page=request.page,
        per_page=request.per_page,
        correction_kind=correction_kind,
        terms=terms,
    )


def _used_text(parsed: ParsedQuery) -> str:
    parts = [parsed.words, *(f"“{p}”" for p in parsed.phrases), *(f"-{w}" for w in parsed.excluded)]
    text = " ".join(part for part in parts if part)
    return f"标题:{text}" if parsed.title_only else text


def plain_text(document: Document) -> str:
    return strip_markup(document.body).text if document.body else ""


def result_rows(hits: list[tuple[int, float]], terms: tuple[str, ...]) -> list[ResultRow]:
    """The rows of ``hits`` from the database, in the engine's order; anything no longer public
    (withdrawn, not proactively disclosed, deleted) is left out."""
    if not hits:
        return []
    today = timezone.localdate()
    documents = public_by_pk([pk for pk, _ in hits])
    rows: list[ResultRow] = []
    for pk, score in hits:
        document = documents.get(pk)
        if document is None:
            continue
        body = plain_text(document)
        rows.append(
            ResultRow(
                id=document.pk,
                title=document.title,
                doc_number=document.doc_number_norm or document.doc_number,
                index_number=document.index_number,
                issuer=document.issuer,
                status=document.effective_status(today),
                published_on=document.published_on,
                score=score,
                snippet=snippet(body or document.title, list(terms)) if terms else "",
                url=reverse("documents:detail", args=[document.pk]),
                agency=document.agency.code,
            )
        )
    return rows


# -- suggestions ----------------------------------------------------------------------------------

_agency_cache: dict[str, tuple[float, list[tuple[str, str, str]]]] = {}


def _agencies() -> list[tuple[str, str, str]]:
    """(folded name, name, tree path) of the active agencies, cached a minute."""
    from gongkai.agencies.models import Agency

    cached = _agency_cache.get("all")
    now = time.monotonic()
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    rows = [(fold(a.name), a.name, a.path) for a in Agency.objects.filter(is_active=True).only("name", "path")]
    _agency_cache["all"] = (now, rows)
    return rows


def suggest(q: str, agency: str | None = None, limit: int = SUGGEST_LIMIT) -> list[str]:
    """Keyword suggestions as the user types: agency names, popular searches, plain words of the
    synonyms, and the index's title words and titles that start with (or contain) what is typed."""
    prefix = fold(q or "")[:QUERY_MAX]
    if not prefix:
        return []
    ensure_dictionary()
    scope = ""
    if agency:
        from gongkai.agencies.models import Agency

        scope = Agency.objects.filter(code=agency).values_list("path", flat=True).first() or ""
    popular = [t for t in _popular() if t.startswith(prefix) and t != prefix][:4]
    agencies = [name for folded, name, path in _agencies() if folded.startswith(prefix) and path.startswith(scope)][:3]
    plains = [p for p in _synonym_plains() if p.startswith(prefix) and p != prefix][:2]
    found = dict.fromkeys([*popular, *agencies, *plains])
    for word in get_engine().suggest(prefix, limit):
        found.setdefault(word, None)
    return list(found)[:limit]


def _synonym_plains() -> list[str]:
    from .models import SynonymEntry

    cached = _synonyms_cache.get("plains")
    now = time.monotonic()
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return list(cached[1])
    plains = sorted(fold(p) for p in SynonymEntry.objects.filter(is_active=True).values_list("plain", flat=True))
    _synonyms_cache["plains"] = (now, plains)
    return plains


# -- popular searches -----------------------------------------------------------------------------

POPULAR_MIN_COUNT = 3  # seen this often before it is suggested
POPULAR_LENGTH = (2, 30)
FLUSH_EVERY = 50  # searches, or
FLUSH_SECONDS = 60.0
_counts_lock = threading.Lock()
_counts: dict[str, int] = {}
_flushed_at = [time.monotonic()]


def record_query(text: str) -> None:
    """Count a search that found something (kept in memory, written now and then: never a write
    per search)."""
    text = fold(text).strip()
    if not POPULAR_LENGTH[0] <= len(text) <= POPULAR_LENGTH[1]:
        return
    with _counts_lock:
        _counts[text] = _counts.get(text, 0) + 1
        due = sum(_counts.values()) >= FLUSH_EVERY or time.monotonic() - _flushed_at[0] > FLUSH_SECONDS
    if due:
        flush_query_counts()


def flush_query_counts() -> int:
    """Write the counted searches to ``PopularQuery``; returns how many texts were written."""
    from django.db import DatabaseError, transaction
    from django.db.models import F

    from .models import PopularQuery

    with _counts_lock:
        counts = dict(_counts)
        _counts.clear()
        _flushed_at[0] = time.monotonic()
    if not counts:
        return 0
    now = timezone.now()
    try:
        with transaction.atomic():
            present = set(PopularQuery.objects.filter(text__in=list(counts)).values_list("text", flat=True))
            for text, count in counts.items():
                if text in present:
                    PopularQuery.objects.filter(text=text).update(count=F("count") + count, last_searched_at=now)
            PopularQuery.objects.bulk_create(
                [PopularQuery(text=t, count=c, last_searched_at=now) for t, c in counts.items() if t not in present],
                ignore_conflicts=True,
            )
    except DatabaseError:  # busy database: the counts are only a hint for suggestions
        return 0
    _synonyms_cache.pop("popular", None)
    return len(counts)


def _popular() -> list[str]:
    """The searches to suggest (pinned, or seen often enough and not hidden), most searched first."""
    from django.db.models import Q

    from .models import PopularQuery

    cached = _synonyms_cache.get("popular")
    now = time.monotonic()
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return list(cached[1])
    texts = list(
        PopularQuery.objects.filter(Q(pinned=True) | Q(count__gte=POPULAR_MIN_COUNT), hidden=False)
        .order_by("-pinned", "-count")
        .values_list("text", flat=True)[:5000]
    )
    _synonyms_cache["popular"] = (now, [fold(t) for t in texts])
    return list(_synonyms_cache["popular"][1])


def related(q: str, limit: int = RELATED_LIMIT) -> list[str]:
    """Related searches for ``q``: the official terms of its plain words (生孩子 → 生育), then the
    popular searches that share a word with it, most searched first; never ``q`` itself."""
    folded = fold(q or "")[:QUERY_MAX]
    if not folded:
        return []
    found: dict[str, None] = {}
    for expansion in synonyms().expansions(folded):
        for term in expansion.official:
            found.setdefault(term, None)
    words = {word for word in segmenter().query_tokens(folded) if len(word) > 1}
    if words:
        for text in _popular():
            if text != folded and any(word in text for word in words):
                found.setdefault(text, None)
            if len(found) > limit:
                break
    found.pop(folded, None)
    return list(found)[:limit]
