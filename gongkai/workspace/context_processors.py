from __future__ import annotations

from django.http import HttpRequest

from gongkai.core.extensions import NavLink, staff_nav


def workspace(request: HttpRequest) -> dict[str, list[NavLink]]:
    """Navigation links that apps add to the staff workspace (see core.extensions)."""
    if not request.path.startswith("/staff/"):
        return {}
    return {"staff_nav": staff_nav()}
