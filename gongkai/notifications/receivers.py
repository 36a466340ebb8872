"""What a case step tells whom (``cases.signals.case_step_recorded``, inside the step's transaction).

Applicants hear of the receipt, a correction notice, an extension and the reply — by e-mail when
they gave an address and by text message when they gave a mobile number. The handler hears of a
case assigned to them, by e-mail and in the workspace. Each message is keyed by the step
(``case:<id>:step:<event id>``), so a step is told once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from gongkai.cases.models import Case, CaseEvent
from gongkai.cases.validation import mobile_number
from gongkai.core.audit import Actor

from .models import Channel
from .services import Recipient, notify

APPLICANT_MESSAGE_OF_STEP = {
    "accept": "receipt",
    "request_correction": "correction",
    "extend": "extension",
    "issue_reply": "reply_issued",
}


def site_url(path: str) -> str:
    return str(getattr(settings, "GONGKAI_SITE_URL", "http://127.0.0.1:8000")).rstrip("/") + path


def case_values(case: Case, event: CaseEvent | None = None) -> dict[str, Any]:
    data = dict(event.data or {}) if event is not None else {}
    return {
        "number": case.number,
        "agency": case.agency.name,
        "received_on": case.received_on.isoformat() if case.received_on else "",
        "due": case.due_on.isoformat() + ("（暂定）" if case.due_provisional else "") if case.due_on else "",
        "correction_due": data.get("correction_due", ""),
        "text": data.get("text", ""),
        "working_days": data.get("working_days", ""),
    }


def applicant_recipients(case: Case) -> list[Recipient]:
    applicant = case.applicant
    found = []
    if applicant.email:
        found.append(Recipient(Channel.EMAIL, applicant.email))
    mobile = mobile_number(applicant.phone)
    if mobile:
        found.append(Recipient(Channel.SMS, mobile))
    return found


def staff_recipients(user: Any) -> list[Recipient]:
    found = [Recipient(Channel.WORKSPACE, "", user)]
    if user.email:
        found.append(Recipient(Channel.EMAIL, user.email, user))
    return found


def notify_of_step(
    sender: Any, *, case: Case, event: CaseEvent, actor: Actor, via: str | None = None, **kwargs: Any
) -> None:
    key = f"case:{case.pk}:step:{event.pk}"
    kind = APPLICANT_MESSAGE_OF_STEP.get(event.action)
    if kind is not None:
        notify(
            event_key=key,
            kind=kind,
            recipients=applicant_recipients(case),
            values={**case_values(case, event), "link": site_url(reverse("applications:status"))},
            case=case,
            agency=case.agency,
        )
    if event.action == "assign" and case.handler is not None and case.handler != actor:
        link = site_url(reverse("cases:detail", args=[case.pk]))
        notify(
            event_key=key,
            kind="assigned",
            recipients=staff_recipients(case.handler),
            values={**case_values(case, event), "link": link},
            link=reverse("cases:detail", args=[case.pk]),
            case=case,
            agency=case.agency,
        )


def notify_of_press(sender: Any, *, press: Any, actor: Actor, **kwargs: Any) -> None:
    """督办: the pressed agency's office heads, and the handler of the case pressed about."""
    from gongkai.agencies.models import Membership, Role

    people = {
        m.user.pk: m.user
        for m in Membership.objects.filter(agency=press.agency, role=Role.HEAD, user__is_active=True).select_related(
            "user"
        )
    }
    case = press.case
    if case is not None and case.handler is not None and case.handler.is_active:
        people[case.handler.pk] = case.handler
    path = reverse("cases:detail", args=[case.pk]) if case is not None else reverse("cases:list")
    supervisor = (getattr(actor, "get_full_name", lambda: "")() or actor.get_username()) if actor is not None else ""
    values = {
        "agency": press.agency.name,
        "supervisor": supervisor,
        "instruction": press.instruction,
        "link": site_url(path),
        "number": case.number if case is not None else "",
    }
    for user in people.values():
        notify(
            event_key=f"press:{press.pk}",
            kind="pressed",
            recipients=staff_recipients(user),
            values=values,
            link=path,
            case=case,
            agency=press.agency,
        )
