"""Every seeded year (2004–2026) written out as a notice in the current style, with the variants people paste,
reads back into the same arrangement."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from gongkai.law.holidays import RestPeriod, check_year, parse_notice, periods_from_days
from gongkai.law.holidays.schedule import MakeupDay, weekday_name
from tests.law.holidays.seed import SEEDED_YEARS, seed_rows

NUMBERS = "一二三四五六七八九十"


def written(day: date, year: int, *, month: bool = True, weekday: bool = True) -> str:
    text = (f"{day.year}年" if day.year != year else "") + (f"{day.month}月" if month else "") + f"{day.day}日"
    return text + (f"（{weekday_name(day).replace('星期', '周')}）" if weekday else "")


def notice(year: int, periods: list[RestPeriod], makeups: list[MakeupDay], style: int) -> str:
    lines = [
        f"国务院办公厅关于{year}年部分节假日安排的通知",
        "各省、自治区、直辖市人民政府：",
        "经国务院批准，现将具体安排通知如下。",
    ]
    for i, p in enumerate(periods):
        weekday = style % 2 == 0
        if p.start == p.end:
            rest = f"{written(p.start, year, weekday=weekday)}放假，共1天。"
        else:
            same_month = p.start.month == p.end.month and p.start.year == p.end.year
            end = written(p.end, year, month=not (same_month and style % 3 == 0), weekday=weekday)
            rest = f"{written(p.start, year, weekday=weekday)}至{end}放假调休，共{p.days}天。"
        own = [m for m in makeups if m.name == p.name]
        work = "、".join(written(m.date, year) for m in own) + "上班。" if own else ""
        lines.append(f"{NUMBERS[i]}、{p.name}：{rest}{work}")
    lines.append("节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。")
    lines.append("国务院办公厅")
    text = "\n".join(lines)
    if style % 4 == 1:
        text = unicodedata.normalize("NFKC", text)  # half-width punctuation
    if style % 4 == 3:
        text = "<p>" + text.replace("\n", "</p>\n<p>&nbsp;") + "</p>"  # pasted HTML
    return text


@pytest.mark.parametrize("year", SEEDED_YEARS)
def test_each_seeded_year_written_as_a_notice_reads_back(year: int) -> None:
    periods, makeups = periods_from_days(seed_rows(year))
    # the head of the next year's 元旦 and its make-up days are that year's notice
    periods = [p for p in periods if not (p.start.month == 12 and p.name == "元旦")]
    makeups = [m for m in makeups if m.date.month != 12]
    named = [MakeupDay(m.date, _owner(m, periods)) for m in makeups]
    parsed = parse_notice(notice(year, periods, named, year))
    assert parsed.problems == ()
    assert parsed.periods == tuple(periods)
    assert [m.date for m in parsed.makeup_days] == [m.date for m in makeups]
    assert check_year(year, parsed.periods, parsed.makeup_days).problems == ()


def _owner(makeup: MakeupDay, periods: list[RestPeriod]) -> str:
    """The period a make-up day is written under: the nearest one."""
    return min(periods, key=lambda p: min(abs((makeup.date - p.start).days), abs((makeup.date - p.end).days))).name
