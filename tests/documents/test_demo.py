"""The demo library: the real documents of the fixture in the demo province, repeals applied, loaded once."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command

from gongkai.documents.demo import DOCUMENTS
from gongkai.documents.models import Document, DocumentRelation

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_real_documents_once() -> None:
    with DOCUMENTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    call_command("demo", verbosity=0)
    documents = Document.objects.filter(agency__code="sf-gov")
    assert documents.count() == len(rows) >= 20
    assert set(documents.values_list("state", flat=True)) == {"published"}
    republished = documents.get(doc_prefix="国办发", doc_year=2021, doc_serial=12)
    assert republished.issuer == "国务院办公厅"  # as written; the province publishes it
    assert republished.agency.name == "示范省人民政府"
    repealed = documents.get(doc_number="山东省人民政府令第114号")
    assert repealed.status == "repealed"
    assert DocumentRelation.objects.filter(kind="repeals").count() == 3
    call_command("demo", verbosity=0)
    assert Document.objects.count() == len(rows)
    assert DocumentRelation.objects.count() == 3


def test_every_fixture_row_has_an_issuer_and_no_number_twice() -> None:
    with DOCUMENTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(row["issuer"] and row["title"] for row in rows)
    assert len({row["doc_number"] for row in rows if row["doc_number"]}) == sum(1 for row in rows if row["doc_number"])
