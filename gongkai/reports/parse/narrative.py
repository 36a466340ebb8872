"""Numbers the narrative states (report-json.md's facts), e.g. 共受理政府信息公开申请9件.

Each fact has a few patterns over one clause of text (never across 。 ; or a line); the first
match in document order wins. A statement of none ("未收取信息处理费", "没有…行政复议") is the fact 0:
the report says so, nothing is invented. Tables are not read here, only paragraphs.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import NARRATIVE_FACTS, Number

_N = r"(\d+(?:\.\d+)?)"
_C = r"[^。;；\n]"  # within one clause-ish stretch
_APPLICATION = r"(?:政府信息)?公开申请"

# fact → patterns; a pattern with no group states zero.
_PATTERNS: dict[str, tuple[str, ...]] = {
    "applications_received": (
        rf"(?:共|全年|累计|本年度?|新)?(?:受理|收到|接收|新收){_C}{{0,8}}?{_APPLICATION}{_N}件",
        rf"(?:受理|收到){_C}{{0,6}}?申请{_N}件",
    ),
    "applications_handled": (rf"(?:办理|处理)(?:依申请公开|{_APPLICATION})(?:申请)?{_N}件",),
    "carried_over": (rf"上年(?:度)?结转{_C}{{0,12}}?{_N}件", rf"含上年结转{_N}件"),
    "carried_forward": (rf"结转(?:至)?下(?:一)?年度?(?:继续)?办理{_N}件", rf"结转下(?:一)?年度?{_N}件"),
    "disclosed": (rf"予以公开{_N}件",),
    "partially_disclosed": (rf"部分公开{_N}件",),
    "withheld": (rf"不予公开{_N}件",),
    "unavailable": (rf"无法提供{_N}件",),
    "not_processed": (rf"不予处理{_N}件",),
    "other": (rf"其他(?:情形|处理|方式处理){_N}件",),
    "reconsiderations": (
        rf"行政复议(?:案件|申请)?{_N}件",
        rf"(?:没有|未发生|未出现|无){_C}{{0,20}}?行政复议",
    ),
    "lawsuits": (
        rf"行政诉讼(?:案件)?{_N}件",
        rf"(?:没有|未发生|未出现|无){_C}{{0,30}}?行政诉讼",
    ),
    "complaints": (rf"投诉举报{_N}件", rf"举报投诉{_N}件"),
    "fees_10k_yuan": (
        rf"收取{_C}{{0,12}}?(?:处理费|费用){_N}万元",
        rf"(?:未|没有|不)收取{_C}{{0,12}}?(?:处理费|费用)",
        rf"未{_C}{{0,20}}?收取{_C}{{0,8}}?费用?",
    ),
    "normative_documents_in_force": (rf"现行有效(?:的)?(?:行政)?规范性文件{_N}件",),
    "rules_issued": (rf"(?:制发|制定|出台|发布|公布)(?:(?!废止|现行){_C}){{0,15}}?规章{_N}件",),
    "rules_repealed": (rf"废止{_C}{{0,10}}?规章{_N}件",),
    "normative_documents_issued": (rf"(?:制发|制定|出台|印发|修订)(?:(?!废止|现行有效){_C}){{0,40}}?规范性文件{_N}件",),
    "normative_documents_repealed": (rf"废止{_C}{{0,10}}?规范性文件{_N}件",),
    "items_published": (rf"主动公开(?:政府)?信息{_N}(?:余|多)?条",),
    "correction_notices": (rf"补正通知书{_N}件",),
    "extension_notices": (rf"延期(?:答复)?告知书{_N}件",),
    "assistance_letters": (rf"协助调查函{_N}件",),
    "reply_notices": (rf"(?:公开|答复)告知书{_N}件",),
    "applications_valid": (rf"有效申请{_N}件",),
    "applications_invalid": (rf"无效申请{_N}件",),
}
# Compiled once, in the model's fact order (report-json.md: keys in the order listed).
_COMPILED: dict[str, tuple[re.Pattern[str], ...]] = {
    fact: tuple(re.compile(p) for p in _PATTERNS[fact]) for fact in NARRATIVE_FACTS if fact in _PATTERNS
}
_MONEY = frozenset({"fees_10k_yuan"})


def read_narrative(text: str) -> dict[str, Number]:
    """The facts the text states, in NARRATIVE_FACTS order; facts not stated are left out."""
    facts: dict[str, Number] = {}
    for fact, patterns in _COMPILED.items():
        best: tuple[int, Number] | None = None
        for pattern in patterns:
            match = pattern.search(text)
            if match is None or (best is not None and match.start() >= best[0]):
                continue
            best = (match.start(), _value(match, fact in _MONEY))
        if best is not None:
            facts[fact] = best[1]
    return facts


def _value(match: re.Match[str], money: bool) -> Number:
    text = match.group(1) if match.lastindex else "0"
    if money or "." in text:
        return Decimal(text)
    return int(text)
