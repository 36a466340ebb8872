from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    label = "cases"
    verbose_name = _("Applications for disclosure")
    recomputers = {"cases": "gongkai.cases.recompute.recompute_open_cases"}
    audit_actions = {
        "case.received": _("application received"),
        "case.query_code_reissued": _("query code issued again"),
        "case.accept": _("application accepted"),
        "case.assign": _("case assigned"),
        "case.request_correction": _("correction requested"),
        "case.receive_correction": _("correction received"),
        "case.start_consultation": _("consultation started"),
        "case.end_consultation": _("consultation ended"),
        "case.request_assistance": _("assistance requested"),
        "case.notify_fee": _("fee notified"),
        "case.receive_payment": _("fee paid"),
        "case.extend": _("reply period extended"),
        "case.set_deadline": _("deadline set"),
        "case.draft_reply": _("reply drafted"),
        "case.approve_reply": _("reply approved"),
        "case.return_reply": _("reply returned to the handler"),
        "case.issue_reply": _("reply issued"),
        "case.close": _("case closed"),
        "case.transfer": _("case transferred"),
        "case.withdraw": _("application withdrawn"),
    }
