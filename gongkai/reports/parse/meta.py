"""Who reports for which year, and whether the document is an annual report at all.

The reporting year is the year the statistics cover (the title's year, "统计期限从2023年1月1日"),
never the publication date ("发布时间:2020-07-21", the signature's "2018年1月26日").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.files import Block, BlockKind

from ..model import ReportFormat
from .sections import Layout

_YEAR = r"((?:19|20)\d{2})"
_AGENCY_CHARS = r"[^\s,。;:、()《》“”|]"
# "招远市人民政府2023年政府信息公开工作年度报告", "2023年度招远市人民政府政府信息公开工作年度报告"
_TITLE = re.compile(
    rf"^(?P<before>{_AGENCY_CHARS}*?)(?:关于)?{_YEAR}年度?(?P<after>{_AGENCY_CHARS}*?)(?:政府)?信息公开(?:工作)?年度?报告$"
)
_PREAMBLE_AGENCY = re.compile(rf"结合{_YEAR}年度?(?P<agency>{_AGENCY_CHARS}{{2,30}}?)信息公开工作")
_PERIOD_YEAR = re.compile(rf"统计(?:期限|时限|时间|区间)[^。\n]{{0,6}}?{_YEAR}年1月1日")
_ANY_REPORT_YEAR = re.compile(rf"{_YEAR}年度?(?:政府信息公开|政务公开)[^。\n]{{0,6}}?年度?报告")
_AGENCY_SUFFIX = r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管理局|局|厅|委|办|院|署|中心)"
# section 一 often opens "2023年,山东省人民政府办公厅以…" / "2024年,省国动办坚持…"
_OPENING_AGENCY = re.compile(
    rf"^(?:{_YEAR}年度?[,，]?)?(?P<agency>[\u4e00-\u9fff]{{2,25}}?{_AGENCY_SUFFIX})"
    r"(?:以|坚持|深入|认真|高度|紧紧|全面|进一步|严格|始终|持续|围绕|按照|在|扎实|着力|聚焦)"
)
_SIGNATURE = re.compile(rf"^[\u4e00-\u9fff]{{2,30}}{_AGENCY_SUFFIX}$")
_SELF_REFERENCE = re.compile(r"本(?:年度)?报告|本年报|政府信息公开(?:工作)?年度?报告$")
_TEMPLATE_REFERENCE = re.compile(r"国办公开办函\D{0,2}(2019|2021)\D{0,2}(\d+)号")


@dataclass
class Meta:
    agency: str | None
    year: int | None
    is_report: bool
    referenced: ReportFormat | None  # the format notice the report cites, if any


def _clean_agency(name: str) -> str | None:
    name = name.strip().removeprefix("关于")
    if name.endswith("人民"):
        name += "政府"
    elif name.endswith("政府") and not name.endswith("人民政府"):
        # "省国动办政府信息公开" shares 政府 with 政府信息公开
        name = name.removesuffix("政府")
    return name if len(name) >= 2 else None


def _paragraphs(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kind is BlockKind.PARAGRAPH]


def read_meta(blocks: list[Block], layout: Layout) -> Meta:
    paragraphs = _paragraphs(blocks)
    head = paragraphs[:6]
    agency: str | None = None
    year: int | None = None
    titled = False
    for text in head:
        match = _TITLE.match(text.strip()) if len(text) <= 80 else None
        if match:
            titled = True
            year = int(match.group(2))
            agency = _clean_agency(match.group("before") or match.group("after"))
            break
    opening = "\n".join(_paragraphs(layout.preamble)[:4]) or "\n".join(head)
    if agency is None or year is None:
        found = _PREAMBLE_AGENCY.search(opening)
        if found:
            agency = agency or _clean_agency(found.group("agency"))
            year = year or int(found.group(1))
    if year is None:
        found = _PERIOD_YEAR.search(opening) or _ANY_REPORT_YEAR.search(opening)
        if found:
            year = int(found.group(1))
    if agency is None and "1" in layout.sections:
        for text in _paragraphs(layout.sections["1"].blocks)[:2]:
            found = _OPENING_AGENCY.search(text)
            if found:
                agency = found.group("agency")
                break
    if agency is None:
        agency = next((t.strip() for t in reversed(paragraphs[-6:]) if _SIGNATURE.match(t.strip())), None)
    self_referenced = titled or any(_SELF_REFERENCE.search(t) for t in paragraphs[:12])
    referenced = None
    found = _TEMPLATE_REFERENCE.search("\n".join(paragraphs[:12]))
    if found:
        referenced = ReportFormat.F2021 if found.group(1) == "2021" else ReportFormat.F2019
    return Meta(agency, year, self_referenced or len(layout.sections) >= 3, referenced)
