"""parse_notice on the real notices (tests/fixtures/notices, each with its gov.cn source and 文号 in its first
line), cross-checked against the seeded schedules, and on the variants people paste."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from gongkai.law.holidays import (
    MakeupDay,
    RestPeriod,
    apply_extension,
    check_year,
    clip_to_year,
    parse_notice,
    periods_from_days,
    rows_by_year,
    schedule_rows,
)
from tests.law.holidays.seed import seed_rows

NOTICES = Path(__file__).resolve().parents[2] / "fixtures" / "notices"
D = date


def fixture(name: str) -> tuple[str, str, str]:
    """(source URL, 文号, text) of a stored notice."""
    header, text = (NOTICES / name).read_text(encoding="utf-8").split("\n", 1)
    found = re.match(r"# 来源：(\S+)\s+文号：(\S+)", header)
    assert found, header
    return found.group(1), found.group(2), text


def weekday_rest(periods: tuple[RestPeriod, ...] | list[RestPeriod], year: int) -> set[date]:
    """The days a period changes: Monday–Friday rest days in the year (weekend days inside are rest anyway)."""
    return {d for p in periods for d in p.dates() if d.year == year and d.weekday() < 5}


def seed_for(year: int) -> tuple[list[RestPeriod], set[date]]:
    """The seeded year without the head of the next year's 元旦 (set by the next year's notice)."""
    periods, makeups = periods_from_days(seed_rows(year))
    own = [p for p in periods if not (p.start.month == 12 and p.name == "元旦")]
    return own, {m.date for m in makeups if m.date.month != 12}


YEARS = {
    "2007.txt": 2007,
    "2012.txt": 2012,
    "2020.txt": 2020,
    "2023.txt": 2023,
    "2024.txt": 2024,
    "2025.txt": 2025,
    "2026.html": 2026,
}


@pytest.mark.parametrize("name", sorted(NOTICES.iterdir()), ids=lambda p: p.name)
def test_every_fixture_names_its_gov_cn_source_and_document(name: Path) -> None:
    url, document, text = fixture(name.name)
    assert url.startswith(("http://www.gov.cn/", "https://www.gov.cn/"))
    assert document in text
    assert parse_notice(text).document == document


@pytest.mark.parametrize(("name", "year"), sorted(YEARS.items()))
def test_the_real_notices_give_exactly_the_seeded_schedule(name: str, year: int) -> None:
    _, _, text = fixture(name)
    parsed = parse_notice(text)
    assert parsed.problems == ()
    assert parsed.year == year
    assert parsed.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    seeded, seeded_makeups = seed_for(year)
    own = [p for p in parsed.periods if p.end.year == year]
    if year == 2020:
        # the seed holds the extension of 国办发明电〔2020〕1号 (to 2月2日, 2月1日 no longer worked)
        assert weekday_rest(seeded, year) - weekday_rest(own, year) == {D(2020, 1, 31)}
        assert {m.date for m in parsed.makeup_days} - seeded_makeups == {D(2020, 2, 1)}
    else:
        assert weekday_rest(own, year) == weekday_rest(seeded, year)
        assert {m.date for m in parsed.makeup_days if m.date.year == year} == seeded_makeups
    if year == 2007:  # the 2007 notice writes “五一”, “十一”
        assert [p.festivals for p in own] == [p.festivals for p in seeded]
    else:
        assert [p.name for p in own] == [p.name for p in seeded]
    assert check_year(year, parsed.periods, parsed.makeup_days).problems == ()


def test_2025_periods_exactly() -> None:
    parsed = parse_notice(fixture("2025.txt")[2])
    assert parsed.periods == (
        RestPeriod("元旦", D(2025, 1, 1), D(2025, 1, 1)),
        RestPeriod("春节", D(2025, 1, 28), D(2025, 2, 4)),
        RestPeriod("清明节", D(2025, 4, 4), D(2025, 4, 6)),
        RestPeriod("劳动节", D(2025, 5, 1), D(2025, 5, 5)),
        RestPeriod("端午节", D(2025, 5, 31), D(2025, 6, 2)),
        RestPeriod("国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8)),
    )
    assert parsed.makeup_days == (
        MakeupDay(D(2025, 1, 26), "春节"),
        MakeupDay(D(2025, 2, 8), "春节"),
        MakeupDay(D(2025, 4, 27), "劳动节"),
        MakeupDay(D(2025, 9, 28), "国庆节、中秋节"),
        MakeupDay(D(2025, 10, 11), "国庆节、中秋节"),
    )
    assert parsed.document == "国办发明电〔2024〕12号"


def test_2026_pasted_as_html() -> None:
    parsed = parse_notice(fixture("2026.html")[2])
    assert parsed.problems == ()
    spring = next(p for p in parsed.periods if p.name == "春节")
    assert (spring.start, spring.end, spring.days) == (D(2026, 2, 15), D(2026, 2, 23), 9)


def test_2024_encouragement_to_rest_on_chuxi_is_not_a_rest_day() -> None:
    """ "鼓励各单位……安排职工在除夕（2月9日）休息" is no arrangement: 2月9日 stays a working day."""
    parsed = parse_notice(fixture("2024.txt")[2])
    assert not any(D(2024, 2, 9) in p for p in parsed.periods)


def test_2024_with_the_weekend_joins_the_weekend_of_the_same_year() -> None:
    """ "6月10日放假，与周末连休": from Saturday 6月8日; "1月1日放假，与周末连休": 2023年12月30日、31日 are a
    weekend of the 2023 schedule (the seed keeps them there), not days this notice sets."""
    parsed = parse_notice(fixture("2024.txt")[2])
    assert RestPeriod("端午节", D(2024, 6, 8), D(2024, 6, 10)) in parsed.periods
    assert parsed.periods[0] == RestPeriod("元旦", D(2024, 1, 1), D(2024, 1, 1))
    assert (D(2023, 12, 30), "holiday", "元旦") in seed_rows(2023)


def test_2012_new_year_make_up_day_in_the_previous_december() -> None:
    """ "2011年12月31日（星期六）上班" belongs to the 2012 notice; the seed keeps it in 2011's schedule."""
    parsed = parse_notice(fixture("2012.txt")[2])
    assert parsed.makeup_days[0] == MakeupDay(D(2011, 12, 31), "元旦")
    assert (D(2011, 12, 31), "workday", "元旦") in seed_rows(2011)
    assert "公休" in parsed.items[4].text  # "6月22日至24日放假公休" read as rest
    assert RestPeriod("端午节", D(2012, 6, 22), D(2012, 6, 24)) in parsed.periods


