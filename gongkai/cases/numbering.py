"""Case numbers (申请编号) from an agency's pattern, e.g. ``{agency_short}申〔{year}〕{seq:04d}号``."""

from __future__ import annotations

import string

FIELDS = frozenset({"agency_short", "agency_code", "year", "seq"})


def pattern_problem(pattern: str) -> str | None:
    """What is wrong with a number pattern (Chinese), or None.

    A pattern must contain ``{seq}`` (with an optional format such as ``{seq:04d}``) and
    ``{year}``, so that numbers are unique per agency and year, and no other field.
    """
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        return "编号格式中的花括号不成对。"
    names = {name for _, name, _, _ in parts if name is not None}
    unknown = names - FIELDS
    if unknown:
        return f"编号格式中有未知的字段：{'、'.join(sorted(unknown))}（可用：agency_short、agency_code、year、seq）。"
    if not {"seq", "year"} <= names:
        return "编号格式须包含 {year}（年份）和 {seq}（序号），编号才能按年不重复。"
    try:
        format_number(pattern, agency_short="示例", agency_code="x", year=2026, seq=1)
    except (ValueError, TypeError, IndexError):
        return "编号格式无法使用，请检查字段的格式说明（如 {seq:04d}）。"
    return None


def format_number(pattern: str, *, agency_short: str, agency_code: str, year: int, seq: int) -> str:
    return pattern.format(agency_short=agency_short, agency_code=agency_code, year=year, seq=seq)
