"""Quiet hours for text messages: when a message queued at a given local time may go out. Pure."""

from __future__ import annotations

from datetime import datetime, time, timedelta


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """ "21:00-08:00" → (21:00, 08:00); "" or "off" → None (no quiet hours). ValueError otherwise."""
    text = text.strip()
    if text.lower() in ("", "off", "none"):
        return None
    start, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"quiet hours {text!r}: expected HH:MM-HH:MM")
    return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())


def in_quiet_hours(moment: time, quiet: tuple[time, time]) -> bool:
    start, end = quiet
    if start == end:
        return False
    if start < end:  # e.g. 12:00-14:00, within one day
        return start <= moment < end
    return moment >= start or moment < end  # across midnight, e.g. 21:00-08:00


def first_allowed(local_now: datetime, quiet: tuple[time, time] | None) -> datetime:
    """``local_now`` if it is outside the quiet hours, else the end of the quiet hours (same tz)."""
    if quiet is None or not in_quiet_hours(local_now.timetz().replace(tzinfo=None), quiet):
        return local_now
    end = quiet[1]
    candidate = local_now.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if candidate <= local_now:
        candidate += timedelta(days=1)
    return candidate
