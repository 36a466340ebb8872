"""The embedded Tantivy implementation of :class:`~gongkai.search.engine.SearchEngine`
(the layout of the search directory and the writer's lock: see the package's text)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tantivy

from . import (
    LOCK_WAIT_SECONDS,
    EngineError,
    EngineQuery,
    EngineResult,
    Hit,
    IndexedDocument,
    Progress,
    Term,
)

#: Bump when the schema changes: an index of another version is not opened (reindex).
SCHEMA_VERSION = 1
ANALYZER = "gk_ws"  # whitespace + lowercase over pre-cut tokens

#: Field boosts: a hit in the title or the 文号 counts more than one in the body.
BOOSTS = {
    "title": 4.0,
    "title_chars": 2.5,
    "doc_parts": 3.0,
    "issuer": 1.5,
    "body": 1.0,
    "title_pinyin": 3.0,
}
DOC_NUMBER_BOOST = 50.0
#: The legal status as a factor of the text score: in force above amended above repealed/expired.
STATUS_FACTOR = {"in_force": 1.5, "amended": 1.2, "expired": 1.0, "repealed": 1.0}
FRESHNESS_SPAN = 0.05  # at equal text score, the newest document is up to 5 % ahead
FACETS = {"kind": ("kind", 20), "status": ("status", 10), "issuer": ("issuer_exact", 20), "year": ("year", 60)}
SORTS = ("relevance", "date")


# -- schema ---------------------------------------------------------------------------------------


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_integer_field("id", stored=True, indexed=True, fast=True)
    b.add_text_field("title_stored", stored=True, tokenizer_name="raw", index_option="basic")
    for name in ("title", "title_chars", "title_pinyin", "title_initials", "body"):
        b.add_text_field(name, tokenizer_name=ANALYZER, index_option="position")
    for name in ("issuer", "doc_parts"):
        b.add_text_field(name, tokenizer_name=ANALYZER, index_option="freq")
    b.add_text_field("doc_number", tokenizer_name="raw", index_option="basic")
    for name in ("kind", "status", "issuer_exact", "topic"):
        b.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("kind_code", tokenizer_name="raw", index_option="basic")
    b.add_text_field("vocab", tokenizer_name=ANALYZER, index_option="basic")  # the corrector's words
    b.add_text_field("agency", tokenizer_name="raw", index_option="basic")  # multi-valued: the path
    b.add_integer_field("year", indexed=True, fast=True)
    b.add_date_field("published_on", indexed=True, fast=True)
    b.add_date_field("expires_on", indexed=True, fast=True)
    b.add_float_field("rank", fast=True)
    return b.build()


def _analyzer() -> tantivy.TextAnalyzer:
    # Tantivy's whitespace tokenizer does not lowercase: add the filter (Latin words, pinyin).
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.lowercase()).build()


def _day(value: date) -> datetime:
    return datetime(value.year, value.month, value.day)  # noqa: DTZ001  (a calendar day, no zone)


def rank_weight(status: str, published_on: date | None) -> float:
    """The per-document factor of the text score (Tantivy multiplies by log2(2 + weight)):
    the status factor, times a small freshness bonus (documents of 2000 → 0, of 2030 → full)."""
    factor = STATUS_FACTOR.get(status, 1.0)
    if published_on is not None:
        freshness = min(max((published_on.year - 2000 + published_on.timetuple().tm_yday / 366) / 30, 0.0), 1.0)
        factor *= 1.0 + FRESHNESS_SPAN * freshness
    return 2.0**factor - 2.0


_SPACE = re.compile(r"\s")


def _joined(tokens: Iterable[str]) -> str:
    """The tokens for the whitespace tokenizer: empty ones and any holding a space left out (one
    C-level search per token; a per-character test in Python was most of a rebuild's time)."""
    space = _SPACE.search
    return " ".join(token for token in tokens if token and not space(token))


def _document(doc: IndexedDocument) -> tantivy.Document:
    d = tantivy.Document()
    d.add_integer("id", doc.id)
    d.add_text("title_stored", doc.title)
    d.add_text("title", _joined(doc.title_tokens))
    d.add_text("title_chars", _joined(doc.title_unigrams))
    d.add_text("title_pinyin", _joined(doc.title_pinyin))
    d.add_text("title_initials", _joined(s[:1] for s in doc.title_pinyin))
    d.add_text("body", _joined(doc.body_tokens))
    d.add_text("issuer", _joined(doc.issuer_tokens))
    d.add_text("doc_parts", _joined(doc.doc_parts))
    d.add_text("vocab", _joined(doc.vocabulary))
    if doc.doc_number:
        d.add_text("doc_number", doc.doc_number)
    d.add_text("kind", doc.kind)
    if doc.kind_code:
        d.add_text("kind_code", doc.kind_code)
    d.add_text("status", doc.status)
    if doc.issuer:
        d.add_text("issuer_exact", doc.issuer)
    if doc.topic:
        d.add_text("topic", doc.topic)
    for code in doc.agency_path:
        d.add_text("agency", code)
    if doc.year is not None:
        d.add_integer("year", doc.year)
    if doc.published_on is not None:
        d.add_date("published_on", _day(doc.published_on))
    d.add_date("expires_on", _day(doc.expires_on or date(2200, 12, 31)))
    d.add_float("rank", rank_weight(doc.status, doc.published_on))
    return d


def _phrase(schema: tantivy.Schema, field_name: str, tokens: list[str], slop: int = 0) -> tantivy.Query:
    words: list[str | tuple[int, str]] = list(tokens)
    return tantivy.Query.phrase_query(schema, field_name, words, slop)


# -- locks ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def file_lock(path: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """An exclusive ``flock`` on ``path``: a second process waits (up to ``wait`` seconds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise EngineError(f"the search index is locked by another writer: {path}") from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# -- the Tantivy engine ---------------------------------------------------------------------------


class _Generation:
    """One open index directory and its reader."""

    def __init__(self, path: Path, schema: tantivy.Schema) -> None:
        self.path = path
        self.schema = schema
        self.index = tantivy.Index(schema, path=str(path), reuse=True)
        self.index.register_tokenizer(ANALYZER, _analyzer())  # at every open
        self.index.config_reader(reload_policy="manual")
        self.meta_mtime = self._meta_mtime()

    def _meta_mtime(self) -> int:
        try:
            return (self.path / "meta.json").stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def fresh(self) -> None:
        """Reload the reader when another writer has committed since."""
        mtime = self._meta_mtime()
        if mtime != self.meta_mtime:
            self.meta_mtime = mtime
            self.index.reload()

    def reload(self) -> None:
        self.meta_mtime = self._meta_mtime()
        self.index.reload()


class TantivyEngine:
    """:class:`SearchEngine` on an embedded Tantivy index under ``path`` (see the module text)."""

    def __init__(self, path: Path | str, *, heap_size: int = 20_000_000) -> None:
        self.path = Path(path)
        self.heap_size = heap_size
        self.schema = _schema()
        self._lock = threading.RLock()
        self._pending_add: dict[int, IndexedDocument] = {}
        self._pending_delete: set[int] = set()
        self._generation: _Generation | None = None
        self._current_stamp: tuple[int, int] | None = None
        self._vocabulary: tuple[str, float, dict[str, int]] | None = None

    # the live generation ------------------------------------------------------------------------

    @property
    def _current_file(self) -> Path:
        return self.path / "CURRENT"

    def _read_current(self) -> str | None:
        try:
            text = self._current_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        try:
            name, version = text.split(" ", 1)
        except ValueError:
            return None
        return name if version == f"v{SCHEMA_VERSION}" and (self.path / name).is_dir() else None

    def _write_current(self, name: str) -> None:
        temporary = self.path / f"CURRENT.{os.getpid()}.tmp"
        temporary.write_text(f"{name} v{SCHEMA_VERSION}\n", encoding="utf-8")
        os.replace(temporary, self._current_file)  # atomic: readers see the old name or the new

    def _new_directory(self) -> Path:
        self.path.mkdir(parents=True, exist_ok=True)
        while True:
            candidate = self.path / f"idx-{time.time_ns()}"
            try:
                candidate.mkdir()
                return candidate
            except FileExistsError:  # pragma: no cover  (same nanosecond)
                continue

    def _stamp(self) -> tuple[int, int] | None:
        try:
            status = self._current_file.stat()
        except FileNotFoundError:
            return None
        return (status.st_mtime_ns, status.st_ino)

    def _live(self) -> _Generation:
        """The live generation, reopened when ``CURRENT`` moved and reloaded when committed to."""
        with self._lock:
            stamp = self._stamp()
            if self._generation is not None and stamp == self._current_stamp:
                self._generation.fresh()
                return self._generation
            name = self._read_current()
            if name is None:
                with file_lock(self.path / "write.lock"):
                    name = self._read_current()
                    if name is None:  # no index yet (or of an older schema): start an empty one
                        directory = self._new_directory()
                        _Generation(directory, self.schema)
                        self._write_current(directory.name)
                        name = directory.name
                stamp = self._stamp()
            if self._generation is None or self._generation.path.name != name:
                self._generation = _Generation(self.path / name, self.schema)
                self._vocabulary = None
            else:
                self._generation.fresh()
            self._current_stamp = stamp
            return self._generation

    # writes -------------------------------------------------------------------------------------

    def add(self, docs: Iterable[IndexedDocument]) -> None:
        with self._lock:
            for doc in docs:
                self._pending_delete.discard(doc.id)
                self._pending_add[doc.id] = doc

    def delete(self, ids: Iterable[int]) -> None:
        with self._lock:
            for pk in ids:
                self._pending_add.pop(pk, None)
                self._pending_delete.add(pk)

    def commit(self) -> None:
        """Apply the buffered writes with the one writer (waiting for another process's), then reload."""
        with self._lock:
            if not self._pending_add and not self._pending_delete:
                return
            adds, deletes = list(self._pending_add.values()), set(self._pending_delete)
            self._pending_add.clear()
            self._pending_delete.clear()
            self._live()  # make sure an index exists
            with file_lock(self.path / "write.lock"):
                generation = self._live()
                writer = generation.index.writer(self.heap_size, 1)
                try:
                    for pk in deletes | {doc.id for doc in adds}:
                        writer.delete_documents_by_term("id", pk)
                    for doc in adds:
                        writer.add_document(_document(doc))
                    writer.commit()
                except BaseException:
                    writer.rollback()
                    raise
                finally:
                    writer.wait_merging_threads()  # releases Tantivy's own writer lock
                generation.reload()

    def rebuild(self, docs: Iterable[IndexedDocument], progress: Progress | None = None, *, threads: int = 0) -> int:
        """A new index directory from ``docs``; ``CURRENT`` points to it once it is complete
        (searches keep using the old one until then). Returns the number of documents."""
        self.path.mkdir(parents=True, exist_ok=True)
        with file_lock(self.path / "rebuild.lock", wait=24 * 3600):
            directory = self._new_directory()
            generation = _Generation(directory, self.schema)
            writer = generation.index.writer(max(self.heap_size, 200_000_000), threads)
            count = 0
            try:
                for doc in docs:
                    writer.add_document(_document(doc))
                    count += 1
                    if progress is not None:
                        progress(count)
                writer.commit()
            except BaseException:
                writer.rollback()
                writer.wait_merging_threads()
                shutil.rmtree(directory, ignore_errors=True)
                raise
            writer.wait_merging_threads()
            with file_lock(self.path / "write.lock"):
                previous = self._read_current()
                self._write_current(directory.name)
            keep = {directory.name, previous}
            for old in self.path.glob("idx-*"):
                if old.name not in keep:
                    shutil.rmtree(old, ignore_errors=True)
        with self._lock:
            self._generation = None
            self._vocabulary = None
        return count

    # reads --------------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._live().index.searcher().num_docs)

    def _term(self, field_name: str, value: Any) -> tantivy.Query:
        return tantivy.Query.term_query(self.schema, field_name, value)

    def _sequence(self, field_name: str, tokens: list[str]) -> tantivy.Query:
        tokens = [t.lower() for t in tokens]
        if len(tokens) == 1:
            return self._term(field_name, tokens[0])
        return _phrase(self.schema, field_name, tokens)

    def _fields(self, title_only: bool) -> tuple[str, ...]:
        return ("title", "issuer", "body", "doc_parts") if not title_only else ("title",)

    def _term_query(self, term: Term, title_only: bool) -> tantivy.Query | None:
        """``term`` anywhere it may be: its tokens in a field, its characters in the title."""
        tokens = [t.lower() for t in term.tokens if t]
        options: list[tantivy.Query] = []
        boost = tantivy.Query.boost_query
        if tokens:
            for name in self._fields(title_only):
                if len(tokens) == 1:
                    options.append(boost(self._term(name, tokens[0]), BOOSTS[name]))
                elif term.phrase and name in ("title", "body"):
                    slop = 0 if name == "title" else 2
                    options.append(boost(_phrase(self.schema, name, tokens, slop), BOOSTS[name]))
                elif not term.phrase:
                    every = [(tantivy.Occur.Must, self._term(name, t)) for t in tokens]
                    options.append(boost(tantivy.Query.boolean_query(every), BOOSTS[name]))
        chars = [c.lower() for c in term.chars if c]
        if chars:
            if len(chars) == 1:
                chars_query = self._term("title_chars", chars[0])
            else:
                chars_query = _phrase(self.schema, "title_chars", chars)
            options.append(boost(chars_query, BOOSTS["title_chars"]))
        if not options:
            return None
        if len(tokens) > 1 and not term.phrase and not title_only:
            # several words of one alternative (an official term from the synonyms): each word in any field
            every_word = [
                (tantivy.Occur.Must, self._term_query(Term((t,)), title_only) or tantivy.Query.empty_query())
                for t in tokens
            ]
            options.append(tantivy.Query.boolean_query(every_word))
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, option) for option in options])

    def _text_query(self, q: EngineQuery) -> tantivy.Query | None:
        ways: list[tantivy.Query] = []
        if q.groups:
            required: list[tuple[tantivy.Occur, tantivy.Query]] = []
            for group in q.groups:
                alternatives = [self._term_query(term, q.title_only) for term in group.alternatives]
                found = [(tantivy.Occur.Should, a) for a in alternatives if a is not None]
                required.append(
                    (tantivy.Occur.Must, tantivy.Query.boolean_query(found) if found else tantivy.Query.empty_query())
                )
            ways.append(tantivy.Query.boolean_query(required))
        if q.pinyin or q.initials:
            words = [(tantivy.Occur.Must, self._sequence("title_pinyin", list(w))) for w in q.pinyin if w]
            words += [(tantivy.Occur.Must, self._sequence("title_initials", list(w))) for w in q.initials if w]
            ways.append(tantivy.Query.boost_query(tantivy.Query.boolean_query(words), BOOSTS["title_pinyin"]))
        if q.doc_number:
            ways.append(tantivy.Query.boost_query(self._term("doc_number", q.doc_number), DOC_NUMBER_BOOST))
        if q.doc_parts:
            parts = [(tantivy.Occur.Must, self._term("doc_parts", part.lower())) for part in q.doc_parts]
            ways.append(tantivy.Query.boost_query(tantivy.Query.boolean_query(parts), DOC_NUMBER_BOOST / 2))
        if not ways:
            return None
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, way) for way in ways])

    def _status(self, status: str, today: date | None) -> tantivy.Query:
        """The status as of ``today``: a document in force past its expiry date is expired."""
        indexed = self._term("status", status)
        if today is None or status not in ("in_force", "expired"):
            return indexed
        lapsed = tantivy.Query.range_query(
            self.schema, "expires_on", tantivy.FieldType.Date, tantivy.MIN_DATETIME, _day(today), include_upper=False
        )
        if status == "in_force":
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, indexed), (tantivy.Occur.MustNot, lapsed)])
        in_force = self._term("status", "in_force")
        expired_by_date = tantivy.Query.boolean_query([(tantivy.Occur.Must, in_force), (tantivy.Occur.Must, lapsed)])
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, indexed), (tantivy.Occur.Should, expired_by_date)])

    def _filters(self, q: EngineQuery, skip: str = "") -> list[tantivy.Query]:
        found: list[tantivy.Query] = []
        if q.kind and skip != "kind":
            found.append(
                tantivy.Query.boolean_query(
                    [
                        (tantivy.Occur.Should, self._term("kind", q.kind)),
                        (tantivy.Occur.Should, self._term("kind_code", q.kind)),
                    ]
                )
            )
        if q.status and skip != "status":
            found.append(self._status(q.status, q.today))
        if q.issuer and skip != "issuer":
            found.append(self._term("issuer_exact", q.issuer))
        if q.year is not None and skip != "year":
            found.append(self._term("year", q.year))
        if q.agency:
            found.append(self._term("agency", q.agency))
        if q.topic:
            found.append(self._term("topic", q.topic))
        if q.date_from or q.date_to:
            found.append(
                tantivy.Query.range_query(
                    self.schema,
                    "published_on",
                    tantivy.FieldType.Date,
                    _day(q.date_from) if q.date_from else tantivy.MIN_DATETIME,
                    _day(q.date_to) if q.date_to else tantivy.MAX_DATETIME,
                )
            )
        return found

    def _query(self, q: EngineQuery, text: tantivy.Query | None, skip: str = "") -> tantivy.Query:
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        clauses.append((tantivy.Occur.Must, text if text is not None else tantivy.Query.all_query()))
        for flt in self._filters(q, skip):
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(flt, 0.0)))
        for term in q.excluded:
            excluded = self._term_query(term, False)
            if excluded is not None:
                clauses.append((tantivy.Occur.MustNot, excluded))
        return tantivy.Query.boolean_query(clauses)

    def _facets(self, searcher: tantivy.Searcher, q: EngineQuery, text: tantivy.Query | None) -> dict[str, Any]:
        """Counts per kind, status, issuer and year over the whole result set; a dimension that
        is filtered on is counted without its own filter (the other values stay choosable)."""
        facets: dict[str, dict[str, int]] = {}
        filtered = {"kind": q.kind, "status": q.status, "issuer": q.issuer, "year": q.year}
        shared = [name for name in FACETS if filtered[name] is None]
        requests: list[tuple[str, list[str]]] = []
        if shared:
            requests.append(("", shared))
        requests.extend((name, [name]) for name in FACETS if filtered[name] is not None)
        for skip, names in requests:
            aggregations = {name: {"terms": {"field": FACETS[name][0], "size": FACETS[name][1]}} for name in names}
            answer = searcher.aggregate(self._query(q, text, skip), aggregations)
            for name in names:
                buckets = answer.get(name, {}).get("buckets", [])
                facets[name] = {str(bucket["key"]): int(bucket["doc_count"]) for bucket in buckets}
        return {name: facets.get(name, {}) for name in FACETS}

    def search(self, q: EngineQuery) -> EngineResult:
        if q.sort not in SORTS:
            raise ValueError(f"unknown sort {q.sort!r}")
        generation = self._live()
        searcher = generation.index.searcher()
        text = self._text_query(q)
        query = self._query(q, text)
        limit = max(q.limit, 0)
        if q.sort == "date":
            found = searcher.search(query, limit, count=True, order_by_field="published_on", offset=q.offset)
        else:
            found = searcher.search(query, limit, count=True, offset=q.offset, weight_by_field="rank")
        addresses = [address for _, address in found.hits]
        ids = searcher.fast_field_values("id", addresses) if addresses else []
        if q.sort == "date":
            hits = [Hit(int(pk), 0.0) for pk in ids if pk is not None]
        else:
            hits = [
                Hit(int(pk), float(score)) for (score, _), pk in zip(found.hits, ids, strict=True) if pk is not None
            ]
        facets = self._facets(searcher, q, text) if q.facets else {}
        return EngineResult(total=int(getattr(found, "count", 0) or 0), hits=hits, facets=facets)

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Title words starting with ``prefix`` (most documents first), then titles containing it."""
        prefix = prefix.strip().lower()
        if not prefix or limit <= 0:
            return []
        searcher = self._live().index.searcher()
        found: dict[str, None] = {}
        if " " not in prefix:
            for word, _ in searcher.terms_with_prefix("title", prefix, limit=limit):
                if len(word) > len(prefix) or word == prefix:
                    found.setdefault(word, None)
        chars = [c for c in prefix if not c.isspace()]
        if chars and len(found) < limit:
            if len(chars) == 1:
                query = self._term("title_chars", chars[0])
            else:
                query = tantivy.Query.phrase_prefix_query(
                    self.schema, "title_chars", list[str | tuple[int, str]](chars)
                )
            for _, address in searcher.search(query, limit, count=False).hits:
                title = searcher.doc(address).get_first("title_stored")
                if title:
                    found.setdefault(str(title), None)
        return list(found)[:limit]

    def vocabulary(self, max_age: float = 300.0) -> dict[str, int]:
        """The ``vocabulary`` words of the index with their document counts (cached ``max_age`` s)."""
        generation = self._live()
        cached = self._vocabulary
        now = time.monotonic()
        if cached is not None and cached[0] == generation.path.name and now - cached[1] < max_age:
            return cached[2]
        searcher = generation.index.searcher()
        words = {word: int(count) for word, count in searcher.terms_with_prefix("vocab", "", limit=None)}
        self._vocabulary = (generation.path.name, now, words)
        return words
