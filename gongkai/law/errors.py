"""Errors raised by the pure law modules.

They carry a stable machine ``code`` and a Chinese ``message`` (the law modules hold their
legal wording as plain Chinese data, see gongkai/law/__init__). The Django side maps them onto
``gongkai.core.errors.DomainError`` so web, API and CLI render them the same way.
"""

from __future__ import annotations


class LawError(ValueError):
    """A rule cannot be applied to the given data."""

    code = "law_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class YearNotLoaded(LawError):
    """A date falls in a year whose holiday schedule (国务院办公厅节假日安排通知) is not loaded.

    Never guess a year from weekends alone: the State Council's notice moves working days.
    """

    code = "year_not_loaded"

    def __init__(self, year: int) -> None:
        super().__init__(f"{year}年节假日安排尚未录入")
        self.year = year
