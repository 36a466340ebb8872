"""The audit log's hash chain: each event stores the hash of its content and of its predecessor.

An event's hash covers its sequence number, its content (time, actor, action, object, agency,
details) and the previous event's hash, so an edit, a removed event or a reordering made behind
the application's back (say with database superuser rights, past the append-only triggers)
shows as the first event whose stored hash no longer matches (``gongkai audit verify``).

Writers hold one lock from reading the chain's head until their transaction commits (a
transaction-scoped advisory lock on PostgreSQL; SQLite's IMMEDIATE transactions already hold
the database's write lock), and ``sequence`` is unique, so concurrent writers cannot fork it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

#: The hash of the (absent) event before the first one.
GENESIS_HASH = "0" * 64

#: Key of the PostgreSQL advisory lock that serialises audit writers ("gongkai audit" in ASCII).
ADVISORY_LOCK_KEY = 0x676F6E676B6169


def _canonical(value: Any) -> Any:
    """JSON values as the database gives them back: integral floats as integers (jsonb does so)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    return value


def normalise_details(details: Mapping[str, Any] | None) -> dict[str, Any]:
    """The details exactly as stored: dates, decimals and UUIDs as DjangoJSONEncoder writes them."""
    result: dict[str, Any] = json.loads(json.dumps(dict(details or {}), cls=DjangoJSONEncoder))
    return result


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("audit events carry aware datetimes")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class ChainFields:
    """What the hash of one event covers."""

    sequence: int
    occurred_at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    agency_id: int | None
    details: Mapping[str, Any]
    previous_hash: str


def event_hash(fields: ChainFields) -> str:
    """SHA-256 over a canonical JSON form of the event (keys sorted, UTC microseconds)."""
    content = {
        "v": 1,
        "sequence": fields.sequence,
        "occurred_at": _timestamp(fields.occurred_at),
        "actor": fields.actor_id,
        "actor_label": fields.actor_label,
        "action": fields.action,
        "object_type": fields.object_type,
        "object_id": fields.object_id,
        "object_repr": fields.object_repr,
        "agency": fields.agency_id,
        "details": _canonical(normalise_details(fields.details)),
        "previous": fields.previous_hash,
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the chain does not hold."""

    sequence: int  # the sequence number expected at this place
    event_id: int | None  # the row found there (None: the event is missing)
    kind: str  # "missing", "previous" (link to the predecessor broken), "content" (hash mismatch)


@dataclass(frozen=True)
class StoredEvent:
    id: int
    hash: str
    fields: ChainFields


def first_break(events: Iterable[StoredEvent]) -> ChainBreak | None:
    """Walk the events in sequence order; the first gap, broken link or altered event, or None."""
    expected_sequence = 1
    previous = GENESIS_HASH
    for event in events:
        if event.fields.sequence != expected_sequence:
            return ChainBreak(expected_sequence, None, "missing")
        if event.fields.previous_hash != previous:
            return ChainBreak(expected_sequence, event.id, "previous")
        if event_hash(event.fields) != event.hash:
            return ChainBreak(expected_sequence, event.id, "content")
        previous = event.hash
        expected_sequence += 1
    return None
