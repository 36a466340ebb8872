"""A file of documents into the library: read and check it all (``importing``), then import what
is not there yet in transactions of ``batch`` rows (``services.documents_import``).

Used by ``gongkai documents import`` and the demo loader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.core.audit import Actor
from gongkai.text.docnumber import normalise_doc_number

from . import importing, permissions, services
from .importing import ImportItem, Problem
from .models import Document


@dataclass
class Outcome:
    rows: int = 0
    imported: list[Document] = field(default_factory=list)
    new: int = 0
    present: int = 0
    problems: list[Problem] = field(default_factory=list)


def check_file(path: Path, actor: Actor = None) -> tuple[list[ImportItem], dict[str, Agency], list[Problem]]:
    """Every row of the file checked: the items, their agencies by code, and every problem (by line).

    ``importing.UnreadableFile`` when the file is not CSV or JSON Lines at all."""
    rows, problems = importing.read_rows(path)
    problems.extend(
        Problem(1, _("unknown column “%(name)s”") % {"name": name}) for name in importing.unknown_columns(rows)
    )
    codes = {(row.get("agency") or "").strip() for _line, row in rows}
    agencies = {agency.code: agency for agency in Agency.objects.filter(code__in=codes)}
    kinds: dict[tuple[str, str], bool] = {}

    def kind_known(code: str, kind: str) -> bool:
        if (code, kind) not in kinds:
            kinds[(code, kind)] = services.kind_for(agencies[code], kind) is not None
        return kinds[(code, kind)]

    items, row_problems = importing.parse_rows(rows, agencies=set(agencies), kind_known=kind_known)
    problems.extend(row_problems)
    if actor is not None:
        for code in sorted({item.agency for item in items}):
            if not permissions.can_edit_documents(actor, agencies[code]):
                problems.append(
                    Problem(
                        0,
                        _("“%(user)s” may not add documents of %(agency)s.")
                        % {"user": actor.get_username(), "agency": agencies[code].name},
                    )
                )
    problems.sort(key=lambda problem: problem.line)
    return items, agencies, problems


def new_items(items: list[ImportItem], agencies: dict[str, Agency]) -> list[ImportItem]:
    """The items neither in the library yet nor earlier in the file (``importing.identity``)."""
    by_pk = {agency.pk: code for code, agency in agencies.items()}
    known: set[importing.Identity] = set()
    rows = Document.objects.filter(agency_id__in=list(by_pk)).values_list(
        "agency_id", "index_number", "doc_number_norm", "issuer", "title", "published_on"
    )
    for agency_id, index_number, number, issuer, title, published_on in rows.iterator(chunk_size=5000):
        known.update(importing.identities_of(by_pk[agency_id], index_number, number, issuer, title, published_on))
    found: list[ImportItem] = []
    for item in items:
        if importing.identity(item.agency, item.data) in known:
            continue
        data = item.data
        known.update(
            importing.identities_of(
                item.agency,
                data.index_number.strip(),
                normalise_doc_number(data.doc_number),
                data.issuer.strip(),
                data.title.strip(),
                data.published_on,
            )
        )
        found.append(item)
    return found


def import_file(
    path: Path,
    *,
    actor: Actor,
    via: str = "cli",
    dry_run: bool = False,
    batch: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    """Check the file; when it has no problem, import the new rows (``progress(done, total)`` after
    each transaction). With problems, or ``dry_run``, nothing is imported."""
    items, agencies, problems = check_file(path, actor)
    outcome = Outcome(rows=len(items), problems=problems)
    if problems:
        return outcome
    fresh = new_items(items, agencies)
    outcome.new, outcome.present = len(fresh), len(items) - len(fresh)
    if dry_run:
        return outcome
    for start in range(0, len(fresh), max(1, batch)):
        chunk = fresh[start : start + batch]
        outcome.imported.extend(
            services.documents_import(
                actor=actor,
                items=[services.ImportedDocument(agencies[item.agency], item.data, item.state) for item in chunk],
                via=via,
            )
        )
        if progress is not None:
            progress(len(outcome.imported), len(fresh))
    return outcome
