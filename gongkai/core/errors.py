"""Domain errors: raised by services and selectors, rendered the same way by web, API and CLI.

Each error carries a stable machine ``code``, a human message (Chinese in the UI), an HTTP
status for the web and API, and optional structured ``details`` (e.g. per-field or per-line
problems). Interfaces never invent their own wording for these: they render ``payload()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.law.errors import LawError


class DomainError(Exception):
    """Base class. Subclasses set ``code`` and ``status``."""

    code = "domain_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.message = str(message)
        if code is not None:
            self.code = code
        self.details = details

    def payload(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details is not None:
            error["details"] = self.details
        return {"error": error}


class NotFound(DomainError):
    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403


class ValidationFailed(DomainError):
    code = "invalid"
    status = 400


class InvalidTransition(DomainError):
    code = "invalid_transition"
    status = 409


class Conflict(DomainError):
    code = "conflict"
    status = 409


def problems_error(problems: list[str]) -> ValidationFailed:
    """One ValidationFailed for a list of problems: the problem itself when there is only one."""
    from django.utils.translation import gettext as _

    if len(problems) == 1:
        return ValidationFailed(problems[0])
    summary = _("%(count)d problems found:") % {"count": len(problems)}
    return ValidationFailed(summary, details=problems)


def domain_error(error: LawError) -> ValidationFailed:
    """A law error (Chinese message from the pure modules) as the domain error web, API and CLI render."""
    return ValidationFailed(error.message, code=error.code)
