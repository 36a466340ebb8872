from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "gongkai.calendars"
    label = "calendars"
    verbose_name = _("Working-day calendar")
    cli_commands = [("clock", _("compute an application's reply deadline: one JSON case on stdin, JSON out"))]
