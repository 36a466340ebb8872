"""One way to declare an entity's states and move it between them.

An entity (a case, a document, a review, a calendar year, a report …) declares its states as a
Django ``TextChoices`` on the model and its allowed moves in one ``StateMachine``::

    class ScheduleStatus(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONFIRMED = "confirmed", _("confirmed")
        IN_USE = "in_use", _("in use")

    SCHEDULE_STATES = StateMachine(
        _("holiday schedule"),
        ScheduleStatus,
        {ScheduleStatus.DRAFT: [ScheduleStatus.CONFIRMED], ScheduleStatus.CONFIRMED: [ScheduleStatus.IN_USE]},
    )

A service then moves a row with ``transition()`` inside its own ``transaction.atomic()``::

    with transaction.atomic():
        transition(schedule, machine=SCHEDULE_STATES, to=ScheduleStatus.CONFIRMED,
                   actor=actor, action="calendar.schedule_confirmed")

``transition()`` locks the row and re-reads its state (so two concurrent moves cannot both pass),
checks the move, saves only the state field (and ``updated_at``) and records one audit event
whose details carry ``from`` and ``to``. A move that is not declared raises ``InvalidTransition``
with a Chinese message naming both states, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from .audit import Actor, record_event
from .errors import InvalidTransition, NotFound

if TYPE_CHECKING:
    from django.utils.functional import Promise

M = TypeVar("M", bound=models.Model)


class StateMachine:
    """The declared states of one kind of entity and the moves allowed between them.

    ``name`` is what the entity is called in messages (a lazy translation, e.g. ``_("case")``);
    ``states`` is the model's ``TextChoices`` (values and labels); ``transitions`` maps each
    state to the states it may move to. States without an entry are final.
    """

    def __init__(
        self,
        name: str | Promise,
        states: type[models.TextChoices],
        transitions: Mapping[str, Collection[str]],
    ) -> None:
        known = set(states.values)
        for source, targets in transitions.items():
            unknown = ({str(source)} | {str(target) for target in targets}) - known
            if unknown:
                raise ValueError(f"state machine {name!s}: undeclared states {sorted(unknown)}")
        self.name = name
        self.states = states
        self._moves: dict[str, frozenset[str]] = {
            str(source): frozenset(str(target) for target in targets) for source, targets in transitions.items()
        }

    def label(self, state: str) -> str:
        """The human label of a state ("draft" → "草稿"); the value itself if it is not declared."""
        for value, label in self.states.choices:
            if value == state:
                return str(label)
        return str(state)

    def targets(self, source: str) -> frozenset[str]:
        """The states ``source`` may move to (empty for a final or unknown state)."""
        return self._moves.get(str(source), frozenset())

    def allowed(self, source: str, target: str) -> bool:
        return str(target) in self.targets(source)

    def check(self, source: str, target: str) -> None:
        """Raise ``InvalidTransition`` unless the move from ``source`` to ``target`` is declared."""
        if self.allowed(source, target):
            return
        raise InvalidTransition(
            _("%(entity)s cannot move from “%(source)s” to “%(target)s”.")
            % {"entity": self.name, "source": self.label(source), "target": self.label(target)},
            details={"from": str(source), "to": str(target)},
        )


def transition(
    obj: M,
    *,
    machine: StateMachine,
    to: str,
    actor: Actor,
    action: str,
    field: str = "status",
    agency: models.Model | None = None,
    details: Mapping[str, Any] | None = None,
    via: str | None = None,
) -> M:
    """Move ``obj`` to state ``to``: lock, re-read, check, save the field, record the event.

    Runs inside the caller's ``transaction.atomic()`` (the service's). Returns ``obj`` with the
    new state set. The audit event's details are ``{"from": ..., "to": ..., **details}``.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition must be called inside a transaction (the service's atomic block)")
    model = type(obj)
    try:
        current = model._default_manager.select_for_update().values_list(field, flat=True).get(pk=obj.pk)
    except model.DoesNotExist as error:  # type: ignore[attr-defined]
        raise NotFound(_("The record no longer exists.")) from error
    target = str(to)
    machine.check(current, target)
    setattr(obj, field, target)
    update_fields = [field]
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        update_fields.append("updated_at")
    obj.save(update_fields=update_fields)
    record_event(
        actor=actor,
        action=action,
        obj=obj,
        agency=agency,
        details={"from": current, "to": target, **(details or {})},
        via=via,
    )
    return obj
