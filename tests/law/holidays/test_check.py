"""check_year: each rule and each problem code, on the real 2024, 2025 and 2026 arrangements and small edits of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gongkai.law.holidays import MakeupDay, RestPeriod, YearCheck, check_year

D = date
P = RestPeriod
M = MakeupDay

# 国办发明电〔2024〕12号
Y2025 = [
    P("元旦", D(2025, 1, 1), D(2025, 1, 1)),
    P("春节", D(2025, 1, 28), D(2025, 2, 4)),
    P("清明节", D(2025, 4, 4), D(2025, 4, 6)),
    P("劳动节", D(2025, 5, 1), D(2025, 5, 5)),
    P("端午节", D(2025, 5, 31), D(2025, 6, 2)),
    P("国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8)),
]
W2025 = [M(D(2025, 1, 26), "春节"), M(D(2025, 2, 8), "春节"), M(D(2025, 4, 27), "劳动节"),
         M(D(2025, 9, 28), "国庆节、中秋节"), M(D(2025, 10, 11), "国庆节、中秋节")]  # fmt: skip
# 国办发明电〔2023〕7号
Y2024 = [
    P("元旦", D(2024, 1, 1), D(2024, 1, 1)),
    P("春节", D(2024, 2, 10), D(2024, 2, 17)),
    P("清明节", D(2024, 4, 4), D(2024, 4, 6)),
    P("劳动节", D(2024, 5, 1), D(2024, 5, 5)),
    P("端午节", D(2024, 6, 10), D(2024, 6, 10)),
    P("中秋节", D(2024, 9, 15), D(2024, 9, 17)),
    P("国庆节", D(2024, 10, 1), D(2024, 10, 7)),
]
W2024 = [M(D(2024, 2, 4)), M(D(2024, 2, 18)), M(D(2024, 4, 7)), M(D(2024, 4, 28)), M(D(2024, 5, 11)),
         M(D(2024, 9, 14)), M(D(2024, 9, 29)), M(D(2024, 10, 12))]  # fmt: skip


def codes(result: YearCheck) -> list[str]:
    return [p.code for p in result.problems]


def without(periods: list[RestPeriod], name: str) -> list[RestPeriod]:
    return [p for p in periods if p.name != name]


def test_the_real_2024_and_2025_arrangements_are_complete() -> None:
    r2024, r2025 = check_year(2024, Y2024, W2024), check_year(2025, Y2025, W2025)
    assert r2024.complete
    assert r2025.complete
    assert r2025.summary == "2025年：放假6次，共28天（其中法定节假日13天）；调休上班5天"
    assert r2024.summary == "2024年：放假7次，共28天（其中法定节假日11天）；调休上班8天"
    combined = next(s for s in r2025.periods if s.period.name == "国庆节、中秋节")
    assert (combined.days, combined.working_days_off, combined.festivals, combined.statutory_days) == (
        8,
        6,
        ("中秋节", "国庆节"),
        4,
    )


def test_only_new_year_entered_is_incomplete_and_says_what_is_missing() -> None:
    """The issue's case: 2027 entered with only 元旦 must not be usable."""
    result = check_year(2027, [P("元旦", D(2027, 1, 1), D(2027, 1, 1))], [])
    assert not result.complete
    assert codes(result) == ["missing_festival"] * 6
    spring = result.problems[0].message
    # 2027 春节: 除夕 2月5日, 初一 2月6日 (2025 version: 除夕至初三)
    assert spring == "缺少春节：法定假日2月5日至2月8日（除夕至初三）不在任何放假时段内"


@pytest.mark.parametrize(
    ("festival", "message"),
    [
        ("元旦", "缺少元旦：法定假日1月1日（1月1日）不在任何放假时段内"),
        ("春节", "缺少春节：法定假日1月28日至1月31日（除夕至初三）不在任何放假时段内"),
        ("清明节", "缺少清明节：法定假日4月4日（清明当日）不在任何放假时段内"),
        ("劳动节", "缺少劳动节：法定假日5月1日至5月2日（5月1日至2日）不在任何放假时段内"),
        ("端午节", "缺少端午节：法定假日5月31日（农历五月初五）不在任何放假时段内"),
    ],
)
def test_each_missing_festival_of_2025(festival: str, message: str) -> None:
    makeups = [m for m in W2025 if m.name != festival]
    result = check_year(2025, without(Y2025, festival), makeups)
    assert [p.message for p in result.problems] == [message]


