from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "gongkai.calendars"
    label = "calendars"
    verbose_name = _("Working-day calendar")
    urls = [("clock/", "gongkai.calendars.urls"), ("staff/calendar/", "gongkai.calendars.staff_urls")]
    api_router = ("/clock", "gongkai.calendars.api.router")
    cli_commands = [("clock", _("compute an application's reply deadline: one JSON case on stdin, JSON out"))]
    portal_cards = [
        (
            "calendars:calculator",
            _("Reply deadline calculator"),
            _("When must an application be answered? Enter the receipt date and what happened since."),
        ),
        (
            "calendars:calendar",
            _("Working calendar"),
            _("Holidays and make-up working days of each year, as the State Council's notice sets them."),
        ),
    ]
    staff_nav = [
        ("calendars:calculator", _("Reply deadline calculator")),
        ("calendar_staff:index", _("System administration")),
    ]
    audit_actions = {
        "calendar.schedule_created": _("holiday schedule of a year entered"),
        "calendar.schedule_changed": _("holiday schedule of a year changed"),
        "calendar.schedule_deleted": _("holiday schedule of a year deleted"),
        "calendar.schedule_confirmed": _("holiday schedule of a year confirmed"),
        "calendar.schedule_corrected": _("confirmed holiday schedule of a year corrected"),
        "calendar.regional_added": _("regional holiday added"),
        "calendar.regional_deleted": _("regional holiday deleted"),
    }
