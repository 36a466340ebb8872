"""Text repair throughput on the seed documents (shared/seeds), repeated.

Run: ``.venv/bin/python bench/bench_text.py [--repeat N]``. Prints one table row per step and
for the whole pipeline (chars/s over the five seeds concatenated N times, one call per line, as
the loader calls it), and for ``load_source`` on the seed files (documents/s). Single process.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.files import load_source  # noqa: E402
from gongkai.text import (  # noqa: E402
    find_mojibake,
    normalise_width,
    remove_pinyin_annotations,
    repair_punctuation,
    repair_text,
    strip_markup,
    to_simplified,
)

SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="how many times the seeds are repeated")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best is reported")
    args = parser.parse_args()

    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed files in {SEEDS}")
    texts = [path.read_text(encoding="utf-8") for path in files]
    lines = [line for text in texts for line in text.splitlines() if line.strip()] * args.repeat
    chars = sum(len(line) for line in lines)
    repair_text("預熱(yù)")  # load OpenCC and the pinyin data before timing

    steps: list[tuple[str, Callable[[str], object]]] = [
        ("strip_markup", strip_markup),
        ("normalise_width", normalise_width),
        ("remove_pinyin_annotations", remove_pinyin_annotations),
        ("to_simplified", to_simplified),
        ("repair_punctuation", repair_punctuation),
        ("find_mojibake", find_mojibake),
        ("repair_text (all steps)", repair_text),
    ]
    print(f"{len(files)} seed files × {args.repeat} = {len(lines):,} lines, {chars:,} characters; best of {args.runs}")
    print(f"| {'what':<28} | {'seconds':>8} | {'chars/s':>12} |")
    print(f"|{'-' * 30}|{'-' * 10}|{'-' * 14}|")
    for label, step in steps:
        seconds = _best_of(args.runs, lambda step=step: [step(line) for line in lines])
        print(f"| {label:<28} | {seconds:8.3f} | {chars / seconds:12,.0f} |")

    payloads = [(path.read_bytes(), path.name) for path in files] * args.repeat
    total_bytes = sum(len(data) for data, _ in payloads)
    seconds = _best_of(args.runs, lambda: [load_source(data, name) for data, name in payloads])
    print(
        f"| {'load_source (text seeds)':<28} | {seconds:8.3f} | {chars / seconds:12,.0f} |"
        f"  {len(payloads) / seconds:,.0f} documents/s, {total_bytes / seconds / 1e6:.1f} MB/s"
    )


if __name__ == "__main__":
    main()
