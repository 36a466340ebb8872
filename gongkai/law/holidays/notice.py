"""Reading the State Council's yearly notice (国务院办公厅关于X年部分节假日安排的通知) into periods.

The notices write one item per festival, numbered 一、二、…:

    一、元旦：1月1日（周三）放假1天，不调休。
    二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、
    2月8日（周六）上班。
    六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。

and older ones "清明节：4月5日放假，4月6日（星期一）补休。", "元旦：2018年12月30日至2019年1月1日放假调休，
共3天。2018年12月29日（星期六）上班。". The reader accepts full-width and half-width digits and
punctuation, "至8日" without a month, ranges across months and years, "—" or "～" for 至, missing
"（周X）", line breaks inside items, pasted HTML with tags and extra spaces; the addressee line, the
introduction and the closing paragraph (节假日期间，各地区、各部门要妥善安排好值班……) are ignored.

It checks what the notice says about itself: "共X天" against the range, "（周X）" against the date's
weekday, "农历除夕" against the lunar calendar. Each disagreement or unreadable sentence is a
``Problem`` quoting the text; nothing is guessed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from lunar_python import Solar

from .schedule import MakeupDay, Problem, RestPeriod, date_range, is_weekend, md, weekday_name
from .statutory import FIRST_YEAR, LAST_YEAR, chuxi, festivals_named, notice_name

NUMERALS = "一二三四五六七八九十"
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

TITLE = re.compile(r"国务院办公厅关于(\d{4})年部分节假日安排的通知")
DOCUMENT = re.compile(r"(国办发明电|国办发|国发明电)[〔\[(【](\d{4})[〕\])】](\d{1,3})号")
# an item: "一、元旦:" (numbering optional); the name is Chinese text, possibly combined with 、
HEAD = re.compile(
    rf"(?:([{NUMERALS}]{{1,3}}、)|(?:^|(?<=[。;!])))([\u4e00-\u9fff“‘「\"'][\u4e00-\u9fff0-9、·“”‘’「」\"']{{0,59}}?):"
)
LINE_HEAD = re.compile(rf"\n\s*(?=(?:[{NUMERALS}]{{1,3}}、)?[\u4e00-\u9fff“][\u4e00-\u9fff0-9、·“”]{{0,40}}:)")
EXTENSION = re.compile(r"延长(?:(\d{4})年)?([\u4e00-\u9fff]{2,10}?)假期至(\d{1,2})月(\d{1,2})日")
NOT_HEADS = ("其中",)  # "其中：4月4日（清明节）为法定节假日……" (2008) explains the item before it
# the closing paragraph and the signature, cut from the last item
CLOSING = re.compile(r"节假日期间|调休放假期间|国务院(?:办公厅)?\d{4}年\d{1,2}月|各地区、各部门要")
# a notice of the State Council for one special rest day (2015: 国发明电〔2015〕1号) has no items
SPECIAL_TITLE = re.compile(r"国务院关于(.{2,60}?)(?:调休)?放假的通知")
# clauses that explain rather than arrange (2008: "其中，1月1日（星期二）为法定假日，12月30日（星期日）为公休日，
# 12月29日（星期六）公休日调至12月31日（星期一）"); the arrangement follows in its own sentence
EXPLANATION = ("为法定假日", "为法定节假日", "为公休日", "调至")
# sentences that encourage rather than arrange (2024: "鼓励各单位……安排职工在除夕（2月9日）休息")
ENCOURAGEMENT = ("鼓励",)
DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]*)\))?")
RANGE_SEP = re.compile(r"^(?:至|到|—|–|-|~|－)+")
COUNT = re.compile(r"共([0-9一二两三四五六七八九十]{1,3})天")
DAYS_OFF = re.compile(r"放假([0-9一二两三四五六七八九十]{1,3})天")
# "（农历腊月二十八、周日）", "（农历正月初七、周二）"
LUNAR_NOTE = re.compile(r"农历(闰?[正一二三四五六七八九十冬腊]{1,2})月((?:初|十|二十|廿|三十)[一二三四五六七八九十]?)")
LUNAR_MONTHS = {"一": "正", "十一": "冬", "十二": "腊"}
REST_WORDS = ("放假", "补休", "休息", "调休", "公休", "连休")
WORK_WORDS = ("上班",)


@dataclass(frozen=True)
class NoticeItem:
    """One item as read: its name, its text (normalised), the rest days and make-up days it gives."""

    name: str
    text: str
    rest_days: tuple[date, ...]
    makeup_days: tuple[date, ...]


@dataclass(frozen=True)
class ParsedNotice:
    year: int | None
    periods: tuple[RestPeriod, ...]
    makeup_days: tuple[MakeupDay, ...]
    problems: tuple[Problem, ...]
    title: str = ""  # "国务院办公厅关于2025年部分节假日安排的通知"
    document: str = ""  # 文号, e.g. "国办发明电〔2024〕12号"
    items: tuple[NoticeItem, ...] = field(default=())
    # a notice that extends a holiday already set (国办发明电〔2020〕1号: "延长2020年春节假期至2月2日"):
    # (festival as written, new last day); apply it with ``apply_extension``
    extensions: tuple[tuple[str, date], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def apply_extension(
    periods: Sequence[RestPeriod], makeup_days: Sequence[MakeupDay], name: str, until: date
) -> tuple[list[RestPeriod], list[MakeupDay]]:
    """The arrangement after "延长{name}假期至{until}": the period of that festival ends on ``until`` and the
    make-up days it now covers are no longer worked (2020: 春节 to 2月2日, the 2月1日 make-up day cancelled).
    Raises ``ValueError`` (in Chinese) when no period of that festival ends before ``until``."""
    wanted = festivals_named(name) or (name,)
    target = next((p for p in periods if (set(p.festivals) & set(wanted) or p.name == name) and p.start <= until), None)
    if target is None or until <= target.end:
        raise ValueError(f"没有可以延长至{until.month}月{until.day}日的“{name}”放假时段")
    longer = RestPeriod(target.name, target.start, until)
    return (
        [longer if p is target else p for p in periods],
        [m for m in makeup_days if m.date not in longer],
    )


def normalise(text: str) -> str:
    """Half-width forms (NFKC: "１月２日（周二）：" → "1月2日(周二):"), HTML tags and entities removed,
    all whitespace removed (Chinese text has none that matters; pasted pages have plenty)."""
    text = html.unescape(text)
    text = re.sub(r"<[^>]*>", "\n", text)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("【", "〔").replace("】", "〕")
    # a line that starts with "春节：" starts an item even when the line before has no "。"
    text = LINE_HEAD.sub("。", text)
    return re.sub(r"\s+", "", text)


def _number(token: str) -> int:
    if token.isdigit():
        return int(token)
    if "十" in token:
        tens, _, ones = token.partition("十")
        return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return CN_DIGITS.get(token, 0)


@dataclass
class _Mention:
    day: date
    note: str
    end: int  # offset after the mention in the clause
    start: int


def _find_year(text: str, year: int | None, problems: list[Problem]) -> int | None:
    title = TITLE.search(text)
    found = int(title.group(1)) if title else None
    if year is not None and found is not None and found != year:
        problems.append(Problem("year_mismatch", f"通知标题是{found}年的安排，而录入的是{year}年"))
    chosen = year if year is not None else found
    if chosen is None:
        years = [int(y) for y in re.findall(r"(\d{4})年", text)]
        chosen = max(set(years), key=years.count) if years else None
    if chosen is None:
        problems.append(Problem("no_year", "看不出这是哪一年的安排：请写明年份或贴上通知标题"))
        return None
    if not FIRST_YEAR <= chosen <= LAST_YEAR:
        problems.append(Problem("no_year", f"{chosen}年不在可录入的年份（{FIRST_YEAR}年至{LAST_YEAR}年）内"))
        return None
    return chosen


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    """Read a pasted notice into rest periods and make-up days (see the module docstring).

    ``year``: the year being entered; without it the year comes from the title ("关于2025年部分节假日
    安排的通知") or the text. Never raises on bad text: what it cannot read is a ``Problem``.
    """
    problems: list[Problem] = []
    flat = normalise(text or "")
    title_match = TITLE.search(flat)
    title = title_match.group(0) if title_match else ""
    doc_match = DOCUMENT.search(flat)
    document = f"{doc_match.group(1)}〔{doc_match.group(2)}〕{doc_match.group(3)}号" if doc_match else ""
    the_year = _find_year(flat, year, problems)
    if the_year is None:
        return ParsedNotice(year, (), (), tuple(problems), title, document)

    body = flat
    if title_match:
        body = body.replace(title_match.group(0), "。")
    if doc_match:
        body = body.replace(doc_match.group(0), "。")
    heads = [h for h in HEAD.finditer(body) if h.group(2) not in NOT_HEADS]
    items: list[NoticeItem] = []
    periods: list[RestPeriod] = []
    makeups: list[MakeupDay] = []
    for i, head in enumerate(heads):
        name = re.sub("[“”‘’「」\"']", "", head.group(2))
        numbered = re.search(rf"[{NUMERALS}]{{1,3}}、(?=[^、]*$)", name)
        if numbered and not head.group(1):
            name = name[numbered.end() :]
        text_end = heads[i + 1].start() if i + 1 < len(heads) else len(body)
        item_text = _until_closing(body[head.end() : text_end])
        arranges = DATE.search(item_text) and any(w in item_text for w in (*REST_WORDS, *WORK_WORDS))
        if not (head.group(1) or festivals_named(name) or arranges):
            continue  # a colon in other text
        items.append(_read_item(name, item_text, the_year, problems))
    special = SPECIAL_TITLE.search(flat)
    if not items and special:
        # one special rest day (国发明电〔2015〕1号): the whole text after the addressee is its item
        start = body.find(":", special.end())
        items.append(_read_item(special.group(1), _until_closing(body[start + 1 :]), the_year, problems))
    for item in items:
        periods.extend(_runs(item.name, item.rest_days, set(item.makeup_days)))
        makeups.extend(MakeupDay(d, item.name) for d in item.makeup_days)
    extensions = _extensions(flat, the_year, problems)
    if not items and not extensions:
        problems.append(Problem("no_items", "没有找到放假安排：应为“一、元旦：1月1日放假……”这样按节日分条的文字"))
    periods.sort(key=lambda p: p.start)
    makeups.sort(key=lambda m: m.date)
    return ParsedNotice(
        the_year, tuple(periods), tuple(makeups), tuple(problems), title, document, tuple(items), extensions
    )


def _extensions(flat: str, year: int, problems: list[Problem]) -> tuple[tuple[str, date], ...]:
    out: list[tuple[str, date]] = []
    for found in EXTENSION.finditer(flat):
        try:
            until = date(int(found.group(1) or year), int(found.group(3)), int(found.group(4)))
        except ValueError:
            problems.append(Problem("bad_date", f"“{found.group(0)}”不是有效日期"))
            continue
        out.append((notice_name(found.group(2)), until))
    return tuple(out)


def _until_closing(text: str) -> str:
    closing = CLOSING.search(text)
    return text[: closing.start()] if closing else text


def _runs(name: str, days: tuple[date, ...], makeups: set[date]) -> list[RestPeriod]:
    """Consecutive rest days (a Saturday/Sunday gap that is not a make-up day is bridged) → periods."""
    out: list[RestPeriod] = []
    for day in sorted(set(days)):
        if out:
            last = out[-1]
            gap = [last.end + timedelta(days=k) for k in range(1, (day - last.end).days)]
            if all(is_weekend(g) and g not in makeups for g in gap):
                out[-1] = RestPeriod(name, last.start, day)
                continue
        out.append(RestPeriod(name, day, day))
    return out


def _adjacent_weekend(first: date, last: date) -> list[date]:
    """ "与周末连休": the Saturday and Sunday next to the rest days join them — within the same year: the
    2024 notice's "1月1日放假，与周末连休" does not set 2023年12月30日、31日 (a weekend, rest anyway, and a
    day of the 2023 schedule)."""
    out: list[date] = []
    day = first - timedelta(days=1)
    while is_weekend(day) and day.year == first.year:
        out.append(day)
        day -= timedelta(days=1)
    day = last + timedelta(days=1)
    while is_weekend(day) and day.year == last.year:
        out.append(day)
        day += timedelta(days=1)
    return out


def _clauses(text: str) -> list[str]:
    """Sentences and clauses, split at 。 ; , outside parentheses."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "。;,!":
            out.append("".join(current))
            current = []
            if ch in "。;!":
                out.append("。")  # sentence boundary marker
            continue
        current.append(ch)
    out.append("".join(current))
    return [c for c in out if c]


