"""How the UI names each kind of letter, and which step of a case issues which letter."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.law.letters import LetterKind

KIND_LABELS: dict[LetterKind, Any] = {
    LetterKind.RECEIPT: _("receipt"),
    LetterKind.CORRECTION: _("correction notice"),
    LetterKind.EXTENSION: _("extension notice"),
    LetterKind.CONSULT_THIRD_PARTY: _("consultation letter to a third party"),
    LetterKind.CONSULT_AGENCY: _("consultation letter to another agency"),
    LetterKind.THIRD_PARTY_NOTICE: _("notice to the third party of disclosure"),
    LetterKind.FEE: _("fee notice"),
    LetterKind.REPLY: _("reply"),
}

# The case step (CaseEvent.action) that issues each letter.
STEP_KINDS: dict[str, LetterKind] = {
    "accept": LetterKind.RECEIPT,
    "request_correction": LetterKind.CORRECTION,
    "extend": LetterKind.EXTENSION,
    "start_consultation": LetterKind.CONSULT_THIRD_PARTY,  # or CONSULT_AGENCY, by the step's "kind"
    "notify_fee": LetterKind.FEE,
    "issue_reply": LetterKind.REPLY,
}


def kind_for_step(action: str, data: dict[str, Any]) -> LetterKind | None:
    kind = STEP_KINDS.get(action)
    if kind is LetterKind.CONSULT_THIRD_PARTY and data.get("kind") == "agency":
        return LetterKind.CONSULT_AGENCY
    return kind
