"""Recomputing stored due dates when the calendar changes (applications.md: "Changing the
calendar recomputes every open case").

Apps that store dates derived from the calendar declare a recomputer on their ``AppConfig``::

    recomputers = {"cases": "gongkai.cases.recompute.recompute_open_cases"}

(``register_recomputer`` adds one at run time, e.g. in a test.)

A recomputer takes the new national calendar, updates its stored dates and returns a
``RecomputeReport``. A recomputer whose records belong to agencies also takes the keyword
``calendar_for``: ``calendar_for(agency)`` is the calendar for cases of that agency (the national
schedule plus the regional rest days of its subtree, ``selectors.build_calendar(agency)``); use
it for every record, so a regional holiday moves only the deadlines of its own agencies.

The calendar services call every registered recomputer inside the transaction of the edit, so
stored dates and the calendar never disagree. The preview of an edit (the deadlines that would
move) runs the recomputers in a savepoint that is rolled back: a recomputer writes only to the
database. ``moved`` lists what changed, one line a record ("<record>: <old> → <new>").
``clock_due`` is the helper a case-like record uses to turn its clock inputs into the due date.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
    moved: list[str] = field(default_factory=list)  # "<record>: <old due date> → <new due date>"

    def as_dict(self) -> dict[str, object]:
        return {
            "checked": self.checked,
            "changed": self.changed,
            "failed": list(self.failed),
            "moved": list(self.moved),
        }


Recomputer = Callable[..., RecomputeReport]
CalendarFor = Callable[[Any], WorkingCalendar]

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


def _takes_calendar_for(recomputer: Recomputer) -> bool:
    try:
        parameters = inspect.signature(recomputer).parameters
    except (TypeError, ValueError):
        return False
    return "calendar_for" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


def recompute_due_dates(calendar: WorkingCalendar, calendar_for: CalendarFor | None = None) -> list[RecomputeReport]:
    """Run every recomputer (declared or registered) against ``calendar`` (inside the edit's transaction).

    ``calendar_for(agency)`` gives the calendar of one agency's cases; without it every agency
    gets ``calendar``.
    """
    found = _all()
    per_agency: CalendarFor = calendar_for or (lambda _agency: calendar)
    reports = []
    for name in sorted(found):
        recomputer = found[name]
        if _takes_calendar_for(recomputer):
            reports.append(recomputer(calendar, calendar_for=per_agency))
        else:
            reports.append(recomputer(calendar))
    return reports


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
