"""Statutory days per version of 《全国年节及纪念日放假办法》 (Art. 2), table tests per festival and regime."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.law.holidays import (
    FESTIVALS,
    REGIMES,
    canonical_festival,
    chuxi,
    festivals_named,
    notice_name,
    regime,
    statutory_days,
)
from gongkai.law.holidays.statutory import dragon_boat, mid_autumn, qingming, spring_festival

D = date


@pytest.mark.parametrize(
    ("year", "code", "decree", "total"),
    [
        (2000, "1999", "国务院令第270号", 10),
        (2007, "1999", "国务院令第270号", 10),
        (2008, "2008", "国务院令第513号", 11),
        (2013, "2008", "国务院令第513号", 11),
        (2014, "2014", "国务院令第644号", 11),
        (2024, "2014", "国务院令第644号", 11),
        (2025, "2025", "国务院令第795号", 13),
        (2100, "2025", "国务院令第795号", 13),
    ],
)
def test_the_version_in_force_each_year(year: int, code: str, decree: str, total: int) -> None:
    version = regime(year)
    assert (version.code, version.decree, version.total_days) == (code, decree, total)
    assert sum(len(days) for days in statutory_days(year).values()) == total
    assert decree in version.citation
    assert version.citation.endswith("第二条")


def test_the_versions_take_effect_on_their_dates() -> None:
    assert [(r.decree, r.promulgated, r.effective) for r in REGIMES] == [
        ("国务院令第270号", D(1999, 9, 18), D(1999, 9, 18)),
        ("国务院令第513号", D(2007, 12, 14), D(2008, 1, 1)),
        ("国务院令第644号", D(2013, 12, 11), D(2014, 1, 1)),
        ("国务院令第795号", D(2024, 11, 10), D(2025, 1, 1)),
    ]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # 1999 version: 春节 初一至初三, 劳动节 3 days, no 清明/端午/中秋
        (
            2004,
            {
                "元旦": (D(2004, 1, 1),),
                "春节": (D(2004, 1, 22), D(2004, 1, 23), D(2004, 1, 24)),
                "劳动节": (D(2004, 5, 1), D(2004, 5, 2), D(2004, 5, 3)),
                "国庆节": (D(2004, 10, 1), D(2004, 10, 2), D(2004, 10, 3)),
            },
        ),
        # 2008 version: 春节 除夕至初二, 劳动节 1 day, 清明/端午/中秋 1 day each
        (
            2008,
            {
                "元旦": (D(2008, 1, 1),),
                "春节": (D(2008, 2, 6), D(2008, 2, 7), D(2008, 2, 8)),
                "清明节": (D(2008, 4, 4),),
                "劳动节": (D(2008, 5, 1),),
                "端午节": (D(2008, 6, 8),),
                "中秋节": (D(2008, 9, 14),),
                "国庆节": (D(2008, 10, 1), D(2008, 10, 2), D(2008, 10, 3)),
            },
        ),
        # 2014 version: 春节 初一至初三 (除夕 2月9日 is not statutory in 2024)
        (
            2024,
            {
                "元旦": (D(2024, 1, 1),),
                "春节": (D(2024, 2, 10), D(2024, 2, 11), D(2024, 2, 12)),
                "清明节": (D(2024, 4, 4),),
                "劳动节": (D(2024, 5, 1),),
                "端午节": (D(2024, 6, 10),),
                "中秋节": (D(2024, 9, 17),),
                "国庆节": (D(2024, 10, 1), D(2024, 10, 2), D(2024, 10, 3)),
            },
        ),
        # 2025 version: 春节 除夕至初三 (4 days), 劳动节 5月1日、2日
        (
            2025,
            {
                "元旦": (D(2025, 1, 1),),
                "春节": (D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31)),
                "清明节": (D(2025, 4, 4),),
                "劳动节": (D(2025, 5, 1), D(2025, 5, 2)),
                "端午节": (D(2025, 5, 31),),
                "中秋节": (D(2025, 10, 6),),
                "国庆节": (D(2025, 10, 1), D(2025, 10, 2), D(2025, 10, 3)),
            },
        ),
    ],
)
def test_statutory_days_per_regime(year: int, expected: dict[str, tuple[date, ...]]) -> None:
    assert statutory_days(year) == expected
    assert list(statutory_days(year)) == [f for f in FESTIVALS if f in expected]  # the order of Art. 2


def test_2024_and_2025_differ_in_spring_festival_and_labour_day_only_by_the_rule() -> None:
    before, after = regime(2024), regime(2025)
    rules = {(r.name, version.code): (r.days, r.short) for version in (before, after) for r in version.rules}
    assert rules["春节", "2014"] == (3, "初一至初三")
    assert rules["春节", "2025"] == (4, "除夕至初三")
    assert (rules["劳动节", "2014"], rules["劳动节", "2025"]) == ((1, "5月1日"), (2, "5月1日至2日"))
    assert before.rule("藏历新年") is None
    same = {"元旦", "清明节", "端午节", "中秋节", "国庆节"}
    assert {r.name: r.days for r in before.rules if r.name in same} == {
        r.name: r.days for r in after.rules if r.name in same
    }


@pytest.mark.parametrize(
    ("year", "eve", "first_day"),
    [
        (2025, D(2025, 1, 28), D(2025, 1, 29)),  # 腊月 of 2024 has 29 days: 除夕 is 腊月廿九
        (2026, D(2026, 2, 16), D(2026, 2, 17)),  # 腊月廿九 again (2026 notice: 2月15日 is 腊月二十八)
        (2024, D(2024, 2, 9), D(2024, 2, 10)),  # 2024 notice: 除夕（2月9日）
        (2020, D(2020, 1, 24), D(2020, 1, 25)),
        (2015, D(2015, 2, 18), D(2015, 2, 19)),
    ],
)
def test_chuxi_is_the_last_day_of_the_twelfth_lunar_month(year: int, eve: date, first_day: date) -> None:
    assert chuxi(year) == eve
    assert spring_festival(year) == first_day


@pytest.mark.parametrize(
    ("year", "qm", "dw", "zq"),
    [
        (2008, D(2008, 4, 4), D(2008, 6, 8), D(2008, 9, 14)),
        (2012, D(2012, 4, 4), D(2012, 6, 23), D(2012, 9, 30)),
        (2015, D(2015, 4, 5), D(2015, 6, 20), D(2015, 9, 27)),
        (2019, D(2019, 4, 5), D(2019, 6, 7), D(2019, 9, 13)),
        (2020, D(2020, 4, 4), D(2020, 6, 25), D(2020, 10, 1)),  # 中秋 on 国庆's first day
        (2023, D(2023, 4, 5), D(2023, 6, 22), D(2023, 9, 29)),
        (2026, D(2026, 4, 5), D(2026, 6, 19), D(2026, 9, 25)),
    ],
)
def test_solar_term_and_lunar_festivals(year: int, qm: date, dw: date, zq: date) -> None:
    assert (qingming(year), dragon_boat(year), mid_autumn(year)) == (qm, dw, zq)


def test_coinciding_festivals_each_keep_their_day() -> None:
    days = statutory_days(2020)
    assert days["中秋节"] == (D(2020, 10, 1),)
    assert D(2020, 10, 1) in days["国庆节"]
    assert sum(len(d) for d in days.values()) == 11


@pytest.mark.parametrize("year", [1999, 2101, 0, -5])
def test_years_outside_the_supported_range_are_refused_in_chinese(year: int) -> None:
    with pytest.raises(ValueError, match="只支持2000年至2100年"):
        statutory_days(year)
    with pytest.raises(ValueError, match="只支持"):
        regime(year)


def test_bool_is_not_a_year() -> None:
    with pytest.raises(ValueError, match="只支持"):
        regime(True)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("中秋", "中秋节"),
        ("清明", "清明节"),
        ("端午", "端午节"),
        ("新年", "元旦"),
        (" 国庆节 ", "国庆节"),
        ("藏历新年", None),
    ],
)
def test_names_as_stored_map_to_the_festivals_of_art_2(name: str, canonical: str | None) -> None:
    assert canonical_festival(name) == canonical


def test_combined_names() -> None:
    assert festivals_named("国庆节、中秋节") == ("国庆节", "中秋节")
    assert festivals_named("中秋节，国庆节") == ("中秋节", "国庆节")
    assert festivals_named("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日") == ()
    assert notice_name("国庆、中秋") == "国庆节、中秋节"
    assert notice_name("清明") == "清明节"
