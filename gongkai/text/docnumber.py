"""Document numbers (文号): issuer prefix (机关代字), year and serial, in one normal form.

A 文号 is written ``<机关代字>〔<year>〕<serial>号`` (GB/T 9704-2012 《党政机关公文格式》 7.2.4:
the year in hexagonal brackets 〔〕, the serial without leading zeros and without 第). In copied
text the brackets arrive as [] () ［］ 【】 （） ﹝﹞ [ ] or 〔 〕 with spaces, digits full-width,
and a 第 before the serial; all of these normalise to one form so that 鲁政字[2023]15号 and
鲁政字〔2023〕15号 are the same document number.

Pure: no Django import. ``parse_doc_number`` returns ``None`` for text that is not a 文号.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DocNumber", "normalise_doc_number", "parse_doc_number"]

_OPEN = "〔[(［【（﹝〖『「<《"
_CLOSE = "〕])］】）﹞〗』」>》"

_FULLWIDTH_DIGITS = {code: chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)}
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")

_PATTERN = re.compile(
    rf"^(?P<prefix>[^\d{re.escape(_OPEN + _CLOSE)}]+?)"
    rf"[{re.escape(_OPEN)}](?P<year>\d{{4}})[{re.escape(_CLOSE)}]"
    r"第?(?P<serial>\d{1,6})号$"
)

_MIN_YEAR = 1949
_MAX_YEAR = 2100


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A parsed 文号: ``prefix`` 机关代字 (e.g. 国办发), ``year``, ``serial`` (without leading zeros)."""

    prefix: str
    year: int
    serial: int

    @property
    def normalised(self) -> str:
        """The GB/T 9704 form: 国办发〔2019〕23号."""
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


def _clean(text: str) -> str:
    return _SPACES.sub("", text.translate(_FULLWIDTH_DIGITS))


def parse_doc_number(text: str | None) -> DocNumber | None:
    """Parse a 文号 written in any of the usual bracket, width and spacing variants.

    Returns ``None`` when ``text`` is empty or not a 文号 (no prefix, no four-digit year in
    brackets, no serial followed by 号, a year outside 1949–2100, serial 0).
    """
    if not text:
        return None
    match = _PATTERN.match(_clean(text))
    if match is None:
        return None
    prefix = match.group("prefix")
    year = int(match.group("year"))
    serial = int(match.group("serial"))
    if not (_MIN_YEAR <= year <= _MAX_YEAR) or serial == 0:
        return None
    return DocNumber(prefix=prefix, year=year, serial=serial)


def normalise_doc_number(text: str | None) -> str:
    """The normal form of a 文号; text that does not parse is returned without spaces (or ``""``)."""
    if not text:
        return ""
    parsed = parse_doc_number(text)
    if parsed is None:
        return _clean(text)
    return parsed.normalised
