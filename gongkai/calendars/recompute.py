"""Recomputing stored due dates when the calendar changes (applications.md: "Changing the
calendar recomputes every open case").

Apps that store dates derived from the calendar declare a recomputer on their ``AppConfig``::

    recomputers = {"cases": "gongkai.cases.recompute.recompute_open_cases"}

(``register_recomputer`` adds one at run time, e.g. in a test.)

A recomputer takes the new calendar, updates its stored dates and returns a ``RecomputeReport``.
The calendar services call every registered recomputer inside the transaction of the edit, so
stored dates and the calendar never disagree. ``clock_due`` is the helper a case-like record
uses to turn its clock inputs into the due date to store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from gongkai.core.extensions import recomputers as declared_recomputers
from gongkai.law.clock import DEFAULT_SETTINGS, ClockSettings, Event, clock
from gongkai.law.errors import LawError
from gongkai.law.workdays import WorkingCalendar


@dataclass
class RecomputeReport:
    name: str
    checked: int = 0
    changed: int = 0
    failed: list[str] = field(default_factory=list)  # "<record>: <Chinese message>"

    def as_dict(self) -> dict[str, object]:
        return {"checked": self.checked, "changed": self.changed, "failed": list(self.failed)}


Recomputer = Callable[[WorkingCalendar], RecomputeReport]

_registry: dict[str, Recomputer] = {}


def register_recomputer(name: str, recomputer: Recomputer) -> None:
    """Add (or replace) the recomputer called ``name``."""
    _registry[name] = recomputer


def unregister_recomputer(name: str) -> None:
    _registry.pop(name, None)


def _all() -> dict[str, Recomputer]:
    return {**declared_recomputers(), **_registry}


def registered_recomputers() -> list[str]:
    return sorted(_all())


def recompute_due_dates(calendar: WorkingCalendar) -> list[RecomputeReport]:
    """Run every recomputer (declared or registered) against ``calendar`` (inside the edit's transaction)."""
    found = _all()
    return [found[name](calendar) for name in sorted(found)]


@dataclass(frozen=True)
class ClockDue:
    due: date | None
    state: str | None
    error: str | None  # Chinese message when the clock cannot be computed (e.g. a year not loaded)


def clock_due(
    received: date,
    events: Sequence[Event],
    today: date,
    calendar: WorkingCalendar,
    settings: ClockSettings = DEFAULT_SETTINGS,
) -> ClockDue:
    """The due date a record should store under ``calendar``; law errors become ``error``."""
    try:
        state = clock(received, events, today, calendar, settings)
    except LawError as problem:
        return ClockDue(None, None, problem.message)
    return ClockDue(state.due, state.state.value, None)
