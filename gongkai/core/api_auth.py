"""Session authentication for the API's staff endpoints: who is not logged in gets 401, never a CSRF page.

django-ninja's ``django_auth`` checks the CSRF token before it looks at the session, so an anonymous
POST is answered 403 "CSRF check Failed". Here an anonymous request is refused first (401, the
JSON error), and a logged-in one must still pass the CSRF check (403) before it is let in.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import SessionAuth


class StaffSession(SessionAuth):
    def __call__(self, request: HttpRequest) -> Any | None:
        if not request.user.is_authenticated:
            return None  # ninja answers AuthenticationError: 401
        return super().__call__(request)


#: Use as ``auth=staff_session`` on a router or operation (instead of ``ninja.security.django_auth``).
staff_session = StaffSession()
