"""The public portal with a national-size agency tree: page size and time of the home page.

Run: ``.venv/bin/python bench/bench_portal.py [--agencies 10000] [--repeat 7]``.

Builds a fresh SQLite database in a temporary folder (migrations included), fills it with
``--agencies`` active agencies shaped like a province: provincial departments, cities with their
departments and counties, counties with their departments and townships — every one with a
disclosure office — and then requests the public pages through Django's test client, in this
one process: the home page, the province's page (its direct subordinates), a city's page and a
name search. Prints the bytes and the median / best time of each over ``--repeat`` requests
(the first request, which fills caches, is not counted).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _setup(folder: str) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ["GONGKAI_VAR_DIR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _build(total: int) -> int:
    """``total`` agencies (at least), level by level with bulk inserts; paths as the services set them."""
    from gongkai.agencies.models import Agency, DisclosureOffice

    made: list[Agency] = []

    def add(rows: list[Agency]) -> list[Agency]:
        created = Agency.objects.bulk_create(rows)
        for agency in created:
            parent = agency.parent
            agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
            agency.depth = parent.depth + 1 if parent else 0
        Agency.objects.bulk_update(created, ["path", "depth"], batch_size=500)
        made.extend(created)
        return created

    (province,) = add([Agency(code="p", name="示范省人民政府", level="province")])
    add([Agency(code=f"pd{i}", name=f"示范省第{i}厅", level="department", parent=province) for i in range(40)])
    cities = add([Agency(code=f"c{i}", name=f"第{i}市人民政府", level="city", parent=province) for i in range(18)])
    city_rows: list[Agency] = []
    for c, city in enumerate(cities):
        city_rows += [
            Agency(code=f"c{c}d{i}", name=f"第{c}市第{i}局", level="department", parent=city) for i in range(40)
        ]
        city_rows += [
            Agency(code=f"c{c}k{i}", name=f"第{c}市第{i}县人民政府", level="county", parent=city) for i in range(10)
        ]
    counties = [a for a in add(city_rows) if a.level == "county"]
    county_rows: list[Agency] = []
    for county in counties:
        county_rows += [
            Agency(code=f"{county.code}d{i}", name=f"{county.name}第{i}局", level="department", parent=county)
            for i in range(30)
        ]
        county_rows += [
            Agency(code=f"{county.code}t{i}", name=f"{county.name}第{i}镇人民政府", level="township", parent=county)
            for i in range(20)
        ]
    add(county_rows[: max(0, total - len(made))])
    missing = total - len(made)
    if missing > 0:  # fill up with more provincial departments
        add([Agency(code=f"px{i}", name=f"示范省第{i}局", level="department", parent=province) for i in range(missing)])
    DisclosureOffice.objects.bulk_create(
        [
            DisclosureOffice(agency=a, name=f"{a.name}政务公开办公室", phone="0000-12345678", address="某路1号")
            for a in made
        ],
        batch_size=1000,
    )
    return len(made)


def _time(client: object, url: str, repeat: int) -> tuple[int, int, float, float]:
    get = client.get  # type: ignore[attr-defined]
    first = get(url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = get(url)
        times.append(time.perf_counter() - start)
    return first.status_code, len(response.content), statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(folder)
        start = time.perf_counter()
        count = _build(args.agencies)
        print(f"built {count} agencies with offices in {time.perf_counter() - start:.1f} s")
        from django.test import Client

        client = Client()
        pages = [
            ("home /", "/"),
            ("home, page 2", "/?page=2"),
            ("province page", "/agencies/p/"),
            ("city page", "/agencies/c3/"),
            ("county page", "/agencies/c3k2/"),
            ("search 第3县", "/?q=第3县"),
        ]
        print(f"{'page':<16} {'status':>6} {'bytes':>10} {'median ms':>10} {'best ms':>8}")
        for label, url in pages:
            status, size, median, best = _time(client, url, args.repeat)
            print(f"{label:<16} {status:>6} {size:>10,} {median * 1000:>10.1f} {best * 1000:>8.1f}")


if __name__ == "__main__":
    main()