def test_2023_new_year_from_the_previous_december() -> None:
    parsed = parse_notice(fixture("2023.txt")[2])
    assert parsed.periods[0] == RestPeriod("元旦", D(2022, 12, 31), D(2023, 1, 2))
    # stored one schedule per calendar year, as the seed does
    by_year = rows_by_year(schedule_rows(parsed.periods, parsed.makeup_days))
    assert by_year[2022] == [(D(2022, 12, 31), "holiday", "元旦")]
    assert (D(2022, 12, 31), "holiday", "元旦") in seed_rows(2022)
    periods, makeups, outside = clip_to_year(2023, parsed.periods, parsed.makeup_days)
    assert periods[0] == RestPeriod("元旦", D(2023, 1, 1), D(2023, 1, 2))
    assert outside == by_year[2022]
    assert check_year(2023, periods, makeups).problems == ()


def test_a_notice_setting_days_in_the_previous_december_split_for_storage() -> None:
    """2019 notice: "元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。"."""
    parsed = parse_notice(
        "2019年\n一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。"
    )
    assert parsed.problems == ()
    periods, makeups, outside = clip_to_year(2019, parsed.periods, parsed.makeup_days)
    assert periods == [RestPeriod("元旦", D(2019, 1, 1), D(2019, 1, 1))]
    assert makeups == []
    assert outside == [
        (D(2018, 12, 29), "workday", "元旦"),
        (D(2018, 12, 30), "holiday", "元旦"),
        (D(2018, 12, 31), "holiday", "元旦"),
    ]
    assert set(outside) <= set(seed_rows(2018))


def test_2015_with_the_anniversary_notice_gives_the_seeded_year() -> None:
    main, special = parse_notice(fixture("2015.txt")[2]), parse_notice(fixture("2015-kangzhan.txt")[2])
    assert main.problems == ()
    assert special.problems == ()
    assert special.periods == (
        RestPeriod("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日", D(2015, 9, 3), D(2015, 9, 5)),
    )
    assert special.makeup_days == (MakeupDay(D(2015, 9, 6), "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"),)
    periods = sorted([*main.periods, *special.periods], key=lambda p: p.start)
    makeups = sorted([*main.makeup_days, *special.makeup_days], key=lambda m: m.date)
    seeded, seeded_makeups = seed_for(2015)
    assert weekday_rest(periods, 2015) == weekday_rest(seeded, 2015)
    assert {m.date for m in makeups} == seeded_makeups
    assert [p.name for p in periods] == [p.name for p in seeded]
    result = check_year(2015, periods, makeups)
    assert result.problems == ()
    assert any("国发明电〔2015〕1号" in n for n in result.notes)
    # without the anniversary notice the year is still complete (the special day is not statutory)
    assert check_year(2015, main.periods, main.makeup_days).complete


