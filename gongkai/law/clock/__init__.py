"""The statutory reply clock (答复期限) of an application, Regulation Arts. 30–35 (rules in ``engine``)."""

from .engine import clock
from .io import ClockCase, event_from_json, events_from_json, parse_case
from .model import (
    ABANDONED_OUTCOMES,
    CITATIONS,
    DEFAULT_SETTINGS,
    EVENT_LABELS,
    SETTINGS_2019,
    STATE_LABELS,
    ClockError,
    ClockSettings,
    ClockState,
    ClockStateName,
    Event,
    EventType,
    Regulation,
    Step,
    regulation_for,
)

__all__ = [
    "ABANDONED_OUTCOMES",
    "CITATIONS",
    "DEFAULT_SETTINGS",
    "EVENT_LABELS",
    "SETTINGS_2019",
    "STATE_LABELS",
    "ClockCase",
    "ClockError",
    "ClockSettings",
    "ClockState",
    "ClockStateName",
    "Event",
    "EventType",
    "Regulation",
    "Step",
    "clock",
    "event_from_json",
    "events_from_json",
    "parse_case",
    "regulation_for",
]
