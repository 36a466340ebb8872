"""The demo library: a few hundred real documents across the demo tree, their real repeals and
amendments applied, interpretations attached, loaded once and fast."""

from __future__ import annotations

import csv
import json
import time

import pytest
from django.core.management import call_command

from gongkai.agencies.demo import DEMO_AGENCIES, load_demo
from gongkai.documents.demo import DOCUMENTS, INTERPRETATIONS, RELATIONS, load_demo_documents
from gongkai.documents.models import Document, DocumentRelation, Interpretation

pytestmark = pytest.mark.django_db


def fixture_rows() -> list[dict[str, object]]:
    with DOCUMENTS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def csv_rows(path: object) -> list[dict[str, str]]:
    with open(str(path), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_document_demo_loads_in_a_few_seconds() -> None:
    load_demo()
    started = time.monotonic()
    made = load_demo_documents()
    assert time.monotonic() - started < 10  # about 2 s on the 2-core machine under load; `make run` stays fast
    assert len(made) == len(fixture_rows()) + len(csv_rows(RELATIONS)) + len(csv_rows(INTERPRETATIONS))


def test_the_demo_loads_the_real_documents_once() -> None:
    rows = fixture_rows()
    call_command("demo", verbosity=0)
    assert Document.objects.count() == len(rows) >= 300
    assert set(Document.objects.values_list("state", flat=True)) == {"published"}
    assert set(Document.objects.values_list("agency__code", flat=True)) == {agency.code for agency in DEMO_AGENCIES}
    republished = Document.objects.get(doc_prefix="国办发", doc_year=2021, doc_serial=12)
    assert republished.issuer == "国务院办公厅"  # as written; the province publishes it
    assert republished.agency.name == "示范省人民政府"
    assert Document.objects.get(doc_number="山东省人民政府令第114号").status == "repealed"
    assert DocumentRelation.objects.count() == len(csv_rows(RELATIONS)) >= 15
    assert Interpretation.objects.count() == len(csv_rows(INTERPRETATIONS)) >= 10
    call_command("demo", verbosity=0)
    assert Document.objects.count() == len(rows)
    assert DocumentRelation.objects.count() == len(csv_rows(RELATIONS))
    assert Interpretation.objects.count() == len(csv_rows(INTERPRETATIONS))


def test_a_later_law_repeals_the_earlier_regulation() -> None:
    call_command("demo", verbosity=0)
    relation = DocumentRelation.objects.get(source__title="中华人民共和国关税法", target__title="进出口关税条例")
    assert relation.kind == "repeals"
    assert relation.target.status == "repealed"
    amended = DocumentRelation.objects.get(kind="amends").target
    assert (amended.title, amended.published_on.isoformat() if amended.published_on else "") == (
        "中华人民共和国宪法",
        "1982-12-04",
    )
    assert amended.status == "amended"


def test_every_fixture_row_has_a_source_and_no_number_twice() -> None:
    rows = fixture_rows()
    assert all(row["title"] and row["source"] for row in rows)
    numbers = [str(row["doc_number"]) for row in rows if row["doc_number"]]
    assert len(set(numbers)) == len(numbers)
    assert sum(1 for row in rows if row["issuer"]) >= 200  # local regulations: the congress, not named
