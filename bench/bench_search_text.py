"""The search text pipeline: segmentation throughput and per-query costs.

Run: ``.venv/bin/python bench/bench_search_text.py [--repeat N] [--vocabulary PATH]``.

- Segmentation: ``Segmenter.index_tokens`` (fold + search mode + inner words) and
  ``query_tokens`` over the seed documents (tests/fixtures/seeds) cut into 3,000-character
  bodies, repeated N times — what indexing a document body costs; and over the fixture titles.
- Titles: ``pinyin_keys.full`` + ``initials`` on distinct titles (uncached, first sight).
- Per query (p50 / p95 / max over the correct and misspelt queries of tests/text/data):
  ``Corrector.propose``, ``Synonyms.expansions``, ``query_tokens``; ``snippet`` per 3,000-character
  body. The vocabulary is the fixture titles + seeds + government terms, or the word-count file
  given with ``--vocabulary`` (``word count`` per line, e.g. jieba's dict.txt for a 350k-word
  stress test), or the search corpus (tests/fixtures/search/corpus.jsonl) when it is there.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.text.correct import Corrector, build_vocabulary  # noqa: E402
from gongkai.text.fold_search import fold  # noqa: E402
from gongkai.text.pinyin_keys import _keys, full, initials  # noqa: E402
from gongkai.text.segment import segmenter  # noqa: E402
from gongkai.text.snippet import snippet  # noqa: E402
from gongkai.text.synonyms import Synonyms, starter_pairs  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
DATA = ROOT / "tests" / "text" / "data"
CORPUS = FIXTURES / "search" / "corpus.jsonl"


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def _titles() -> list[str]:
    with (FIXTURES / "documents" / "real-shandong-state-council.csv").open(encoding="utf-8") as handle:
        return [row["title"] for row in csv.DictReader(handle)]


def _throughput(work: Callable[[str], object], texts: list[str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            work(text)
        best = min(best, time.perf_counter() - start)
    return sum(len(text) for text in texts) / best


def _latency(work: Callable[[str], object], items: list[str], runs: int = 3) -> str:
    """p50 / p95 / max over ``items`` of each item's best of ``runs`` calls (the cores are
    shared: a single timing also measures whoever else ran at that moment)."""
    for item in items[:20]:  # warm the caches and tables first
        work(item)
    times = []
    for item in items:
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            work(item)
            best = min(best, time.perf_counter() - start)
        times.append(best * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return f"{statistics.median(times):.3f} / {p95:.3f} / {times[-1]:.3f}"


def _vocabulary(path: str | None, seeds: list[str]) -> tuple[str, dict[str, int]]:
    if path:
        counts: dict[str, int] = {}
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                counts[parts[0]] = int(parts[1])
        for term, count in build_vocabulary([]).items():
            counts[term] = counts.get(term, 0) + count
        return f"{Path(path).name} ({len(counts):,} words)", counts
    if CORPUS.exists():
        documents = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [doc["title"] for doc in documents] + [re.sub("<[^>]+>", " ", doc.get("body", "")) for doc in documents]
        counts = build_vocabulary(texts)
        return f"search corpus, {len(documents):,} documents ({len(counts):,} words)", counts
    counts = build_vocabulary(_titles() + seeds)
    return f"fixture titles + seeds + terms ({len(counts):,} words)", counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--vocabulary", help="a 'word count' file to build the corrector from")
    args = parser.parse_args()

    started = time.perf_counter()
    cut = segmenter()
    cut.query_tokens("预热")
    load = time.perf_counter() - started
    seeds_text = "".join(path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "seeds").glob("*.txt")))
    simplified = fold(seeds_text)  # most bodies are simplified; the seeds are partly traditional
    bodies = [simplified[start : start + 3000] for start in range(0, len(simplified), 3000)] * args.repeat
    titles = _titles() * (args.repeat * 20)
    print(f"segmenter ready in {load:.2f} s (rjieba dictionary + {len(cut._added)} terms)")
    print(f"{len(bodies)} bodies of ≤3,000 characters ({sum(map(len, bodies)):,} characters); {len(titles)} titles\n")
    print("| what | characters/s |")
    print("|---|---|")
    for label, work, texts in [
        ("fold (bodies)", fold, bodies),
        ("index_tokens (bodies)", cut.index_tokens, bodies),
        ("query_tokens (bodies)", cut.query_tokens, bodies),
        ("index_tokens (titles)", cut.index_tokens, titles),
        ("title_unigrams (titles)", cut.title_unigrams, titles),
    ]:
        print(f"| {label} | {_throughput(work, texts) / 1e6:.2f} M |")

    full("预热")
    distinct = [f"{title}{number}" for number in range(200) for title in _titles()]
    _keys.cache_clear()
    start = time.perf_counter()
    for title in distinct:
        full(title)
        initials(title)
    per_title = (time.perf_counter() - start) / len(distinct)
    print(f"| pinyin full + initials, distinct titles | {1 / per_title:,.0f} titles/s |")

    seeds = seeds_text.splitlines()
    started = time.perf_counter()
    label, vocabulary = _vocabulary(args.vocabulary, seeds)
    corrector = Corrector(vocabulary)
    built = time.perf_counter() - started
    typos = [line.split("\t")[0] for line in _lines(DATA / "correct_typos.txt")]
    queries = _lines(DATA / "correct_queries.txt") + typos
    synonyms = Synonyms(starter_pairs())
    corrector.propose("预热")
    # As a web worker should after start-up: the dictionaries (rjieba's, pypinyin's phrases, the
    # corrector's tables) out of the collector's way; without it a full collection now and then
    # adds ~8 ms to one call.
    gc.collect()
    gc.freeze()
    print(f"\nCorrector from {label}: built in {built:.1f} s; {len(queries)} queries\n")
    print("| per call | p50 / p95 / max ms |")
    print("|---|---|")
    print(f"| Corrector.propose | {_latency(corrector.propose, queries)} |")
    expand = _latency(lambda query: synonyms.expansions(fold(query)), queries)
    print(f"| Synonyms.expansions ({len(synonyms)} pairs) | {expand} |")
    print(f"| Segmenter.query_tokens | {_latency(cut.query_tokens, queries)} |")
    terms = ["政府信息公开", "申请", "公开"]
    print(f"| snippet, 3,000-character body, 3 terms | {_latency(lambda body: snippet(body, terms), bodies[:200])} |")


if __name__ == "__main__":
    main()
