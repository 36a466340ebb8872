"""The public portal with a national-size agency tree: page size and time of the home page.

Run: ``.venv/bin/python bench/bench_portal.py [--agencies 10000] [--repeat 7]``.

Builds a fresh SQLite database in a temporary folder (migrations included), fills it with
``--agencies`` active agencies shaped like a province: provincial departments, cities with their
departments and counties, counties with their departments and townships — every one with a
disclosure office — and then requests the public pages through Django's test client, in this
one process: the home page, the province's page (its direct subordinates), a city's page and a
name search. Prints the bytes and the median / best time of each over ``--repeat`` requests
(the first request, which fills caches, is not counted).

With ``--documents`` (default 5,000) the province also gets that many published documents, a
catalogue and a guide, and the disclosure column's pages are timed twice: rendered every time
(the cache off) and as anonymous visitors get them (served from the one-minute page cache).
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


def _library(total: int) -> int:
    """``total`` published documents of the province (bulk), a catalogue of 10 items linked to them and a guide."""
    from datetime import date, timedelta

    from gongkai.agencies.models import Agency
    from gongkai.documents import catalogue
    from gongkai.documents.models import Document, DocumentKind

    province = Agency.objects.get(code="p")
    kinds = list(DocumentKind.objects.filter(agency__isnull=True))
    body = "<p>" + "各市人民政府，省政府各部门：现将有关事项通知如下。" * 40 + "</p>"
    rows = [
        Document(
            agency=province,
            kind=kinds[i % len(kinds)],
            title=f"示范省人民政府关于第{i}项工作的通知",
            doc_number=f"示政发〔{2015 + i % 10}〕{i}号",
            doc_number_norm=f"示政发〔{2015 + i % 10}〕{i}号",
            doc_prefix="示政发",
            doc_year=2015 + i % 10,
            doc_serial=i,
            index_number=f"p/{2015 + i % 10}-{i:06d}",
            issuer="示范省人民政府",
            published_on=date(2015 + i % 10, 1, 1) + timedelta(days=i % 360),
            topic=("政务公开", "财政", "教育", "卫生")[i % 4],
            body=body,
            state="published",
        )
        for i in range(total)
    ]
    Document.objects.bulk_create(rows, batch_size=1000)
    category = catalogue.category_save(actor=None, agency=province, name="政策文件")
    references = tuple(Document.objects.values_list("index_number", flat=True)[:50])
    for i in range(10):
        data = catalogue.ItemInput(
            category=category.pk, subject=f"事项{i}", legal_basis="条例第二十条", documents=references
        )
        catalogue.item_create(actor=None, agency=province, data=data)
    catalogue.guide_save(actor=None, agency=province, body="<p>指南</p>" * 50)
    return total


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
    parser.add_argument("--documents", type=int, default=5_000)
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
        if args.documents:
            _column(client, args)


def _column(client: object, args: argparse.Namespace) -> None:
    from django.test.utils import override_settings

    from gongkai.documents.models import Document

    start = time.perf_counter()
    _library(args.documents)
    print(f"built {args.documents} published documents in {time.perf_counter() - start:.1f} s")
    detail = Document.objects.order_by("pk").values_list("pk", flat=True).first()
    pages = [
        ("column", "/gk/p/"),
        ("library", "/gk/p/documents/"),
        ("library, filters", "/gk/p/documents/?kind=normative&year=2020&topic=财政"),
        ("library, 文号", "/gk/p/documents/?q=示政发[2020]5号"),
        ("in force", "/gk/p/normative/"),
        ("document", f"/gk/document/{detail}/"),
        ("catalogue", "/gk/p/catalogue/"),
        ("guide", "/gk/p/guide/"),
    ]
    print(f"{'page':<18} {'status':>6} {'bytes':>10} {'uncached ms':>12} {'cached ms':>10}")
    for label, url in pages:
        with override_settings(GONGKAI_PORTAL_CACHE_SECONDS=0):
            status, size, cold, _best = _time(client, url, args.repeat)
        _status, _size, warm, _best = _time(client, url, args.repeat)
        print(f"{label:<18} {status:>6} {size:>10,} {cold * 1000:>12.1f} {warm * 1000:>10.1f}")


if __name__ == "__main__":
    main()
