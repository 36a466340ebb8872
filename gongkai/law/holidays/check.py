"""Is a year's arrangement complete? The checks an entered year must pass before the clock may use it.

A year (the notice 国务院办公厅关于X年部分节假日安排的通知, entered as rest periods and make-up working
days) is complete when:

1. every festival of Art. 2 of 《全国年节及纪念日放假办法》 (the version in force that year, see
   ``statutory``) is present: all its statutory days lie inside rest periods. A festival may sit in a
   combined period (2023 中秋节、国庆节, 2025 国庆节、中秋节) or in another festival's period when their
   days meet (2020 中秋 on 10月1日);
2. a period named after a festival contains that festival's statutory days (a "春节" in October is a
   mistake); a name that is neither a festival nor a known special arrangement of the State Council
   (``SPECIAL_ARRANGEMENTS``) is a mistake too;
3. make-up working days (调休上班) are Saturdays or Sundays, never inside a rest period, never twice,
   and near a rest period (at most ``MAKEUP_REACH`` days away: a mistyped date has the right count);
   periods do not overlap and end after they start;
4. every date is in the year — except the 元旦 edge: a notice may start the 元旦 rest in the last
   days of the previous December (2019: 2018年12月30日至2019年1月1日) and set its make-up day there
   (2012: 2011年12月31日上班). Such December days belong to the next year's 元旦; in the stored
   schedules (one year per calendar year) they sit in the earlier year, so a year may end with
   days "属于下一年元旦假期", which are listed in the notes and not counted here;
5. the days balance (Art. 6: a statutory day that falls on a weekend is made up on a working day;
   the notice moves the other days by 调休): the working days (Monday–Friday) inside the rest periods,
   minus the make-up working days, equal the statutory days (counted per festival, so 中秋 on 国庆's
   10月1日 counts twice — as the 2001 and 2020 notices gave 8 days). A missing make-up Saturday
   shows here; it would otherwise count a working Saturday as rest and move every deadline near it.
   Explained exceptions: ``SPECIAL_ARRANGEMENTS`` (2015 抗战胜利70周年纪念日; 2020 春节延长,
   国办发明电〔2020〕1号), and a 元旦 whose make-up day lies in the previous December that the input
   does not include.

Warnings do not block; from 2025, Art. 7 of the 办法 (国务院令第795号): 除个别特殊情形外，法定节假日
假期前后连续工作一般不超过6天 — a longer stretch is a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from .schedule import MakeupDay, Problem, RestPeriod, date_range, days_phrase, is_weekend, md, weekday_name
from .statutory import NEW_YEAR, Regime, festivals_named, regime, split_names, statutory_days

EDGE_DAYS = 7  # how far into the neighbouring year a 元旦 period or its make-up day may reach
MAX_STRETCH = 6  # 2025 办法 Art. 7: 连续工作一般不超过6天
# A make-up day works off a day of a nearby holiday: in every notice 2004–2026 it lies within 6 days of a
# rest period. One three weeks away is a mistyped date (the balance cannot see it: the count is right).
MAKEUP_REACH = 21


@dataclass(frozen=True)
class SpecialArrangement:
    """A rest arrangement of the State Council outside Art. 2, with its document."""

    year: int
    name: str  # as the notice writes it
    document: str
    trigger: date  # the arrangement applies when this day is a rest day
    extra_days: int  # rest days it adds to the year beyond Art. 2 (after its own 调休)
    note: str


SPECIAL_ARRANGEMENTS: tuple[SpecialArrangement, ...] = (
    SpecialArrangement(
        2015,
        "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
        "国发明电〔2015〕1号",
        date(2015, 9, 3),
        1,
        "2015年9月3日为中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日，全国放假1天"
        "（国发明电〔2015〕1号），9月4日调休、9月6日（星期日）上班，共3天",
    ),
    SpecialArrangement(
        2020,
        "春节",
        "国办发明电〔2020〕1号",
        date(2020, 1, 31),
        2,
        "2020年春节假期延长至2月2日（国办发明电〔2020〕1号，为防控新型冠状病毒感染的肺炎疫情）："
        "1月31日放假，原定2月1日（星期六）上班取消，比原通知多2天假",
    ),
)


@dataclass(frozen=True)
class PeriodSummary:
    """One rest period with its totals."""

    period: RestPeriod
    days: int  # calendar days, weekends included ("共8天")
    working_days_off: int  # Monday–Friday inside it
    festivals: tuple[str, ...]  # Art. 2 festivals whose statutory days it holds
    statutory_days: int  # how many statutory days it holds (per festival)
    edge: str = ""  # "next": belongs to the next year's 元旦; "" otherwise


@dataclass(frozen=True)
class YearCheck:
    year: int
    regime: Regime
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    periods: tuple[PeriodSummary, ...] = ()
    makeup_days: tuple[MakeupDay, ...] = ()
    statutory: dict[str, tuple[date, ...]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def rest_days(self) -> int:
        """Rest days of this year's periods that fall in the year (the next year's 元旦 not counted, nor the
        previous December's days of this year's 元旦, which that year's calendar holds)."""
        return sum(1 for p in self.periods if not p.edge for d in p.period.dates() if d.year == self.year)

    @property
    def statutory_total(self) -> int:
        return sum(len(days) for days in self.statutory.values())

    @property
    def summary(self) -> str:
        """E.g. "2025年：放假7次，共28天（其中法定节假日13天）；调休上班5天"."""
        own = [p for p in self.periods if not p.edge]
        makeup = sum(1 for m in self.makeup_days if m.date.year <= self.year and not _next_edge_makeup(m, self.year))
        return (
            f"{self.year}年：放假{len(own)}次，共{self.rest_days}天（其中法定节假日{self.statutory_total}天）；"
            f"调休上班{makeup}天"
        )


