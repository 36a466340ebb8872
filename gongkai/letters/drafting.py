"""What a letter says: the case's facts, the step's fields, the law's wording
(``gongkai.law.letters``) and the body template in force (an administrator's
``LetterTemplate`` for the agency, else for every agency, else the shipped default)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Q
from django.template import Context, Engine, TemplateSyntaxError
from django.template.loader import get_template
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency, DisclosureOffice
from gongkai.calendars.selectors import calendar_for
from gongkai.cases.models import Case
from gongkai.law.errors import LawError
from gongkai.law.letters import (
    CONSULT_AGENCY_RULE,
    CONSULT_PERIOD_WORKING_DAYS,
    CONSULT_THIRD_PARTY_RULE,
    CORRECTION_RULE,
    EXTENSION_RULE,
    FEE_BANDS_PER_APPLICATION,
    FEE_BANDS_PER_PAGE,
    FEE_PERIOD_WORKING_DAYS,
    FEE_RULE,
    KIND_BASIS,
    THIRD_PARTY_NOTICE_RULE,
    TITLES,
    LetterKind,
    remedies,
    reply_variant,
)

from .models import Letterhead, LetterTemplate
from .rendering import Draft, LetterRenderingFailed, chinese_date

_URL = re.compile(r"https?://[^\s，。；、）)\"“”<>]+")
_TEXT_ENGINE = Engine(autoescape=False)  # a letter's body is text: formats escape it themselves
RULES: dict[LetterKind, str] = {
    LetterKind.CORRECTION: CORRECTION_RULE,
    LetterKind.EXTENSION: EXTENSION_RULE,
    LetterKind.CONSULT_THIRD_PARTY: CONSULT_THIRD_PARTY_RULE,
    LetterKind.CONSULT_AGENCY: CONSULT_AGENCY_RULE,
    LetterKind.THIRD_PARTY_NOTICE: THIRD_PARTY_NOTICE_RULE,
    LetterKind.FEE: FEE_RULE,
}
TO_PARTY = frozenset({LetterKind.CONSULT_THIRD_PARTY, LetterKind.CONSULT_AGENCY, LetterKind.THIRD_PARTY_NOTICE})


def public_url_in(text: str) -> str:
    """The address of information already public, as the reasons of a 36-1 reply give it."""
    found = _URL.search(text or "")
    return found.group(0) if found else ""


def default_body(kind: LetterKind) -> str:
    template = get_template(f"letters/bodies/{kind.value}.txt")
    return str(template.template.source)  # type: ignore[attr-defined]


def body_template(kind: LetterKind, variant: str, agency: Agency) -> tuple[str, str]:
    """``(title, body)`` in force: the agency's own for the variant, its own for the kind, every
    agency's for the variant, for the kind; else the legal title and the shipped body."""
    chain: list[int | None] = [agency.pk, *reversed(agency.ancestor_ids()), None]
    candidates = LetterTemplate.objects.filter(kind=kind.value, variant__in={variant, ""}).filter(
        Q(agency_id__in=[pk for pk in chain if pk is not None]) | Q(agency__isnull=True)
    )
    rows = {(row.agency_id, row.variant): row for row in candidates}
    for owner in chain:
        for key in ((owner, variant), (owner, "")):
            row = rows.get(key)
            if row is not None:
                return row.title or TITLES[kind], row.body
    return TITLES[kind], default_body(kind)


def _paragraphs(body: str, context: Mapping[str, Any]) -> tuple[str, ...]:
    try:
        text = _TEXT_ENGINE.from_string(body).render(Context(dict(context)))
    except TemplateSyntaxError as error:
        raise LetterRenderingFailed(
            _("The letter template has an error; ask an administrator to correct it: %(error)s") % {"error": error}
        ) from error
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _working_days_after(case: Case, day: date, n: int) -> str:
    try:
        return chinese_date(calendar_for(case.agency).add_working_days(day, n))
    except LawError:  # past the loaded calendar years: state the period instead of a date
        return _("%(n)s working days after receiving this letter") % {"n": n}


