"""The agencies' system checks, run by ``gongkai check`` (``manage.py check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from django.utils.translation import gettext as _


@register(Tags.security, deploy=True)
def demo_accounts_present(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Demo accounts have printed passwords; they must not exist on a production server."""
    if settings.DEBUG:
        return []
    from django.contrib.auth import get_user_model

    from .demo import DEMO_USERNAMES

    try:
        present = list(
            get_user_model()
            .objects.filter(username__in=DEMO_USERNAMES, is_active=True)
            .values_list("username", flat=True)
        )
    except DatabaseError:
        return []
    if not present:
        return []
    return [
        Warning(
            _("Demo accounts with published passwords are active: %(names)s.") % {"names": ", ".join(present)},
            hint=_("Deactivate them (Django admin → users) before serving real users."),
            id="gongkai.W001",
        )
    ]
