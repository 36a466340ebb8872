"""Malformed document numbers (文号) and impossible dates.

文号 follow GB/T 9704-2012《党政机关公文格式》7.2.4: the year in full, in hexagonal brackets
〔〕; the serial without 第 and without leading zeros (1, not 01); then 号. A number written with
[] () 【】 ［］ （） or the half-width variants, with 第, with a two-digit year or a padded serial is
reported with the standard form as its suggestion.

Dates written as 2024年2月30日 (or with Chinese numerals, 二〇二四年二月三十日) are checked to
exist; 13月 or 2月30日 is reported.
"""

from __future__ import annotations

import calendar
import re

from ..docnumber import parse_doc_number
from .findings import Check, Finding, Severity

_OPEN = "〔［\\[（(【﹝{"
_CLOSE = "〕］\\]）)】﹞}"
# Anchored on the bracketed year (a fast scan); the issuer prefix is read backwards from there.
_DOC_NUMBER = re.compile(
    rf"(?P<open>[{_OPEN}])\s*(?P<year>\d{{2,4}})\s*(?P<close>[{_CLOSE}])\s*(?P<di>第)?\s*(?P<serial>\d{{1,5}})\s*号"
)
_PREFIX = re.compile(r"[\u4e00-\u9fff]{0,11}[发函字办令告报]\s*$")
# Words that run into an issuer prefix in a sentence (根据鲁政办发〔2024〕2号): not part of it.
_LEAD_WORDS = (
    "根据",
    "依据",
    "按照",
    "参照",
    "执行",
    "关于",
    "贯彻",
    "落实",
    "转发",
    "印发",
    "详见",
    "见",
    "即",
    "和",
    "及",
    "与",
    "或",
    "以",
)


def _issuer_prefix(found: str) -> tuple[int, str]:
    """The prefix without leading sentence words, and how many characters were cut."""
    prefix = found.rstrip()
    cut = prefix.rfind("号") + 1  # the end of a number just before (…2号和国办发〔2019〕23号)
    prefix = prefix[cut:]
    stripped = True
    while stripped:
        stripped = False
        for word in _LEAD_WORDS:
            if prefix.startswith(word) and len(prefix) - len(word) >= 2:
                prefix, cut, stripped = prefix[len(word) :], cut + len(word), True
                break
    return cut, prefix


_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMERAL = "〇零○Ｏ一二三四五六七八九十"
# Anchored on 年 (a fast scan); the year is read backwards from there.
_DATE = re.compile(rf"年\s*(?P<month>\d{{1,2}}|[{_NUMERAL}]{{1,3}})\s*月\s*(?P<day>\d{{1,2}}|[{_NUMERAL}]{{1,3}})\s*日")
_YEAR = re.compile(rf"(?<![\d{_NUMERAL[:-1]}])(?:\d{{4}}|[{_NUMERAL[:-1]}]{{4}})\s*$")


def find_malformed_doc_numbers(text: str) -> list[Finding]:
    findings = []
    for match in _DOC_NUMBER.finditer(text):
        before = _PREFIX.search(text, max(match.start() - 13, 0), match.start())
        if before is None:
            continue
        cut, prefix = _issuer_prefix(before.group())
        start = before.start() + cut
        year_text, serial_text = match["year"], match["serial"]
        problems = []
        if match["open"] != "〔" or match["close"] != "〕":
            problems.append("年份应用六角括号“〔〕”括入")
        if len(year_text) != 4:
            problems.append("年份应标全称")
        if match["di"]:
            problems.append("发文顺序号不加“第”字")
        if len(serial_text) > 1 and serial_text.startswith("0"):
            problems.append("发文顺序号不编虚位")
        whole = text[start : match.end()]
        spaced = whole != f"{prefix}{match['open']}{year_text}{match['close']}{match['di'] or ''}{serial_text}号"
        if spaced:
            problems.append("文号中不留空格")
        if not problems:
            continue
        parsed = parse_doc_number(whole)  # the one 文号 parser: its normal form is the suggestion
        suggestion = parsed.normalised if parsed is not None else ""
        findings.append(
            Finding(
                Check.FORMAT,
                "doc_number",
                Severity.WARNING,
                start,
                match.end(),
                whole,
                suggestion,
                "；".join(problems) + "（GB/T 9704-2012 7.2.4）",
            )
        )
    return findings


def chinese_number(text: str) -> int | None:
    """二〇二四 → 2024 (digit by digit), 三十一 → 31, 十二 → 12; arabic digits as they are."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        if all(char in _DIGITS for char in text):
            return int("".join(str(_DIGITS[char]) for char in text))
        return None
    tens, _, units = text.partition("十")
    if (tens and tens not in _DIGITS) or (units and units not in _DIGITS):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def find_impossible_dates(text: str) -> list[Finding]:
    findings = []
    for match in _DATE.finditer(text):
        before = _YEAR.search(text, max(match.start() - 6, 0), match.start())
        if before is None:
            continue
        year = chinese_number(before.group().strip())
        month, day = chinese_number(match["month"]), chinese_number(match["day"])
        if year is None or month is None or day is None:
            continue
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            continue
        note = "月份不存在" if not 1 <= month <= 12 else f"{year}年{month}月没有{day}日"
        findings.append(
            Finding(
                Check.FORMAT,
                "date",
                Severity.ERROR,
                before.start(),
                match.end(),
                text[before.start() : match.end()],
                "",
                note,
            )
        )
    return findings
