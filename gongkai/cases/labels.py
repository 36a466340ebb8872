"""What each step of a case is called (case events, the audit log, the CLI, later the pages)."""

from django.utils.translation import gettext_lazy as _

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
}
