"""Who reports for which year, and whether the document is an annual report at all.

Every place that can say it is asked, in order of trust:

- the title — the first short line naming a 信息公开/政务公开 report (年度报告, 年报, 工作报告),
  wherever it stands among the site's chrome (dates, breadcrumbs, 字号 大 中 小, 打印 关闭), even
  split over two lines, with the year before, inside or in brackets after it
  (``…年度报告(2023年度)``), or with its 年 lost (``2023政府信息公开…``);
- the statistics period (``统计期限从2023年1月1日``, ``自2023年1月1日起至12月31日止``, the mangled
  ``202311日至20231231日``);
- the opening (``现将本局2023年度政府信息公开工作情况报告如下``, ``结合2023年度…``) and section 一's
  first sentence (``2023年,县政府办公室…``);
- for the agency also the signature and the page's 来源 line.

The reporting year is never taken from the publication date (``发布时间:2021-01-29``, the
signature's ``2018年1月26日``). An agency named only as 我局 / 本机关 / 我镇 stays None: a name that
starts with 我/本/该 is not a name.

A document is a report when its title or opening says so (``本报告``, ``现将…报告如下``) or when it
has the report's sections; a document whose title says it is something else — 解读, 指南, 工作要点,
实施方案, 制度, 通知, 申请表, 统计表, a half year, a news item (``来源: …日报``) — is not a report
even though it talks about one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from gongkai.files import Block, BlockKind

from ..model import ReportFormat
from .cells import key
from .sections import Layout

_YEAR = r"((?:19|20)\d{2})"
_CJK = r"\u4e00-\u9fff"
_REPORT_NAME = re.compile(
    r"(?:信息公开|政务公开|政务信息公开|信息公开工作)[^。;]{0,12}?(?:年度报告|年报|工作报告|报告)"
)
_NOT_A_REPORT_TITLE = re.compile(
    r"解读|指南|要点|实施方案|工作方案|制度|通知|申请表|申请流程|统计表|报表|上半年|半年|季度|目录|意见|办法|规定|图解"
)
_TITLE_PREFIX = re.compile(r"^(?:标题[:：]|【[^】]*】|\([^)]*图[^)]*\)|第[一二三四五六七八九十]+篇[:：]?|关于)+")
_NEWS = re.compile(r"来源[:：]\s*\S{0,12}(?:日报|晚报|新闻|电视台|广播|新华社|记者)|记者\s*\S{2,4}\s*(?:报道|摄)")
_DATE_LINE = re.compile(r"发布|日期|时间|更新|浏览|访问|点击|来源")
# "2023年度", "2023年", or the 年 lost before the report's words: "2023政府信息公开…"
_TITLE_YEAR = re.compile(rf"{_YEAR}(?:年度?(?!\d{{1,2}}月)|(?=政府|政务|信息公开|年度))")
_FULL_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_TITLE_OPENING = re.compile(
    r"^([^,，。;；《》:：]{2,40}?(?:信息公开|政务公开)[^,，。;；《》]{0,10}?(?:年度报告|年报))(?=根据|依据|按照|是|由)"
)
_MENU_LABEL = re.compile(r"(?:政府|政务)?(?:信息公开|政务公开)(?:目录|专栏|年报|平台)?")
_BREADCRUMB = re.compile(r">|首页|位置|当前|导航")
_ENUMERATED = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十]+[)）、,，.．]|\d+[、.．])")
_ABOUT_DISCLOSURE = re.compile(r"信息公开|政务公开|政务信息")
_PERIOD_YEAR = re.compile(
    rf"(?:统计(?:期限|时限|时间|区间|期间|范围)[^。\n]{{0,8}}?|自|从){_YEAR}年?1月?1日(?:起)?(?:至|到|-|—)"
    rf"|{_YEAR}年?1月?1日(?:起)?(?:至|到|-|—)(?:{_YEAR}年?)?12月?31日"
)
_NAMED_REPORT_YEAR = re.compile(rf"{_YEAR}年度?(?:政府信息公开|政务公开)[^。\n]{{0,8}}?年度?报告")
_OPENING_YEAR = re.compile(
    rf"(?:现将|结合|根据|公布|发布|编制)[^。\n]{{0,30}}?{_YEAR}年度?[^。\n]{{0,12}}?(?:政府信息公开|政务公开|信息公开)"
    rf"|(?:汇报|报告)[^。\n]{{0,20}}?{_YEAR}年度?[^。\n]{{0,12}}?(?:政府信息公开|政务公开)"
    rf"|^{_YEAR}年度?(?:以来)?[,，]"
)
_AGENCY_SUFFIX = (
    r"(?:人民政府办公厅|人民政府办公室|人民政府|政府办公室|政府办|办公厅|办公室|办事处|管理委员会|管委会|委员会|"
    r"管理局|分局|监管局|局|厅|委|办|院|署|中心|所|站|队|镇|乡|街道|苏木)"
)
_AGENCY = re.compile(rf"[{_CJK}]{{2,30}}?{_AGENCY_SUFFIX}")
_PLACE = r"(?:省|市|县|区|自治区|自治州|州|盟|旗|新区|开发区)"
_NOT_A_NAME = re.compile(
    r"^(?:我|本|该|各|全|其|此|上级|有关|相关|所属|由|成立|充分|发挥|通过|按照|根据|依据|在|对)"
    r"|^[省市县区乡镇](?:人民)?政府|网站$|小组办公室$|^(?:开发区|高新区|新区|园区)?(?:管委会|管理委员会)?$"
)
_AGENCY_VERBS = (
    r"(?:以|坚持|深入|认真|高度|紧紧|全面|进一步|严格|始终|持续|围绕|按照|在|扎实|着力|聚焦|积极|不断|立足|切实|"
    r"根据|依据|结合|紧扣|贯彻|落实|把|将|对|共|通过|政府信息公开|政务公开|高度重视|以习近平)"
)
_OPENING_AGENCY = re.compile(
    rf"^(?:{_YEAR}年度?(?:以来)?[,，]?)?(?P<agency>[{_CJK}]{{2,30}}?(?:{_AGENCY_SUFFIX}|{_PLACE})){_AGENCY_VERBS}"
)
_REPORTED_BY = re.compile(
    rf"(?:现将|现公布|公布|结合|是|要求[,，](?!由))(?P<agency>[{_CJK}]{{2,30}}?{_AGENCY_SUFFIX})"
    rf"(?:{_YEAR}年度?|根据|依据|按照|编制|负责|政府信息|结合|[(（]以下简称)"
    # "本报告由银川市网络信息化局根据…": the agency; "由…办公室编制" is the office that compiled it
    rf"|由(?P<by>[{_CJK}]{{2,30}}?{_AGENCY_SUFFIX})(?:根据|依据|按照|负责编制|编制|牵头)"
)
# "结合2023年招远市人民政府信息公开工作实际编制" (the agency shares 政府 with 政府信息公开)
_PREAMBLE_AGENCY = re.compile(rf"(?:结合|现将|公布){_YEAR}年度?(?P<agency>[{_CJK}]{{2,30}}?)(?:政府)?信息公开工作")
_QUOTED_TITLE = re.compile(r"《(?P<title>[^《》]{4,60}?(?:年度报告|年报))》")
_COMPILING_OFFICE = re.compile(r"(?:人民)?政府(?:党政)?办公[室厅]$")
_SOURCE = re.compile(
    rf"(?:发文机关|发布机构|发布单位|信息来源|来源|投稿)[:：]\s*(?P<agency>[{_CJK}]{{2,30}}?{_AGENCY_SUFFIX})(?:\s|$|[^{_CJK}])"
)
# where the report can be downloaded: the agency's own column of a portal ("…栏中的“衢江区湖南镇”板块中下载"),
# else its own site ("电子版可在九江市濂溪区人民政府网下载")
_DOWNLOAD_COLUMN = re.compile(
    rf"电子版[^。]{{0,60}}?[“\"](?P<agency>[{_CJK}]{{2,30}}?(?:{_AGENCY_SUFFIX}|{_PLACE}))[”\"](?:板块|栏目|专栏)"
)
_DOWNLOAD_SITE = re.compile(
    rf"电子版可(?:以)?(?:在|从|通过)(?P<agency>[{_CJK}]{{2,30}}?(?:{_AGENCY_SUFFIX}|{_PLACE}))(?:门户)?网站?(?:下载|查阅)"
)
_LEADING_GROUP_OFFICE = re.compile(r"(?:政务公开|政府信息公开|信息公开)(?:工作)?领导小组办公室$")
_SELF_REFERENCE = re.compile(
    r"本(?:年度)?报告|本年报|报告如下|年度报告(?:是|根据|由|按照|依据)|编制(?:本|此)报告|特(?:向社会)?公布本"
)
_TEMPLATE_REFERENCE = re.compile(r"国办公开办函\D{0,2}(2019|2021)\D{0,2}(\d+)号")
_BODY_YEAR = re.compile(rf"{_YEAR}\s*年度?(?!\s*\d{{1,2}}\s*月)(?!\d)")
_HEAD_LINES = 25
# the official short forms agencies use of themselves, and their full form: only endings whose full
# form is certain (市场监管局 is always 市场监督管理局; 政府办公室 of a place is its 人民政府办公室)
_SHORT_FORMS = (
    ("市场监管局", "市场监督管理局"),
    ("住建局", "住房和城乡建设局"),
    ("住建委", "住房和城乡建设委员会"),
    ("发改委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("外办", "外事办公室"),
    ("人社局", "人力资源和社会保障局"),
    ("政府办公室", "人民政府办公室"),
    ("政府办公厅", "人民政府办公厅"),
)
_NOT_A_PLACE = re.compile(r"[年度的和与及为是将]|^[城都省本全由各]")
_BARE_LEVEL = re.compile(r"^[省市县区]")
# a place named at a word's start: after a non-Chinese character, a year ("2020年天津市…") or 《
_PLACE_AT_START = rf"(?:^|(?<=[^{_CJK}])|(?<=年)|(?<=年度)|(?<=《))"


@dataclass
class Meta:
    agency: str | None
    year: int | None
    is_report: bool
    referenced: ReportFormat | None  # the format notice the report cites, if any (only when alone)
    titled_otherwise: bool = False  # the title says it is something else (指南, 解读, a news item…)


def _clean_agency(name: str | None) -> str | None:
    """The agency's name out of the text before or after the title's year, or None."""
    if not name:
        return None
    name = re.sub(r"\s+", "", name)
    # spam or chrome glued in front ("uedbet体育_uedbet官网@:西柳镇人民政府"): the last run of Chinese
    runs = re.findall(rf"[{_CJK}()（）]+", name)
    if not runs:
        return None
    name = runs[-1].strip("()（）")
    name = _TITLE_PREFIX.sub("", name).removeprefix("关于")
    name = re.sub(r"^(?:现将|现公布|公布|结合|根据|按照)", "", name)
    if name.endswith("人民"):
        name += "政府"
    elif name.endswith("政府") and not name.endswith("人民政府") and len(name) > 4:
        name = name.removesuffix("政府")  # "省国动办政府信息公开" shares 政府 with 政府信息公开
    if name.endswith("政府政府"):
        name = name.removesuffix("政府")
    if len(name) < 3 or _NOT_A_NAME.search(name) or not re.search(f"(?:{_AGENCY_SUFFIX}|{_PLACE})$", name):
        return None
    return name


def _expand(name: str) -> str:
    """The full form of an agency's official short ending (金华市市场监管局 → 金华市市场监督管理局)."""
    for short, full in _SHORT_FORMS:
        if name.endswith(short) and not name.endswith(full):
            if short.startswith("政府") and name.endswith("人民" + short):
                continue
            return name.removesuffix(short) + full
    return name