def _next_edge_makeup(day: MakeupDay, year: int) -> bool:
    """A make-up day in this year's December belongs to the next year's 元旦 (no festival lies between
    国庆节, whose make-up days end in mid-October, and 元旦); one in the next January too."""
    return (day.date.year == year and day.date.month == 12) or day.date.year == year + 1


def _named_new_year(name: str) -> bool:
    return NEW_YEAR in festivals_named(name)


def _is_next_edge(period: RestPeriod, year: int) -> bool:
    """The head of the next year's 元旦 rest: in the last days of December (and maybe into January)."""
    last = date(year, 12, 31)
    in_window = period.start >= last - timedelta(days=EDGE_DAYS) and period.end <= last + timedelta(days=EDGE_DAYS)
    return in_window and (_named_new_year(period.name) or date(year + 1, 1, 1) in period)


def _working_days(period: RestPeriod, first: date | None = None, last: date | None = None) -> int:
    return sum(
        1 for d in period.dates() if not is_weekend(d) and (first is None or d >= first) and (last is None or d <= last)
    )


def _special(year: int, rest: set[date]) -> list[SpecialArrangement]:
    return [s for s in SPECIAL_ARRANGEMENTS if s.year == year and s.trigger in rest]


def check_year(year: int, periods: Sequence[RestPeriod], makeup_days: Sequence[MakeupDay]) -> YearCheck:
    """Check one year's arrangement against the 办法 in force; see the module docstring for the rules.

    ``periods`` and ``makeup_days`` as the notice gives them (``parse_notice``) or as stored
    (``periods_from_days``). Raises ``ValueError`` only for a year outside 2000–2100.
    """
    version = regime(year)
    statutory = statutory_days(year)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    notes: list[str] = []
    first, last = date(year, 1, 1), date(year, 12, 31)

    ordered = sorted(periods, key=lambda p: (p.start, p.end))
    valid: list[RestPeriod] = []
    for p in ordered:
        name = p.name.strip()
        if p.end < p.start:
            problems.append(
                Problem("bad_range", f"“{name or '未命名'}”的结束日{md(p.end, year)}早于开始日{md(p.start, year)}")
            )
            continue
        if not name:
            problems.append(Problem("unnamed_period", f"{date_range(p.start, p.end, year)}的放假时段没有名称"))
        valid.append(p)

    # overlaps
    for a, b in pairwise(valid):
        if b.start <= a.end:
            problems.append(
                Problem(
                    "overlap",
                    f"“{a.name}”（{date_range(a.start, a.end, year)}）与“{b.name}”"
                    f"（{date_range(b.start, b.end, year)}）重叠",
                )
            )

    edge_next = [p for p in valid if _is_next_edge(p, year)]
    own = [p for p in valid if p not in edge_next]
    rest = {d for p in valid for d in p.dates()}
    specials = _special(year, rest)
    special_names = {s.name for s in specials} | {s.name for s in SPECIAL_ARRANGEMENTS if s.year == year}

    # dates outside the year
    for p in own:
        lead_ok = p.start < first and first in p and (first - p.start).days <= EDGE_DAYS
        if p.start < first and not lead_ok:
            problems.append(
                Problem(
                    "outside_year",
                    f"“{p.name}”（{date_range(p.start, p.end, year)}）不在{year}年内："
                    f"只有元旦假期可以从上一年12月底开始",
                )
            )
        elif p.end > last:
            problems.append(
                Problem(
                    "outside_year",
                    f"“{p.name}”（{date_range(p.start, p.end, year)}）超出{year}年：跨入下一年的只能是下一年的元旦假期",
                )
            )
        elif lead_ok:
            notes.append(f"元旦假期自{md(p.start, year)}开始（按通知，含上一年12月的{(first - p.start).days}天）")
    for p in edge_next:
        notes.append(
            f"{date_range(p.start, p.end, year)}属于{year + 1}年元旦假期"
            f"（由{year + 1}年节假日安排的通知规定），本年不计"
        )

    # make-up days
    seen: set[date] = set()
    edge_makeups: list[MakeupDay] = []
    own_makeups: list[MakeupDay] = []
    for m in sorted(makeup_days, key=lambda m: m.date):
        if m.date in seen:
            problems.append(Problem("duplicate_makeup", f"调休上班日{md(m.date, year)}重复"))
            continue
        seen.add(m.date)
        if not is_weekend(m.date):
            problems.append(
                Problem(
                    "makeup_not_weekend",
                    f"调休上班日{md(m.date, year)}是{weekday_name(m.date)}：调休上班只能安排在星期六或星期日",
                )
            )
        inside = next((p for p in valid if m.date in p), None)
        if inside is not None:
            problems.append(
                Problem("makeup_in_rest", f"{md(m.date, year)}既在“{inside.name}”放假时段内，又是调休上班日")
            )
        if m.date < first:
            if (first - m.date).days > EDGE_DAYS:
                problems.append(
                    Problem(
                        "outside_year",
                        f"调休上班日{md(m.date, year)}不在{year}年内：只有元旦的调休上班日可以在上一年12月底",
                    )
                )
            own_makeups.append(m)
        elif m.date > last:
            if not edge_next or (m.date - last).days > EDGE_DAYS:
                problems.append(
                    Problem(
                        "outside_year",
                        f"调休上班日{md(m.date, year)}不在{year}年内：跨入下一年的只能是下一年元旦假期的安排",
                    )
                )
            edge_makeups.append(m)
        elif _next_edge_makeup(m, year):
            edge_makeups.append(m)
        else:
            own_makeups.append(m)
    for m in own_makeups:
        if valid and not any(m.date in p for p in valid):
            nearest = min(valid, key=lambda p: min(abs((m.date - p.start).days), abs((m.date - p.end).days)))
            distance = min(abs((m.date - nearest.start).days), abs((m.date - nearest.end).days))
            if distance > MAKEUP_REACH:
                problems.append(
                    Problem(
                        "makeup_far",
                        f"调休上班日{md(m.date, year)}离最近的放假时段“{nearest.name}”"
                        f"（{date_range(nearest.start, nearest.end, year)}）有{distance}天："
                        "调休上班日应在所调休的假期前后，请核对日期",
                    )
                )
    for m in edge_makeups:
        if m.date.year == year:
            notes.append(f"{md(m.date, year)}（{weekday_name(m.date)}）上班属于{year + 1}年元旦的调休，本年不计")

    # festivals: statutory days inside rest periods
    own_rest = {d for p in own for d in p.dates()}
    festival_problems = False
    for festival, days in statutory.items():
        rule = version.rule(festival)
        short = rule.short if rule else ""
        missing = [d for d in days if d not in own_rest]
        if len(missing) == len(days):
            festival_problems = True
            problems.append(
                Problem(
                    "missing_festival",
                    f"缺少{festival}：法定假日{days_phrase(days, year)}（{short}）不在任何放假时段内",
                )
            )
        elif missing:
            festival_problems = True
            problems.append(
                Problem(
                    "festival_incomplete",
                    f"{festival}的法定假日{days_phrase(missing, year)}不在放假时段内"
                    f"（{festival}的法定假日是{days_phrase(days, year)}，{short}）",
                )
            )
        else:
            holder = next((p for p in own if days[0] in p), None)
            if holder is not None and festival not in holder.festivals:
                notes.append(f"{festival}（{days_phrase(days, year)}）在“{holder.name}”放假时段内")

    # names
    for p in own:
        named = p.festivals
        others = [part for part in split_names(p.name) if festivals_named(part) == ()]
        for festival in named:
            if not any(d in p for d in statutory.get(festival, ())):
                problems.append(
                    Problem(
                        "period_without_festival",
                        f"“{p.name}”时段（{date_range(p.start, p.end, year)}）不含{festival}的法定假日"
                        f"（{days_phrase(statutory.get(festival, ()), year)}）",
                    )
                )
        for part in others:
            if part not in special_names:
                problems.append(
                    Problem(
                        "unknown_period",
                        f"“{part}”不是《全国年节及纪念日放假办法》第二条规定的节日，也不是已知的国务院专门放假安排："
                        "请按通知的写法填写节日名称",
                    )
                )

    # balance (Art. 6 补假 and 调休)
    working_off = sum(_working_days(p) for p in own)
    expected = sum(len(days) for days in statutory.values()) + sum(s.extra_days for s in specials)
    difference = working_off - len(own_makeups) - expected
    for s in specials:
        notes.append(s.note)
    if difference and not festival_problems:
        new_year = next((p for p in own if first in p), None)
        lead_given = any(m.date < first for m in own_makeups) or (new_year is not None and new_year.start < first)
        if new_year is not None and not lead_given and difference > 0:
            assigned = [m for m in own_makeups if _named_new_year(m.name)]
            own_difference = _working_days(new_year) - len(statutory[NEW_YEAR]) - len(assigned)
            if own_difference == difference:
                notes.append(
                    f"元旦（{date_range(new_year.start, new_year.end, year)}）调休的{difference}天上班日"
                    f"在{year - 1}年12月，由{year - 1}年的安排记载，本年不计"
                )
                difference = 0
        if difference > 0:
            problems.append(
                Problem(
                    "makeup_balance",
                    f"放假时段内的工作日共{working_off}天，减去调休上班{len(own_makeups)}天，"
                    f"比法定假日{expected}天多出{difference}天：请核对是否漏录了调休上班日",
                )
            )
        elif difference < 0:
            problems.append(
                Problem(
                    "makeup_balance",
                    f"放假时段内的工作日共{working_off}天，减去调休上班{len(own_makeups)}天，"
                    f"比法定假日{expected}天少{-difference}天：请核对是否多录了调休上班日或漏录了放假日",
                )
            )

    # Art. 7 of the 2025 version: at most 6 consecutive working days around a holiday (a warning)
    if version.effective.year >= 2025:
        warnings.extend(_stretches(year, own, own_makeups))

    summaries = tuple(_summary(p, statutory, edge=p in edge_next) for p in valid)
    return YearCheck(
        year=year,
        regime=version,
        problems=tuple(problems),
        warnings=tuple(warnings),
        notes=tuple(notes),
        periods=summaries,
        makeup_days=tuple(sorted({m.date: m for m in makeup_days}.values(), key=lambda m: m.date)),
        statutory=statutory,
    )


