"""Authentication for the API's staff endpoints: a bearer token, or the session.

``staff_auth`` tries, in order, ``Authorization: Bearer <token>`` (``gongkai.core.tokens``; no
CSRF check: a token is not sent by the browser on its own) and the logged-in session (which
must pass the CSRF check for unsafe methods). Who is neither gets 401, never a CSRF page:
django-ninja's ``django_auth`` checks the CSRF token before it looks at the session, so an
anonymous POST would be answered 403 "CSRF check Failed"; ``StaffSession`` refuses it first.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from .tokens import user_for_token


class StaffSession(SessionAuth):
    def __call__(self, request: HttpRequest) -> Any | None:
        if not request.user.is_authenticated:
            return None  # ninja answers AuthenticationError: 401
        return super().__call__(request)


class StaffToken(HttpBearer):
    """``Authorization: Bearer gk_…``: the request acts as the token's user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token.strip())
        if user is None:
            return None
        request.user = user
        return user


staff_session = StaffSession()
staff_token = StaffToken()
#: Use as ``auth=staff_auth`` on a router or operation (instead of ``ninja.security.django_auth``).
staff_auth = [staff_token, staff_session]