def _place_of(name: str, text: str) -> str | None:
    """The one place the text puts before an agency named without it, or None when none or several.

    "住建局" with "安阳县住建局" in the text is 安阳县's; "市外办" is the city's, the one city the text
    names ("2020年天津市政务公开工作要点").
    """
    level = name[0] if _BARE_LEVEL.match(name) else ""
    rest = name[1:] if level else name
    # a lookahead, so that "2023年青山县住建局" yields 青山县 after 年, not only "年青山县" after the 3
    before = re.compile(rf"{_PLACE_AT_START}(?=(?P<place>[{_CJK}]{{2,6}}?{level or _PLACE}){re.escape(rest)})")
    places = {found.group("place") for found in before.finditer(text)}
    if not places and level == "市":
        places = {
            found.group("place") for found in re.finditer(rf"{_PLACE_AT_START}(?=(?P<place>[{_CJK}]{{2,3}}?市))", text)
        }
    # words, not places: "由下陆区", "年度区", "城市", "全市"
    places = {place for place in places if not _NOT_A_NAME.search(place) and not _NOT_A_PLACE.search(place)}
    return places.pop() if len(places) == 1 else None


def _complete(name: str, text: str) -> str:
    """The agency's name completed from the same text: its place when it lacks one, its full form.

    Only what is certain: one place the text names (else the name stays as read), an autonomous
    county the text spells out (保亭县 → 保亭黎族苗族自治县), the official short forms."""
    if _BARE_LEVEL.match(name) or not re.search(_PLACE, name):
        place = _place_of(name, text)
        if place:
            name = place + (name[1:] if _BARE_LEVEL.match(name) else name)
    county = re.match(rf"([{_CJK}]{{2}})县", name)
    if county:
        spelled = {found.group(0) for found in re.finditer(rf"{county.group(1)}[{_CJK}]{{2,8}}?自治县", text)}
        if len(spelled) == 1:
            name = spelled.pop() + name[county.end() :]
    return _expand(name)


