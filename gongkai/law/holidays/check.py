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
   10月1日 counts twice — as the 2020 notice gave 国庆节、中秋节 8 days). A missing make-up Saturday
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


def _working_days(period: RestPeriod) -> int:
    return sum(1 for d in period.dates() if not is_weekend(d))


def _special(year: int, rest: set[date]) -> list[SpecialArrangement]:
    return [s for s in SPECIAL_ARRANGEMENTS if s.year == year and s.trigger in rest]


def _distance(day: date, period: RestPeriod) -> int:
    return 0 if day in period else min(abs((day - period.start).days), abs((day - period.end).days))


def check_year(year: int, periods: Sequence[RestPeriod], makeup_days: Sequence[MakeupDay]) -> YearCheck:
    """Check one year's arrangement against the 办法 in force; see the module docstring for the rules.

    ``periods`` and ``makeup_days`` as the notice gives them (``parse_notice``) or as stored
    (``periods_from_days``). Raises ``ValueError`` only for a year outside 2000–2100.
    """
    return _Check(year, periods, makeup_days).run()


class _Check:
    """One run of the rules; each method one rule, adding to problems, warnings and notes."""

    def __init__(self, year: int, periods: Sequence[RestPeriod], makeup_days: Sequence[MakeupDay]) -> None:
        self.year = year
        self.version = regime(year)
        self.statutory = statutory_days(year)
        self.first, self.last = date(year, 1, 1), date(year, 12, 31)
        self.periods = sorted(periods, key=lambda p: (p.start, p.end))
        self.makeup_days = sorted(makeup_days, key=lambda m: m.date)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.notes: list[str] = []
        self.valid: list[RestPeriod] = []  # periods that end after they start
        self.own: list[RestPeriod] = []  # … that are this year's (not the head of the next 元旦)
        self.edge_next: list[RestPeriod] = []
        self.own_makeups: list[MakeupDay] = []
        self.edge_makeups: list[MakeupDay] = []
        self.festival_problems = False

    def problem(self, code: str, message: str) -> None:
        self.problems.append(Problem(code, message))

    def md(self, day: date) -> str:
        return md(day, self.year)

    def span(self, p: RestPeriod) -> str:
        return date_range(p.start, p.end, self.year)

    def run(self) -> YearCheck:
        self.ranges()
        self.overlaps()
        self.edge_next = [p for p in self.valid if _is_next_edge(p, self.year)]
        self.own = [p for p in self.valid if p not in self.edge_next]
        specials = _special(self.year, {d for p in self.valid for d in p.dates()})
        self.periods_in_year()
        self.makeups()
        self.festivals()
        self.names()
        self.balance(specials)
        if self.version.effective.year >= 2025:  # Art. 7 of the 2025 version
            self.warnings.extend(_stretches(self.year, self.own, self.own_makeups))
        return YearCheck(
            year=self.year,
            regime=self.version,
            problems=tuple(self.problems),
            warnings=tuple(self.warnings),
            notes=tuple(self.notes),
            periods=tuple(_summary(p, self.statutory, edge=p in self.edge_next) for p in self.valid),
            makeup_days=tuple({m.date: m for m in self.makeup_days}.values()),
            statutory=self.statutory,
        )

    def ranges(self) -> None:
        for p in self.periods:
            name = p.name.strip()
            if p.end < p.start:
                self.problem("bad_range", f"“{name or '未命名'}”的结束日{self.md(p.end)}早于开始日{self.md(p.start)}")
                continue
            if not name:
                self.problem("unnamed_period", f"{self.span(p)}的放假时段没有名称")
            self.valid.append(p)

    def overlaps(self) -> None:
        for a, b in pairwise(self.valid):
            if b.start <= a.end:
                self.problem("overlap", f"“{a.name}”（{self.span(a)}）与“{b.name}”（{self.span(b)}）重叠")

    def periods_in_year(self) -> None:
        """Every date in the year, except the 元旦 edge (rule 4)."""
        first, last, year = self.first, self.last, self.year
        for p in self.own:
            lead_ok = p.start < first and first in p and (first - p.start).days <= EDGE_DAYS
            if p.start < first and not lead_ok:
                self.problem(
                    "outside_year", f"“{p.name}”（{self.span(p)}）不在{year}年内：只有元旦假期可以从上一年12月底开始"
                )
            elif p.end > last:
                self.problem(
                    "outside_year", f"“{p.name}”（{self.span(p)}）超出{year}年：跨入下一年的只能是下一年的元旦假期"
                )
            elif lead_ok:
                self.notes.append(
                    f"元旦假期自{self.md(p.start)}开始（按通知，含上一年12月的{(first - p.start).days}天）"
                )
        for p in self.edge_next:
            self.notes.append(f"{self.span(p)}属于{year + 1}年元旦假期（由{year + 1}年节假日安排的通知规定），本年不计")

    def makeups(self) -> None:
        """Rule 3 and the make-up side of rule 4."""
        first, last, year = self.first, self.last, self.year
        seen: set[date] = set()
        for m in self.makeup_days:
            if m.date in seen:
                self.problem("duplicate_makeup", f"调休上班日{self.md(m.date)}重复")
                continue
            seen.add(m.date)
            if not is_weekend(m.date):
                self.problem(
                    "makeup_not_weekend",
                    f"调休上班日{self.md(m.date)}是{weekday_name(m.date)}：调休上班只能安排在星期六或星期日",
                )
            inside = next((p for p in self.valid if m.date in p), None)
            if inside is not None:
                self.problem("makeup_in_rest", f"{self.md(m.date)}既在“{inside.name}”放假时段内，又是调休上班日")
            if m.date < first:
                if (first - m.date).days > EDGE_DAYS:
                    self.problem(
                        "outside_year",
                        f"调休上班日{self.md(m.date)}不在{year}年内：只有元旦的调休上班日可以在上一年12月底",
                    )
                self.own_makeups.append(m)
            elif m.date > last:
                if not self.edge_next or (m.date - last).days > EDGE_DAYS:
                    self.problem(
                        "outside_year",
                        f"调休上班日{self.md(m.date)}不在{year}年内：跨入下一年的只能是下一年元旦假期的安排",
                    )
                self.edge_makeups.append(m)
            elif _next_edge_makeup(m, year):
                self.edge_makeups.append(m)
            else:
                self.own_makeups.append(m)
        for m in self.own_makeups:
            if self.valid and not any(m.date in p for p in self.valid):
                nearest = min(self.valid, key=lambda p: _distance(m.date, p))
                distance = _distance(m.date, nearest)
                if distance > MAKEUP_REACH:
                    self.problem(
                        "makeup_far",
                        f"调休上班日{self.md(m.date)}离最近的放假时段“{nearest.name}”（{self.span(nearest)}）"
                        f"有{distance}天：调休上班日应在所调休的假期前后，请核对日期",
                    )
        for m in self.edge_makeups:
            if m.date.year == year:
                self.notes.append(
                    f"{self.md(m.date)}（{weekday_name(m.date)}）上班属于{year + 1}年元旦的调休，本年不计"
                )

    def festivals(self) -> None:
        """Rule 1: every festival's statutory days inside this year's rest periods."""
        own_rest = {d for p in self.own for d in p.dates()}
        for festival, days in self.statutory.items():
            rule = self.version.rule(festival)
            short = rule.short if rule else ""
            missing = [d for d in days if d not in own_rest]
            if len(missing) == len(days):
                self.festival_problems = True
                self.problem(
                    "missing_festival",
                    f"缺少{festival}：法定假日{days_phrase(days, self.year)}（{short}）不在任何放假时段内",
                )
            elif missing:
                self.festival_problems = True
                self.problem(
                    "festival_incomplete",
                    f"{festival}的法定假日{days_phrase(missing, self.year)}不在放假时段内"
                    f"（{festival}的法定假日是{days_phrase(days, self.year)}，{short}）",
                )
            else:
                holder = next((p for p in self.own if days[0] in p), None)
                if holder is not None and festival not in holder.festivals:
                    self.notes.append(f"{festival}（{days_phrase(days, self.year)}）在“{holder.name}”放假时段内")

    def names(self) -> None:
        """Rule 2: a festival's name on its own days; other names only for known special arrangements."""
        special_names = {s.name for s in SPECIAL_ARRANGEMENTS if s.year == self.year}
        for p in self.own:
            for festival in p.festivals:
                days = self.statutory.get(festival, ())
                if not any(d in p for d in days):
                    self.problem(
                        "period_without_festival",
                        f"“{p.name}”时段（{self.span(p)}）不含{festival}的法定假日（{days_phrase(days, self.year)}）",
                    )
            for part in split_names(p.name):
                if not festivals_named(part) and part not in special_names:
                    self.problem(
                        "unknown_period",
                        f"“{part}”不是《全国年节及纪念日放假办法》第二条规定的节日，也不是已知的国务院专门放假安排："
                        "请按通知的写法填写节日名称",
                    )

    def balance(self, specials: list[SpecialArrangement]) -> None:
        """Rule 5: working days inside the periods − make-up days = statutory days (+ special ones)."""
        first, year = self.first, self.year
        working_off = sum(_working_days(p) for p in self.own)
        makeups = len(self.own_makeups)
        expected = sum(len(days) for days in self.statutory.values()) + sum(s.extra_days for s in specials)
        difference = working_off - makeups - expected
        self.notes.extend(s.note for s in specials)
        if not difference or self.festival_problems:
            return
        new_year = next((p for p in self.own if first in p), None)
        lead_given = any(m.date < first for m in self.own_makeups) or (new_year is not None and new_year.start < first)
        if new_year is not None and not lead_given and difference > 0:
            assigned = [m for m in self.own_makeups if _named_new_year(m.name)]
            if _working_days(new_year) - len(self.statutory[NEW_YEAR]) - len(assigned) == difference:
                self.notes.append(
                    f"元旦（{self.span(new_year)}）调休的{difference}天上班日在{year - 1}年12月，"
                    f"由{year - 1}年的安排记载，本年不计"
                )
                return
        said = f"放假时段内的工作日共{working_off}天，减去调休上班{makeups}天，"
        if difference > 0:
            self.problem(
                "makeup_balance", f"{said}比法定假日{expected}天多出{difference}天：请核对是否漏录了调休上班日"
            )
        else:
            self.problem(
                "makeup_balance",
                f"{said}比法定假日{expected}天少{-difference}天：请核对是否多录了调休上班日或漏录了放假日",
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
