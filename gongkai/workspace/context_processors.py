from __future__ import annotations

from django.http import HttpRequest

from gongkai.core.extensions import NavLink, staff_nav


def workspace(request: HttpRequest) -> dict[str, list[NavLink]]:
    """Navigation links that apps add to the staff workspace (see core.extensions).

    A logged-in user keeps the staff navigation on public pages too, so these are given for
    every page such a user opens.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"staff_nav": staff_nav(user)}
