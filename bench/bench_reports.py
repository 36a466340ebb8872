"""Reading and auditing published reports: reports per second and peak memory, on one core.

Run: ``.venv/bin/python bench/bench_reports.py [--files 1000] [--profile]``.

Generates a folder of mixed files in a temporary directory (nothing is committed): the seed
documents (shared/seeds) as UTF-8 and as GB18030 bytes, and generated 2021-format reports with
random but mostly consistent numbers (some deliberately broken), as UTF-8 text, GBK text, HTML
with real table markup and DOCX with real Word tables. Then audits the folder the way
``gongkai report audit FOLDER --csv OUT`` does (load → read → check, then R5/R6 across the batch),
in this one process, and prints reports/s per kind and overall; peak memory is measured twice —
the process's maximum resident set (``resource.getrusage``) and, in a second run, the peak of
Python allocations (``tracemalloc``, which slows the run down and is not timed).
``--profile`` prints where the time goes (cProfile, top functions by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from gongkai.law.outcomes import T3_ROW_LABELS  # noqa: E402
from gongkai.reports.audit import audit_batch, summary_csv  # noqa: E402
from gongkai.reports.model import T3_ROW_KEYS, ReportFormat  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
OUTCOME_ROWS = T3_ROW_KEYS[ReportFormat.F2021][2:-2]
PLACES = ["青山", "绿水", "白云", "黄河", "泰山", "东海", "南山", "北湖", "西岭", "长江"]
SUFFIXES = ["市人民政府", "县人民政府", "区人民政府", "市教育局", "市自然资源局", "县卫生健康局"]


# --- generated reports ---------------------------------------------------------------------


def _t3(rng: random.Random, broken: bool) -> dict[str, list[int]]:
    """A table 三 whose sums hold (R1–R3), unless ``broken``."""
    rows: dict[str, list[int]] = {row: [0] * 7 for row in T3_ROW_KEYS[ReportFormat.F2021]}
    for column in range(6):
        scale = 60 if column == 0 else 3
        for row in OUTCOME_ROWS:
            rows[row][column] = rng.randint(0, scale) if rng.random() < 0.35 else 0
        total = sum(rows[row][column] for row in OUTCOME_ROWS)
        forward = rng.randint(0, scale // 3 + 1)
        carried = rng.randint(0, min(total + forward, scale // 3 + 1))
        rows["total"][column] = total
        rows["carried_forward"][column] = forward
        rows["carried_over"][column] = carried
        rows["new_received"][column] = total + forward - carried
    for values in rows.values():
        values[6] = sum(values[:6])
    if broken:
        rows["carried_forward"][6] += 1
    return rows


def _report_lines(rng: random.Random, agency: str, year: int, broken: bool) -> tuple[list[str], list[list[list[str]]]]:
    """Paragraph lines and tables (as cell grids) of one generated report, in order; tables marked by '\\0n'."""
    t3 = _t3(rng, broken)
    disclosed = t3["disclosed"][6] + (1 if broken and rng.random() < 0.5 else 0)
    in_force = rng.randint(5, 60)
    t2 = [
        ["第二十条第(一)项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", str(rng.randint(0, 9)), str(rng.randint(0, 5)), str(in_force)],
        ["第二十条第(五)项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", str(rng.randint(0, 30000)), "", ""],
        ["第二十条第(六)项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政处罚", str(rng.randint(0, 5000)), "", ""],
        ["行政强制", str(rng.randint(0, 300)), "", ""],
        ["第二十条第(八)项", "", "", ""],
        ["信息内容", "本年收费金额(单位:万元)", "", ""],
        ["行政事业性收费", f"{rng.randint(0, 9000)}.{rng.randint(0, 99):02d}", "", ""],
    ]
    table3 = [
        ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "", "", "", "", "", ""],
        ["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ]
    for row in T3_ROW_KEYS[ReportFormat.F2021]:
        label = T3_ROW_LABELS[row] if rng.random() > 0.1 else ""  # some labels lost, as in the seeds
        table3.append([label, *(str(v) for v in t3[row])])
    groups = []
    for _ in range(3):
        upheld, corrected, other, pending = (rng.randint(0, 4) for _ in range(4))
        groups += [upheld, corrected, other, pending, upheld + corrected + other + pending]
    table4 = [
        ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3,
        [str(v) for v in groups],
    ]
    received = t3["new_received"][6]
    lines = [
        f"{agency}{year}年政府信息公开工作年度报告",
        f"本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限为{year}年1月1日至12月31日。",
        "一、总体情况",
        f"{year}年，{agency}共收到政府信息公开申请{received}件，其中予以公开{disclosed}件。"
        f"公布现行有效规范性文件{in_force}件。",
        *(f"（{n}）持续推进政务公开标准化规范化建设，围绕重点领域做好信息发布和政策解读。" for n in "一二三四"),
        "二、主动公开政府信息情况",
        "\0" + "0",
        "三、收到和处理政府信息公开申请情况",
        "\0" + "1",
        "四、政府信息公开行政复议、行政诉讼情况",
        "\0" + "2",
        "五、存在的主要问题及改进情况",
        "一是政策解读形式还不够丰富；二是基层公开标准化建设有待加强。下一步将加强培训、完善制度。",
        "六、其他需要报告的事项",
        f"{year}年度未收取信息处理费。",
    ]
    return lines, [t2, table3, table4]


def as_text(lines: list[str], tables: list[list[list[str]]]) -> str:
    out: list[str] = []
    for line in lines:
        if line.startswith("\0"):
            out += [" | ".join(row) + " |" for row in tables[int(line[1:])]]
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def as_html(lines: list[str], tables: list[list[list[str]]]) -> str:
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>']
    for line in lines:
        if line.startswith("\0"):
            rows = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in tables[int(line[1:])]
            )
            parts.append(f'<table border="1">{rows}</table>')
        else:
            parts.append(f"<p>{escape(line)}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def as_docx(lines: list[str], tables: list[list[list[str]]]) -> bytes:
    document = docx.Document()
    for line in lines:
        if line.startswith("\0"):
            grid = tables[int(line[1:])]
            table = document.add_table(rows=len(grid), cols=max(len(r) for r in grid))
            for r, row in enumerate(grid):
                cells = table.rows[r].cells
                for c, value in enumerate(row):
                    cells[c].text = value
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def generate(folder: Path, count: int, seed: int = 2024) -> Counter[str]:
    """Write ``count`` mixed files into ``folder``; returns how many of each kind."""
    rng = random.Random(seed)
    seeds = [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))]
    kinds: Counter[str] = Counter()
    for index in range(count):
        kind = ["seed-utf8", "seed-gb18030", "text-utf8", "text-gbk", "html", "docx"][index % 6]
        if kind.startswith("seed") and not seeds:
            kind = "text-utf8"
        name = f"{index:04d}"
        if kind == "seed-utf8":
            data, suffix = seeds[index % len(seeds)], "txt"
        elif kind == "seed-gb18030":
            data, suffix = seeds[index % len(seeds)].decode("utf-8").encode("gb18030"), "txt"
        else:
            agency = rng.choice(PLACES) + rng.choice(SUFFIXES)
            year = rng.choice([2021, 2022, 2023, 2024])
            lines, tables = _report_lines(rng, agency, year, broken=rng.random() < 0.2)
            if kind == "text-utf8":
                data, suffix = as_text(lines, tables).encode("utf-8"), "txt"
            elif kind == "text-gbk":
                data, suffix = as_text(lines, tables).encode("gbk"), "txt"
            elif kind == "html":
                data, suffix = as_html(lines, tables).encode("utf-8"), "html"
            else:
                data, suffix = as_docx(lines, tables), "docx"
        (folder / f"{name}_{kind}.{suffix}").write_bytes(data)
        kinds[kind] += 1
    return kinds


# --- the run -------------------------------------------------------------------------------


def _loads(folder: Path) -> list[tuple[str, Callable[[], bytes]]]:
    return [(str(path), path.read_bytes) for path in sorted(folder.iterdir())]


def _kind(name: str) -> str:
    return Path(name).stem.split("_", 1)[1]


def run_audit(folder: Path, profile: bool) -> None:
    """Time the audit of ``folder`` (run in a fresh process, so memory is the audit's own)."""
    loads = _loads(folder)
    kinds = Counter(_kind(name) for name, _ in loads)
    audit_batch(loads[:6])  # warm up: OpenCC, pinyin data, lxml, python-docx imports

    per_kind: Counter[str] = Counter()
    start = time.perf_counter()
    for name, load in loads:
        one = time.perf_counter()
        audit_batch([(name, load)])
        per_kind[_kind(name)] += time.perf_counter() - one  # type: ignore[assignment]
    elapsed_single = time.perf_counter() - start

    start = time.perf_counter()
    audits = audit_batch(loads)  # the command's path: R5/R6 across the batch as well
    summary_csv(audits)
    elapsed = time.perf_counter() - start
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    tracemalloc.start()
    audit_batch(loads)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    count = len(loads)
    errors = sum(1 for a in audits if a.errors)
    formats = Counter(a.report.format.value if a.readable else "unreadable" for a in audits)
    print(f"formats read: {dict(formats)}; files with errors: {errors}")
    print()
    print("| files | seconds | reports/s |")
    print("|---|---|---|")
    for kind in sorted(kinds):
        print(f"| {kind} ({kinds[kind]}) | {per_kind[kind]:.2f} | {kinds[kind] / per_kind[kind]:.0f} |")
    print(f"| all, one by one ({count}) | {elapsed_single:.2f} | {count / elapsed_single:.0f} |")
    print(f"| all, as one batch + CSV ({count}) | {elapsed:.2f} | **{count / elapsed:.0f}** |")
    print()
    print(f"peak resident memory of the audit process (ru_maxrss): {maxrss_mb:.0f} MB")
    print(f"peak Python allocations during one batch (tracemalloc): {peak / 1e6:.1f} MB")

    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        audit_batch(loads)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000, help="how many files to generate and audit")
    parser.add_argument("--profile", action="store_true", help="print the top functions by own time (cProfile)")
    parser.add_argument("--audit", metavar="FOLDER", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.audit:
        run_audit(Path(args.audit), args.profile)
        return

    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        kinds = generate(folder, args.files)
        generated = time.perf_counter() - start
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"generated {args.files} files ({size / 1e6:.1f} MB) in {generated:.1f} s: {dict(kinds)}")
        command = [sys.executable, __file__, "--audit", str(folder), *(["--profile"] if args.profile else [])]
        subprocess.run(command, check=True)  # noqa: S603


if __name__ == "__main__":
    main()
