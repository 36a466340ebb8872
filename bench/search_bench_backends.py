"""The search benchmark's backends: the Tantivy builds (through the engine, or the package directly), the
site database for the service, SQLite FTS5, PostgreSQL tsvector and the LIKE table — each a build phase
and a searcher with the same ``search(words, filters, sort)``. Run through ``bench/search_bench.py``."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_corpus
from search_bench_common import (
    PG_DB,
    Run,
    batched,
    cpu_seconds,
    doc_number_parts,
    documents_with_tokens,
    engine_available,
    indexed_documents,
    log,
    pipeline,
    read_jsonl,
    search_dir,
    size_mib,
)


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

        query = replace(engine_query(" ".join(words)), sort=sort, facets=True, **filters)
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


FILTER_COLUMNS = frozenset({"kind", "status", "issuer", "year"})
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
        if name not in FILTER_COLUMNS:  # the column name goes into the SQL: only the meta table's own
            raise ValueError(f"no filter column {name!r}")
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


def engine_query(text: str) -> Any:
    """An ``EngineQuery`` for ``text`` without the service: each of its words required."""
    from gongkai.search.engine import EngineQuery, Group, Term

    groups = tuple(Group(alternatives=(Term(tokens=(word,)),)) for word in pipeline().query_tokens(text))
    return EngineQuery(groups=groups)