def test_a_combined_period_holds_both_festivals_and_losing_it_loses_both() -> None:
    result = check_year(2025, without(Y2025, "国庆节、中秋节"), W2025[:3])
    assert [p.message for p in result.problems] == [
        "缺少中秋节：法定假日10月6日（农历八月十五）不在任何放假时段内",
        "缺少国庆节：法定假日10月1日至10月3日（10月1日至3日）不在任何放假时段内",
    ]


def test_2025_entered_with_the_2024_rules_is_incomplete() -> None:
    """Spring Festival from 初一 and one day of Labour Day were the 2014 version; from 2025 除夕 and 5月2日 count."""
    periods = [
        replace(p, start=D(2025, 1, 29))
        if p.name == "春节"
        else replace(p, end=D(2025, 5, 1))
        if p.name == "劳动节"
        else p
        for p in Y2025
    ]
    result = check_year(2025, periods, W2025)
    assert codes(result) == ["festival_incomplete", "festival_incomplete"]
    assert result.problems[0].message == (
        "春节的法定假日1月28日不在放假时段内（春节的法定假日是1月28日至1月31日，除夕至初三）"
    )
    assert result.problems[1].message.startswith("劳动节的法定假日5月2日不在放假时段内")


def test_2024_does_not_need_chuxi() -> None:
    """Under the 2014 version 除夕 (2024-02-09) is not statutory: the 2024 notice only encourages a day off."""
    assert check_year(2024, Y2024, W2024).complete
    moved = [replace(p, start=D(2024, 2, 11)) if p.name == "春节" else p for p in Y2024]
    assert "festival_incomplete" in codes(check_year(2024, moved, W2024))


def test_a_festival_named_period_must_hold_that_festival() -> None:
    periods = [*Y2025, P("春节", D(2025, 12, 1), D(2025, 12, 1))]
    result = check_year(2025, periods, W2025)
    assert "period_without_festival" in codes(result)
    message = next(p.message for p in result.problems if p.code == "period_without_festival")
    assert message == "“春节”时段（12月1日）不含春节的法定假日（1月28日至1月31日）"


def test_a_name_that_is_no_festival_is_a_problem_but_a_known_special_arrangement_is_not() -> None:
    typo = [replace(p, name="清明") if p.name == "清明节" else p for p in Y2025]
    assert check_year(2025, typo, W2025).complete  # the stored spelling of 清明节
    odd = [*Y2025, P("藏历新年", D(2025, 3, 3), D(2025, 3, 3))]
    result = check_year(2025, odd, [*W2025, M(D(2025, 3, 1))])
    assert codes(result) == ["unknown_period"]
    assert "“藏历新年”不是《全国年节及纪念日放假办法》第二条规定的节日" in result.problems[0].message


def test_unnamed_period() -> None:
    periods = [replace(p, name="") if p.name == "端午节" else p for p in Y2025]
    result = check_year(2025, periods, W2025)
    assert codes(result) == ["unnamed_period"]
    assert result.problems[0].message == "5月31日至6月2日的放假时段没有名称"


def test_end_before_start() -> None:
    periods = [P("端午节", D(2025, 6, 2), D(2025, 5, 31)) if p.name == "端午节" else p for p in Y2025]
    result = check_year(2025, periods, W2025)
    assert codes(result)[0] == "bad_range"
    assert result.problems[0].message == "“端午节”的结束日5月31日早于开始日6月2日"


def test_overlapping_periods() -> None:
    periods = [*Y2025, P("劳动节", D(2025, 5, 4), D(2025, 5, 6))]
    result = check_year(2025, periods, [*W2025, M(D(2025, 5, 10))])
    assert "overlap" in codes(result)
    assert "“劳动节”（5月1日至5月5日）与“劳动节”（5月4日至5月6日）重叠" in [p.message for p in result.problems]


def test_make_up_day_on_a_weekday() -> None:
    makeups = [M(D(2025, 1, 27), "春节") if m.date == D(2025, 1, 26) else m for m in W2025]
    result = check_year(2025, Y2025, makeups)
    assert codes(result) == ["makeup_not_weekend"]
    assert result.problems[0].message == "调休上班日1月27日是星期一：调休上班只能安排在星期六或星期日"


