"""Text encoding detection: UTF-8 (with or without BOM), UTF-16 (BOM), GB18030/GBK, Big5.

Nothing is assumed: a byte order mark decides; then strict UTF-8; then charset-normalizer's
candidates, of which the first Chinese one (GB18030 family, Big5) is taken; then a strict
GB18030 decoding whose text is mostly Han characters. Binary data (NUL bytes, control
characters) and bytes that no candidate decodes into readable text give no text, with a reason.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

_CHINESE_FAMILY = {
    "gb18030": "gb18030",
    "gbk": "gbk",
    "gb2312": "gbk",
    "cp936": "gbk",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "big5",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding it was in; or, when ``text`` is None, why it could not be read."""

    text: str | None
    encoding: str | None
    problem: str = ""


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is not text: NUL bytes, or more than 1% control bytes in its first 8 KB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27)) + head.count(0x7F)
    return controls > max(2, len(head) // 100)


def _readable(text: str) -> bool:
    """Decoded text without control characters and with at least some letters or Han characters."""
    if _CONTROL.search(text):
        return False
    return any(ch.isalnum() for ch in text)


def decode_text(data: bytes) -> Decoded:
    """Detect the encoding of ``data`` and decode it; never raises."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            return Decoded(None, None, "文件以UTF-8标记开头，但内容不是有效的UTF-8编码")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), "utf-16")
            except UnicodeDecodeError:
                return Decoded(None, None, "文件以UTF-16标记开头，但内容不是有效的UTF-16编码")
    if looks_binary(data):
        return Decoded(None, None, "文件不是文本文件（含二进制内容），无法读取")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for match in charset_normalizer.from_bytes(data):
        family = _CHINESE_FAMILY.get(match.encoding)
        if family is None:
            continue
        name = "gbk" if family == "gb18030" and "gbk" in match.could_be_from_charset else family
        text = _decode_strict(data, "gb18030" if family in ("gbk", "gb18030") else family)
        if text is not None and _readable(text):
            return Decoded(text, name)
    text = _decode_strict(data, "gb18030")
    if text is not None and _readable(text):
        letters = [ch for ch in text if ch.isalpha()]
        if letters and sum(1 for ch in letters if _HAN.match(ch)) >= 0.3 * len(letters):
            return Decoded(text, "gb18030")
    return Decoded(None, None, "无法识别文件的文字编码（不是UTF-8、GB18030/GBK或Big5），无法读取")


def _decode_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
