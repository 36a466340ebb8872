"""The one shape of a permission check, shared by every app.

Each app keeps a ``permissions.py`` of small yes/no functions named for what they allow
(``can_manage_agency(user, agency)``, ``can_approve_for(user, agency)``, later
``can_approve_reply(user, case)``), built on the roles (``gongkai.agencies.roles``) and the one
scoping function (``gongkai.agencies.scoping.agencies_for``). Views, the API and services ask the
same functions: views to decide what to show, services (again) before they write, with
``require``, so that no interface can reach around a check.
"""

from __future__ import annotations

from .errors import PermissionDenied


def require(allowed: bool, message: str) -> None:
    """Raise ``PermissionDenied(message)`` (403 on the web and API, exit 1 in the CLI) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)