def test_make_up_day_inside_a_rest_period() -> None:
    makeups = [M(D(2025, 2, 1), "春节") if m.date == D(2025, 2, 8) else m for m in W2025]
    result = check_year(2025, Y2025, makeups)
    assert "makeup_in_rest" in codes(result)
    assert "2月1日既在“春节”放假时段内，又是调休上班日" in [p.message for p in result.problems]


def test_a_make_up_day_far_from_any_holiday_is_a_mistyped_date() -> None:
    """ "10月11日" typed as "11月8日": still a Saturday and the count still balances."""
    makeups = [M(D(2025, 11, 8), "国庆节、中秋节") if m.date == D(2025, 10, 11) else m for m in W2025]
    result = check_year(2025, Y2025, makeups)
    assert codes(result) == ["makeup_far"]
    assert result.problems[0].message == (
        "调休上班日11月8日离最近的放假时段“国庆节、中秋节”（10月1日至10月8日）有31天：调休上班日应在所调休的假期前后，请核对日期"
    )


def test_duplicate_make_up_day() -> None:
    result = check_year(2025, Y2025, [*W2025, M(D(2025, 2, 8), "春节")])
    assert codes(result) == ["duplicate_makeup"]


def test_dates_outside_the_year() -> None:
    stray = check_year(2025, [*Y2025, P("国庆节", D(2024, 10, 1), D(2024, 10, 7))], W2025)
    assert "outside_year" in codes(stray)
    late = check_year(2025, [*Y2025[:-1], P("国庆节、中秋节", D(2025, 10, 1), D(2026, 1, 8))], W2025)
    assert "outside_year" in codes(late)
    makeup = check_year(2025, Y2025, [*W2025, M(D(2024, 11, 30))])
    assert codes(makeup)[0] == "outside_year"
    assert makeup.problems[0].message == "调休上班日2024年11月30日不在2025年内：只有元旦的调休上班日可以在上一年12月底"


def test_new_year_from_the_previous_december_as_the_notice_writes_it() -> None:
    """2023 notice: 元旦 2022年12月31日至2023年1月2日; 2019 notice: 2018年12月30日至2019年1月1日, 2018年12月29日上班."""
    periods_2019 = [
        P("元旦", D(2018, 12, 30), D(2019, 1, 1)),
        P("春节", D(2019, 2, 4), D(2019, 2, 10)),
        P("清明节", D(2019, 4, 5), D(2019, 4, 7)),
        P("劳动节", D(2019, 5, 1), D(2019, 5, 4)),
        P("端午节", D(2019, 6, 7), D(2019, 6, 9)),
        P("中秋节", D(2019, 9, 13), D(2019, 9, 15)),
        P("国庆节", D(2019, 10, 1), D(2019, 10, 7)),
    ]
    makeups_2019 = [M(D(2018, 12, 29), "元旦"), M(D(2019, 2, 2)), M(D(2019, 2, 3)), M(D(2019, 4, 28)),
                    M(D(2019, 5, 5)), M(D(2019, 9, 29)), M(D(2019, 10, 12))]  # fmt: skip
    result = check_year(2019, periods_2019, makeups_2019)
    assert result.problems == ()
    assert "元旦假期自2018年12月30日开始（按通知，含上一年12月的2天）" in result.notes
    # the same schedule, but one day too far back, is not an edge any more
    moved = [replace(periods_2019[0], start=D(2018, 12, 20)), *periods_2019[1:]]
    assert "outside_year" in codes(check_year(2019, moved, makeups_2019))


def test_the_next_years_new_year_at_the_end_of_december_is_noted_not_counted() -> None:
    periods = [*Y2025, P("元旦", D(2025, 12, 30), D(2025, 12, 31))]
    result = check_year(2025, [*periods], [*W2025, M(D(2025, 12, 27), "元旦")])
    assert result.complete
    assert result.rest_days == 28
    assert "12月30日至12月31日属于2026年元旦假期（由2026年节假日安排的通知规定），本年不计" in result.notes
    assert "12月27日（星期六）上班属于2026年元旦的调休，本年不计" in result.notes
    assert [s.edge for s in result.periods][-1] == "next"


