from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    label = "documents"
    verbose_name = _("Document library")
    urls = [("gk/", "gongkai.documents.public_urls"), ("staff/documents/", "gongkai.documents.staff_urls")]
    staff_nav = [("documents_staff:list", _("Document library"))]
    audit_actions = {
        "document.created": _("document created"),
        "document.changed": _("document changed"),
        "document.related": _("document amends or repeals another"),
        "document.status_changed": _("status of a document changed"),
        "document.interpretation_added": _("interpretation added"),
        "document.interpretation_exempted": _("document exempted from 三同步"),
        "document.figures_entered": _("figures of report table 2 entered"),
        "document.attached": _("files added to a document"),
        "catalogue.category_saved": _("category of the disclosure catalogue saved"),
        "catalogue.category_deleted": _("category of the disclosure catalogue deleted"),
        "catalogue.item_created": _("item of the disclosure catalogue added"),
        "catalogue.item_changed": _("item of the disclosure catalogue changed"),
        "catalogue.item_deleted": _("item of the disclosure catalogue deleted"),
        "catalogue.guide_saved": _("disclosure guide saved"),
    }
    api_router = [
        ("/documents", "gongkai.documents.api.public_router"),
        ("/staff/documents", "gongkai.documents.api.staff_router"),
    ]
    cli_commands = [("documents", _("document library: import documents from CSV or JSON Lines"))]
    demo_loaders = [
        "gongkai.documents.demo.load_demo_documents",
        "gongkai.documents.demo_catalogue.load_demo_catalogue",
    ]

    def ready(self) -> None:
        from .caching import connect

        connect()