def _contact(agency: Agency) -> tuple[str, ...]:
    office = DisclosureOffice.objects.filter(agency=agency).first()
    if office is None:
        return ()
    lines = [f"联系机构：{office.name}"]
    if office.address:
        lines.append(f"地址：{office.address}" + (f"（邮编{office.postcode}）" if office.postcode else ""))
    if office.phone:
        lines.append(f"电话：{office.phone}")
    return tuple(lines)


def draft_letter(
    case: Case,
    kind: LetterKind,
    *,
    data: Mapping[str, Any] | None = None,
    issued_on: date,
    query_code: str = "",
) -> Draft:
    """The letter of ``kind`` about ``case`` on ``issued_on``; ``data`` are the fields of the
    step that issues it (the correction text, the extension's days, the consulted party …)."""
    data = dict(data or {})
    agency = case.agency
    head = Letterhead.objects.filter(agency=agency).first()
    applicant = case.applicant
    variant = ""
    context: dict[str, Any] = {
        "agency_name": agency.name,
        "case_number": case.number,
        "applicant": applicant.name,
        "recipient": applicant.name,
        "request": case.description,
        "arrived_on": chinese_date(case.received_at.date()),
        "received_on": chinese_date(case.received_on),
        "receipt_basis": case.receipt_basis,
        "due_on": chinese_date(case.due_on),
        "letter_date": chinese_date(issued_on),
        "basis": KIND_BASIS.get(kind, ""),
        "rule": RULES.get(kind, ""),
        "query_code": query_code,
        "reasons": data.get("reasons", case.reply_reasons),
    }
    qr_url = ""
    if kind is LetterKind.CORRECTION:
        due = data.get("correction_due", "")
        context |= {
            "correction_text": data.get("text", ""),
            "correction_due": chinese_date(date.fromisoformat(due)) if due else "—",
        }
    elif kind is LetterKind.EXTENSION:
        context |= {"extension_days": data.get("working_days", ""), "extension_reason": data.get("reason", "")}
    elif kind in TO_PARTY:
        context["recipient"] = data.get("party") or _("the third party")
        context["reply_by"] = _working_days_after(case, issued_on, CONSULT_PERIOD_WORKING_DAYS)
    elif kind is LetterKind.FEE:
        context |= {
            "fee_amount": data.get("amount_yuan", ""),
            "fee_basis": data.get("basis", ""),
            "fee_bands_per_application": FEE_BANDS_PER_APPLICATION,
            "fee_bands_per_page": FEE_BANDS_PER_PAGE,
            "pay_by": _working_days_after(case, issued_on, FEE_PERIOD_WORKING_DAYS),
        }
    elif kind is LetterKind.REPLY:
        outcome_code = data.get("outcome") or case.outcome
        if not outcome_code:
            raise LetterRenderingFailed(_("The reply has no outcome yet: draft the reply first."))
        qr_url = public_url_in(case.reply_reasons)
        chosen = reply_variant(outcome_code, already_public=bool(qr_url))
        variant = chosen.code
        own = head.remedies_note.strip() if head else ""
        context |= {
            "decision": chosen.decision,
            "basis": chosen.basis,
            "article": chosen.article,
            "public_url": qr_url if chosen.code == "disclosed_public" else "",
            "remedies": own.splitlines()
            if own
            else remedies(
                refuses=chosen.refuses,
                reconsideration_body=head.reconsideration_body if head else "",
                court=head.court if head else "",
            ),
        }
        if chosen.code != "disclosed_public":
            qr_url = ""
    title, body = body_template(kind, variant, agency)
    return Draft(
        kind=kind.value,
        variant=variant,
        title=title,
        recipient=str(context["recipient"]),
        paragraphs=_paragraphs(body, context),
        agency_name=agency.name,
        signer=(head.signer if head and head.signer else agency.name),
        seal_text=head.seal_text if head else "（盖章）",
        issued_on=issued_on,
        contact=_contact(agency),
        qr_url=qr_url,
        case_number=case.number,
    )
