from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "gongkai.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    urls = [("staff/notifications/", "gongkai.notifications.urls")]
    staff_nav = [("notifications:inbox", _("Messages"))]
    cli_commands = [
        ("remind", _("e-mail handlers and office heads about cases due soon and overdue (once a day)")),
        ("notify", _("notifications: send what is due (quiet hours, retries), list failures")),
    ]
    audit_actions = {
        "notification.retried": _("failed message queued again"),
    }

    def ready(self) -> None:
        from gongkai.cases.models import Case, CasePress
        from gongkai.cases.signals import case_pressed, case_step_recorded

        from . import receivers

        case_step_recorded.connect(receivers.notify_of_step, sender=Case, dispatch_uid="notifications.step")
        case_pressed.connect(receivers.notify_of_press, sender=CasePress, dispatch_uid="notifications.press")
