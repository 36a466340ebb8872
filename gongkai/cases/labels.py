"""What each step of a case is called (case events, the audit log, the CLI, later the pages)."""

from django.utils.translation import gettext_lazy as _

from gongkai.law.outcomes import OUTCOME_BY_CODE

STEP_LABELS = {
    "received": _("application received"),
    "query_code_reissued": _("query code issued again"),
    "accept": _("application accepted"),
    "assign": _("case assigned"),
    "request_correction": _("correction requested"),
    "receive_correction": _("correction received"),
    "start_consultation": _("consultation started"),
    "end_consultation": _("consultation ended"),
    "request_assistance": _("assistance requested"),
    "notify_fee": _("fee notified"),
    "receive_payment": _("fee paid"),
    "extend": _("reply period extended"),
    "set_deadline": _("deadline set"),
    "draft_reply": _("reply drafted"),
    "approve_reply": _("reply approved"),
    "return_reply": _("reply returned to the handler"),
    "issue_reply": _("reply issued"),
    "close": _("case closed"),
    "transfer": _("case transferred"),
    "withdraw": _("application withdrawn"),
    "pressed": _("pressed for action (督办)"),
    "joint_consultation": _("joint consultation held"),
    "appeal_recorded": _("reconsideration or lawsuit recorded"),
    "appeal_result": _("result of a reconsideration or lawsuit"),
    "reopen": _("case reopened for a new reply"),
}

# The fields of the steps (cases/actions.py), as the case page labels them.
FIELD_LABELS = {
    "handler": _("handler"),
    "correction_due": _("the applicant corrects by"),
    "text": _("what is to be corrected or asked"),
    "party": _("whom you consult"),
    "kind": _("third party or agency"),
    "conclusion": _("conclusion"),
    "unit": _("unit asked for assistance"),
    "amount_yuan": _("amount (yuan)"),
    "basis": _("basis of the fee"),
    "working_days": _("working days added"),
    "reason": _("reason"),
    "due": _("new due date"),
    "outcome": _("outcome"),
    "reasons": _("reasons"),
    "to_agency": _("agency to transfer to (code)"),
}


# The states in which the outcome is decided and told to the applicant (a drafted or approved
# reply is not: it may still change before it is issued).
DECIDED_STATES = frozenset({"replied", "withdrawn", "closed"})


def outcome_label(code: str) -> str:
    """The report row's full Chinese label of an outcome code ("(三)不予公开 1.属于国家秘密"), "" for none."""
    outcome = OUTCOME_BY_CODE.get(code)
    return outcome.full_label if outcome is not None else ""


def public_outcome_label(status: str, code: str) -> str:
    """The outcome as the applicant may see it: only once decided and told."""
    return outcome_label(code) if status in DECIDED_STATES else ""
