"""Statutory holidays (法定节假日) under each version of 《全国年节及纪念日放假办法》.

Article 2 of the 办法 lists the festivals on which all citizens rest (全体公民放假的节日) and how many
days each. It has been amended three times since 1999; the version in force on a festival's date
decides its statutory days:

- 国务院令第270号 (1999年9月18日修订发布, in force from that day): 新年（元旦）1天（1月1日）;
  春节3天（农历正月初一、初二、初三）; 劳动节3天（5月1日、2日、3日）; 国庆节3天（10月1日、2日、3日）.
  10 days.
- 国务院令第513号 (2007年12月14日, in force from 2008年1月1日): 元旦1天; 春节3天（农历除夕、正月初一、
  初二）; 清明节1天（农历清明当日）; 劳动节1天（5月1日）; 端午节1天（农历端午当日）; 中秋节1天
  （农历中秋当日）; 国庆节3天. 11 days.
- 国务院令第644号 (2013年12月11日, in force from 2014年1月1日): 春节3天 becomes 农历正月初一、初二、初三
  (除夕 is no longer a statutory day); the rest unchanged. 11 days.
- 国务院令第795号 (2024年11月10日, in force from 2025年1月1日): 春节4天（农历除夕、正月初一至初三）;
  劳动节2天（5月1日、2日）. 13 days. It also adds Art. 7: 放假调休 may form longer holidays, and
  除个别特殊情形外，法定节假日假期前后连续工作一般不超过6天.

Art. 6 (every version): a statutory day that falls on a Saturday or Sunday is made up on a working day
(应当在工作日补假). The yearly notice of the State Council's General Office (国务院办公厅关于X年部分
节假日安排的通知) then sets the actual rest periods and make-up working days (调休上班).

Lunar dates come from lunar-python (寿星天文历 based): 除夕 is the last day of the 12th lunar month
(腊月, 29 or 30 days), 端午 五月初五, 中秋 八月十五, 清明 the day of the solar term 清明.
Years are supported from 2000 (the first full year of the 1999 version) to 2100.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lunar_python import Lunar, Solar

FIRST_YEAR = 2000
LAST_YEAR = 2100

# Festival names as the yearly notices write them, in the order of Art. 2.
NEW_YEAR = "元旦"
SPRING = "春节"
QINGMING = "清明节"
LABOUR = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL = "国庆节"
FESTIVALS: tuple[str, ...] = (NEW_YEAR, SPRING, QINGMING, LABOUR, DRAGON_BOAT, MID_AUTUMN, NATIONAL)

# Other spellings met in notices, the 办法 itself (新年) and stored data (chinese-calendar writes 清明, 端午, 中秋).
ALIASES: dict[str, str] = {
    "新年": NEW_YEAR,
    "元旦节": NEW_YEAR,
    "清明": QINGMING,
    "劳动": LABOUR,
    "五一": LABOUR,
    "五一劳动节": LABOUR,
    "国际劳动节": LABOUR,
    "端午": DRAGON_BOAT,
    "中秋": MID_AUTUMN,
    "国庆": NATIONAL,
    "十一": NATIONAL,
}


@dataclass(frozen=True)
class FestivalRule:
    """One item of Art. 2: the festival, how many days, and the days as the 办法 words them."""

    name: str
    days: int
    wording: str  # e.g. "农历除夕、正月初一至初三"
    short: str  # for messages, e.g. "除夕至初三"


@dataclass(frozen=True)
class Regime:
    """One version of 《全国年节及纪念日放假办法》 and the statutory holidays it sets (its Art. 2)."""

    code: str  # "1999", "2008", "2014", "2025"
    decree: str  # 国务院令第N号
    promulgated: date
    effective: date
    rules: tuple[FestivalRule, ...]

    @property
    def total_days(self) -> int:
        return sum(rule.days for rule in self.rules)

    @property
    def festivals(self) -> tuple[str, ...]:
        return tuple(rule.name for rule in self.rules)

    @property
    def citation(self) -> str:
        """E.g. "《全国年节及纪念日放假办法》（国务院令第795号修订，2025年1月1日起施行）第二条"."""
        return (
            f"《全国年节及纪念日放假办法》（{self.decree}修订，"
            f"{self.effective.year}年{self.effective.month}月{self.effective.day}日起施行）第二条"
        )

    def rule(self, festival: str) -> FestivalRule | None:
        return next((r for r in self.rules if r.name == festival), None)


_NEW_YEAR = FestivalRule(NEW_YEAR, 1, "1月1日", "1月1日")
_QINGMING = FestivalRule(QINGMING, 1, "农历清明当日", "清明当日")
_DRAGON_BOAT = FestivalRule(DRAGON_BOAT, 1, "农历端午当日", "农历五月初五")
_MID_AUTUMN = FestivalRule(MID_AUTUMN, 1, "农历中秋当日", "农历八月十五")
_NATIONAL = FestivalRule(NATIONAL, 3, "10月1日、2日、3日", "10月1日至3日")

REGIMES: tuple[Regime, ...] = (
    Regime(
        "1999",
        "国务院令第270号",
        date(1999, 9, 18),
        date(1999, 9, 18),
        (
            _NEW_YEAR,
            FestivalRule(SPRING, 3, "农历正月初一、初二、初三", "初一至初三"),
            FestivalRule(LABOUR, 3, "5月1日、2日、3日", "5月1日至3日"),
            _NATIONAL,
        ),
    ),
    Regime(
        "2008",
        "国务院令第513号",
        date(2007, 12, 14),
        date(2008, 1, 1),
        (
            _NEW_YEAR,
            FestivalRule(SPRING, 3, "农历除夕、正月初一、初二", "除夕至初二"),
            _QINGMING,
            FestivalRule(LABOUR, 1, "5月1日", "5月1日"),
            _DRAGON_BOAT,
            _MID_AUTUMN,
            _NATIONAL,
        ),
    ),
    Regime(
        "2014",
        "国务院令第644号",
        date(2013, 12, 11),
        date(2014, 1, 1),
        (
            _NEW_YEAR,
            FestivalRule(SPRING, 3, "农历正月初一、初二、初三", "初一至初三"),
            _QINGMING,
            FestivalRule(LABOUR, 1, "5月1日", "5月1日"),
            _DRAGON_BOAT,
            _MID_AUTUMN,
            _NATIONAL,
        ),
    ),
    Regime(
        "2025",
        "国务院令第795号",
        date(2024, 11, 10),
        date(2025, 1, 1),
        (
            _NEW_YEAR,
            FestivalRule(SPRING, 4, "农历除夕、正月初一至初三", "除夕至初三"),
            _QINGMING,
            FestivalRule(LABOUR, 2, "5月1日、2日", "5月1日至2日"),
            _DRAGON_BOAT,
            _MID_AUTUMN,
            _NATIONAL,
        ),
    ),
)


def check_year_supported(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"只支持{FIRST_YEAR}年至{LAST_YEAR}年的节假日规则")


def regime(year: int) -> Regime:
    """The version of the 办法 in force for the festivals of ``year`` (every change took effect on 1 January,
    except 1999's, which was in force before 2000, the first year supported)."""
    check_year_supported(year)
    return [r for r in REGIMES if r.effective <= date(year, 1, 1)][-1]


def canonical_festival(name: str) -> str | None:
    """The Art. 2 festival a name stands for ("中秋" → "中秋节"), or None for any other name."""
    name = "".join(name.split()).strip("“”‘’「」\"'")
    for quote in "“”‘’「」\"'":
        name = name.replace(quote, "")
    if name.endswith("假期") and len(name) > 2:
        name = name[:-2]
    if name in FESTIVALS:
        return name
    return ALIASES.get(name)


def split_names(name: str) -> tuple[str, ...]:
    """The parts of a combined name as the notice writes it: "国庆节、中秋节" → ("国庆节", "中秋节")."""
    name = "".join(name.split())
    for sep in ("，", ",", "/", "与", "和", "及"):
        name = name.replace(sep, "、")
    return tuple(part for part in name.split("、") if part)


def festivals_named(name: str) -> tuple[str, ...]:
    """The Art. 2 festivals a (possibly combined) period name names, in the order written."""
    out: list[str] = []
    for part in split_names(name):
        festival = canonical_festival(part)
        if festival and festival not in out:
            out.append(festival)
    return tuple(out)


def notice_name(name: str) -> str:
    """A stored name spelt as the notices write it: "中秋" → "中秋节", "国庆、中秋" → "国庆节、中秋节";
    other names (e.g. a special commemoration) are kept, without stray spaces."""
    parts = split_names(name)
    return "、".join(canonical_festival(p) or p for p in parts)


def _lunar_to_solar(lunar_year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(lunar_year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def spring_festival(year: int) -> date:
    """农历正月初一 of the lunar year that starts in ``year``."""
    check_year_supported(year)
    return _lunar_to_solar(year, 1, 1)


def chuxi(year: int) -> date:
    """农历除夕: the last day of 腊月 before the Spring Festival of ``year`` (腊月廿九 or 三十)."""
    return spring_festival(year) - timedelta(days=1)


def dragon_boat(year: int) -> date:
    check_year_supported(year)
    return _lunar_to_solar(year, 5, 5)


def mid_autumn(year: int) -> date:
    check_year_supported(year)
    return _lunar_to_solar(year, 8, 15)


def qingming(year: int) -> date:
    """The day of the solar term 清明 (4 to 6 April), Beijing time."""
    check_year_supported(year)
    solar = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _span(first: date, days: int) -> tuple[date, ...]:
    return tuple(first + timedelta(days=i) for i in range(days))


def statutory_days(year: int) -> dict[str, tuple[date, ...]]:
    """Festival → its statutory rest days in ``year`` under the version of the 办法 in force (Art. 2).

    Keys are in the order of Art. 2 and spelt as the notices write them. Days of two festivals can
    coincide (2001, 2020: 中秋 on 10月1日); each festival still lists its own.
    """
    version = regime(year)
    out: dict[str, tuple[date, ...]] = {}
    for rule in version.rules:
        if rule.name == NEW_YEAR:
            out[rule.name] = (date(year, 1, 1),)
        elif rule.name == SPRING:
            first = chuxi(year) if rule.wording.startswith("农历除夕") else spring_festival(year)
            out[rule.name] = _span(first, rule.days)
        elif rule.name == QINGMING:
            out[rule.name] = (qingming(year),)
        elif rule.name == LABOUR:
            out[rule.name] = _span(date(year, 5, 1), rule.days)
        elif rule.name == DRAGON_BOAT:
            out[rule.name] = (dragon_boat(year),)
        elif rule.name == MID_AUTUMN:
            out[rule.name] = (mid_autumn(year),)
        elif rule.name == NATIONAL:
            out[rule.name] = _span(date(year, 10, 1), rule.days)
    return out
