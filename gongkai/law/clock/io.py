"""The JSON shape of a clock case (the ``gongkai clock`` contract), parsed with Chinese errors.

Input: ``{"received": "YYYY-MM-DD", "today": "YYYY-MM-DD", "events": [{"type": "<event>",
"on": "YYYY-MM-DD", ...}]}``; correction_requested carries ``"correction_due"``, extended carries
``"working_days"``, deadline_set carries ``"due"``. Output: ``ClockState.as_dict()``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import ClockError, Event, EventType

EVENT_TYPES = {t.value: t for t in EventType}
REQUIRED_FIELD = {
    EventType.CORRECTION_REQUESTED: "correction_due",
    EventType.EXTENDED: "working_days",
    EventType.DEADLINE_SET: "due",
}


@dataclass(frozen=True)
class ClockCase:
    received: date
    today: date
    events: tuple[Event, ...]


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise ClockError(f"{where}应为日期字符串（YYYY-MM-DD）", code="invalid_input")
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad_date(value, where)
    except ValueError:
        return _bad_date(value, where)


def _bad_date(value: str, where: str) -> date:
    raise ClockError(f"{where}“{value}”不是有效日期（YYYY-MM-DD）", code="invalid_input")


def event_from_json(data: Any, index: int = 0) -> Event:
    where = f"第{index + 1}个事件"
    if not isinstance(data, dict):
        raise ClockError(f"{where}应为对象", code="invalid_input")
    raw_type = data.get("type")
    if not isinstance(raw_type, str):
        raise ClockError(f"{where}缺少事件类型（type）", code="invalid_input")
    kind = EVENT_TYPES.get(raw_type)
    if kind is None:
        raise ClockError(f"{where}的事件类型“{raw_type}”无法识别；可用：{'、'.join(EVENT_TYPES)}", code="unknown_event")
    if "on" not in data:
        raise ClockError(f"{where}缺少日期（on）", code="invalid_input")
    on = _date(data["on"], f"{where}的日期（on）")
    needed = REQUIRED_FIELD.get(kind)
    if needed is not None and needed not in data:
        raise ClockError(f"{where}（{raw_type}）缺少字段 {needed}", code="invalid_input")
    correction_due = due = None
    working_days = None
    if kind is EventType.CORRECTION_REQUESTED:
        correction_due = _date(data["correction_due"], f"{where}的补正期限（correction_due）")
    elif kind is EventType.DEADLINE_SET:
        due = _date(data["due"], f"{where}的答复期限（due）")
    elif kind is EventType.EXTENDED:
        value = data["working_days"]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ClockError(f"{where}的延期工作日数（working_days）应为整数", code="invalid_input")
        working_days = value
    return Event(kind, on, correction_due=correction_due, working_days=working_days, due=due)


def events_from_json(data: Any) -> tuple[Event, ...]:
    if not isinstance(data, list):
        raise ClockError("events 应为数组", code="invalid_input")
    return tuple(event_from_json(item, i) for i, item in enumerate(data))


def _has_lone_surrogate(data: Any) -> bool:
    """Whether a string anywhere in the parsed JSON (keys included) holds a lone surrogate.

    An explicit stack, not recursion: the parser accepted the nesting, and this walk must not fail
    where it did not."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def parse_case(text: str | bytes) -> ClockCase:
    """Parse one case; malformed JSON → ``invalid_json``, bad fields → ``invalid_input``.

    Hostile input gets the same error, never an exception of another kind: JSON nested deeper than
    the parser's recursion limit, and text with a lone surrogate (``"\\ud800"`` escaped in the
    JSON, or undecodable bytes that a surrogateescape stdin turned into one), which could not be
    written back as UTF-8 in a message or a result.
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise ClockError("输入不是有效的JSON：嵌套层次过深", code="invalid_json") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ClockError(f"输入不是有效的JSON：{error}", code="invalid_json") from None
    if _has_lone_surrogate(data):
        raise ClockError("输入含有无效的Unicode字符（孤立的代理码位），请使用UTF-8文本", code="invalid_json")
    if not isinstance(data, dict):
        raise ClockError("输入应为一个JSON对象", code="invalid_json")
    for key in ("received", "today"):
        if key not in data:
            raise ClockError(f"缺少字段 {key}", code="invalid_input")
    received = _date(data["received"], "收到申请之日（received）")
    today = _date(data["today"], "今日（today）")
    events = events_from_json(data.get("events", []))
    return ClockCase(received, today, events)
