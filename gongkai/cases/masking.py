"""Masking of personal data in lists, pages, API answers and exports (issue 11 item 6).

Only the assigned handler and the office head see identity numbers and phones in full; everyone
else sees the first and last characters: ``110105********002X``, ``138****8000``.
"""

from __future__ import annotations


def mask_id(number: str) -> str:
    if len(number) <= 8:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
