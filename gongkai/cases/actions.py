"""The steps of a case as one table: its name, its fields, the states it starts from and who may.

The staff API (``POST /api/v1/staff/cases/{number}/actions``), the case page and the CLI read
this table, so that all offer the same steps to the same people and parse fields the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.scoping import AnyUser
from gongkai.core.errors import ValidationFailed

from . import permissions, services
from .models import OPEN_STATUSES, Case, CaseStatus
from .states import CASE_STATES, HANDLING_STATES

S = CaseStatus


def _date(value: Any, field: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ValidationFailed(
            _("“%(field)s” must be a date (YYYY-MM-DD).") % {"field": field}, details={field: str(value)[:40]}
        ) from error


def _int(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationFailed(_("“%(field)s” must be a whole number.") % {"field": field}, details={field: "int"})
    try:
        return int(value)
    except ValueError as error:
        raise ValidationFailed(
            _("“%(field)s” must be a whole number.") % {"field": field}, details={field: str(value)[:40]}
        ) from error


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise ValidationFailed(_("“%(field)s” must be text.") % {"field": field}, details={field: "text"})
    if len(value) > 5000 or "\x00" in value:
        raise ValidationFailed(_("“%(field)s” is too long or holds invalid characters.") % {"field": field})
    return value


def _user(value: Any, field: str) -> Any:
    user = get_user_model().objects.filter(username=_text(value, field), is_active=True).first()
    if user is None:
        raise ValidationFailed(_("No active user “%(name)s”.") % {"name": value}, details={field: str(value)[:40]})
    return user


def _agency(value: Any, field: str) -> Agency:
    agency = Agency.objects.filter(code=_text(value, field), is_active=True).first()
    if agency is None:
        raise ValidationFailed(_("No active agency “%(code)s”.") % {"code": value}, details={field: str(value)[:40]})
    return agency


PARSERS: dict[str, Callable[[Any, str], Any]] = {
    "date": _date,
    "int": _int,
    "text": _text,
    "user": _user,
    "agency": _agency,
}


@dataclass(frozen=True)
class Action:
    name: str
    service: Callable[..., Case]
    fields: Mapping[str, tuple[str, bool]]  # field → (kind, required)
    from_states: frozenset[str]
    may: Callable[[AnyUser, Case], bool]

    def parse(self, data: Mapping[str, Any]) -> dict[str, Any]:
        unknown = set(data) - set(self.fields) - {"action", "on"}
        if unknown:
            raise ValidationFailed(
                _("Unknown fields for “%(action)s”: %(fields)s")
                % {"action": self.name, "fields": "、".join(sorted(unknown))}
            )
        values: dict[str, Any] = {}
        missing = [f for f, (_kind, required) in self.fields.items() if required and data.get(f) in (None, "")]
        if missing:
            raise ValidationFailed(
                _("Missing fields for “%(action)s”: %(fields)s") % {"action": self.name, "fields": "、".join(missing)},
                details={f: _("required") for f in missing},
            )
        for field, (kind, _required) in self.fields.items():
            if data.get(field) not in (None, ""):
                values[field] = PARSERS[kind](data[field], field)
        if data.get("on") not in (None, ""):
            values["on"] = _date(data["on"], "on")
        return values


def _registrar(user: AnyUser, case: Case) -> bool:
    return permissions.can_register_case(user, case.agency)


def _moves_to(*targets: str) -> frozenset[str]:
    return frozenset(s for s in OPEN_STATUSES if any(CASE_STATES.allowed(s, t) for t in targets))


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("accept", services.case_accept, {}, frozenset({S.RECEIVED}), _registrar),
        Action(
            "assign",
            services.case_assign,
            {"handler": ("user", True)},
            frozenset(OPEN_STATUSES),
            permissions.can_assign_case,
        ),
        Action(
            "request_correction",
            services.case_request_correction,
            {"correction_due": ("date", True), "text": ("text", True)},
            _moves_to(S.AWAITING_CORRECTION),
            permissions.can_handle_case,
        ),
        Action(
            "receive_correction",
            services.case_receive_correction,
            {},
            frozenset({S.AWAITING_CORRECTION}),
            permissions.can_handle_case,
        ),
        Action(
            "start_consultation",
            services.case_start_consultation,
            {"party": ("text", True), "kind": ("text", False)},
            frozenset({S.IN_PROGRESS}),
            permissions.can_handle_case,
        ),
        Action(
            "end_consultation",
            services.case_end_consultation,
            {"conclusion": ("text", False)},
            frozenset({S.CONSULTING}),
            permissions.can_handle_case,
        ),
        Action(
            "request_assistance",
            services.case_request_assistance,
            {"unit": ("text", True), "text": ("text", False)},
            HANDLING_STATES,
            permissions.can_handle_case,
        ),
        Action(
            "notify_fee",
            services.case_notify_fee,
            {"amount_yuan": ("int", True), "basis": ("text", True)},
            frozenset({S.IN_PROGRESS}),
            permissions.can_handle_case,
        ),
        Action(
            "receive_payment",
            services.case_receive_payment,
            {},
            frozenset({S.AWAITING_PAYMENT}),
            permissions.can_handle_case,
        ),
        Action(
            "extend",
            services.case_extend,
            {"working_days": ("int", True), "reason": ("text", True)},
            HANDLING_STATES,
            permissions.can_approve_case,
        ),
        Action(
            "set_deadline",
            services.case_set_deadline,
            {"due": ("date", True), "reason": ("text", True)},
            HANDLING_STATES,
            permissions.can_approve_case,
        ),
        Action(
            "draft_reply",
            services.case_draft_reply,
            {"outcome": ("text", True), "reasons": ("text", False)},
            frozenset({S.IN_PROGRESS}),
            permissions.can_handle_case,
        ),
        Action(
            "approve_reply", services.case_approve_reply, {}, frozenset({S.REPLY_DRAFTED}), permissions.can_approve_case
        ),
        Action(
            "return_reply",
            services.case_return_reply,
            {"reason": ("text", True)},
            frozenset({S.REPLY_DRAFTED}),
            permissions.can_approve_case,
        ),
        Action(
            "issue_reply", services.case_issue_reply, {}, frozenset({S.REPLY_APPROVED}), permissions.can_handle_case
        ),
        Action(
            "close",
            services.case_close,
            {},
            frozenset({S.REPLIED, S.AWAITING_CORRECTION, S.AWAITING_PAYMENT}),
            permissions.can_handle_case,
        ),
        Action(
            "transfer",
            services.case_transfer,
            {"to_agency": ("agency", True), "reason": ("text", True)},
            _moves_to(S.TRANSFERRED),
            _registrar,
        ),
        Action(
            "withdraw",
            services.case_withdraw,
            {"reason": ("text", False)},
            _moves_to(S.WITHDRAWN),
            permissions.can_record_withdrawal,
        ),
    ]
}


def available_actions(user: AnyUser, case: Case) -> list[str]:
    """The steps ``user`` may take on ``case`` now (its state allows them and the role does)."""
    return [name for name, action in ACTIONS.items() if case.status in action.from_states and action.may(user, case)]


def perform(user: AnyUser, case: Case, data: Mapping[str, Any], *, via: str) -> Case:
    """Parse ``data`` (``{"action": ..., fields}``) and run the step's service."""
    name = data.get("action")
    action = ACTIONS.get(name) if isinstance(name, str) else None
    if action is None:
        raise ValidationFailed(
            _("Unknown action “%(action)s”; one of: %(actions)s") % {"action": name, "actions": "、".join(ACTIONS)},
            details={"action": str(name)[:40]},
        )
    return action.service(actor=user, case=case, via=via, **action.parse(data))
