"""Proactive disclosure timing (主动公开时限), Regulation Art. 26.

Art. 26: information that must be proactively disclosed is published within 20 working days of
its being formed or changed (自该政府信息形成或者变更之日起20个工作日内), unless a law or
administrative regulation sets another period. Counting follows the Regulation's working-day
rule: the day it was formed or changed does not count; day 1 is the first working day after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .workdays import WorkingCalendar

ART_26_WORKING_DAYS = 20
BASIS = "《条例》第二十六条"


def proactive_due(formed_on: date, calendar: WorkingCalendar, *, working_days: int = ART_26_WORKING_DAYS) -> date:
    """Last day to publish information formed or changed on ``formed_on`` (Art. 26).

    ``working_days`` is the period: 20 unless a law sets another (pass that period).
    """
    if working_days < 1:
        raise ValueError("the period must be at least one working day")
    return calendar.add_working_days(formed_on, working_days)


@dataclass(frozen=True)
class Timeliness:
    due: date
    published_on: date | None
    late: bool  # published after the due date, or still unpublished after it
    working_days_late: int  # working days after the due date (0 when on time)


def proactive_timeliness(
    formed_on: date,
    published_on: date | None,
    today: date,
    calendar: WorkingCalendar,
    *,
    working_days: int = ART_26_WORKING_DAYS,
) -> Timeliness:
    """Whether an item was (or, unpublished, still is) within Art. 26's period as of ``today``."""
    due = proactive_due(formed_on, calendar, working_days=working_days)
    end = published_on if published_on is not None else today
    late = end > due
    return Timeliness(due, published_on, late, calendar.working_days_between(due, end) if late else 0)


# 三同步 (国办发〔2016〕80号《〈关于全面推进政务公开工作的意见〉实施细则》): a policy document is
# drafted, reviewed and published together with its interpretation ("谁起草、谁解读"; "no
# interpretation, no release" in the provincial rules, seeds/000).
SYNCHRONOUS_BASIS = "国办发〔2016〕80号"
POLICY_KINDS = frozenset({"rule", "normative"})


def interpretation_required(base_kind: str, is_policy: bool) -> bool:
    """Whether the document may be published only with an interpretation: a 规章 or 行政规范性文件
    marked as a policy document (三同步, 国办发〔2016〕80号)."""
    return is_policy and base_kind in POLICY_KINDS


def interpretation_missing(base_kind: str, is_policy: bool, interpretations: int, exempt_reason: str) -> str | None:
    """The reason publication is blocked by 三同步, or None: no interpretation and no exemption."""
    if not interpretation_required(base_kind, is_policy) or interpretations > 0 or exempt_reason.strip():
        return None
    return (
        f"政策性文件须与解读材料同步发布（三同步，{SYNCHRONOUS_BASIS}）：请先添加解读，"
        "或由负责人说明理由后批准不作解读。"
    )
