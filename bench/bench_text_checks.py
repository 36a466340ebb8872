"""Pre-publication checks on a 1 MB text: wording dictionaries, personal data and formats.

Run: ``.venv/bin/python bench/bench_text_checks.py [--mb 1] [--rounds 7]``.

The text is real: the seed documents and the development reports (../shared/seeds,
../shared/reports-dev), concatenated and repeated up to ``--mb`` megabytes of UTF-8, with a
known number of planted errors (dictionary typos, a traditional-script spelling, identity and
mobile numbers, a malformed 文号, an impossible date) spread through it. Prints the best and the
median of ``--rounds`` runs of :func:`gongkai.text.checks.check_text` and of each step, and the
findings (the planted ones must all be found). Target (issue 13): 1 MB in ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.text.checks import (  # noqa: E402
    check_text,
    find_impossible_dates,
    find_malformed_doc_numbers,
    find_personal_data,
    fold,
    starter_checker,
)

SHARED = next((folder / "shared" for folder in ROOT.parents if (folder / "shared" / "seeds").is_dir()), ROOT / "shared")
PLANTED = [
    "习近平新时代中国特色社会主意思想",
    "政府信息公开条列",
    "不与公开",
    "習近平新時代中國特色社會主意思想",
    "身份证11010519491231002X",
    "手机13812345678",
    "鲁政办发[2024]第02号",
    "2023年2月30日",
]


def corpus(megabytes: float, every: int) -> str:
    """Real text up to ``megabytes``, with one planted error every ``every`` characters."""
    files = sorted((SHARED / "seeds").glob("0*.txt")) + sorted((SHARED / "reports-dev").glob("*.txt"))
    source = "\n".join(path.read_text(encoding="utf-8", errors="ignore") for path in files)
    if len(source) < 2 * every:
        raise SystemExit(f"no real text found under {SHARED} (seeds/ and reports-dev/)")
    target = int(megabytes * 1_000_000)
    parts, size, index = [], 0, 0
    while size < target:
        offset = (index * every) % max(len(source) - every, 1)
        chunk = source[offset : offset + every]
        planted = "。" + PLANTED[index % len(PLANTED)] + "。"
        parts.append(chunk + planted)
        size += len((chunk + planted).encode())
        index += 1
    return "".join(parts).encode()[:target].decode(errors="ignore")


def timed(function, text: str, rounds: int) -> tuple[float, float, int]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function(text)
        times.append(time.perf_counter() - start)
    count = len(result) if isinstance(result, list) else 0
    return min(times) * 1000, statistics.median(times) * 1000, count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    checker = starter_checker()
    check_text("预热")
    print(f"dictionary: {checker.size} entries, built and loaded in {(time.perf_counter() - started) * 1000:.0f} ms")
    for label, every in (("real text, an error every ~50 KB", 16_000), ("hostile: an error every ~300 bytes", 100)):
        text = corpus(args.mb, every)
        print(f"\n{label}: {len(text.encode()):,} bytes, {len(text):,} characters")
        run(text, checker, args.rounds)


def run(text: str, checker, rounds: int) -> None:
    steps = [
        ("check_text (all)", check_text),
        ("  fold", fold),
        ("  wording (fold + Aho-Corasick)", checker.check),
        ("  personal data", find_personal_data),
        ("  文号", find_malformed_doc_numbers),
        ("  dates", find_impossible_dates),
    ]
    print(f"{'step':34} {'best ms':>8} {'median ms':>10} {'findings':>9}")
    for name, function in steps:
        best, median, count = timed(function, text, rounds)
        print(f"{name:34} {best:8.1f} {median:10.1f} {count:9}")
    findings = check_text(text)
    missing = [planted for planted in PLANTED if not any(f.start <= text.find(planted) + 3 < f.end for f in findings)]
    print("planted errors found:", "all" if not missing else f"MISSING {missing}")


if __name__ == "__main__":
    main()