def _paragraphs(blocks: list[Block]) -> list[tuple[int, str]]:
    return [(i, b.text.strip()) for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH]


def _lines_of(block: Block) -> list[str]:
    if block.kind is BlockKind.PARAGRAPH:
        return [block.text]
    return [" ".join(cell for cell in row if cell) for row in block.rows[:_HEAD_LINES]]


def _title(head: list[str]) -> tuple[str, bool] | None:
    """The title line (joined with the next when split in two) and whether it names a report.

    The first short line about 信息公开/政务公开 that names a report is the title; if a line naming
    something else (指南, 工作要点, 上半年…统计) comes first, that is the title (False)."""
    for index, text in enumerate(head):
        # a title run into the first sentence: "2024年丽水市政府信息公开工作年度报告根据《条例》编制…"
        opening = _TITLE_OPENING.match(text)
        if opening and not _ENUMERATED.match(text):
            text = opening.group(1)
        plain = key(text)
        if len(plain) > 60 or len(plain) < 6 or text.startswith("《") or _BREADCRUMB.search(text):
            continue
        if re.search("[,，。;；]", text):
            continue  # a sentence, not a title
        if _DATE_LINE.match(plain) or _FULL_DATE.search(text):
            continue
        joined = text
        following = head[index + 1] if index + 1 < len(head) else ""
        short = len(key(following)) <= 30 and not _BREADCRUMB.search(following) and not _FULL_DATE.search(following)
        short = short and not _MENU_LABEL.fullmatch(plain)  # "政府信息公开" alone is a menu label
        if short and not _REPORT_NAME.search(plain) and _REPORT_NAME.search(plain + key(following)):
            joined = text + following
        joined_key = key(joined)
        if _REPORT_NAME.search(joined_key):
            return joined, not _NOT_A_REPORT_TITLE.search(joined_key)
        if _ENUMERATED.match(text):
            break  # the body has begun (一、总体情况, (一)…): no title before it
        if _ABOUT_DISCLOSURE.search(plain) and _NOT_A_REPORT_TITLE.search(plain):
            return joined, False
    return None


