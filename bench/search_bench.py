"""The search benchmark (issue 15 item 7): Tantivy against SQLite FTS5, PostgreSQL and LIKE.

Run: ``.venv/bin/python bench/search_bench.py --docs 20000 [--phases all] [--per-class 40]``
(``make bench-search`` runs it with ``BENCH_SEARCH_DOCS``; numbers go to docs/benchmarks.md by hand).
Everything lives in ``var/bench/search/n<N>/``; each phase adds its numbers to ``results.json``
there, so phases can be run one by one (``--phases tantivy,query``).

``--prefix-of M`` takes the corpus and tokens of N documents from the first N lines of a run of M
(what the generator makes for N is the first N lines of what it makes for M), with M's corpus and
segmentation times prorated, and uses M's site database (the service shows only what the index
of N finds). Without a site database holding the N documents, Tantivy is asked through
``TantivyEngine.search`` directly (each word required, filters, facets; no correction, no
snippets).

Phases (``all`` is every one, in this order):

- ``corpus`` — ``bench/search_corpus.py`` writes N documents (skipped when the file exists).
- ``segment`` — every title, issuer and body through the pipeline's segmenter
  (``gongkai.text.segment.segmenter()``: fold, search-mode cut, the government terms) in
  ``--workers`` processes, the title's words also as pinyin (full and initials, ``pinyin_keys``)
  and its characters as unigrams; written once to ``tokens.jsonl`` and shared by all four
  builds. Its time is part of every build's time.
- ``tantivy`` — the index through ``gongkai.search.engine.TantivyEngine.rebuild`` from
  ``IndexedDocument``s (when the engine is not installed: the ``tantivy`` package directly, with
  the same fields, flagged ``tantivy-direct`` in the results).
- ``site`` — the documents into a Django database (SQLite ``site.sqlite3``, ``bulk_create``, the
  derived 文号 fields set as the services would), so that ``gongkai.search.service.search`` can
  render its results (titles, URLs, snippets from the bodies).
- ``fts5`` — SQLite FTS5 (``unicode61``) over the same tokens, space-joined: columns title (the
  title's tokens, unigrams and pinyin) and body; a plain table beside it for the filters/facets.
- ``pg`` — PostgreSQL ``tsvector`` with the ``simple`` configuration over the same tokens
  (title weighted A), a GIN index; database ``gongkai_bench_search_<N>`` made with ``LOCALE
  'C.UTF-8'`` from ``template0`` (server ``$BENCH_POSTGRES_URL``) and dropped at the end of the
  ``query`` phase unless ``--keep-pg``.
- ``like`` — a plain SQLite table of the original titles and bodies, searched with
  ``LIKE '%word%'`` on title or body for each word (what many government sites do).
- ``query`` — the query mix (below), every query against every backend in turn, interleaved, so
  that load from other processes falls on all alike; p50/p95/p99 per class and overall, ratios.
- ``fresh`` — a new document: written, committed, the reader reloaded, found by a query (×20).
- ``memory`` — resident memory of a fresh process holding the segmenter and a reader (after
  queries), and of one with Django and the service loaded (a web worker).

**The query mix** (``--per-class`` queries each, chosen from the data with a fixed seed):
``common`` (one or two frequent words), ``rare`` (a word in about 0.005–0.015 % of the documents),
``pinyin`` (full or initials of a word of a title subject: ``gongjijin``, ``gjj``), ``typo`` (a title
subject with one character replaced by a homophone: 住房公基金), ``filtered`` (a frequent word with
a kind, status, year or issuer filter, facets) and ``date_sorted`` (a very frequent word, newest
first — the hostile case: no early termination on score). Tantivy is asked through the search
service (correction, synonyms, facets, snippets: what the API answers); the baselines get the
words of the query the service actually ran (``used_query``, so the correction is free for them)
and answer with the top 10 (bm25 / ts_rank / newest first for LIKE), the total, the four facets
(kind, status, issuer, year) and a snippet per hit (FTS5 ``snippet()``, ``ts_headline``, a slice
for LIKE). Without the service, Tantivy is queried directly with the same words.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import search_corpus  # noqa: E402

PG_DB = "gongkai_bench_search"  # + "_<N>": one database per size, so that two sizes can be built at once
CLASSES = ["common", "rare", "pinyin", "typo", "filtered", "date_sorted"]
BACKENDS = ["tantivy", "fts5", "pg", "like"]
P95_TARGET_MS = 50
P99_TARGET_MS = 150
BUILD_TARGET_S = 30 * 60
_HAN = re.compile(r"[\u4e00-\u9fff]")


# ---------------------------------------------------------------- the pipeline (or a stand-in)


class Pipeline:
    """The pipeline's segmenter and pinyin keys; rjieba and pypinyin directly until they exist."""

    def __init__(self) -> None:
        self._pinyin_cache: dict[str, tuple[str, str]] = {}
        try:
            from gongkai.text.segment import segmenter

            self.segmenter: Any = segmenter()
            self.name = "gongkai.text.segment"
        except ImportError:
            import rjieba

            self.segmenter = None
            self._jieba = rjieba
            self.name = "rjieba (direct)"
        try:
            from gongkai.text import pinyin_keys

            self._full: Callable[[str], str] = pinyin_keys.full
            self._initials: Callable[[str], str] = pinyin_keys.initials
        except ImportError:
            from pypinyin import Style, lazy_pinyin

            self._full = lambda text: "".join(lazy_pinyin(text))
            self._initials = lambda text: "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))

    @staticmethod
    def _keep(token: str) -> bool:
        return any(ch.isalnum() for ch in token)

    def index_tokens(self, text: str) -> list[str]:
        if self.segmenter is not None:
            return list(self.segmenter.index_tokens(text))
        return [t.lower() for t in self._jieba.cut_for_search(text) if self._keep(t)]

    def query_tokens(self, text: str) -> list[str]:
        if self.segmenter is not None:
            return list(self.segmenter.query_tokens(text))
        return [t.lower() for t in self._jieba.cut(text) if self._keep(t)]

    def title_unigrams(self, text: str) -> list[str]:
        if self.segmenter is not None:
            return list(self.segmenter.title_unigrams(text))
        return list(dict.fromkeys(_HAN.findall(text)))

    def pinyin_words(self, tokens: Iterable[str]) -> list[str]:
        words: dict[str, None] = {}
        for token in tokens:
            if _HAN.search(token):
                for word in self._pinyin_of(token):
                    words.setdefault(word, None)
        return [w for w in words if w]

    def _pinyin_of(self, token: str) -> tuple[str, str]:
        known = self._pinyin_cache.get(token)
        if known is None:
            known = self._pinyin_cache[token] = (self._full(token), self._initials(token))
        return known

    def full(self, text: str) -> str:
        return self._full(text)

    def initials(self, text: str) -> str:
        return self._initials(text)


_PIPELINE: Pipeline | None = None


