"""The letters sections the cases pages include (``{% load letters %}``): the app above cases
adds itself to their pages without cases importing it."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.cases import permissions as case_permissions
from gongkai.cases.models import Case, CaseStatus
from gongkai.law.letters import LetterKind

from .. import selectors
from ..kinds import KIND_LABELS
from ..models import Delivery

register = template.Library()


@register.inclusion_tag("letters/_staff_section.html", takes_context=True)
def staff_letters(context: dict[str, Any], case: Case) -> dict[str, Any]:
    user = context["request"].user
    may_work = case_permissions.can_handle_case(user, case)
    previews = []
    if case.outcome and case.status in {CaseStatus.REPLY_DRAFTED, CaseStatus.REPLY_APPROVED}:
        previews.append((LetterKind.REPLY.value, KIND_LABELS[LetterKind.REPLY]))
    return {
        "case": case,
        "letters": [(letter, selectors.letter_row(letter)) for letter in selectors.case_letters(case)],
        "previews": previews,
        "may_work": may_work and case.is_open,
        "deliveries": Delivery.choices,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("letters/_applicant_section.html", takes_context=True)
def applicant_letters(context: dict[str, Any], case: Case, number: str, code: str) -> dict[str, Any]:
    return {
        "letters": [selectors.letter_row(letter) for letter in selectors.applicant_letters(case)],
        "number": number,
        "code": code,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("letters/_receipt_download.html", takes_context=True)
def receipt_download(context: dict[str, Any], number: str, code: str) -> dict[str, Any]:
    return {"number": number, "code": code, "csrf_token": context.get("csrf_token")}
