"""The demo library (``gongkai demo``): a few hundred real public documents across the demo tree
(tests/fixtures/documents/demo.jsonl, a selection of the search corpus; facts and sources in
tests/fixtures/search/SOURCES.md and tests/fixtures/documents/SOURCES.md): State Council and
provincial documents with their 文号, national laws and regulations, ministry rules, Shandong's and
its cities' regulations, as republished by the demo agencies with the issuer as written.

The relations (relations.csv) are real: each later document repeals or amends the earlier one as
its own text says (the 2016 Shandong decision repealing three rules, the last articles of the
生态环境法典, 关税法, 印花税法 and 增值税法, the 2018 constitutional amendment). The interpretations
(interpretations.csv) are the real 解读 found with their address, and short ones written for the
demo (``generated`` = yes) so that every kind of page has something to show.

Loaded through the import (``bulk.import_file``), so a re-run adds nothing twice; relations and
interpretations are recorded once. Without the fixture (an installation without the tests)
nothing is loaded.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.text.docnumber import normalise_doc_number

from . import bulk, services
from .importing import parse_date
from .models import Document, DocumentRelation, Interpretation

AGENCY = "sf-gov"
FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "documents"
DOCUMENTS = FIXTURES / "demo.jsonl"
RELATIONS = FIXTURES / "relations.csv"
INTERPRETATIONS = FIXTURES / "interpretations.csv"


def find(text: str, published_on: date | None = None) -> Document | None:
    """A demo document by its 文号 (any variant) or, failing that, its exact title (and date of
    publication when two versions share the title)."""
    number = normalise_doc_number(text)
    documents = Document.objects.order_by("pk")
    found = documents.filter(doc_number_norm=number).first() if number else None
    if found is None:
        by_title = documents.filter(title=text)
        if published_on is not None:
            by_title = by_title.filter(published_on=published_on)
        found = by_title.first()
    return found


def _relations(made: list[str]) -> None:
    with RELATIONS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            source = find(row["source"], parse_date(row.get("source_published") or ""))
            target = find(row["target"], parse_date(row.get("target_published") or ""))
            if source is None or target is None or source.pk == target.pk:
                continue
            if DocumentRelation.objects.filter(source=source, target=target, kind=row["kind"]).exists():
                continue
            on = parse_date(row.get("on") or "") or source.effective_on or source.written_on
            services.document_relate(actor=None, source=source, target=target, kind=row["kind"], on=on, via="demo")
            made.append(f"{source.pk}->{target.pk}")


def _interpretations(made: list[str]) -> None:
    with INTERPRETATIONS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            document = find(row["document"])
            if document is None or Interpretation.objects.filter(document=document, title=row["title"]).exists():
                continue
            item = services.interpretation_add(
                actor=None,
                document=document,
                title=row["title"],
                body=row["body"],
                url=row["url"],
                published_on=parse_date(row["published_on"]),
                via="demo",
            )
            made.append(f"interpretation {item.pk}")


def load_demo_documents() -> list[str]:
    if not Agency.objects.filter(code=AGENCY).exists() or not DOCUMENTS.is_file():
        return []
    outcome = bulk.import_file(DOCUMENTS, actor=None, via="demo")
    made = [document.index_number for document in outcome.imported]
    if RELATIONS.is_file():
        _relations(made)
    if INTERPRETATIONS.is_file():
        _interpretations(made)
    return made
