"""Personal data in a text that is about to be published (Art. 15; 先审查、后公开).

Each finder looks for one kind and validates what it finds, so that numbers that merely look
alike do not fire: resident identity numbers by the GB 11643 check digit and birth date
(python-stdnum ``cn.ric``), bank card numbers by the Luhn digit and an issuer prefix, mobile
numbers by the numbering plan (1[3-9]xxxxxxxxx). E-mail addresses of government domains
(``.gov.cn``) are the office's published contact, not personal data. A home address is recognised
by its room or unit number (…路12号3单元502室), which an office address does not carry.
Positions are those of the original text; ``found`` is masked except for its ends.
"""

from __future__ import annotations

import bisect
import re

from stdnum import luhn
from stdnum.cn import ric

from .findings import Check, Finding, Severity

# Candidate places: runs of at least 11 digits (spaces and hyphens inside allowed). Scanning for
# them first and applying the exact patterns only there keeps a 1 MB text fast.
_DIGIT_RUN = re.compile(r"\d(?:[ -]?\d){10,}")
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
# The number itself, after no digit or after the country code (+86, 86, with or without a space).
_MOBILE = re.compile(r"(?:(?<!\d)|(?<=(?<!\d)86)|(?<=86[- ]))1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_CARD = re.compile(r"(?<![\d-])(\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4,7})(?![\d-])")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_CJK = r"[\u4e00-\u9fff]"
# Anchored on the street or estate word, so the scan is fast; the place name before it is added
# afterwards (up to 12 characters), for the reviewer to see the whole address.
_ADDRESS = re.compile(
    r"(?:路|街|巷|道|胡同|小区|花园|公寓|村)\d{1,5}号"
    rf"(?:院|{_CJK}{{0,8}})?(?:\d{{1,3}}(?:号楼|栋|幢|座|号院))?(?:\d{{1,2}}单元)?\d{{1,5}}(?:室|户)"
)
_PLACE_BEFORE = re.compile(rf"{_CJK}{{1,12}}$")
# An office's own address (…政府办公楼302室, …服务中心2楼201室) is published on purpose.
_INSTITUTIONAL = re.compile(r"政府|办公|大厦|大楼|中心|机关|服务|委员会|管理局")
# Card issuers: China UnionPay (62), Visa (4), Mastercard (51-55, 22-27), American Express (34, 37),
# JCB (35). A Luhn-valid number with another prefix is more likely a serial than a card.
_CARD_PREFIX = re.compile(r"^(?:62|4|5[1-5]|2[2-7]|3[457])")
_GOV_MAIL = re.compile(r"\.gov\.cn$", re.IGNORECASE)


def mask(value: str) -> str:
    """``110105********002X``: keep a few characters at each end."""
    keep = 3 if len(value) <= 11 else 4
    return (
        value[:keep] + "*" * max(len(value) - 2 * keep, 0) + value[-keep:]
        if len(value) > 2 * keep
        else "*" * len(value)
    )


def _digit_runs(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _DIGIT_RUN.finditer(text)]


def _runs(text: str, runs: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """The digit runs given by ``find_personal_data`` (one scan for three finders), else scan."""
    return runs if runs is not None else _digit_runs(text)


def find_resident_ids(text: str, runs: list[tuple[int, int]] | None = None) -> list[Finding]:
    return [
        _finding("resident_id", match.start(1), match.end(1), match.group(1))
        for start, end in _runs(text, runs)
        if end - start >= 17
        for match in _ID.finditer(text, max(start - 1, 0), end + 2)
        if ric.is_valid(match.group(1))
    ]


def find_mobiles(text: str, runs: list[tuple[int, int]] | None = None) -> list[Finding]:
    return [
        _finding("mobile", match.start(), match.end(), match.group())
        for start, end in _runs(text, runs)
        for match in _MOBILE.finditer(text, max(start - 4, 0), end + 1)
    ]


def find_bank_cards(text: str, runs: list[tuple[int, int]] | None = None) -> list[Finding]:
    found = []
    for match in (
        match
        for start, end in _runs(text, runs)
        if end - start >= 16
        for match in _CARD.finditer(text, max(start - 1, 0), end + 1)
    ):
        digits = re.sub(r"[ -]", "", match.group(1))
        if (
            16 <= len(digits) <= 19
            and _CARD_PREFIX.match(digits)
            and luhn.is_valid(digits)
            and not ric.is_valid(digits)
        ):
            found.append(_finding("bank_card", match.start(1), match.end(1), match.group(1)))
    return found


def find_emails(text: str) -> list[Finding]:
    if "@" not in text:
        return []
    return [
        _finding("email", match.start(), match.end(), match.group())
        for match in _EMAIL.finditer(text)
        if not _GOV_MAIL.search(match.group())
    ]


def find_addresses(text: str) -> list[Finding]:
    found = []
    for match in _ADDRESS.finditer(text):
        before = _PLACE_BEFORE.search(text, max(match.start() - 12, 0), match.start())
        if before is None:  # 路12号3单元502室 alone: not an address in running text
            continue
        start = before.start()
        if _INSTITUTIONAL.search(text, start, match.end()):
            continue
        found.append(_finding("address", start, match.end(), text[start : match.end()]))
    return found


def find_personal_data(text: str) -> list[Finding]:
    """Every kind, in text order; an identity number is not also reported as a card or a phone."""
    runs = _digit_runs(text)  # one scan for the three number finders
    findings = find_resident_ids(text, runs) + find_bank_cards(text, runs) + find_emails(text) + find_addresses(text)
    taken = sorted((finding.start, finding.end) for finding in findings)
    starts = [start for start, _ in taken]

    def inside_taken(phone: Finding) -> bool:
        index = bisect.bisect_right(starts, phone.start) - 1
        return index >= 0 and taken[index][1] >= phone.end  # found spans never overlap each other

    findings += [phone for phone in find_mobiles(text, runs) if not inside_taken(phone)]
    return sorted(findings, key=lambda finding: (finding.start, finding.end))


# An identity, phone or card number published by mistake must be removed before release; an
# e-mail or an address may be a firm's published contact, so the reviewer decides.
_SEVERITY = {"email": Severity.WARNING, "address": Severity.WARNING}


def _finding(category: str, start: int, end: int, value: str) -> Finding:
    return Finding(Check.PRIVACY, category, _SEVERITY.get(category, Severity.ERROR), start, end, mask(value))
