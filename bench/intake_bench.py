"""Sustained public intake through the real server: ``gongkai serve`` (gunicorn, 2 workers) and
locust (headless) on loopback posting ``POST /api/v1/applications``; then the database is counted.

Run: ``.venv/bin/python bench/intake_bench.py --db sqlite|postgres [--seconds 60] [--users 16]``
(``make bench-cases`` runs it on both databases after the lists).

A fresh database each run — ``var/bench/intake.sqlite3`` (WAL, IMMEDIATE transactions, as the
settings configure SQLite) or the PostgreSQL database ``gongkai_bench_intake`` —, migrated, with
the demo province (7 agencies, all taking applications). The server runs with the local settings
as an operator would start it (``config.settings.local``; no rate limit applies to submissions —
the only limits are on failed status look-ups and log-ins, untouched here), its access log under
``var/bench/``. Each locust user posts a valid application (a resident identity number with its
GB 11643 check digit) with a new ``Idempotency-Key`` to one of the agencies, without pause.

Afterwards: submissions/s (201 answers over the run), failures by HTTP status, latency
percentiles from locust, and the database checked against locust's answers — every number locust
was given is there with its key (none lost), no key or number twice (none duplicated), no case
that locust was not told of, and per agency and year ``seq`` runs 1…n without a gap and the
counter stands at n.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cases_generator as generator  # noqa: E402

PG_DB = "gongkai_bench_intake"
SQLITE_FILE = generator.BENCH_DIR / "intake.sqlite3"
TARGET_PER_SECOND = 50


def prepare(db: str) -> list[str]:
    generator.fresh_database(db, PG_DB, SQLITE_FILE)
    generator.setup_django(db, PG_DB, SQLITE_FILE)
    from django.core.management import call_command
    from django.db import connections

    from gongkai.agencies.demo import load_demo
    from gongkai.agencies.models import Agency

    call_command("migrate", verbosity=0)
    load_demo()
    codes = list(Agency.objects.filter(is_active=True).order_by("path").values_list("code", flat=True))
    connections.close_all()
    return codes


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310  (loopback)
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


def locust_summary(prefix: Path) -> dict[str, Any]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    row = rows.get("POST /api/v1/applications") or rows["Aggregated"]
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "requests_per_s": round(float(row["Requests/s"]), 1),
        "ms": {p: float(row[p]) for p in ("50%", "95%", "99%", "100%")},
    }


def check_database(answers: list[list[Any]]) -> dict[str, Any]:
    from gongkai.cases.models import Case, CaseNumbering

    given = {key: number for key, status, number in answers if status == 201}
    stored = list(Case.objects.values_list("idempotency_key", "number", "agency_id", "year", "seq"))
    by_key = Counter(row[0] for row in stored)
    by_number = Counter((row[2], row[1]) for row in stored)
    stored_number = {row[0]: row[1] for row in stored}
    lost = [key for key, number in given.items() if stored_number.get(key) != number]
    unknown = [row[0] for row in stored if row[0] not in given]
    seqs: dict[tuple[int, int], list[int]] = {}
    for _key, _number, agency, year, seq in stored:
        seqs.setdefault((agency, year), []).append(seq)
    counters = {(c.agency_id, c.year): c.last for c in CaseNumbering.objects.all()}
    gaps = [
        f"{agency}/{year}"
        for (agency, year), found in seqs.items()
        if sorted(found) != list(range(1, len(found) + 1)) or counters.get((agency, year)) != len(found)
    ]
    return {
        "cases_in_db": len(stored),
        "answered_201": len(given),
        "lost": len(lost),
        "duplicated_keys": sum(1 for n in by_key.values() if n > 1),
        "duplicated_numbers": sum(1 for n in by_number.values() if n > 1),
        "in_db_not_answered_201": len(unknown),
        "agency_years": len(seqs),
        "gaps": gaps,
    }


def run(db: str, seconds: int, users: int, workers: int, port: int) -> dict[str, Any]:
    codes = prepare(db)
    bench = generator.BENCH_DIR
    bin_dir = Path(sys.executable).parent
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "GONGKAI_VAR_DIR": str(bench / f"intake-var-{db}"),
        "DATABASE_URL": generator.database_url(db, PG_DB, SQLITE_FILE),
        "SECRET_KEY": generator.SECRET_KEY,
    }
    server_log = open(bench / f"intake-server-{db}.log", "w", encoding="utf-8")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [str(bin_dir / "gongkai"), "serve", "--workers", str(workers), "--port", str(port)],
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    try:
        wait_for(f"{url}/api/v1/agencies", 120)
        results = bench / f"intake-answers-{db}.json"
        prefix = bench / f"intake-locust-{db}"
        started = time.monotonic()
        subprocess.run(  # noqa: S603  (locust exits 1 when a request failed: counted below)
            [
                str(bin_dir / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile_intake.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--host",
                url,
                "--csv",
                str(prefix),
                "--stop-timeout",  # at the end, users finish the request in flight (its answer is counted)
                "30",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={**os.environ, "BENCH_AGENCIES": ",".join(codes), "BENCH_RESULTS": str(results)},
            check=False,
            cwd=ROOT,
        )
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)
        server_log.close()
    answers = json.loads(results.read_text(encoding="utf-8"))
    statuses = Counter(str(status) for _key, status, _number in answers)
    summary: dict[str, Any] = {
        "db": db,
        "seconds": seconds,
        "users": users,
        "workers": workers,
        "locust": locust_summary(prefix),
        "answers_by_status": dict(statuses),
        "submissions_per_s": round(statuses.get("201", 0) / seconds, 1),
        "wall_seconds": round(elapsed, 1),
    }
    summary["database"] = check_database(answers)
    log = (bench / f"intake-server-{db}.log").read_text(encoding="utf-8", errors="replace")
    summary["server_log"] = {"database is locked": log.count("database is locked"), "Traceback": log.count("Traceback")}
    d = summary["database"]
    summary["ok"] = (
        summary["submissions_per_s"] >= TARGET_PER_SECOND
        and d["lost"] == 0
        and d["duplicated_keys"] == 0
        and d["duplicated_numbers"] == 0
        and d["in_db_not_answered_201"] == 0
        and not d["gaps"]
    )
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    print(json.dumps(run(args.db, args.seconds, args.users, args.workers, args.port), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
