from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "gongkai.letters"
    label = "letters"
    verbose_name = _("Letters")
    staff_nav = [("letters:templates", _("Letter templates"), "gongkai.letters.templates_admin.manages_any")]
    urls = [("staff/letters/", "gongkai.letters.urls"), ("apply/status/letters/", "gongkai.letters.public_urls")]
    api_router = [
        ("/applications", "gongkai.letters.api.public_router"),
        ("/staff/cases", "gongkai.letters.api.staff_router"),
    ]
    audit_actions = {
        "letter.issued": _("letter issued"),
        "letter.delivery_recorded": _("delivery of a letter recorded"),
        "letter.template_saved": _("letter template saved"),
        "letter.template_reset": _("agency's letter template removed"),
    }

    def ready(self) -> None:
        from django.core import checks

        from gongkai.cases.models import Case
        from gongkai.cases.signals import case_letters_listed, case_step_recorded

        from . import receivers
        from .checks import cjk_font_installed

        case_step_recorded.connect(receivers.issue_letter_of_step, sender=Case, dispatch_uid="letters.step")
        case_letters_listed.connect(receivers.list_applicant_letters, sender=Case, dispatch_uid="letters.list")
        checks.register(cjk_font_installed)
