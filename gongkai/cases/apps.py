from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .labels import STEP_LABELS


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    label = "cases"
    verbose_name = _("Applications for disclosure")
    urls = [("staff/cases/", "gongkai.cases.urls"), ("apply/", "gongkai.cases.public_urls")]
    portal_cards = [
        (
            "applications:find",
            _("Apply for information"),
            _("Find the agency that holds the information by its name or pinyin, and apply online."),
        ),
        (
            "applications:status",
            _("Application status"),
            _("Applied for government information? Enter your case number and query code to see where it stands."),
        ),
    ]
    staff_nav = [
        ("cases:list", _("Applications")),
        ("cases:supervision", _("Supervision (督办)"), "gongkai.cases.permissions.supervises_any"),
    ]
    api_router = [
        ("/applications", "gongkai.cases.api.router"),
        ("/staff/cases", "gongkai.cases.staff_api.router"),
        ("/staff/cases", "gongkai.cases.appeals_api.router"),
        ("/staff", "gongkai.cases.staff_api.supervision_router"),
    ]
    cli_commands = [("cases", _("applications for disclosure: list cases, show one"))]
    demo_loaders = ["gongkai.cases.demo.load_demo_cases"]
    recomputers = {"cases": "gongkai.cases.recompute.recompute_open_cases"}
    audit_actions = {
        **{f"case.{step}": label for step, label in STEP_LABELS.items()},
        "case.personal_data_viewed": _("applicant's personal data viewed"),
        "case.press_acknowledged": _("press for action acknowledged"),
        "case.appeal_recorded": _("reconsideration or lawsuit recorded"),
        "case.appeal_result": _("result of a reconsideration or lawsuit recorded"),
        "case.reopened": _("case reopened for a new reply"),
    }
