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
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_corpus
from search_bench_backends import (
    DirectTantivy,
    EngineTantivy,
    Fts5,
    Like,
    Postgres,
    ServiceTantivy,
    direct_document,
    direct_open,
    engine_query,
    pg_drop,
    phase_fts5,
    phase_like,
    phase_pg,
    phase_site,
    phase_tantivy,
    site_documents,
)
from search_bench_common import (
    _HAN,
    CLASSES,
    P95_TARGET_MS,
    P99_TARGET_MS,
    ROOT,
    Pipeline,
    Run,
    documents_with_tokens,
    engine_available,
    indexed_document,
    log,
    phase_corpus,
    phase_segment,
    pipeline,
    read_jsonl,
    rss_mib,
    search_dir,
    service_available,
)


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
            while engine.search(engine_query(marker)).total < 1:
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
            engine.search(engine_query(q))
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
