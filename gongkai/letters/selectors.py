"""Every read of letters. Staff reach a letter only through a case in their scope; the
applicant only through the case number and its query code, and only the letters sent to them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongkai.agencies.scoping import AnyUser
from gongkai.cases import selectors as case_selectors
from gongkai.cases.models import Case
from gongkai.core.errors import NotFound
from gongkai.law.letters import LetterKind

from .kinds import KIND_LABELS
from .models import Letter


def case_letters(case: Case) -> QuerySet[Letter]:
    return Letter.objects.filter(case=case).order_by("issued_at", "id")


def applicant_letters(case: Case) -> QuerySet[Letter]:
    """The letters addressed to the applicant (not the consultation letters to third parties)."""
    return case_letters(case).filter(to_applicant=True)


def _letter(letters: QuerySet[Letter], letter_id: int | str) -> Letter:
    try:
        return letters.select_related("case", "case__agency").get(pk=int(letter_id))
    except (Letter.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise NotFound(_("No such letter.")) from error


def staff_letter(user: AnyUser | None, case: Case | str, letter_id: int | str) -> Letter:
    """A letter of a case in the user's reach (a case given by number is looked up in scope)."""
    if isinstance(case, str):
        case = case_selectors.staff_case(user, case)
    return _letter(case_letters(case), letter_id)


def applicant_letter(case: Case, letter_id: int | str) -> Letter:
    return _letter(applicant_letters(case), letter_id)


def letter_row(letter: Letter) -> dict[str, Any]:
    """A letter as the status API and the pages list it."""
    return {
        "id": letter.pk,
        "kind": letter.kind,
        "kind_label": str(KIND_LABELS[LetterKind(letter.kind)]),
        "title": letter.title,
        "issued_on": letter.issued_on.isoformat(),
        "delivery": letter.delivery,
        "tracking_number": letter.tracking_number,
        "formats": ["pdf", "docx"],
        "pdf_sha256": letter.pdf_sha256,
    }
