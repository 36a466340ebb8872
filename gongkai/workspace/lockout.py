"""Log-in throttling (django-axes): the Chinese lockout page, the audit events, unlocking.

After ``AXES_FAILURE_LIMIT`` failed log-ins for one user name from one address, that pair is
refused for ``AXES_COOLOFF_TIME``; the refusal is the log-in page with one Chinese message and
HTTP 429. A lockout and an unlock are audit events of the user's agency (so its administrators
see them); every failed log-in is logged by axes and kept in its failure log.
"""

from __future__ import annotations

import logging
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import can_manage_agency, is_platform_admin
from gongkai.core.audit import Actor, record_event
from gongkai.core.permissions import require

logger = logging.getLogger("gongkai.login")


def lockout_minutes() -> int:
    cool_off = get_cool_off()
    return max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0


def lockout_message() -> str:
    minutes = lockout_minutes()
    if minutes:
        return _(
            "Too many failed log-ins: this account is locked on this computer for %(minutes)d minutes. "
            "Try again later, or ask an administrator to unlock it."
        ) % {"minutes": minutes}
    return _("Too many failed log-ins: this account is locked. Ask an administrator to unlock it.")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The log-in page again, with the lockout message, status 429 (AXES_LOCKOUT_CALLABLE)."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))[:150]
    form = AuthenticationForm(request, initial={"username": username})
    context = {
        "form": form,
        "lockout_message": lockout_message(),
        "site_name": settings.GONGKAI_SITE_NAME,
        "next": request.POST.get("next", request.GET.get("next", "")),
    }
    response = TemplateResponse(request, "workspace/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    return response.render()


def _account_agency(username: str) -> tuple[Any, Any]:
    """The user (if the name exists) and the agency of their first membership."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return None, None
    membership = Membership.objects.filter(user=user).select_related("agency").order_by("pk").first()
    return user, membership.agency if membership else None


def record_lockout(sender: Any, request: HttpRequest, username: str, ip_address: str, **kwargs: Any) -> None:
    """axes' ``user_locked_out`` signal: an audit event, in the user's agency if there is one."""
    username = str(username or "")[:150]
    user, agency = _account_agency(username)
    logger.warning("login locked out: username=%r ip=%s", username, ip_address)
    with transaction.atomic():
        record_event(
            actor=None,
            action="account.locked_out",
            obj=user,
            agency=agency,
            details={"username": username, "ip_address": ip_address, "failures": settings.AXES_FAILURE_LIMIT},
            via="web",
        )


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these user names are locked out now (from some address)."""
    attempts = AccessAttempt.objects.filter(username__in=usernames)
    return {a.username for a in attempts if a.failures_since_start >= settings.AXES_FAILURE_LIMIT}


def may_unlock(actor: Actor, username: str) -> bool:
    """Platform administrators unlock anyone; an agency's administrators the staff of their agencies."""
    if actor is None:
        return True  # the console (gongkai unlock)
    if is_platform_admin(actor):
        return True
    agencies = Agency.objects.filter(memberships__user__username=username)
    return any(can_manage_agency(actor, agency) for agency in agencies)


def unlock(*, actor: Actor, username: str, via: str | None = None) -> int:
    """Lift every lockout of a user name (all addresses); an audit event. The number of lockouts lifted."""
    username = username.strip()
    require(
        may_unlock(actor, username),
        _("Only the administrators of the user's agency (or of one above it) may unlock the account."),
    )
    user, agency = _account_agency(username)
    with transaction.atomic():
        attempts = AccessAttempt.objects.filter(username=username)
        locked = sum(1 for attempt in attempts if attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT)
        removed, _details = attempts.delete()
        if removed:
            record_event(
                actor=actor,
                action="account.unlocked",
                obj=user,
                agency=agency,
                details={"username": username, "lockouts": locked, "records": removed},
                via=via,
            )
    return locked