def read_meta(blocks: list[Block], layout: Layout) -> Meta:
    paragraphs = [text for _i, text in _paragraphs(blocks)]
    # the page's metadata is often a table ("发文机关:壶关县人民政府 | 主题词: |"): its rows count as lines
    head = list(islice((line for block in blocks[:_HEAD_LINES] for line in _lines_of(block)), _HEAD_LINES))
    head_text = "\n".join(head)
    title = _title(head)
    agency: str | None = None
    year: int | None = None
    titled = False
    not_a_report = bool(_NEWS.search(head_text))
    if title is not None:
        text, names_a_report = title
        text = _TITLE_PREFIX.sub("", re.sub(r"\s+", "", text))
        if not names_a_report:
            not_a_report = True
        else:
            titled = True
            found = _TITLE_YEAR.search(text)
            if found:
                year = int(found.group(1))
                text = text[: found.start()] + text[found.end() :]
            words = _REPORT_NAME.search(text)
            agency = _clean_agency(text[: words.start()] if words else "")
    if title is None or (agency is None and year is not None):
        for text in head[:8]:
            quoted = _QUOTED_TITLE.search(text)
            if quoted is None or _NOT_A_REPORT_TITLE.search(quoted.group("title")):
                continue
            inner = _TITLE_PREFIX.sub("", re.sub(r"\s+", "", quoted.group("title")))
            found = _TITLE_YEAR.search(inner)
            if found:
                year = year or int(found.group(1))
                inner = inner[: found.start()] + inner[found.end() :]
            words = _REPORT_NAME.search(inner)
            agency = agency or _clean_agency(inner[: words.start()] if words else "")
            break
    body = [t for t in paragraphs[:40] if not (_DATE_LINE.match(key(t)) and len(key(t)) < 40)]
    body_text = "\n".join(body)
    if year is None:
        # the report named with its year in the opening ("编制了2021年度政府信息公开工作年度报告")
        found = _NAMED_REPORT_YEAR.search("\n".join(body[:12]))
        if found:
            year = int(found.group(1))
    if year is None:
        found = _PERIOD_YEAR.search(body_text)
        if found:
            year = int(next(g for g in found.groups() if g))
    if year is None:
        for text in body:
            found = _OPENING_YEAR.search(text)
            if found:
                year = int(next(g for g in found.groups() if g))
                break
    if year is None:
        # last resort, a report whose opening was lost: the year its body speaks of most ("2019年度街道受理…")
        years = Counter(int(found.group(1)) for found in _BODY_YEAR.finditer(body_text))
        if years:
            (common, count), *rest = years.most_common(2)
            if count >= 2 and (not rest or rest[0][1] < count):
                year = common
    if agency is None:
        for text in body[:12]:
            for found in [*_PREAMBLE_AGENCY.finditer(text), *_REPORTED_BY.finditer(text)]:
                named = found.groupdict().get("agency")
                if found.groupdict().get("by"):
                    # the general office compiles its government's report: "由伊宁县人民政府办公室编制"
                    named = _COMPILING_OFFICE.sub("人民政府", found.group("by"))
                    # its disclosure leading group's office too: "由南宁市良庆区政务公开工作领导小组办公室编制"
                    office = _LEADING_GROUP_OFFICE.search(named)
                    if office and re.search(f"{_PLACE}$", named[: office.start()]):
                        named = named[: office.start()] + "人民政府"
                if named and (name := _clean_agency(named)):
                    agency = name
                    break
            if agency is not None:
                break
    if agency is None and "1" in layout.sections:
        sentences = [
            sentence
            for _i, text in _paragraphs(layout.sections["1"].blocks)[:3]
            for sentence in re.split(r"[。;；]|^[(（][一二三四五六七八九十]+[)）][^。]{0,20}?。", text)
        ]
        for text in sentences[:6]:
            found = _OPENING_AGENCY.search(text.strip())
            if found and (name := _clean_agency(found.group("agency"))):
                agency = name
                break
    if agency is None:
        for text in reversed(paragraphs[-6:]):
            if _AGENCY.fullmatch(text) and (name := _clean_agency(text)):
                agency = name
                break
    if agency is None:
        found = _SOURCE.search(head_text)
        if found:
            agency = _clean_agency(found.group("agency"))
    if agency is None:
        opening = "\n".join(paragraphs[:15])
        found = _DOWNLOAD_COLUMN.search(opening) or _DOWNLOAD_SITE.search(opening)
        if found:
            agency = _clean_agency(found.group("agency"))
    if agency is not None:
        agency = _complete(agency, "\n".join([*head, *paragraphs]))
    self_referenced = titled or any(_SELF_REFERENCE.search(t) for t in paragraphs[:15])
    cited = {found.group(1) for found in _TEMPLATE_REFERENCE.finditer("\n".join(paragraphs[:15]))}
    referenced = None
    if len(cited) == 1:
        referenced = ReportFormat.F2021 if cited == {"2021"} else ReportFormat.F2019
    sections = len(layout.sections)
    is_report = not not_a_report and (self_referenced or sections >= 2 or "1" in layout.sections)
    return Meta(agency, year, is_report, referenced, not_a_report)
