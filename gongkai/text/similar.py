"""Textually similar requests (for 重复申请 (五)2 and 大量反复申请 (五)4): the officer decides. Pure.

Requests are compared as characters after dropping punctuation, spaces and the stock phrases
every request has (申请公开, 请提供, …), with rapidfuzz's normalised Indel similarity; a short
request must be close to a long one (partial match) as well as overall alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
_STOCK = re.compile(r"申请公开|依申请|请求公开|请提供|要求公开|政府信息|相关信息|有关信息|相关文件|本人|我想|需要|申请")
DEFAULT_THRESHOLD = 80.0


def comparable(text: str) -> str:
    return _NOISE.sub("", _STOCK.sub("", text))


@dataclass(frozen=True)
class Similar:
    key: int
    score: float  # 0-100


def similar_requests(
    text: str, candidates: Iterable[tuple[int, str]], *, threshold: float = DEFAULT_THRESHOLD, limit: int = 10
) -> list[Similar]:
    """The candidates (key, text) at least ``threshold`` alike to ``text``, most alike first."""
    wanted = comparable(text)
    if len(wanted) < 4:
        return []
    found = []
    for key, other in candidates:
        theirs = comparable(other)
        if len(theirs) < 4:
            continue
        score = min(fuzz.ratio(wanted, theirs) + 15, fuzz.partial_ratio(wanted, theirs))
        if score >= threshold:
            found.append(Similar(key, round(min(score, 100.0), 1)))
    found.sort(key=lambda s: (-s.score, s.key))
    return found[:limit]