def _read_item(name: str, text: str, year: int, problems: list[Problem]) -> NoticeItem:
    return _ItemReader(name, year, problems).read(text)


class _ItemReader:
    """One item, clause by clause: dates with a 放假/补休/公休… word are rest days, with 上班 make-up days.

    A clause with dates but no such word waits for the next clause of its sentence to say which
    ("1月28日至2月4日，放假调休"); if none does, it is quoted as unreadable. Explanations ("为法定假日",
    "调至") and encouragements ("鼓励……休息") arrange nothing and are skipped.
    """

    def __init__(self, name: str, year: int, problems: list[Problem]) -> None:
        self.name, self.year, self.problems = name, year, problems
        self.rest: list[date] = []
        self.work: list[date] = []
        self.last_range: tuple[date, date] | None = None  # the rest range "共N天" refers to
        self.pending: list[tuple[list[date], str]] = []  # dates of clauses without a word, waiting for one
        self.previous: date | None = None  # the last date read: "至8日" takes its month and year
        self.skip_sentence = False  # an encouragement: nothing in it is arranged
        self.restated = False  # a sentence "其中……" restates days that the item also says plainly
        self.sentence_start = True

    def read(self, text: str) -> NoticeItem:
        for clause in _clauses(text):
            if clause == "。":
                self.end_sentence()
            else:
                self.clause(clause)
        self.end_sentence()
        if not self.rest:
            self.problems.append(Problem("no_rest_days", f"“{self.name}”一条没有读到放假日期：“{text[:60]}”"))
        return NoticeItem(self.name, text, tuple(sorted(set(self.rest))), tuple(sorted(set(self.work))))

    def end_sentence(self) -> None:
        if not self.restated:
            for _dates, quoted in self.pending:
                self.problems.append(
                    Problem("unreadable", f"“{self.name}”一条中无法识别：“{quoted}”（没有写放假还是上班）")
                )
        self.pending = []
        self.skip_sentence = self.restated = False
        self.sentence_start = True

    def clause(self, clause: str) -> None:
        if self.sentence_start and clause.startswith("其中"):
            self.restated = True  # "其中，1日、2日、3日为法定假日……"
        self.sentence_start = False
        if self.skip_sentence or any(w in clause for w in ENCOURAGEMENT):
            self.skip_sentence = True
            return
        if any(w in clause for w in EXPLANATION):
            self.pending = []  # "4月4日（清明节），为法定节假日": the dates before were its subject
            return
        mentions = self.mentions(clause)
        is_work = any(w in clause for w in WORK_WORDS)
        is_rest = not is_work and any(w in clause for w in REST_WORDS)
        count = COUNT.search(clause) or DAYS_OFF.search(clause)
        if not mentions:
            if count and self.last_range is not None:
                _check_count(self.name, self.last_range, _number(count.group(1)), self.problems, self.year)
            if (is_rest or is_work) and self.pending:
                for dates, _ in self.pending:
                    (self.work if is_work else self.rest).extend(dates)
                self.pending = []
            elif "与周末连休" in clause and self.rest:
                self.rest.extend(_adjacent_weekend(min(self.rest), max(self.rest)))
            return
        days, ranges = _expand(self.name, mentions, clause, self.problems, self.year)
        if not days:
            return
        if count:
            # "共8天" counts the range written before it (in this clause, or the clause before)
            before = [r for r in ranges if r[2] <= count.start()]
            if before:
                self.last_range = (before[-1][0], before[-1][1])
            if self.last_range is not None:
                _check_count(self.name, self.last_range, _number(count.group(1)), self.problems, self.year)
        if is_work:
            self.work.extend(days)
            return
        self.last_range = (ranges[-1][0], ranges[-1][1])
        if is_rest:
            self.rest.extend(days)
            if "与周末连休" in clause:
                self.rest.extend(_adjacent_weekend(min(days), max(days)))
        else:
            self.pending.append((days, clause))

    def mentions(self, clause: str) -> list[_Mention]:
        out: list[_Mention] = []
        for m in DATE.finditer(clause):
            d = int(m.group(3))
            if m.group(1):
                yy, mo = int(m.group(1)), int(m.group(2) or 0)
            elif m.group(2):
                mo = int(m.group(2))
                # "12月31日（星期六）上班" in the 元旦 item: the December before the notice's year
                yy = self.year - 1 if "元旦" in self.name and mo == 12 else self.year
            elif self.previous is not None:
                yy, mo = self.previous.year, self.previous.month
            else:
                self.problems.append(Problem("unreadable", f"“{self.name}”一条中“{m.group(0)}”没有写月份"))
                continue
            try:
                day = date(yy, mo, d)
            except ValueError:
                self.problems.append(Problem("bad_date", f"“{self.name}”一条中“{m.group(0)}”不是有效日期"))
                continue
            self.previous = day
            out.append(_Mention(day, m.group(4) or "", m.end(), m.start()))
            _check_note(self.name, day, m.group(4) or "", self.problems, self.year)
        return out


