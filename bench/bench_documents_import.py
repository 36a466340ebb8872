"""Benchmark: ``gongkai documents import`` of 10,000 rows into a fresh SQLite database.

Run: ``.venv/bin/python bench/bench_documents_import.py [--rows 10000] [--batch 500]``.

Builds a fresh SQLite database under ``var/bench/`` (migrations included) with a province, its
departments and cities, writes ``--rows`` realistic rows (文号 in the usual bracket variants,
dates in the three accepted forms, some with a 索引号, kinds rule/normative/other, bodies of a
few paragraphs of HTML) to a temporary CSV, and runs the command through ``call_command``: the
whole file is checked, then imported in transactions of ``--batch`` rows with an audit event
each. Prints the time of the import and rows/s, then the time of a re-run (nothing new).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import sys
import tempfile
import time
from contextlib import redirect_stderr
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ISSUERS = [
    ("鲁政发", "山东省人民政府"),
    ("鲁政办发", "山东省人民政府办公厅"),
    ("鲁政字", "山东省人民政府"),
    ("鲁政办字", "山东省人民政府办公厅"),
    ("鲁政办函", "山东省人民政府办公厅"),
    ("国发", "国务院"),
    ("国办发", "国务院办公厅"),
]
SUBJECTS = ["政务公开工作要点", "优化营商环境", "乡村振兴", "安全生产", "数字政府建设", "生态环境保护", "养老服务"]
FORMS = ["关于印发{s}实施方案的通知", "关于进一步加强{s}的意见", "关于做好{s}工作的通知", "关于{s}的若干措施"]
BRACKETS = [("〔", "〕"), ("[", "]"), ("（", "）"), ("［", "］")]


def _setup(folder: Path) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ["GONGKAI_VAR_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _agencies() -> list[str]:
    from gongkai.agencies.services import agency_create

    province = agency_create(actor=None, code="sd-gov", name="山东省人民政府", level="province", via="bench")
    codes = [province.code]
    for n in range(1, 17):
        city = agency_create(
            actor=None, code=f"sd-city-{n}", name=f"示范第{n}市人民政府", level="city", parent=province, via="bench"
        )
        codes.append(city.code)
    return codes


def _date(day: date, rng: random.Random) -> str:
    form = rng.random()
    if form < 0.8:
        return day.isoformat()
    if form < 0.9:
        return f"{day.year}/{day.month}/{day.day}"
    return f"{day.year}年{day.month}月{day.day}日"


def _rows(count: int, codes: list[str], rng: random.Random) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["agency", "kind", "title", "doc_number", "index_number", "issuer", "written_on", "published_on",
                     "effective_on", "status", "topic", "body", "url"])  # fmt: skip
    serials: dict[tuple[str, int], int] = {}
    for n in range(count):
        prefix, issuer = rng.choice(ISSUERS)
        written = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        year = written.year
        serials[(prefix, year)] = serials.get((prefix, year), 0) + 1
        left, right = rng.choice(BRACKETS)
        number = f"{prefix}{left}{year}{right}{serials[(prefix, year)]}号" if rng.random() < 0.85 else ""
        published = written + timedelta(days=rng.randrange(1, 20))
        subject = rng.choice(SUBJECTS)
        title = issuer + rng.choice(FORMS).format(s=f"{year}年{subject}（第{n}件）")
        body = "".join(f"<p>{subject}第{i}段。各市人民政府，省政府各部门：现将有关事项通知如下。</p>" for i in range(5))
        writer.writerow([
            rng.choice(codes), rng.choice(["rule", "normative", "other", "other"]), title, number,
            f"IDX-{n:06d}" if rng.random() < 0.3 else "", issuer, _date(written, rng), _date(published, rng),
            published.isoformat() if rng.random() < 0.5 else "", rng.choice(["in_force"] * 8 + ["repealed", "expired"]),
            subject, body, f"https://www.shandong.gov.cn/art/{year}/{n}.html",
        ])  # fmt: skip
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    base = ROOT / "var" / "bench"
    base.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="documents-import-", dir=base))
    try:
        _setup(folder)
        from django.core.management import call_command

        from gongkai.documents.models import Document

        codes = _agencies()
        path = folder / "documents.csv"
        path.write_text(_rows(args.rows, codes, random.Random(13)), encoding="utf-8")
        for label in ("import", "re-run"):
            out = io.StringIO()
            started = time.perf_counter()
            with redirect_stderr(io.StringIO()):
                call_command("documents", "import", str(path), "--batch", str(args.batch), stdout=out)
            seconds = time.perf_counter() - started
            rate = args.rows / seconds
            print(f"{label}: {args.rows} rows in {seconds:.1f} s ({rate:,.0f} rows/s) — {out.getvalue().strip()}")
        print(f"documents in the database: {Document.objects.count()}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
