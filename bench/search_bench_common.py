"""What the search benchmark's parts share: paths and constants, the run's record, the pipeline, machine
facts, the corpus and segmentation phases and the documents with their tokens. Run through
``bench/search_bench.py``."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sqlite3
import sys
import time
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