def _expand(
    name: str, mentions: list[_Mention], clause: str, problems: list[Problem], year: int
) -> tuple[list[date], list[tuple[date, date, int]]]:
    """Dates of one clause: "A至B" is the range A..B, other mentions single days; each range with the
    offset in the clause where it ends."""
    days: list[date] = []
    ranges: list[tuple[date, date, int]] = []
    i = 0
    while i < len(mentions):
        here = mentions[i]
        if i + 1 < len(mentions) and RANGE_SEP.match(clause[here.end : mentions[i + 1].start]):
            there = mentions[i + 1]
            start, end = here.day, there.day
            if end < start and start.month == 12 and end.month == 1 and end.year == start.year:
                end = end.replace(year=start.year + 1)
            if end < start or (end - start).days > 31:
                problems.append(
                    Problem("bad_range", f"“{name}”一条中“{clause}”的日期范围不对：{md(start, year)}至{md(end, year)}")
                )
                i += 2
                continue
            days.extend(start + timedelta(days=k) for k in range((end - start).days + 1))
            ranges.append((start, end, there.end))
            i += 2
            continue
        days.append(here.day)
        ranges.append((here.day, here.day, here.end))
        i += 1
    return days, ranges


def _check_count(name: str, rng: tuple[date, date], stated: int, problems: list[Problem], year: int) -> None:
    start, end = rng
    actual = (end - start).days + 1
    if stated != actual:
        problems.append(
            Problem(
                "count_mismatch",
                f"“{name}”写共{stated}天，但{date_range(start, end, year)}是{actual}天",
            )
        )


