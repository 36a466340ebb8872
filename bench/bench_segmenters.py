"""Candidate segmenters on our own text: speed, and accuracy on hand-segmented phrases.

Run: ``.venv/bin/python bench/bench_segmenters.py [--repeat N]``. jieba (pure Python) is
measured only when it is installed (``.venv/bin/pip install jieba``; it is not a dependency).

Speed: the titles of tests/fixtures/documents and the lines of the five seed documents (already
simplified with OpenCC, as the index sees them after folding), repeated N times, one call per
line. Accuracy: bench/data/segmentation_gold.txt (52 phrases, words separated by "/"), exact
phrase match and word precision/recall/F1 of the precise cut; for search mode the share of gold
words found among the tokens (what a query needs).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.text.fold_search import fold  # noqa: E402
from gongkai.text.segment import gov_terms, segmenter  # noqa: E402

DOCUMENTS = ROOT / "tests" / "fixtures" / "documents" / "real-shandong-state-council.csv"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
GOLD = ROOT / "bench" / "data" / "segmentation_gold.txt"

Cut = Callable[[str], list[str]]


def _texts() -> list[str]:
    with DOCUMENTS.open(encoding="utf-8") as handle:
        titles = [row["title"] for row in csv.DictReader(handle)]
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    return [fold(text) for text in titles + lines if text.strip()]


def _gold() -> list[list[str]]:
    rows = GOLD.read_text(encoding="utf-8").splitlines()
    return [line.split("/") for line in rows if line.strip() and not line.startswith("#")]


def _spans(words: list[str]) -> set[tuple[int, int]]:
    spans, position = set(), 0
    for word in words:
        spans.add((position, position + len(word)))
        position += len(word)
    return spans


def _accuracy(cut: Cut, gold: list[list[str]]) -> tuple[float, float, float, float]:
    exact = found = guessed = right = 0
    for words in gold:
        got = [token for token in cut("".join(words)) if token.strip()]
        exact += got == words
        truth, mine = _spans(words), _spans(got)
        right += len(truth & mine)
        found += len(truth)
        guessed += len(mine)
    precision, recall = right / guessed, right / found
    return exact / len(gold), precision, recall, 2 * precision * recall / (precision + recall)


def _search_recall(cut: Cut, gold: list[list[str]]) -> float:
    hit = total = 0
    for words in gold:
        tokens = set(cut("".join(words)))
        hit += sum(word in tokens for word in words)
        total += len(words)
    return hit / total


def _speed(cut: Cut, lines: list[str], runs: int) -> float:
    chars = sum(len(line) for line in lines)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for line in lines:
            cut(line)
        best = min(best, time.perf_counter() - start)
    return chars / best / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import rjieba

    lines = _texts() * args.repeat
    gold = _gold()
    terms = gov_terms()
    ours = segmenter()  # rjieba's default instance with the government terms
    plain = rjieba.Jieba()  # a second instance without them
    candidates: list[tuple[str, Cut, str]] = [
        ("rjieba precise", plain.cut, "precise"),
        ("rjieba search (cut_for_search)", plain.cut_for_search, "search"),
        ("rjieba precise + gov_terms", rjieba.cut, "precise"),
        ("rjieba search + gov_terms", rjieba.cut_for_search, "search"),
        ("Segmenter.query_tokens (fold + precise + terms)", ours.query_tokens, "precise"),
        ("Segmenter.index_tokens (fold + search + inner words)", ours.index_tokens, "search"),
    ]
    try:
        import jieba  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        print("jieba not installed: measuring rjieba only")
    else:
        jieba.setLogLevel(60)
        bare = jieba.Tokenizer()
        bare.initialize()
        tuned = jieba.Tokenizer()
        tuned.initialize()
        for term in terms:
            tuned.add_word(term)
        candidates += [
            ("jieba precise", bare.lcut, "precise"),
            ("jieba search", bare.lcut_for_search, "search"),
            ("jieba precise + gov_terms", tuned.lcut, "precise"),
            ("jieba search + gov_terms", tuned.lcut_for_search, "search"),
        ]
    chars = sum(len(line) for line in lines)
    print(f"{len(lines)} lines, {chars / 1e6:.2f} M characters; {len(gold)} gold phrases; {len(terms)} terms\n")
    print("| segmenter | M chars/s | exact phrases | word P / R / F1 | gold words in tokens |")
    print("|---|---|---|---|---|")
    for name, cut, mode in candidates:
        speed = _speed(cut, lines, args.runs)
        recall = _search_recall(cut, gold)
        if mode == "precise":
            exact, precision, word_recall, f1 = _accuracy(cut, gold)
            quality = f"{exact:.0%} | {precision:.2f} / {word_recall:.2f} / {f1:.2f}"
        else:
            quality = "— | —"
        print(f"| {name} | {speed:.2f} | {quality} | {recall:.0%} |")


if __name__ == "__main__":
    main()
