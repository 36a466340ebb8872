"""Remove personal data from a request's text, for the case library (precedents without people).

Unlike the pre-publication checks (``gongkai.text.checks.privacy``), which report only what is
certainly personal data for a reviewer to decide, this removes generously: every 15- or 18-digit
identity number whether or not its check digit is right, every mobile and landline number, bank
card numbers, e-mail addresses, home addresses, the names and addresses the caller knows (the
applicant's own), and a name after a cue such as 本人/我叫/姓名 when it starts with a common
surname. Each removal leaves a bracketed placeholder, so the request still reads as a request.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .checks.privacy import find_addresses

NAME = "〔姓名〕"
ID_NUMBER = "〔证件号码〕"
PHONE = "〔电话〕"
CARD = "〔银行卡号〕"
EMAIL = "〔电子邮箱〕"
ADDRESS = "〔地址〕"

_ID = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![\d-])\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?![\d-])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(?:\(?0\d{2,3}\)?[- ]?)\d{7,8}(?:[-转]\d{1,6})?(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# The hundred most common surnames (about 85% of the population), and the compound ones.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙")
_CUE = re.compile(
    r"(?:本人|我叫|我是|申请人|姓名|联系人|委托人|代理人|当事人)[：: ]?"
    rf"(?P<name>(?:{'|'.join(_COMPOUND)}|[{_SURNAMES}])[\u4e00-\u9fff]{{1,2}})"
    r"(?=[，,。；;、（(\s]|$|，|的|向|申请|身份|电话|联系|住|现|于|因|同志|先生|女士)"
)


_ADDRESS_LEAD = re.compile(r"(?:居住于|居住在|住在|住址|位于|家住|住|在|于)[：:]?")


@dataclass(frozen=True)
class Anonymised:
    text: str
    removed: dict[str, int]  # placeholder → how many were put in


def _sub(pattern: re.Pattern[str], placeholder: str, text: str, tally: Counter[str]) -> str:
    text, count = pattern.subn(placeholder, text)
    tally[placeholder] += count
    return text


def _known(text: str, values: Iterable[str], placeholder: str, tally: Counter[str]) -> str:
    for value in sorted({v.strip() for v in values if len(v.strip()) >= 2}, key=len, reverse=True):
        count = text.count(value)
        if count:
            text = text.replace(value, placeholder)
            tally[placeholder] += count
    return text


def anonymise(text: str, *, names: Iterable[str] = (), addresses: Iterable[str] = ()) -> Anonymised:
    """``text`` with personal data replaced by placeholders; ``names``/``addresses``: known ones."""
    tally: Counter[str] = Counter()
    text = _known(text, addresses, ADDRESS, tally)
    text = _known(text, names, NAME, tally)
    text = _sub(_EMAIL, EMAIL, text, tally)
    text = _sub(_ID, ID_NUMBER, text, tally)
    text = _sub(_CARD, CARD, text, tally)
    text = _sub(_MOBILE, PHONE, text, tally)
    text = _sub(_LANDLINE, PHONE, text, tally)
    for found in reversed(find_addresses(text)):
        lead = _ADDRESS_LEAD.match(text, found.start, found.end)
        start = lead.end() if lead else found.start
        text = text[:start] + ADDRESS + text[found.end :]
        tally[ADDRESS] += 1

    def cue(match: re.Match[str]) -> str:
        tally[NAME] += 1
        return match.group(0).replace(match.group("name"), NAME)

    text = _CUE.sub(cue, text)
    return Anonymised(text, {key: count for key, count in tally.items() if count})
