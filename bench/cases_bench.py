"""The workspace lists and the public status look-up on a province of generated cases.

Run: ``.venv/bin/python bench/cases_bench.py --db sqlite|postgres [--requests 200] [--generate N]``
(``make bench-cases`` does both databases; with ``--generate N`` the database is first made
afresh by ``bench/cases_generator.py`` with N cases, else the one it left is used).

Through Django's test client on the real views, logged in (``force_login``), in this one process:

- ``GET /staff/cases/?view=overdue`` and ``?view=due_soon`` (the first page of 50, with the
  paginator's count) for the handler of 青山市人民政府 (``shi_chengban``, one agency), the
  province's supervisor (``sheng_jiandu``, the whole subtree) and the platform administrator
  (``sheng_admin``, a superuser);
- ``GET /api/v1/applications/{number}`` with ``X-Query-Code`` for the generator's sample of
  cases with known codes (found, 200 each).

Prints p50 / p95 / max in milliseconds over ``--requests`` requests each (after 5 not counted),
the rows in each list, the SQL queries per request, and whether the targets hold (workspace
≤ 300 ms p95, status look-up ≤ 50 ms p95). ``--explain`` prints the query plan of each list.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cases_generator as generator  # noqa: E402

WORKSPACE_TARGET_MS = 300
STATUS_TARGET_MS = 50
USERS = [("handler", "shi_chengban"), ("supervisor", "sheng_jiandu"), ("administrator", "sheng_admin")]
LISTS = ["overdue", "due_soon"]
# Staff search by words over the database (issue 15 item 4): a common word, two words, a rare
# place, an applicant's surname, a case number typed with other brackets — in the "all" view.
SEARCHES = ["征收", "规划许可证 附图", "南湖片区 棚户区", "王", "申[2025]0001号"]


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1), "max": round(ordered[-1], 1)}


def timed(call: Any, count: int) -> list[float]:
    for _ in range(5):
        call()
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure(db: str, requests: int, explain: bool) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.cases import selectors
    from gongkai.cases.models import Case

    results: dict[str, Any] = {"db": db, "cases": Case.objects.count(), "rows": {}, "queries": {}, "ms": {}}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[u for _, u in USERS])}
    for role, username in USERS:
        client = Client()
        client.force_login(users[username])
        for view in [*LISTS, *(f"search:{q}" for q in SEARCHES)]:
            params = {"view": "all", "q": view[7:]} if view.startswith("search:") else {"view": view}
            url = "/staff/cases/?" + urlencode(params)

            def get(client: Client = client, url: str = url, username: str = username) -> None:
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url} as {username}: HTTP {response.status_code}")

            key = f"{view} / {role}"
            with CaptureQueriesContext(connection) as queries:
                get()
            results["queries"][key] = len(queries)
            filters = selectors.parse_filters(users[username], params)
            cases = selectors.filter_cases(users[username], filters)
            results["rows"][key] = cases.count()
            if explain:
                print(f"-- {key}\n{cases[:50].explain()}\n", file=sys.stderr)
            results["ms"][key] = percentiles(timed(get, requests))
            print(f"  {key}: {results['ms'][key]} ({results['rows'][key]:,} rows)", file=sys.stderr, flush=True)
    sample = json.loads((generator.BENCH_DIR / f"status-sample-{db}.json").read_text(encoding="utf-8"))
    pairs = list(sample.items())
    client = Client()
    state = {"i": 0}

    def look_up() -> None:
        number, code = pairs[state["i"] % len(pairs)]
        state["i"] += 1
        response = client.get(f"/api/v1/applications/{quote(number)}", headers={"X-Query-Code": code})
        if response.status_code != 200:
            raise SystemExit(f"status of {number}: HTTP {response.status_code} {response.content[:200]!r}")

    with CaptureQueriesContext(connection) as queries:
        look_up()
    results["queries"]["status look-up"] = len(queries)
    results["ms"]["status look-up"] = percentiles(timed(look_up, max(requests, len(pairs) and requests)))
    print(f"  status look-up: {results['ms']['status look-up']}", file=sys.stderr, flush=True)
    results["targets_met"] = all(
        v["p95"] <= (STATUS_TARGET_MS if k == "status look-up" else WORKSPACE_TARGET_MS)
        for k, v in results["ms"].items()
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--generate", type=int, default=0, help="make the database afresh with this many cases first")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    if args.generate:
        script = str(ROOT / "bench" / "cases_generator.py")
        subprocess.run([sys.executable, script, "--db", args.db, "--cases", str(args.generate)], check=True)  # noqa: S603
    generator.setup_django(args.db)
    print(json.dumps(measure(args.db, args.requests, args.explain), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
