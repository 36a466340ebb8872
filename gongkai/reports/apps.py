from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = _("Annual reports")
    urls = ("staff/reports/", "gongkai.reports.urls")
    api_router = ("/reports", "gongkai.reports.api.router")
    staff_nav = [("reports:list", _("Annual reports"))]
    cli_commands = [("report", _("annual reports: audit published reports (text, HTML, DOCX, PDF)"))]
    audit_actions = {
        "report.uploaded": _("annual report uploaded for audit"),
        "report.history_imported": _("past annual report imported"),
        "report.rechecked": _("annual report checked again against last year's"),
        "report.upload_queued": _("reports uploaded, audit queued"),
        "report.upload_started": _("audit of uploaded reports started"),
        "report.upload_done": _("audit of uploaded reports finished"),
        "report.upload_failed": _("audit of uploaded reports failed"),
    }