def test_the_2020_extension_applied_to_the_2020_notice_gives_the_seeded_year() -> None:
    """国办发明电〔2020〕1号: "延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班"."""
    extension = parse_notice(fixture("2020-extension.txt")[2])
    assert extension.problems == ()
    assert extension.periods == ()
    assert extension.extensions == (("春节", D(2020, 2, 2)),)
    original = parse_notice(fixture("2020.txt")[2])
    periods, makeups = apply_extension(original.periods, original.makeup_days, *extension.extensions[0])
    seeded, seeded_makeups = seed_for(2020)
    assert weekday_rest(periods, 2020) == weekday_rest(seeded, 2020)
    assert {m.date for m in makeups} == seeded_makeups
    assert RestPeriod("春节", D(2020, 1, 24), D(2020, 2, 2)) in periods
    result = check_year(2020, periods, makeups)
    assert result.problems == ()
    assert any("国办发明电〔2020〕1号" in note for note in result.notes)


def test_an_extension_needs_a_period_to_extend() -> None:
    with pytest.raises(ValueError, match="没有可以延长至2月2日的“春节”放假时段"):
        apply_extension([RestPeriod("元旦", D(2020, 1, 1), D(2020, 1, 1))], [], "春节", D(2020, 2, 2))
    with pytest.raises(ValueError, match="没有可以延长"):
        apply_extension([RestPeriod("春节", D(2020, 1, 24), D(2020, 2, 5))], [], "春节", D(2020, 2, 2))


# ---- variants -----------------------------------------------------------------------------------------

ITEMS_2025 = fixture("2025.txt")[2]


def same_result(text: str) -> None:
    parsed = parse_notice(text, 2025)
    reference = parse_notice(ITEMS_2025)
    assert parsed.problems == ()
    assert (parsed.periods, parsed.makeup_days) == (reference.periods, reference.makeup_days)


def test_half_width_punctuation() -> None:
    same_result(unicodedata.normalize("NFKC", ITEMS_2025))


def test_full_width_digits() -> None:
    same_result(ITEMS_2025.translate(str.maketrans("0123456789", "０１２３４５６７８９")))


def test_line_breaks_inside_items_and_extra_spaces() -> None:
    broken = ITEMS_2025.replace("至", "\n至 ").replace("、2月8日", "、\n  2月8日").replace("上班", " 上 班 ")
    same_result(broken)


def test_missing_weekdays() -> None:
    same_result(
        re.sub(r"（周.）", "", ITEMS_2025).replace("（农历除夕、周二）", "").replace("（农历正月初七、周二）", "")
    )


def test_only_the_items_pasted() -> None:
    items = ITEMS_2025[ITEMS_2025.index("一、元旦") : ITEMS_2025.index("节假日期间")]
    same_result(items)
    # without the title the year must come from the caller: the dates alone do not say
    assert "2025年" not in items
    assert [p.code for p in parse_notice(items).problems] == ["no_year"]


def test_the_closing_paragraph_and_signature_are_ignored() -> None:
    parsed = parse_notice(ITEMS_2025)
    assert parsed.items[-1].text.endswith("上班。")
    assert len(parsed.items) == 6


def test_a_wrong_total_is_a_problem() -> None:
    parsed = parse_notice(ITEMS_2025.replace("共8天。1月26日", "共7天。1月26日"))
    assert [(p.code, p.message) for p in parsed.problems] == [
        ("count_mismatch", "“春节”写共7天，但1月28日至2月4日是8天")
    ]
    assert [p.code for p in parse_notice(ITEMS_2025.replace("放假1天", "放假2天")).problems] == ["count_mismatch"]


def test_a_wrong_weekday_is_a_problem() -> None:
    parsed = parse_notice(ITEMS_2025.replace("1月26日（周日）", "1月26日（周一）"))
    assert [(p.code, p.message) for p in parsed.problems] == [
        ("weekday_mismatch", "“春节”一条写1月26日是周一，但1月26日是星期日")
    ]


def test_a_wrong_chuxi_is_a_problem() -> None:
    parsed = parse_notice("2025年\n二、春节：1月27日（农历除夕、周一）至2月4日放假调休，共9天。")
    assert [p.code for p in parsed.problems] == ["lunar_mismatch"]
    assert "2025年的除夕是1月28日" in parsed.problems[0].message


