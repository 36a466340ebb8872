"""Removal of leftover HTML markup and character entities in copied text.

Only real HTML tag names are removed (``</span>``, ``<br/>``, ``<o:p>``, ``<p class="x">``) and
comments (``<!-- -->``); angle brackets used as Chinese title marks, such as
``<中华人民共和国政府信息公开工作年度报告格式>``, stay. Entities (``&nbsp;``, ``&amp;``,
``&#65292;``) are decoded; a lone ``&`` stays. A closing tag that lost its ``<`` to garbling
(``三?/span>``) is removed too.
"""

from __future__ import annotations

import html
import re

from .changes import Change, RepairKind, RepairResult

_TAG_NAMES = (
    "a|abbr|b|big|blockquote|body|br|caption|center|code|col|colgroup|dd|del|div|dl|dt|em|font|h[1-6]|head|"
    "hr|html|i|img|ins|label|li|link|meta|ol|p|pre|s|section|small|span|strike|strong|style|sub|sup|table|"
    "tbody|td|tfoot|th|thead|title|tr|tt|u|ul|wbr|article|header|footer|nav|main|figure|figcaption|script"
)
_TAG = re.compile(
    r"<!--.*?-->"  # comment
    r"|</?(?:[a-zA-Z][\w.-]*:[\w.-]+|(?:" + _TAG_NAMES + r"))(?=[\s/>])(?:\s[^<>]*)?/?>"
    r"|(?<![<\w/])/(?:" + _TAG_NAMES + r")>",  # a closing tag whose "<" was lost: ?/span>
    re.IGNORECASE | re.DOTALL,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def strip_markup(text: str) -> RepairResult:
    """Return ``text`` without HTML tags and with entities decoded; one change per tag or entity."""
    if "<" not in text and "&" not in text and ">" not in text:
        return RepairResult(text)
    changes: list[Change] = []

    def drop_tag(match: re.Match[str]) -> str:
        changes.append(Change(RepairKind.MARKUP, match.group(0), ""))
        return ""

    def decode_entity(match: re.Match[str]) -> str:
        found = match.group(0)
        decoded = html.unescape(found)
        if decoded == found:  # unknown entity name: leave it
            return found
        decoded = decoded.replace("\xa0", " ")
        changes.append(Change(RepairKind.MARKUP, found, decoded))
        return decoded

    repaired = _TAG.sub(drop_tag, text)
    repaired = _ENTITY.sub(decode_entity, repaired)
    return RepairResult(repaired, tuple(changes))
