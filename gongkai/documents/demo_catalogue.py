"""The demo 主动公开事项目录 and 政府信息公开指南 (``gongkai demo``), after the demo library is loaded.

Every demo agency gets a catalogue in the categories agencies' published catalogues use (机构职能,
政策文件, 规划计划, 统计信息, 财政信息, 行政许可, 行政处罚, 人事信息, 建议提案办理, 应急管理), each
item with its legal basis as the laws state it — sources: 《中华人民共和国政府信息公开条例》
(国务院令第711号, 2019) Arts. 20 and 26; 《中华人民共和国预算法》Art. 14; 《中华人民共和国行政许可法》
Arts. 30 and 40; 《中华人民共和国行政处罚法》(2021) Art. 48; the 2024 work plan (seeds/002) for
the shape of an item — and the policy items linked to the agency's documents of the library.
The guide follows the Regulation: proactive disclosure (Arts. 19–26), applications (Arts. 27–45,
the 20 working days of Art. 33, 《政府信息公开信息处理费管理办法》国办函〔2020〕109号 for fees)
and remedies (Art. 51). Names of agencies and units are the demo's fictional ones.

Written through the catalogue services; an agency that already has a catalogue (or a guide) is
left as it is, so a re-run adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency

from . import catalogue
from .models import BaseKind, CatalogueCategory, DisclosureGuide, Document

AGENCIES = ("sf-gov", "sf-fgw", "sf-sft", "qs-gov", "qs-jyj", "qs-scjgj", "ls-gov")
REGULATION = "《中华人民共和国政府信息公开条例》"
ART26 = "自该政府信息形成或者变更之日起20个工作日内公开（条例第二十六条）"
WEBSITE = "{agency}门户网站政府信息公开专栏"
WAYS = "主动公开"
DOCUMENTS_PER_ITEM = 50


@dataclass(frozen=True)
class DemoItem:
    subject: str
    content: str
    basis: str
    time_limit: str = ART26
    channel: str = WEBSITE
    unit: str = "{office}"
    documents: str = ""  # a BaseKind whose documents of the agency fulfil the item


CATALOGUE: list[tuple[str, list[DemoItem]]] = [
    (
        "机构职能",
        [
            DemoItem(
                "机构职能",
                "主要职责、内设机构及其职责",
                f"{REGULATION}第二十条第（二）项",
            ),
            DemoItem(
                "领导信息",
                "负责人姓名、职务、分工",
                f"{REGULATION}第二十条第（二）项",
            ),
            DemoItem(
                "办公地址、办公时间和联系方式",
                "办公地址、办公时间、联系电话、通信地址",
                f"{REGULATION}第二十条第（二）项",
                channel=WEBSITE + "；办公场所公示",
            ),
        ],
    ),
    (
        "政策文件",
        [
            DemoItem(
                "规章",
                "本机关制定的规章及其修改、废止情况",
                f"{REGULATION}第二十条第（一）项",
                documents=BaseKind.RULE,
            ),
            DemoItem(
                "行政规范性文件",
                "本机关制发的行政规范性文件及其修改、废止情况，现行有效的行政规范性文件目录",
                f"{REGULATION}第二十条第（一）项",
                documents=BaseKind.NORMATIVE,
            ),
            DemoItem(
                "其他政策文件及解读",
                "本机关印发的其他政策文件及其解读材料（三同步）",
                f"{REGULATION}第十九条、第二十条第（一）项",
                documents=BaseKind.OTHER,
            ),
        ],
    ),
    (
        "规划计划",
        [
            DemoItem(
                "发展规划",
                "国民经济和社会发展规划、专项规划、区域规划及相关政策",
                f"{REGULATION}第二十条第（三）项",
            ),
            DemoItem(
                "年度工作计划和总结",
                "年度工作要点、工作计划及完成情况",
                f"{REGULATION}第十九条",
            ),
        ],
    ),
    (
        "统计信息",
        [
            DemoItem(
                "统计数据",
                "国民经济和社会发展统计信息、统计公报",
                f"{REGULATION}第二十条第（四）项；《中华人民共和国统计法》",
                time_limit="按统计调查制度规定的时间公布",
            ),
        ],
    ),
    (
        "财政信息",
        [
            DemoItem(
                "部门预算",
                "经批准的部门预算及报表、“三公”经费预算及说明",
                f"{REGULATION}第二十条第（七）项；《中华人民共和国预算法》第十四条",
                time_limit="经本级人民代表大会或者其常务委员会批准后二十日内",
            ),
            DemoItem(
                "部门决算",
                "经批准的部门决算及报表、“三公”经费决算及说明",
                f"{REGULATION}第二十条第（七）项；《中华人民共和国预算法》第十四条",
                time_limit="批准后二十日内",
            ),
            DemoItem(
                "行政事业性收费",
                "收费项目及其依据、标准",
                f"{REGULATION}第二十条第（八）项",
            ),
            DemoItem(
                "政府采购",
                "政府集中采购项目的目录、标准及实施情况",
                f"{REGULATION}第二十条第（九）项；《中华人民共和国政府采购法》",
                channel=WEBSITE + "；省政府采购网",
            ),
        ],
    ),
    (
        "行政许可",
        [
            DemoItem(
                "行政许可事项及办事指南",
                "行政许可事项的依据、条件、数量、程序、期限，申请材料目录和申请书示范文本",
                f"{REGULATION}第二十条第（五）项；《中华人民共和国行政许可法》第三十条",
                channel=WEBSITE + "；政务服务网；政务服务中心窗口",
            ),
            DemoItem(
                "行政许可结果",
                "准予行政许可的决定",
                f"{REGULATION}第二十条第（五）项；《中华人民共和国行政许可法》第四十条",
                time_limit="作出决定之日起7个工作日内",
                channel=WEBSITE + "；信用网站",
            ),
        ],
    ),
    (
        "行政处罚",
        [
            DemoItem(
                "行政处罚的依据、条件和程序",
                "行政处罚事项清单、裁量基准、执法程序",
                f"{REGULATION}第二十条第（六）项",
            ),
            DemoItem(
                "行政处罚决定",
                "具有一定社会影响的行政处罚决定",
                f"{REGULATION}第二十条第（六）项；《中华人民共和国行政处罚法》第四十八条",
                time_limit="作出决定之日起7个工作日内",
                channel=WEBSITE + "；信用网站",
            ),
        ],
    ),
    (
        "人事信息",
        [
            DemoItem(
                "公务员招考",
                "公务员招考的职位、名额、报考条件等事项以及录用结果",
                f"{REGULATION}第二十条第（十四）项；《中华人民共和国公务员法》",
                time_limit="按招考公告确定的时间",
            ),
            DemoItem(
                "干部任免",
                "干部任免决定",
                f"{REGULATION}第十九条",
            ),
        ],
    ),
    (
        "建议提案办理",
        [
            DemoItem(
                "人大代表建议和政协委员提案办理结果",
                "建议提案办理总体情况、办理复文（涉及国家秘密、个人隐私等的除外）",
                f"{REGULATION}第二十条第（十五）项",
                time_limit="办结后及时公开",
            ),
        ],
    ),
    (
        "应急管理",
        [
            DemoItem(
                "应急预案和预警信息",
                "突发公共事件的应急预案、预警信息及应对情况",
                f"{REGULATION}第二十条第（十二）项；《中华人民共和国突发事件应对法》",
                time_limit="及时发布",
                channel=WEBSITE + "；广播、电视、短信等",
            ),
        ],
    ),
]

GUIDE = """<p>为了更好地提供政府信息公开服务，依据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。\
申请人需要获得{agency}政府信息公开服务的，建议阅读本指南。</p>
<h2>一、主动公开</h2>
<h3>（一）公开范围</h3>
<p>{agency}依照《条例》第十九条、第二十条的规定主动公开政府信息，具体内容见本机关的主动公开事项目录。</p>
<h3>（二）公开方式</h3>
<p>主动公开的政府信息通过本机关门户网站政府信息公开专栏公开，并根据需要通过政府公报、新闻发布会以及报刊、广播、电视等途径公开。</p>
<h3>（三）公开时限</h3>
<p>属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内及时公开。法律、法规对政府信息公开的期限另有规定的，从其规定。</p>
<h2>二、依申请公开</h2>
<h3>（一）受理机构</h3>
<p>{office}负责受理向{agency}提出的政府信息公开申请，联系方式见本页下方。</p>
<h3>（二）申请方式</h3>
<p>申请人可以通过本平台在线提交申请，也可以通过信函或者当面提交书面申请。申请内容应当包括：申请人的姓名或者名称、身份证明、联系方式；\
申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。</p>
<h3>（三）答复期限</h3>
<p>能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，\
延长的期限最长不超过20个工作日。</p>
<h3>（四）收费</h3>
<p>提供政府信息不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以依照《政府信息公开信息处理费管理办法》收取信息处理费。</p>
<h2>三、监督和救济</h2>
<p>公民、法人或者其他组织认为{agency}在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，\
也可以依法申请行政复议或者提起行政诉讼。</p>
"""


def _office_name(agency: Agency) -> str:
    office = getattr(agency, "office", None)
    return office.name if office is not None else f"{agency.name}办公室"


def _references(agency: Agency, base: str) -> tuple[str, ...]:
    documents = Document.objects.filter(agency=agency, kind__base=base).order_by("-published_on", "-pk")
    return tuple(documents.values_list("index_number", flat=True)[:DOCUMENTS_PER_ITEM])


def _load_catalogue(agency: Agency) -> list[str]:
    office = _office_name(agency)
    made: list[str] = []
    for position, (name, items) in enumerate(CATALOGUE, start=1):
        category = catalogue.category_save(actor=None, agency=agency, name=name, position=position, via="demo")
        for number, item in enumerate(items, start=1):
            data = catalogue.ItemInput(
                category=category.pk,
                subject=item.subject,
                content=item.content,
                legal_basis=item.basis,
                time_limit=item.time_limit,
                responsible_unit=item.unit.format(office=office, agency=agency.name),
                channel=item.channel.format(agency=agency.name),
                method=WAYS,
                position=number,
                documents=_references(agency, item.documents) if item.documents else (),
            )
            made.append(f"{agency.code}: {catalogue.item_create(actor=None, agency=agency, data=data, via='demo')}")
    return made


def load_demo_catalogue() -> list[str]:
    made: list[str] = []
    for agency in Agency.objects.filter(code__in=AGENCIES).select_related("office").order_by("path"):
        if not CatalogueCategory.objects.filter(agency=agency).exists():
            made.extend(_load_catalogue(agency))
        if not DisclosureGuide.objects.filter(agency=agency).exists():
            body = GUIDE.format(agency=agency.name, office=_office_name(agency))
            catalogue.guide_save(actor=None, agency=agency, body=body, via="demo")
            made.append(f"{agency.code}: guide")
    return made