def pipeline() -> Pipeline:
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()
    return _PIPELINE


def _module_exists(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


def engine_available() -> bool:
    return _module_exists("gongkai.search.engine") and _module_exists("gongkai.search.analysis")


def service_available() -> bool:
    return _module_exists("gongkai.search.service")


# ---------------------------------------------------------------- files and results


class Run:
    def __init__(self, docs: int, workers: int) -> None:
        self.docs = docs
        self.workers = workers
        self.dir = search_corpus.BENCH_DIR / f"n{docs}"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.corpus = search_corpus.BENCH_DIR / f"corpus-{docs}.jsonl"
        self.tokens = self.dir / "tokens.jsonl"
        self.results_file = self.dir / "results.json"
        self.results: dict[str, Any] = (
            json.loads(self.results_file.read_text(encoding="utf-8")) if self.results_file.exists() else {}
        )
        self.results.setdefault("docs", docs)

    def put(self, key: str, value: Any) -> None:
        """Add ``key`` to results.json: read afresh under a lock (phases may run side by side)."""
        import fcntl

        with (self.dir / "results.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if self.results_file.exists():
                self.results = json.loads(self.results_file.read_text(encoding="utf-8"))
            self.results[key] = value
            self.results.setdefault("machine_at", {})[key] = machine()
            partial = self.results_file.with_suffix(".part")
            partial.write_text(json.dumps(self.results, ensure_ascii=False, indent=2), encoding="utf-8")
            partial.replace(self.results_file)

    def segment_seconds(self) -> float:
        return float(self.results.get("segment", {}).get("seconds", 0.0))


def machine() -> dict[str, Any]:
    load = os.getloadavg()
    mem = _meminfo()
    return {
        "cores": os.cpu_count(),
        "mem_total_gib": round(mem.get("MemTotal", 0) / 2**20, 1),
        "load_avg_1_5_15": [round(x, 2) for x in load],
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _meminfo() -> dict[str, int]:
    values = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        name, rest = line.split(":", 1)
        values[name] = int(rest.split()[0])
    return values


def rss_mib() -> dict[str, float]:
    status = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS", "VmHWM")):
            name, rest = line.split(":", 1)
            status[name] = round(int(rest.split()[0]) / 1024, 1)
    return status


def cpu_seconds() -> float:
    """CPU seconds of this process and its finished children so far (user + system)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def size_mib(path: Path) -> float:
    if path.is_file():
        return round(path.stat().st_size / 2**20, 1)
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def log(message: str) -> None:
    print(f"[{datetime.now(UTC).strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---------------------------------------------------------------- corpus and segmentation


def phase_corpus(run: Run) -> None:
    if run.corpus.exists():
        log(f"corpus {run.corpus} exists")
        return
    log(f"corpus: generating {run.docs:,} documents")
    seconds = search_corpus.write(run.docs, run.corpus, workers=run.workers)
    run.put("corpus", {"seconds": round(seconds, 1), "mib": size_mib(run.corpus)})
    log(f"corpus: {seconds:.0f} s, {size_mib(run.corpus)} MiB")


def _segment_lines(lines: list[str]) -> list[str]:
    pipe = pipeline()
    out = []
    for line in lines:
        doc = json.loads(line)
        title_tokens = pipe.index_tokens(doc["title"])
        row = {
            "id": doc["id"],
            "title_tokens": " ".join(title_tokens),
            "title_unigrams": " ".join(pipe.title_unigrams(doc["title"])),
            "title_pinyin": " ".join(pipe.pinyin_words(title_tokens)),
            "issuer_tokens": " ".join(pipe.index_tokens(doc["issuer"])),
            "body_tokens": " ".join(pipe.index_tokens(doc["body"])),
        }
        out.append(json.dumps(row, ensure_ascii=False))
    return out


def _raw_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        yield from handle


def phase_segment(run: Run) -> None:
    log(f"segment: {run.docs:,} documents with {pipeline().name}, {run.workers} workers")
    start, cpu = time.perf_counter(), cpu_seconds()
    partial = run.tokens.with_suffix(".part")
    count = 0
    with partial.open("w", encoding="utf-8") as out:
        chunks = batched(_raw_lines(run.corpus), 500)
        if run.workers > 1:
            with multiprocessing.get_context("fork").Pool(run.workers) as pool:
                for lines in pool.imap(_segment_lines, chunks):
                    out.write("\n".join(lines) + "\n")
                    count += len(lines)
                    if count % 100_000 < 500:
                        log(f"  segmented {count:,}, {time.perf_counter() - start:.0f} s")
        else:
            for chunk in chunks:
                out.write("\n".join(_segment_lines(chunk)) + "\n")
                count += len(chunk)
    partial.replace(run.tokens)
    seconds = time.perf_counter() - start
    run.put(
        "segment",
        {
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu_seconds() - cpu, 1),
            "segmenter": pipeline().name,
            "workers": run.workers,
            "tokens_mib": size_mib(run.tokens),
        },
    )
    log(f"segment: {seconds:.0f} s")


def documents_with_tokens(run: Run) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for doc, tokens in zip(read_jsonl(run.corpus), read_jsonl(run.tokens), strict=True):
        if doc["id"] != tokens["id"]:
            raise SystemExit(f"corpus and tokens out of step at {doc['id']}")
        yield doc, tokens


# ---------------------------------------------------------------- Tantivy


BASE_KINDS = {"rule", "normative"}


def indexed_document(doc: dict[str, Any], tokens: dict[str, Any]) -> Any:
    """What ``gongkai.search.analysis.make_indexed_document`` makes of ``doc``, with the
    segmentation done once beforehand (the same ``segmenter().index_tokens`` of the same text)."""
    from gongkai.search.analysis import doc_parts, syllables, text_chars
    from gongkai.search.engine import IndexedDocument

    pipe = pipeline()
    published = date.fromisoformat(doc["published_on"])
    number, parts = doc_parts(doc["doc_number"])
    kind = doc["kind"] if doc["kind"] in BASE_KINDS else "other"
    return IndexedDocument(
        id=doc["id"],
        title=doc["title"],
        title_tokens=tokens["title_tokens"].split(),
        title_unigrams=text_chars(doc["title"]),
        title_pinyin=list(syllables(doc["title"])),
        doc_number=number,
        doc_parts=parts,
        issuer=doc["issuer"],
        issuer_tokens=tokens["issuer_tokens"].split(),
        body_tokens=tokens["body_tokens"].split(),
        kind=kind,
        status=doc["status"],
        agency_path=agency_path(doc["agency"]),
        year=published.year,
        published_on=published,
        topic=doc["topic"],
        kind_code="" if kind == doc["kind"] else doc["kind"],
        vocabulary=pipe.query_tokens(doc["title"]) + pipe.query_tokens(doc["issuer"]) + parts[:1],
    )


PARENTS = {"sf-gov": None, "sf-fgw": "sf-gov", "sf-sft": "sf-gov", "qs-gov": "sf-gov", "qs-jyj": "qs-gov"}
PARENTS |= {"qs-scjgj": "qs-gov", "ls-gov": "qs-gov"}  # the demo tree (gongkai.agencies.demo)


def agency_path(code: str) -> list[str]:
    path: list[str] = []
    current: str | None = code
    while current is not None:
        path.insert(0, current)
        current = PARENTS[current]
    return path


_DOC_NUMBER = re.compile(r"^(.+?)〔(\d{4})〕(\d+)号$")


def doc_number_parts(doc_number: str) -> tuple[str, int | None, int | None]:
    match = _DOC_NUMBER.match(doc_number)
    if not match:
        return "", None, None
    return match.group(1), int(match.group(2)), int(match.group(3))


def search_dir(run: Run) -> Path:
    return run.dir / "tantivy"


def _indexed_chunk(pairs: list[tuple[str, str]]) -> list[Any]:
    out = []
    for doc_line, token_line in pairs:
        doc, tokens = json.loads(doc_line), json.loads(token_line)
        if doc["id"] != tokens["id"]:
            raise SystemExit(f"corpus and tokens out of step at {doc['id']}")
        out.append(indexed_document(doc, tokens))
    return out


def indexed_documents(run: Run) -> Iterator[Any]:
    """The ``IndexedDocument``s of the corpus, made in ``run.workers`` processes (the title's
    pinyin and characters; the tokens come from the segment phase), in order."""
    pairs = batched(zip(_raw_lines(run.corpus), _raw_lines(run.tokens), strict=True), 500)
    if run.workers <= 1:
        for chunk in pairs:
            yield from _indexed_chunk(chunk)
        return
    with multiprocessing.get_context("fork").Pool(run.workers) as pool:
        for docs in pool.imap(_indexed_chunk, pairs):
            yield from docs


def phase_tantivy(run: Run) -> None:
    target = search_dir(run)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    start, cpu = time.perf_counter(), cpu_seconds()
    if engine_available():
        from gongkai.search.engine import TantivyEngine

        log("tantivy: TantivyEngine.rebuild")
        engine = TantivyEngine(target)

        def progress(done: int) -> None:
            if done % 100_000 == 0:
                log(f"  indexed {done:,}, {time.perf_counter() - start:.0f} s")

        engine.rebuild(indexed_documents(run), progress)
        how = "TantivyEngine.rebuild"
    else:
        log("tantivy: the tantivy package directly (no gongkai.search.engine yet)")
        direct_build(run, target)
        how = "tantivy-direct"
    seconds = time.perf_counter() - start
    run.put(
        "build_tantivy",
        {
            "how": how,
            "index_seconds": round(seconds, 1),
            "index_cpu_seconds": round(cpu_seconds() - cpu, 1),
            "seconds": round(seconds + run.segment_seconds(), 1),
            "mib": size_mib(target),
        },
    )
    log(f"tantivy: {seconds:.0f} s, {size_mib(target)} MiB")


def direct_schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for name in ("title", "title_unigrams", "title_pinyin", "issuer_tokens"):
        builder.add_text_field(name, tokenizer_name="ws")
    builder.add_text_field("body", tokenizer_name="ws")
    for name in ("kind", "status", "issuer", "doc_number"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_date_field("published_on", indexed=True, fast=True)
    return builder.build()


def direct_open(target: Path) -> Any:
    import tantivy

    index = tantivy.Index(direct_schema(), path=str(target))
    index.register_tokenizer(
        "ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.lowercase()).build()
    )
    return index


def direct_document(doc: dict[str, Any], tokens: dict[str, Any]) -> Any:
    import tantivy

    published = date.fromisoformat(doc["published_on"])
    document = tantivy.Document()
    document.add_unsigned("id", doc["id"])
    for name, value in (
        ("title", tokens["title_tokens"]),
        ("title_unigrams", tokens["title_unigrams"]),
        ("title_pinyin", tokens["title_pinyin"]),
        ("issuer_tokens", tokens["issuer_tokens"]),
        ("body", tokens["body_tokens"]),
        ("kind", doc["kind"]),
        ("status", doc["status"]),
        ("issuer", doc["issuer"]),
        ("doc_number", doc["doc_number"]),
    ):
        document.add_text(name, value)
    document.add_integer("year", published.year)
    document.add_date("published_on", datetime(published.year, published.month, published.day, tzinfo=UTC))
    return document


def direct_build(run: Run, target: Path) -> None:
    index = direct_open(target)
    writer = index.writer(heap_size=512_000_000, num_threads=max(1, run.workers))
    for count, (doc, tokens) in enumerate(documents_with_tokens(run), 1):
        writer.add_document(direct_document(doc, tokens))
        if count % 100_000 == 0:
            log(f"  indexed {count:,}")
    writer.commit()
    writer.wait_merging_threads()


class DirectTantivy:
    """Tantivy through the package itself (until the engine exists): all words required, each in
    the title (×3), its pinyin, unigrams, issuer or body; facets by aggregation; no snippets."""

    name = "tantivy"

    def __init__(self, run: Run) -> None:
        import tantivy

        self.t = tantivy
        self.index = direct_open(search_dir(run))
        self.index.reload()
        self.schema = self.index.schema
        self.corpus_bodies: dict[int, str] = {}

    def _word(self, word: str) -> Any:
        t = self.t
        q = t.Query
        parts = [
            (t.Occur.Should, q.boost_query(q.term_query(self.schema, "title", word), 3.0)),
            (t.Occur.Should, q.term_query(self.schema, "title_pinyin", word)),
            (t.Occur.Should, q.term_query(self.schema, "issuer_tokens", word)),
            (t.Occur.Should, q.term_query(self.schema, "body", word)),
        ]
        return q.boolean_query(parts)

    def search(self, words: list[str], filters: dict[str, Any], sort: str) -> dict[str, Any]:
        t = self.t
        q = t.Query
        clauses = [(t.Occur.Must, self._word(w)) for w in words]
        for name, value in filters.items():
            if name == "year":
                clauses.append((t.Occur.Must, q.term_query(self.schema, "year", int(value))))
            else:
                clauses.append((t.Occur.Must, q.term_query(self.schema, name, value)))
        query = q.boolean_query(clauses)
        searcher = self.index.searcher()
        if sort == "date":
            result = searcher.search(query, 10, count=True, order_by_field="published_on")
        else:
            result = searcher.search(query, 10, count=True)
        ids = [searcher.doc(address)["id"][0] for _, address in result.hits]
        aggs = {name: {"terms": {"field": name, "size": 20}} for name in ("kind", "status", "issuer", "year")}
        facets = searcher.aggregate(query, aggs)
        return {"total": result.count, "ids": ids, "facets": facets}


# ---------------------------------------------------------------- the Django site


def setup_django(run: Run) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{run.dir / 'site.sqlite3'}"
    os.environ["GONGKAI_VAR_DIR"] = str(run.dir / "var")
    os.environ["GONGKAI_SEARCH_DIR"] = str(search_dir(run))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"  # as the cases benchmark (DEBUG off)
    import django

    django.setup()
    from django.conf import settings

    settings.GONGKAI_SEARCH_DIR = search_dir(run)  # the test settings' own is a temporary folder


def phase_site(run: Run) -> None:
    database = run.dir / "site.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    setup_django(run)
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.documents.models import Document, DocumentKind
    from gongkai.text.docnumber import normalise_doc_number

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    from gongkai.agencies.demo import load_demo

    load_demo()  # the demo's agencies and users only (its documents would take ids 1…)
    agencies = {a.code: a for a in Agency.objects.all()}
    kinds = {k.code: k for k in DocumentKind.objects.filter(agency=None)}
    missing = sorted(set(search_corpus.AGENCIES) - set(agencies))
    if missing:
        raise SystemExit(f"the demo agencies are missing: {missing}")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=OFF")
    now = timezone.now()
    count = 0
    for batch in batched(read_jsonl(run.corpus), 2000):
        rows = []
        for doc in batch:
            prefix, year, serial = doc_number_parts(doc["doc_number"])
            body = "".join(f"<p>{p}</p>" for p in doc["body"].split("\n"))
            rows.append(
                Document(
                    id=doc["id"],
                    agency=agencies[doc["agency"]],
                    kind=kinds[doc["kind"]],
                    title=doc["title"],
                    doc_number=doc["doc_number"],
                    doc_number_norm=normalise_doc_number(doc["doc_number"]) if doc["doc_number"] else "",
                    doc_prefix=prefix,
                    doc_year=year,
                    doc_serial=serial,
                    index_number=doc["index_number"],
                    issuer=doc["issuer"],
                    written_on=date.fromisoformat(doc["written_on"]),
                    published_on=date.fromisoformat(doc["published_on"]),
                    effective_on=date.fromisoformat(doc["effective_on"]),
                    topic=doc["topic"],
                    body=body,
                    disclosure="proactive",  # (the 1M corpus of 4 December 2026 says "public")
                    status=doc["status"],
                    state="published",
                    created_at=now,
                    updated_at=now,
                )
            )
        with transaction.atomic():
            Document.objects.bulk_create(rows)
        count += len(rows)
        if count % 100_000 == 0:
            log(f"  site: {count:,} documents")
    with connection.cursor() as cursor:
        # without statistics SQLite reads the search results' rows through the state index, i.e.
        # every published document (~200 ms at 200,000); an operator's PRAGMA optimize does this
        cursor.execute("ANALYZE")
    seconds = time.perf_counter() - start
    run.put("site", {"seconds": round(seconds, 1), "mib": size_mib(database)})
    log(f"site: {seconds:.0f} s")


class EngineTantivy:
    """Tantivy through ``TantivyEngine.search`` without the service (no Django, no correction, no
    synonyms, no snippets): each word required, the filters, the four facets, the sort."""

    name = "tantivy"

    def __init__(self, run: Run) -> None:
        from gongkai.search.engine import TantivyEngine

        self.engine = TantivyEngine(search_dir(run))

    def search(self, words: list[str], filters: dict[str, Any], sort: str) -> dict[str, Any]:
        from dataclasses import replace

        query = replace(_engine_query(" ".join(words)), sort=sort, facets=True, **filters)
        result = self.engine.search(query)
        return {"total": result.total, "ids": [hit.id for hit in result.hits]}


def site_documents(run: Run) -> int:
    """How many documents the site database holds (0 if there is none)."""
    database = run.dir / "site.sqlite3"
    if not database.exists():
        return 0
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM documents_document WHERE id <= ?", [run.docs]).fetchone()[0])


class ServiceTantivy:
    """Tantivy end to end: ``gongkai.search.service.search`` (the API's answer)."""

    name = "tantivy"

    def __init__(self, run: Run) -> None:
        setup_django(run)
        from gongkai.search import service

        self.service = service

    def ask(self, query: dict[str, Any]) -> dict[str, Any]:
        request = self.service.SearchRequest(
            q=query["q"], sort=query.get("sort", "relevance"), **query.get("filters", {})
        )
        answer = self.service.search(request).as_json()
        return {
            "total": answer["total"],
            "ids": [r["url"] for r in answer["results"]],
            "used_query": answer["used_query"],
        }


# ---------------------------------------------------------------- SQLite FTS5 and LIKE


def fts5_file(run: Run) -> Path:
    return run.dir / "fts5.sqlite3"


def like_file(run: Run) -> Path:
    return run.dir / "like.sqlite3"


META_COLUMNS = "id INTEGER PRIMARY KEY, kind TEXT, status TEXT, issuer TEXT, year INTEGER, published_on TEXT"


def _meta(doc: dict[str, Any]) -> tuple[Any, ...]:
    return (doc["id"], doc["kind"], doc["status"], doc["issuer"], int(doc["published_on"][:4]), doc["published_on"])


def _fresh_sqlite(path: Path) -> sqlite3.Connection:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    return conn


def title_text(tokens: dict[str, Any]) -> str:
    """The baselines' title column: the title's tokens, its characters, its pinyin, the issuer's tokens."""
    return f"{tokens['title_tokens']} {tokens['title_unigrams']} {tokens['title_pinyin']} {tokens['issuer_tokens']}"


def phase_fts5(run: Run) -> None:
    log("fts5: building")
    start, cpu = time.perf_counter(), cpu_seconds()
    conn = _fresh_sqlite(fts5_file(run))
    conn.execute(f"CREATE TABLE meta ({META_COLUMNS})")
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61')")
    for batch in batched(documents_with_tokens(run), 5000):
        conn.executemany("INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?)", [_meta(d) for d, _ in batch])
        conn.executemany(
            "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
            [
                (
                    d["id"],
                    title_text(t),
                    t["body_tokens"],
                )
                for d, t in batch
            ],
        )
        conn.commit()
    conn.execute("CREATE INDEX meta_published ON meta (published_on)")
    conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    seconds = time.perf_counter() - start
    run.put(
        "build_fts5",
        {
            "index_seconds": round(seconds, 1),
            "index_cpu_seconds": round(cpu_seconds() - cpu, 1),
            "seconds": round(seconds + run.segment_seconds(), 1),
            "mib": size_mib(fts5_file(run)),
        },
    )
    log(f"fts5: {seconds:.0f} s")


def phase_like(run: Run) -> None:
    log("like: building")
    start = time.perf_counter()
    conn = _fresh_sqlite(like_file(run))
    conn.execute(f"CREATE TABLE docs ({META_COLUMNS}, title TEXT, body TEXT)")
    for batch in batched(read_jsonl(run.corpus), 5000):
        conn.executemany(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [(*_meta(d), d["title"], d["body"]) for d in batch]
        )
        conn.commit()
    conn.execute("CREATE INDEX docs_published ON docs (published_on)")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    seconds = time.perf_counter() - start
    # no segmentation: LIKE works on the text as written
    run.put(
        "build_like",
        {"index_seconds": round(seconds, 1), "seconds": round(seconds, 1), "mib": size_mib(like_file(run))},
    )
    log(f"like: {seconds:.0f} s")


def _facets(rows: Iterable[tuple[Any, ...]]) -> tuple[int, dict[str, Counter[Any]]]:
    facets: dict[str, Counter[Any]] = {n: Counter() for n in ("kind", "status", "issuer", "year")}
    total = 0
    for kind, status, issuer, year, count in rows:
        total += count
        facets["kind"][kind] += count
        facets["status"][status] += count
        facets["issuer"][issuer] += count
        facets["year"][year] += count
    return total, facets


def _filter_sql(filters: dict[str, Any], alias: str, placeholder: str) -> tuple[str, list[Any]]:
    sql, params = "", []
    for name, value in filters.items():
        sql += f" AND {alias}.{name} = {placeholder}"
        params.append(value)
    return sql, params


class Fts5:
    name = "fts5"

    def __init__(self, run: Run) -> None:
        self.conn = sqlite3.connect(f"file:{fts5_file(run)}?mode=ro", uri=True, check_same_thread=False)

    def search(self, words: list[str], filters: dict[str, Any], sort: str) -> dict[str, Any]:
        if not words:
            return {"total": 0, "ids": []}
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        extra, params = _filter_sql(filters, "m", "?")
        order = "m.published_on DESC" if sort == "date" else "f.rank"
        hits = self.conn.execute(
            f"SELECT f.rowid, snippet(fts, 1, '<em>', '</em>', '…', 24) FROM fts f JOIN meta m ON m.id = f.rowid"  # noqa: S608
            f" WHERE fts MATCH ?{extra} ORDER BY {order} LIMIT 10",
            [match, *params],
        ).fetchall()
        total, _ = _facets(
            self.conn.execute(
                f"SELECT m.kind, m.status, m.issuer, m.year, count(*) FROM fts f JOIN meta m ON m.id = f.rowid"  # noqa: S608
                f" WHERE fts MATCH ?{extra} GROUP BY 1, 2, 3, 4",
                [match, *params],
            )
        )
        return {"total": total, "ids": [h[0] for h in hits]}


class Like:
    name = "like"

    def __init__(self, run: Run) -> None:
        self.conn = sqlite3.connect(f"file:{like_file(run)}?mode=ro", uri=True, check_same_thread=False)

    def search(self, words: list[str], filters: dict[str, Any], sort: str) -> dict[str, Any]:
        if not words:
            return {"total": 0, "ids": []}
        where, params = [], []
        for word in words:
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(d.title LIKE ? ESCAPE '\\' OR d.body LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        extra, more = _filter_sql(filters, "d", "?")
        # one scan: the matches into a temporary table, then the page and the facets from it
        self.conn.execute("DROP TABLE IF EXISTS temp.hits")
        self.conn.execute(
            "CREATE TEMP TABLE hits AS SELECT d.id, d.kind, d.status, d.issuer, d.year, d.published_on,"  # noqa: S608
            f" instr(d.title, ?) > 0 AS in_title FROM docs d WHERE {' AND '.join(where)}{extra}",
            [words[0], *params, *more],
        )
        order = "published_on DESC" if sort == "date" else "in_title DESC, published_on DESC"
        ids = [r[0] for r in self.conn.execute(f"SELECT id FROM hits ORDER BY {order} LIMIT 10")]  # noqa: S608
        total, _ = _facets(
            self.conn.execute("SELECT kind, status, issuer, year, count(*) FROM hits GROUP BY 1, 2, 3, 4")
        )
        for (body,) in self.conn.execute(f"SELECT body FROM docs WHERE id IN ({','.join('?' * len(ids))})", ids):  # noqa: S608
            at = body.find(words[0])
            _ = body[max(0, at - 40) : at + 80]
        return {"total": total, "ids": ids}


# ---------------------------------------------------------------- PostgreSQL


def pg_admin_url() -> str:
    return os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def pg_name(run: Run) -> str:
    return f"{PG_DB}_{run.docs}"


def pg_url(run: Run) -> str:
    return pg_admin_url().rsplit("/", 1)[0] + "/" + pg_name(run)


def pg_drop(run: Run) -> None:
    import psycopg

    with psycopg.connect(pg_admin_url(), autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{pg_name(run)}" WITH (FORCE)')


def phase_pg(run: Run) -> None:
    import psycopg

    log("pg: building")
    pg_drop(run)
    with psycopg.connect(pg_admin_url(), autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"CREATE DATABASE \"{pg_name(run)}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'")
    start = time.perf_counter()
    with psycopg.connect(pg_url(run), autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE docs (id integer PRIMARY KEY, kind text, status text, issuer text, year integer,"
            " published_on date, title_tokens text, body_tokens text, tsv tsvector)"
        )
        with (
            conn.cursor() as cursor,
            cursor.copy(
                "COPY docs (id, kind, status, issuer, year, published_on, title_tokens, body_tokens) FROM STDIN"
            ) as copy,
        ):
            for doc, tokens in documents_with_tokens(run):
                copy.write_row((*_meta(doc), title_text(tokens), tokens["body_tokens"]))
        loaded = time.perf_counter() - start
        log(f"  pg: copied in {loaded:.0f} s")
        conn.execute(
            "UPDATE docs SET tsv = setweight(to_tsvector('simple', title_tokens), 'A')"
            " || setweight(to_tsvector('simple', body_tokens), 'D')"
        )
        log(f"  pg: tsvectors at {time.perf_counter() - start:.0f} s")
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)")
        conn.execute("CREATE INDEX docs_published ON docs (published_on)")
        conn.execute("VACUUM ANALYZE docs")
        seconds = time.perf_counter() - start
        database = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        gin = conn.execute("SELECT pg_relation_size('docs_tsv')").fetchone()[0]
    run.put(
        "build_pg",
        {
            "index_seconds": round(seconds, 1),
            "seconds": round(seconds + run.segment_seconds(), 1),
            "copy_seconds": round(loaded, 1),
            "mib": round(database / 2**20, 1),
            "gin_mib": round(gin / 2**20, 1),
        },
    )
    log(f"pg: {seconds:.0f} s")


class Postgres:
    name = "pg"

    def __init__(self, run: Run) -> None:
        import psycopg

        self.conn = psycopg.connect(pg_url(run), autocommit=True)

    def search(self, words: list[str], filters: dict[str, Any], sort: str) -> dict[str, Any]:
        if not words:
            return {"total": 0, "ids": []}
        tsquery = " & ".join("'" + w.replace("'", "''").replace("\\", "\\\\") + "'" for w in words)
        extra, params = _filter_sql(filters, "d", "%s")
        order = "d.published_on DESC" if sort == "date" else "ts_rank(d.tsv, q) DESC"
        hits = self.conn.execute(
            "SELECT id, ts_headline('simple', body_tokens, q, 'MaxWords=30, MinWords=10') FROM ("  # noqa: S608
            f" SELECT d.id, d.body_tokens, q FROM docs d, to_tsquery('simple', %s) q WHERE d.tsv @@ q{extra}"
            f" ORDER BY {order} LIMIT 10) page",
            [tsquery, *params],
        ).fetchall()
        total, _ = _facets(
            self.conn.execute(
                "SELECT d.kind, d.status, d.issuer, d.year, count(*) FROM docs d"  # noqa: S608
                f" WHERE d.tsv @@ to_tsquery('simple', %s){extra} GROUP BY 1, 2, 3, 4",
                [tsquery, *params],
            ).fetchall()
        )
        return {"total": total, "ids": [h[0] for h in hits]}


# ---------------------------------------------------------------- the query mix


def make_queries(run: Run, per_class: int, seed: int = 15) -> list[dict[str, Any]]:
    """``per_class`` queries of each class, from the data (the first 20,000 documents' words)."""
    rng = random.Random(seed)
    pipe = pipeline()
    df: Counter[str] = Counter()
    sample = 0
    for tokens in read_jsonl(run.tokens):
        df.update(set(tokens["body_tokens"].split()))
        sample += 1
        if sample == 20_000:
            break
    han = [(w, c) for w, c in df.items() if len(w) >= 2 and all(_HAN.match(ch) for ch in w)]
    han.sort(key=lambda wc: (-wc[1], wc[0]))
    frequent = [w for w, c in han if c >= 0.05 * sample][:200]
    very = [w for w, c in han if c >= 0.3 * sample][:30] or frequent[:10]
    low, high = max(1, round(0.00005 * sample)), max(2, round(0.00015 * sample))
    dictionary = search_corpus.word_frequencies()
    # dictionary words only (the HMM also makes words of unknown pairs: not what people type)
    rare = sorted(w for w, c in han if low <= c <= high and w in dictionary)
    subjects = sorted({s for s in search_corpus.SUBJECTS if len(s) <= 6})
    homophones = _homophones(pipe)
    queries: list[dict[str, Any]] = []

    def add(cls: str, q: str, filters: dict[str, Any] | None = None, sort: str = "relevance") -> None:
        queries.append({"class": cls, "q": q, "filters": filters or {}, "sort": sort})

    for i in range(per_class):
        add("common", rng.choice(frequent) if i % 2 else f"{rng.choice(frequent)} {rng.choice(frequent)}")
        add("rare", rng.choice(rare))
        subject = rng.choice(subjects)
        word = rng.choice([w for w in pipe.query_tokens(subject) if len(w) >= 2] or [subject])
        add("pinyin", pipe.full(word) if i % 2 else pipe.initials(word))
        add("typo", _typo(subject, homophones, rng))
        filters: list[dict[str, Any]] = [
            {"kind": rng.choice(["rule", "normative"])},
            {"status": "in_force"},
            {"year": rng.randint(2018, 2026)},
            {"issuer": rng.choice(search_corpus.ISSUERS)[0]},
        ]
        add("filtered", rng.choice(frequent), filters[i % 4])
        add("date_sorted", rng.choice(very), sort="date")
    return queries


def _homophones(pipe: Pipeline) -> dict[str, list[str]]:
    words, _ = search_corpus.vocabulary()
    freq = search_corpus.word_frequencies()
    singles = sorted((w for w in words if len(w) == 1 and freq[w] >= 2000), key=lambda w: -freq[w])
    by_sound: dict[str, list[str]] = {}
    for ch in singles[:3000]:
        by_sound.setdefault(pipe.full(ch), []).append(ch)
    return {ch: [o for o in group if o != ch] for group in by_sound.values() for ch in group}


def _typo(subject: str, homophones: dict[str, list[str]], rng: random.Random) -> str:
    places = [i for i, ch in enumerate(subject) if homophones.get(ch)]
    if not places:
        return subject
    at = rng.choice(places)
    return subject[:at] + rng.choice(homophones[subject[at]][:3]) + subject[at + 1 :]


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, max(0, round(p * len(ordered)) - 1))], 1)

    return {
        "n": len(ordered),
        "p50": round(statistics.median(ordered), 1),
        "p95": at(0.95),
        "p99": at(0.99),
        "max": round(ordered[-1], 1),
    }


def phase_query(run: Run, per_class: int, backends: list[str], like_per_class: int) -> None:
    queries = make_queries(run, per_class)
    tantivy: Any
    if service_available() and engine_available() and site_documents(run) >= run.docs:
        tantivy = ServiceTantivy(run)
        how = "service.search"
    elif engine_available():
        tantivy = EngineTantivy(run)
        how = "TantivyEngine.search"
    else:
        tantivy = DirectTantivy(run)
        how = "tantivy-direct"
    log(f"query: {len(queries)} queries; Tantivy through {how}; backends {backends}")
    others: dict[str, Any] = {}
    if "fts5" in backends:
        others["fts5"] = Fts5(run)
    if "pg" in backends:
        others["pg"] = Postgres(run)
    if "like" in backends:
        others["like"] = Like(run)
    pipe = pipeline()
    samples: dict[str, dict[str, list[float]]] = {b: {c: [] for c in CLASSES} for b in ["tantivy", *others]}
    totals: dict[str, list[Any]] = {b: [] for b in samples}
    like_done: Counter[str] = Counter()
    # warm-up (not counted): the first query of each class once everywhere
    warm = {q["class"]: q for q in reversed(queries)}
    for query in warm.values():
        _ask_all(tantivy, others, pipe, query, how)
    started = time.perf_counter()
    for n, query in enumerate(queries, 1):
        skip = set()
        if "like" in others:
            if like_done[query["class"]] >= like_per_class:
                skip.add("like")
            else:
                like_done[query["class"]] += 1
        timings, answers = _ask_all(tantivy, others, pipe, query, how, skip)
        for backend, ms in timings.items():
            samples.setdefault(backend, {c: [] for c in CLASSES})[query["class"]].append(ms)
            if backend in answers:
                totals[backend].append(answers[backend]["total"])
        query["totals"] = {b: a["total"] for b, a in answers.items()}
        query["used_query"] = answers["tantivy"].get("used_query", query["q"])
        if n % 60 == 0:
            log(f"  {n}/{len(queries)} queries, {time.perf_counter() - started:.0f} s")
    table: dict[str, Any] = {}
    for backend, by_class in samples.items():
        table[backend] = {c: percentiles(v) for c, v in by_class.items() if v}
        everything = [ms for v in by_class.values() for ms in v]
        table[backend]["overall"] = percentiles(everything)
    ratios = {
        backend: {
            cls: round(table[backend][cls]["p95"] / max(0.1, table["tantivy"][cls]["p95"]), 1)
            for cls in table[backend]
            if cls in table["tantivy"]
        }
        for backend in others
    }
    cpu_base = max(0.1, table["tantivy_cpu"]["overall"]["p95"])
    ratios["cpu"] = {
        f"{backend}_cpu": round(table[f"{backend}_cpu"]["overall"]["p95"] / cpu_base, 1)
        for backend in others
        if f"{backend}_cpu" in table
    }
    p50_ratios = {
        backend: {
            cls: round(table[backend][cls]["p50"] / max(0.1, table["tantivy"][cls]["p50"]), 1)
            for cls in table[backend]
            if cls in table["tantivy"]
        }
        for backend in others
    }
    run.put(
        "query",
        {
            "tantivy_via": how,
            "per_class": per_class,
            "like_per_class": like_per_class,
            "ms": table,
            "p95_ratio_to_tantivy": ratios,
            "p50_ratio_to_tantivy": p50_ratios,
            "targets": {
                "p95_le_50": table["tantivy"]["overall"]["p95"] <= P95_TARGET_MS,
                "p99_le_150": table["tantivy"]["overall"]["p99"] <= P99_TARGET_MS,
            },
            "queries": queries,
        },
    )
    print_table(run)


def _ask_all(
    tantivy: Any, others: dict[str, Any], pipe: Pipeline, query: dict[str, Any], how: str, skip: set[str] | None = None
) -> tuple[dict[str, float], dict[str, dict[str, Any]]]:
    timings: dict[str, float] = {}
    answers: dict[str, dict[str, Any]] = {}
    start, cpu = time.perf_counter(), time.process_time()
    if how == "service.search":
        answers["tantivy"] = tantivy.ask(query)
    else:
        answers["tantivy"] = tantivy.search(pipe.query_tokens(query["q"]), query["filters"], query["sort"])
    timings["tantivy"] = (time.perf_counter() - start) * 1000
    # CPU of this process (all its threads: Tantivy's and SQLite's work is in-process; PostgreSQL's is not)
    timings["tantivy_cpu"] = (time.process_time() - cpu) * 1000
    used = answers["tantivy"].get("used_query") or query["q"]
    words = pipe.query_tokens(used)
    for name, backend in others.items():
        if skip and name in skip:
            continue
        start, cpu = time.perf_counter(), time.process_time()
        answers[name] = backend.search(words, query["filters"], query["sort"])
        timings[name] = (time.perf_counter() - start) * 1000
        if name != "pg":
            timings[f"{name}_cpu"] = (time.process_time() - cpu) * 1000
    return timings, answers


# ---------------------------------------------------------------- fresh document, memory


def phase_fresh(run: Run, repeats: int = 20) -> None:
    """Write one new document, commit, reload the reader, find it: seconds until it is found."""
    samples = []
    if service_available() and engine_available() and site_documents(run) >= run.docs:
        command = [sys.executable, __file__, "--docs", str(run.docs), "probe-fresh"]
        out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)  # noqa: S603
        found = json.loads(out.stdout.strip().splitlines()[-1])
        run.put("fresh", found)
        log(f"fresh: {found}")
        return
    if engine_available():
        from gongkai.search.engine import TantivyEngine

        engine = TantivyEngine(search_dir(run))
        doc, tokens = next(documents_with_tokens(run))
        for i in range(repeats):
            marker = f"benchfresh{i}x{int(time.time())}"
            fresh = indexed_document(doc, tokens)
            fresh.id = run.docs + 1_000_000 + i
            fresh.title_tokens = [*fresh.title_tokens, marker]
            start = time.perf_counter()
            engine.add([fresh])
            engine.commit()
            while engine.search(_engine_query(marker)).total < 1:
                if time.perf_counter() - start > 10:
                    raise SystemExit("a new document was not found within 10 s")
                time.sleep(0.005)
            samples.append((time.perf_counter() - start) * 1000)
        engine.delete([run.docs + 1_000_000 + i for i in range(repeats)])
        engine.commit()
        how = "TantivyEngine add/commit/search"
    else:
        import tantivy

        index = direct_open(search_dir(run))
        doc, tokens = next(documents_with_tokens(run))
        writer = index.writer(heap_size=50_000_000, num_threads=1)
        schema = index.schema
        for i in range(repeats):
            marker = f"benchfresh{i}x{int(time.time())}"
            tokens = {**tokens, "title_tokens": tokens["title_tokens"] + " " + marker}
            fresh = direct_document({**doc, "id": run.docs + 1_000_000 + i}, tokens)
            start = time.perf_counter()
            writer.add_document(fresh)
            writer.commit()
            index.reload()
            query = tantivy.Query.term_query(schema, "title", marker)
            while index.searcher().search(query, 1, count=True).count < 1:
                if time.perf_counter() - start > 10:
                    raise SystemExit("a new document was not found within 10 s")
                time.sleep(0.005)
                index.reload()
            samples.append((time.perf_counter() - start) * 1000)
        for i in range(repeats):
            writer.delete_documents_by_term("id", run.docs + 1_000_000 + i)
        writer.commit()
        writer.wait_merging_threads()
        how = "tantivy-direct writer/commit/reload"
    run.put("fresh", {"how": how, "ms": percentiles(samples)})
    log(f"fresh: {percentiles(samples)}")


def _engine_query(text: str) -> Any:
    """An ``EngineQuery`` for ``text`` without the service: each of its words required."""
    from gongkai.search.engine import EngineQuery, Group, Term

    groups = tuple(Group(alternatives=(Term(tokens=(word,)),)) for word in pipeline().query_tokens(text))
    return EngineQuery(groups=groups)


def phase_memory(run: Run) -> None:
    """Resident memory of fresh processes: segmenter + reader + queries; and a web worker's."""
    result: dict[str, Any] = {}
    probes = ["reader", "service"] if service_available() and site_documents(run) >= run.docs else ["reader"]
    for probe in probes:
        command = [sys.executable, __file__, "--docs", str(run.docs), f"probe-{probe}"]
        out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)  # noqa: S603
        result[probe] = json.loads(out.stdout.strip().splitlines()[-1])
    run.put("memory", result)
    log(f"memory: {result}")


def probe_fresh(run: Run, repeats: int = 20) -> dict[str, Any]:
    """Publish a document as the site does (saved, published and proactive, in a transaction: the
    search app's on-commit hook indexes it) and ask the search service for its 文号 until it is
    found; then delete the documents again (the hook takes them out of the index)."""
    service = ServiceTantivy(run)
    from django.db import transaction
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.documents.models import Document, DocumentKind

    agency = Agency.objects.get(code="qs-gov")
    kind = DocumentKind.objects.get(code="notice", agency=None)

    def clean() -> None:
        with transaction.atomic():
            for document in Document.objects.filter(doc_prefix="青测发"):
                document.delete()

    clean()  # what an interrupted run left
    samples = []
    for i in range(repeats):
        serial = 101 + i
        number = f"青测发〔2026〕{serial}号"
        start = time.perf_counter()
        with transaction.atomic():
            Document.objects.create(
                agency=agency,
                kind=kind,
                title=f"关于开展第{serial}次新鲜度测试的通知",
                doc_number=number,
                doc_number_norm=number,
                doc_prefix="青测发",
                doc_year=2026,
                doc_serial=serial,
                issuer="青山市人民政府",
                published_on=timezone.localdate(),
                body="<p>新鲜度测试。</p>",
                disclosure="proactive",
                status="in_force",
                state="published",
            )
        while service.ask({"q": number})["total"] < 1:
            if time.perf_counter() - start > 10:
                raise SystemExit(f"{number} was not found within 10 s of its commit")
            time.sleep(0.002)
        samples.append((time.perf_counter() - start) * 1000)
    clean()
    return {"how": "Document saved + on_commit indexing + service.search, one process", "ms": percentiles(samples)}


def probe(run: Run, what: str) -> None:
    """In a fresh process: load what a worker holds, ask a few queries, print VmRSS/VmHWM."""
    words = ("住房公积金", "发展 工作", "养老服务", "shebao", "住房公基金")
    if what == "fresh":
        print(json.dumps(probe_fresh(run)))
        return
    if what == "service":
        service = ServiceTantivy(run)
        for q in words:
            service.ask({"q": q})
    elif engine_available():
        from gongkai.search.engine import TantivyEngine

        engine = TantivyEngine(search_dir(run))
        for q in words:
            engine.search(_engine_query(q))
    else:
        direct = DirectTantivy(run)
        for q in words:
            direct.search(pipeline().query_tokens(q), {}, "relevance")
    print(json.dumps({"docs": run.docs, **rss_mib()}))


# ---------------------------------------------------------------- report


def print_table(run: Run) -> None:
    r = run.results
    print(f"\nN = {r['docs']:,} documents; machine at each phase's end: {r.get('machine_at')}")
    for key in ("segment", "build_tantivy", "build_fts5", "build_pg", "build_like", "site", "fresh", "memory"):
        if key in r:
            print(f"  {key}: {r[key]}")
    query = r.get("query")
    if not query:
        return
    backends = list(query["ms"])
    print(f"\nlatency ms p50 / p95 / p99 (Tantivy via {query['tantivy_via']})")
    print("class".ljust(12) + "".join(b.ljust(24) for b in backends))
    for cls in [*CLASSES, "overall"]:
        cells = []
        for backend in backends:
            p = query["ms"][backend].get(cls)
            cells.append((f"{p['p50']} / {p['p95']} / {p['p99']}" if p else "—").ljust(24))
        print(cls.ljust(12) + "".join(cells))
    print(f"\np95 ratio to Tantivy: {query['p95_ratio_to_tantivy']}")
    print(f"targets: {query['targets']}")


def prefix_of(run: Run, bigger: int) -> None:
    """Make the corpus and the tokens of ``run`` from the first N lines of a bigger run's (the
    generator's output for N is the first N lines of its output for more; so are the tokens)."""
    source = Run(bigger, run.workers)
    for src, dst in ((source.corpus, run.corpus), (source.tokens, run.tokens)):
        with src.open(encoding="utf-8") as lines, dst.open("w", encoding="utf-8") as out:
            for _, line in zip(range(run.docs), lines, strict=False):
                out.write(line)
    share = run.docs / bigger
    note = f"the first {run.docs:,} of the {bigger:,}-document run, its time × {share:g}"
    for key in ("corpus", "segment"):
        if key in source.results:
            entry = dict(source.results[key])
            entry["seconds"] = round(entry["seconds"] * share, 1)
            if "cpu_seconds" in entry:
                entry["cpu_seconds"] = round(entry["cpu_seconds"] * share, 1)
            run.put(key, {**entry, "note": note})
    run.put("site_from", str(source.dir / "site.sqlite3"))
    site = run.dir / "site.sqlite3"
    if not site.exists() and (source.dir / "site.sqlite3").exists():
        site.symlink_to(source.dir / "site.sqlite3")  # the service shows only what the index finds


PHASES = ["corpus", "segment", "tantivy", "site", "fts5", "pg", "like", "query", "fresh", "memory"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--phases", default="all", help=f"comma-separated, of {','.join(PHASES)} (default all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--per-class", type=int, default=40)
    parser.add_argument("--like-per-class", type=int, default=40, help="LIKE scans per class (they are slow at 1M)")
    parser.add_argument("--backends", default="fts5,pg,like", help="baselines queried beside Tantivy")
    parser.add_argument("--keep-pg", action="store_true")
    parser.add_argument("--report", action="store_true", help="print the table of the last run and stop")
    parser.add_argument("--prefix-of", type=int, help="take corpus and tokens from the first N of a bigger run")
    args = parser.parse_args()
    run = Run(args.docs, args.workers)
    if args.report:
        print_table(run)
        return
    if args.prefix_of:
        prefix_of(run, args.prefix_of)
    phases = PHASES if args.phases == "all" else args.phases.split(",")
    backends = [b for b in args.backends.split(",") if b]
    for phase in phases:
        if phase not in PHASES:
            raise SystemExit(f"unknown phase {phase!r}")
    for phase in PHASES:
        if phase not in phases:
            continue
        if phase == "corpus":
            phase_corpus(run)
        elif phase == "segment":
            phase_segment(run)
        elif phase == "tantivy":
            phase_tantivy(run)
        elif phase == "site":
            # in a process of its own: Django set up for the site's database only there
            command = [sys.executable, __file__, "--docs", str(run.docs), "site-inner"]
            subprocess.run(command, check=True)  # noqa: S603
            run = Run(args.docs, args.workers)
        elif phase == "fts5":
            phase_fts5(run)
        elif phase == "pg":
            phase_pg(run)
        elif phase == "like":
            phase_like(run)
        elif phase == "query":
            phase_query(run, args.per_class, backends, args.like_per_class)
            if "pg" in backends and not args.keep_pg:
                pg_drop(run)
        elif phase == "fresh":
            phase_fresh(run)
        elif phase == "memory":
            phase_memory(run)


if __name__ == "__main__":
    inner = [a for a in sys.argv if a == "site-inner" or a.startswith("probe-")]
    if inner:
        inner_run = Run(int(sys.argv[sys.argv.index("--docs") + 1]), 1)
        if inner[0] == "site-inner":
            phase_site(inner_run)
        else:
            probe(inner_run, inner[0].removeprefix("probe-"))
    else:
        main()