def _check_note(name: str, day: date, note: str, problems: list[Problem], year: int) -> None:
    """ "（周二）" must be the date's weekday; "农历除夕" must be 除夕, "农历腊月二十八" that lunar date.
    A note of a range ("即农历除夕至正月初六", 2008) is not checked against one of its ends."""
    if "至" in note:
        return
    found = re.search(r"(?:周|星期|礼拜)([一二三四五六日天])", note)
    if found and WEEKDAYS[found.group(1)] != day.weekday():
        problems.append(
            Problem(
                "weekday_mismatch",
                f"“{name}”一条写{md(day, year)}是{found.group(0)}，但{md(day, year)}是{weekday_name(day)}",
            )
        )
    if "除夕" in note and FIRST_YEAR <= day.year <= LAST_YEAR:
        eve = chuxi(day.year) if day.month <= 2 else None
        if eve != day:
            actual = md(eve, year) if eve else "1月或2月的一天"
            problems.append(
                Problem("lunar_mismatch", f"“{name}”一条写{md(day, year)}是农历除夕，但{day.year}年的除夕是{actual}")
            )
        return
    written = LUNAR_NOTE.search(note)
    if written:
        stated = _lunar_words(written.group(1), written.group(2))
        actual = lunar_date(day)
        if stated != actual:
            problems.append(
                Problem(
                    "lunar_mismatch",
                    f"“{name}”一条写{md(day, year)}是农历{written.group(1)}月{written.group(2)}，"
                    f"但{md(day, year)}是农历{actual}",
                )
            )


def lunar_date(day: date) -> str:
    """The lunar date as notices write it: "腊月二十八", "正月初七", "闰二月初一"."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    return _lunar_words(lunar.getMonthInChinese(), lunar.getDayInChinese())


def _lunar_words(month: str, day: str) -> str:
    leap = "闰" if month.startswith("闰") else ""
    plain = month.removeprefix("闰")
    return f"{leap}{LUNAR_MONTHS.get(plain, plain)}月{day.replace('廿', '二十')}"
