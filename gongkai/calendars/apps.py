from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "gongkai.calendars"
    label = "calendars"
    verbose_name = _("Working-day calendar")
    urls = ("clock/", "gongkai.calendars.urls")
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
    staff_nav = [("calendars:calculator", _("Reply deadline calculator"))]
    # Django permissions of the back office's holiday-schedule pages: enter a new year from the State
    # Council's notice and correct its days. Deleting a whole year stays with superusers: it makes
    # every deadline reaching into that year an error.
    role_permissions = {
        "administrator": [
            "calendars.view_holidayschedule",
            "calendars.add_holidayschedule",
            "calendars.change_holidayschedule",
            "calendars.view_scheduleday",
            "calendars.add_scheduleday",
            "calendars.change_scheduleday",
            "calendars.delete_scheduleday",
        ]
    }
    audit_actions = {
        "calendar.schedule_created": _("holiday schedule of a year entered"),
        "calendar.schedule_changed": _("holiday schedule of a year changed"),
        "calendar.schedule_deleted": _("holiday schedule of a year deleted"),
    }
