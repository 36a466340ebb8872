"""The demo library (``gongkai demo``): real public documents of the Shandong provincial
government and the State Council (titles, 文号, issuers and dates as published; see
tests/fixtures/documents/SOURCES.md), all in the demo province's library — the State Council's
as republished by it, with the issuer as written — and the repeals between them.

Loaded through the import (``bulk.import_file``), so a re-run adds nothing twice; relations are
recorded once. Without the fixture (an installation without the tests) nothing is loaded.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.text.docnumber import normalise_doc_number

from . import bulk, services
from .models import Document, DocumentRelation

AGENCY = "sf-gov"
FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "documents"
DOCUMENTS = FIXTURES / "real-shandong-state-council.csv"
RELATIONS = FIXTURES / "relations.csv"


def _find(agency: Agency, text: str) -> Document | None:
    """A document of ``agency`` by its 文号 (any variant) or, failing that, its exact title."""
    documents = Document.objects.filter(agency=agency)
    return documents.filter(doc_number_norm=normalise_doc_number(text)).first() or documents.filter(title=text).first()


def load_demo_documents() -> list[str]:
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None or not DOCUMENTS.is_file():
        return []
    outcome = bulk.import_file(DOCUMENTS, actor=None, via="demo")
    made = [document.index_number for document in outcome.imported]
    if RELATIONS.is_file():
        with RELATIONS.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                source, target = _find(agency, row["source"]), _find(agency, row["target"])
                if source is None or target is None or source.pk == target.pk:
                    continue
                if DocumentRelation.objects.filter(source=source, target=target, kind=row["kind"]).exists():
                    continue
                services.document_relate(
                    actor=None, source=source, target=target, kind=row["kind"], on=source.written_on, via="demo"
                )
                made.append(f"{source.pk}->{target.pk}")
    return made