def _summary(p: RestPeriod, statutory: dict[str, tuple[date, ...]], *, edge: bool) -> PeriodSummary:
    held = tuple(f for f, days in statutory.items() if any(d in p for d in days)) if not edge else ()
    count = sum(1 for f in held for d in statutory[f] if d in p)
    return PeriodSummary(p, p.days, _working_days(p), held, count, "next" if edge else "")


def _stretches(year: int, periods: list[RestPeriod], makeups: list[MakeupDay]) -> list[Problem]:
    rest = {d for p in periods for d in p.dates()}
    work = {m.date for m in makeups}

    def working(d: date) -> bool:
        return d in work or (not is_weekend(d) and d not in rest)

    out: list[Problem] = []
    for p in periods:
        for direction, anchor in ((-1, p.start), (1, p.end)):
            run: list[date] = []
            day = anchor + timedelta(days=direction)
            while working(day) and len(run) <= 14:
                run.append(day)
                day += timedelta(days=direction)
            if len(run) > MAX_STRETCH:
                side = "前" if direction < 0 else "后"
                out.append(
                    Problem(
                        "long_stretch",
                        f"“{p.name}”假期{side}连续工作{len(run)}天（{days_phrase(run, year)}）："
                        "《全国年节及纪念日放假办法》第七条规定，除个别特殊情形外，法定节假日假期前后连续工作一般不超过6天",
                    )
                )
    return out
