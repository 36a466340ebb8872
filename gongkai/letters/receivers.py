"""Letters issued by the case steps that imply them (``cases.signals.case_step_recorded``,
sent inside the step's transaction: a letter that cannot be rendered undoes the step)."""

from __future__ import annotations

from typing import Any

from gongkai.cases.models import Case, CaseEvent
from gongkai.core.audit import Actor

from .kinds import kind_for_step
from .services import letter_issue


def issue_letter_of_step(
    sender: Any, *, case: Case, event: CaseEvent, actor: Actor, via: str | None = None, **kwargs: Any
) -> None:
    kind = kind_for_step(event.action, event.data or {})
    if kind is None:
        return
    letter_issue(actor=actor, case=case, kind=kind, event=event, data=event.data, issued_on=event.on, via=via)


def list_applicant_letters(sender: Any, *, case: Case, **kwargs: Any) -> list[dict[str, Any]]:
    """The status API's ``letters``: those sent to the applicant, without download addresses
    (the API's own ``/applications/{number}/letters/{id}`` takes the query code in a header)."""
    from .selectors import applicant_letters, letter_row

    return [letter_row(letter) for letter in applicant_letters(case)]
