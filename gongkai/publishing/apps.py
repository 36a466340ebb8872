from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = _("Pre-publication review")
    urls = ("staff/publishing/", "gongkai.publishing.urls")
    staff_nav = [("publishing:queue", _("Review"), "gongkai.publishing.permissions.works_on_documents")]
    api_router = ("/staff/documents", "gongkai.publishing.api.router")
    cli_commands = [("patrol", _("re-check the published documents against today's dictionaries"))]
    audit_actions = {
        "document.submitted": _("document submitted for review"),
        "document.approved": _("document approved at a review stage"),
        "document.returned": _("document returned to the editor"),
        "document.published": _("document published"),
        "document.withdrawn": _("document withdrawn"),
        "document.patrolled": _("new findings in a published document"),
        "finding.accepted": _("finding accepted"),
        "finding.dismissed": _("finding dismissed"),
        "patrol.queued": _("patrol started"),
        "dictionary.added": _("dictionary entry added"),
        "dictionary.changed": _("dictionary entry changed"),
        "dictionary.deleted": _("dictionary entry deleted"),
    }

    def ready(self) -> None:
        from . import checking  # noqa: F401  (connects the signals that rebuild the checker)