@pytest.mark.parametrize(
    ("text", "code", "quoted"),
    [
        ("2025年\n一、元旦：1月1日至3日，共3天。", "unreadable", "1月1日至3日"),
        ("2025年\n一、元旦：放假安排另行通知。", "no_rest_days", "放假安排另行通知"),
        ("2025年\n一、元旦：3日放假。", "unreadable", "3日"),
        ("2025年\n二、春节：2月30日放假。", "bad_date", "2月30日"),
        ("2025年\n二、春节：2月4日至1月28日放假调休。", "bad_range", "2月4日至1月28日"),
        ("这不是通知。", "no_year", ""),
        ("2025年的安排还没有公布。", "no_items", ""),
    ],
)
def test_what_cannot_be_read_is_a_problem_quoting_the_text(text: str, code: str, quoted: str) -> None:
    parsed = parse_notice(text)
    assert code in [p.code for p in parsed.problems]
    message = next(p.message for p in parsed.problems if p.code == code)
    assert quoted in message


def test_a_year_other_than_the_titles_is_a_problem() -> None:
    parsed = parse_notice(ITEMS_2025, 2026)
    assert (parsed.problems[0].code, parsed.problems[0].message) == (
        "year_mismatch",
        "通知标题是2025年的安排，而录入的是2026年",
    )


def test_never_raises_on_junk() -> None:
    for junk in ["", "：：：", "一、", "<p></p>", "\x00\ud800", "二、春节：" + "1月1日至" * 50, "１" * 5000]:
        assert isinstance(parse_notice(junk).problems, tuple)


def test_year_out_of_range_is_a_problem_not_an_error() -> None:
    assert parse_notice("国务院办公厅关于1998年部分节假日安排的通知").problems[0].code == "no_year"


def test_old_style_notice_with_explanations() -> None:
    """2007: "其中1月1日为法定假日，将2006年12月30日（星期六）、31日（星期日）两个公休日分别调至2007年1月2日、3日，
    2006年12月30日（星期六）、31日（星期日）上班" — the explanation is skipped, the make-up days are read."""
    parsed = parse_notice(fixture("2007.txt")[2])
    assert [m.date for m in parsed.makeup_days[:2]] == [D(2006, 12, 30), D(2006, 12, 31)]
    assert [p.name for p in parsed.periods] == ["元旦", "春节", "五一", "十一"]
    assert [p.festivals for p in parsed.periods] == [("元旦",), ("春节",), ("劳动节",), ("国庆节",)]
    assert {(d, "workday", "元旦") for d in (D(2006, 12, 30), D(2006, 12, 31))} <= set(seed_rows(2006))


def test_an_explaining_sentence_with_a_colon_is_not_an_item() -> None:
    """2008 style: "其中：4月4日（清明节），为法定节假日，4月5日（星期六）、4月6日（星期日）照常公休。"."""
    parsed = parse_notice(
        "2008年\n三、清明节：4月4日—6日放假，共3天。其中：4月4日（清明节），为法定节假日，"
        "4月5日（星期六）、4月6日（星期日）照常公休。"
    )
    assert parsed.problems == ()
    assert parsed.periods == (RestPeriod("清明节", D(2008, 4, 4), D(2008, 4, 6)),)


def test_items_on_their_own_lines_without_numbers_or_full_stops() -> None:
    parsed = parse_notice("2025年\n元旦：1月1日放假\n春节：1月28日至2月4日放假调休，共8天\n1月26日、2月8日上班", 2025)
    assert parsed.problems == ()
    assert [p.name for p in parsed.periods] == ["元旦", "春节"]
    assert [m.date for m in parsed.makeup_days] == [D(2025, 1, 26), D(2025, 2, 8)]


def test_a_wrong_lunar_date_is_a_problem() -> None:
    wrong = fixture("2026.html")[2].replace("农历腊月二十八", "农历腊月二十七")
    parsed = parse_notice(wrong)
    assert [(p.code, p.message) for p in parsed.problems] == [
        ("lunar_mismatch", "“春节”一条写2月15日是农历腊月二十七，但2月15日是农历腊月二十八")
    ]


def test_a_note_for_a_range_is_not_checked_against_one_end() -> None:
    """2008: "2月6日—12日（即农历除夕至正月初六）": the note follows 12日 but describes the range."""
    parsed = parse_notice("2008年\n二、春节：2月6日—12日（即农历除夕至正月初六）放假，共7天。")
    assert parsed.problems == ()