@pytest.mark.parametrize(
    ("makeups", "message"),
    [
        (
            W2025[:-1],
            "放假时段内的工作日共18天，减去调休上班4天，比法定假日13天多出1天：请核对是否漏录了调休上班日",
        ),
        (
            [*W2025, M(D(2025, 2, 9))],
            "放假时段内的工作日共18天，减去调休上班6天，比法定假日13天少1天：请核对是否多录了调休上班日或漏录了放假日",
        ),
    ],
)
def test_the_days_must_balance(makeups: list[MakeupDay], message: str) -> None:
    """A forgotten make-up Saturday would count a working day as rest: the balance catches it (Art. 6 补假, 调休)."""
    result = check_year(2025, Y2025, makeups)
    assert [(p.code, p.message) for p in result.problems] == [("makeup_balance", message)]


def test_a_longer_rest_than_the_notice_without_make_up_days_is_caught() -> None:
    periods = [replace(p, end=D(2025, 2, 5)) if p.name == "春节" else p for p in Y2025]
    assert codes(check_year(2025, periods, W2025)) == ["makeup_balance"]


def test_2020_extension_is_an_explained_exception_only_when_entered() -> None:
    """国办发明电〔2020〕1号 extended 春节 to 2月2日 and cancelled the 2月1日 make-up day."""
    base = [
        P("元旦", D(2020, 1, 1), D(2020, 1, 1)),
        P("春节", D(2020, 1, 24), D(2020, 1, 30)),
        P("清明节", D(2020, 4, 4), D(2020, 4, 6)),
        P("劳动节", D(2020, 5, 1), D(2020, 5, 5)),
        P("端午节", D(2020, 6, 25), D(2020, 6, 27)),
        P("国庆节、中秋节", D(2020, 10, 1), D(2020, 10, 8)),
    ]
    makeups = [M(D(2020, 1, 19)), M(D(2020, 2, 1)), M(D(2020, 4, 26)), M(D(2020, 5, 9)), M(D(2020, 6, 28)),
               M(D(2020, 9, 27)), M(D(2020, 10, 10))]  # fmt: skip
    original = check_year(2020, base, makeups)
    assert original.complete
    assert not any("国办发明电〔2020〕1号" in n for n in original.notes)
    extended = [replace(p, end=D(2020, 2, 2)) if p.name == "春节" else p for p in base]
    result = check_year(2020, extended, [m for m in makeups if m.date != D(2020, 2, 1)])
    assert result.complete
    assert any("国办发明电〔2020〕1号" in n and "2月1日" in n for n in result.notes)
    # the same extension in another year has no document behind it
    shifted = check_year(2020, extended, makeups[:1] + makeups[2:] + [M(D(2020, 3, 7))])
    assert not shifted.complete


def test_more_than_six_working_days_next_to_a_holiday_is_a_warning_from_2025() -> None:
    """2025 办法 Art. 7: 除个别特殊情形外，法定节假日假期前后连续工作一般不超过6天 (一般: a warning, not a block)."""
    assert check_year(2025, Y2025, W2025).warnings == ()
    # 劳动节 one day longer (to 5月6日), paid for by working Saturday 4月26日 too: balanced, but
    # 4月21日 to 30日 are then 10 working days in a row before the holiday
    periods = [replace(p, end=D(2025, 5, 6)) if p.name == "劳动节" else p for p in Y2025]
    result = check_year(2025, periods, [*W2025, M(D(2025, 4, 26), "劳动节")])
    assert result.problems == ()
    assert [w.code for w in result.warnings] == ["long_stretch"]
    assert result.warnings[0].message.startswith("“劳动节”假期前连续工作10天（4月21日至4月30日）")
    assert check_year(2024, periods, [*W2025, M(D(2025, 4, 26))]).warnings == ()  # the article is new in 2025


def test_a_note_when_a_festival_sits_in_a_period_named_otherwise() -> None:
    periods = [replace(p, name="国庆节") if p.name == "国庆节、中秋节" else p for p in Y2025]
    result = check_year(2025, periods, W2025)
    assert result.complete
    assert "中秋节（10月6日）在“国庆节”放假时段内" in result.notes
