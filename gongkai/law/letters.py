"""The legal parts of the letters an office sends about an application (依申请公开文书).

Pure data and small functions, no Django: the kinds of letter, the provision each rests on, the
decision of each reply variant and the remedies a reply states. The reply's variants follow the
outcome rows of ``gongkai.law.outcomes`` (one source for the row and its article): one variant
per outcome, plus 36-1 (already proactively disclosed: the reply says where and how to find it).

Sources: 《中华人民共和国政府信息公开条例》(国务院令第711号, "《条例》"), 《政府信息公开信息处理费
管理办法》(国办函〔2020〕109号), 《中华人民共和国行政复议法》(2023年修订, 2024年1月1日起施行),
《中华人民共和国行政诉讼法》.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .outcomes import OUTCOME_BY_CODE, OutcomeGroup, outcome

REGULATION = "《中华人民共和国政府信息公开条例》"


class LetterKind(StrEnum):
    RECEIPT = "receipt"  # 登记回执 (Art. 29, 31, 33)
    CORRECTION = "correction"  # 补正告知书 (Art. 30)
    EXTENSION = "extension"  # 延期答复告知书 (Art. 33 ¶2)
    CONSULT_THIRD_PARTY = "consult_third_party"  # 征求第三方意见函 (Art. 32)
    CONSULT_AGENCY = "consult_agency"  # 征求意见函 to another agency (Art. 34)
    THIRD_PARTY_NOTICE = "third_party_notice"  # 公开决定告知书 to the third party (Art. 32)
    FEE = "fee"  # 收费通知书 (Art. 42, 国办函〔2020〕109号)
    REPLY = "reply"  # 答复告知书 (Art. 36–39)


TITLES: dict[LetterKind, str] = {
    LetterKind.RECEIPT: "政府信息公开申请登记回执",
    LetterKind.CORRECTION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.CONSULT_THIRD_PARTY: "政府信息公开征求第三方意见函",
    LetterKind.CONSULT_AGENCY: "政府信息公开征求意见函",
    LetterKind.THIRD_PARTY_NOTICE: "政府信息公开决定告知书（第三方）",
    LetterKind.FEE: "政府信息公开信息处理费收费通知书",
    LetterKind.REPLY: "政府信息公开申请答复告知书",
}

# The provision each kind of letter rests on (the reply's comes from its outcome).
KIND_BASIS: dict[LetterKind, str] = {
    LetterKind.RECEIPT: "《条例》第二十九条、第三十一条、第三十三条",
    LetterKind.CORRECTION: "《条例》第三十条",
    LetterKind.EXTENSION: "《条例》第三十三条第二款",
    LetterKind.CONSULT_THIRD_PARTY: "《条例》第三十二条",
    LetterKind.CONSULT_AGENCY: "《条例》第三十四条",
    LetterKind.THIRD_PARTY_NOTICE: "《条例》第三十二条",
    LetterKind.FEE: "《条例》第四十二条；国办函〔2020〕109号",
}

# Statutory sentences the letters quote (the law's own words, abridged where marked).
CORRECTION_RULE = (
    "根据《条例》第三十条的规定，政府信息公开申请内容不明确的，行政机关应当给予指导和释明，"
    "并一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自行政机关收到补正的申请之日起计算。"
    "申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请。"
)
EXTENSION_RULE = (
    "根据《条例》第三十三条第二款的规定，行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；"
    "需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。"
)
CONSULT_THIRD_PARTY_RULE = (
    "根据《条例》第三十二条的规定，依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。"
    "第三方应当自收到征求意见书之日起15个工作日内提出意见。第三方逾期未提出意见的，由行政机关依照《条例》的规定决定是否公开。"
    "第三方不同意公开且有合理理由的，行政机关不予公开。"
)
CONSULT_AGENCY_RULE = (
    "根据《条例》第三十四条的规定，申请公开的政府信息由两个以上行政机关共同制作的，牵头制作的行政机关收到政府信息公开申请后"
    "可以征求相关行政机关的意见，被征求意见机关应当自收到征求意见书之日起15个工作日内提出意见，逾期未提出意见的视为同意公开。"
)
THIRD_PARTY_NOTICE_RULE = (
    "根据《条例》第三十二条的规定，行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，"
    "并将决定公开的政府信息内容和理由书面告知第三方。"
)
FEE_RULE = (
    "根据《条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，申请人申请公开政府信息的数量、"
    "频次明显超过合理范围的，行政机关可以收取信息处理费。申请人应当自收到本通知之日起20个工作日内缴纳费用，"
    "逾期未缴纳的，视为放弃申请，行政机关不再处理该政府信息公开申请。"
)
FEE_BANDS_PER_APPLICATION = (
    "按件计收（国办函〔2020〕109号第四条）：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；"
    "11—30件（含30件）的部分，每件收费100元；31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。"
)
FEE_BANDS_PER_PAGE = (
    "按量计收（国办函〔2020〕109号第五条）：30页以下（含30页）的，不收费；31—100页（含100页）的部分，收费10元/页；"
    "101—200页（含200页）的部分，收费20元/页；200页以上的部分，收费40元/页。"
)
CONSULT_PERIOD_WORKING_DAYS = 15  # Art. 32, 34
FEE_PERIOD_WORKING_DAYS = 20  # 国办函〔2020〕109号第十条


@dataclass(frozen=True)
class ReplyVariant:
    """One variant of the reply: the outcome row it counts in, the decision it states, the
    provision it names (the outcome's own ``basis``) and whether refusing is part of it."""

    code: str  # the variant's key: an outcome code, or "disclosed_public" (36-1)
    outcome_code: str
    decision: str
    article: str  # the precise provision the decision names

    @property
    def basis(self) -> str:
        """The outcome row's provision (``gongkai.law.outcomes``, the one source)."""
        return outcome(self.outcome_code).basis

    @property
    def refuses(self) -> bool:
        """A refusal to disclose, wholly or in part: reconsideration comes first (复议前置)."""
        return outcome(self.outcome_code).group in {OutcomeGroup.WITHHELD, OutcomeGroup.PARTIALLY_DISCLOSED}


PUBLIC_VARIANT = "disclosed_public"

# What each reply decides; the article named is that of the outcome row (``outcomes.OUTCOMES``).
_DECISIONS: dict[str, tuple[str, str]] = {
    PUBLIC_VARIANT: (
        "经审查，您申请获取的政府信息已经主动公开。根据《条例》第三十六条第一项的规定，现告知您获取该政府信息的方式、途径（见下）。",
        "《条例》第三十六条第一项",
    ),
    "disclosed": (
        "经审查，您申请获取的政府信息属于公开范围。根据《条例》第三十六条第二项的规定，本机关予以公开，"
        "现按您要求的形式向您提供（或告知获取的方式、途径和时间）。",
        "《条例》第三十六条第二项",
    ),
    "partially_disclosed": (
        "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《条例》第三十七条的规定，"
        "本机关向您提供可以公开的部分，对不予公开的部分说明理由如下。",
        "《条例》第三十七条",
    ),
    "withheld_state_secret": (
        "经审查，您申请获取的政府信息属于国家秘密。根据《条例》第十四条、第三十六条第三项的规定，本机关不予公开。",
        "《条例》第十四条",
    ),
    "withheld_prohibited_by_law": (
        "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据《条例》第十四条、第三十六条第三项的规定，本机关不予公开。",
        "《条例》第十四条",
    ),
    "withheld_security_stability": (
        "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
        "根据《条例》第十四条、第三十六条第三项的规定，本机关不予公开。",
        "《条例》第十四条",
    ),
    "withheld_third_party": (
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，且第三方不同意公开。"
        "根据《条例》第十五条、第三十二条、第三十六条第三项的规定，本机关不予公开。",
        "《条例》第十五条、第三十二条",
    ),
    "withheld_internal_affairs": (
        "经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。"
        "根据《条例》第十六条第一款、第三十六条第三项的规定，本机关不予公开。",
        "《条例》第十六条第一款",
    ),
    "withheld_process_info": (
        "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。"
        "根据《条例》第十六条第二款、第三十六条第三项的规定，本机关不予公开。",
        "《条例》第十六条第二款",
    ),
    "withheld_enforcement_file": (
        "经审查，您申请获取的政府信息属于行政执法案卷信息。根据《条例》第十六条第二款、第三十六条第三项的规定，本机关不予公开。",
        "《条例》第十六条第二款",
    ),
    "withheld_admin_query": (
        "经审查，您申请获取的是工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。"
        "根据《条例》第三十六条第七项的规定，请您依照有关法律、行政法规的规定办理。",
        "《条例》第三十六条第七项",
    ),
    "unavailable_not_held": (
        "经检索查找，本机关未制作、获取您申请的政府信息，该政府信息不存在；或者该政府信息不属于本机关负责公开。"
        "根据《条例》第三十六条第四项、第五项的规定，特此告知（能够确定负责公开该政府信息的行政机关的，告知其名称、联系方式）。",
        "《条例》第三十六条第四项、第五项",
    ),
    "unavailable_needs_creation": (
        "经审查，本机关没有您申请的现成信息，提供该信息需要对现有政府信息进行加工、分析。根据《条例》第三十八条的规定，本机关可以不予提供。",
        "《条例》第三十八条",
    ),
    "unavailable_unclear": (
        "本机关已一次性告知您补正申请内容，补正后申请内容仍不明确，无法确定您所需的政府信息。"
        "根据《条例》第三十条的规定，本机关无法提供。",
        "《条例》第三十条",
    ),
    "not_processed_petition": (
        "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动。根据《条例》第三十九条第一款的规定，"
        "本机关不作为政府信息公开申请处理，请您通过相应渠道提出。",
        "《条例》第三十九条第一款",
    ),
    "not_processed_repeat": (
        "经审查，本机关已就您申请公开的政府信息向您作出答复，您重复申请公开相同政府信息。"
        "根据《条例》第三十六条第六项的规定，本机关不予重复处理。",
        "《条例》第三十六条第六项",
    ),
    "not_processed_publication": (
        "经审查，您申请获取的是行政机关的公开出版物。根据《条例》第三十九条第二款的规定，本机关告知您获取的途径，请您自行获取。",
        "《条例》第三十九条第二款",
    ),
    "not_processed_excessive": (
        "经审查，您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由或者理由不合理。"
        "根据《条例》第三十五条的规定，本机关不予处理。",
        "《条例》第三十五条",
    ),
    "not_processed_confirmation": (
        "经审查，您要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请。"
        "根据国办公开办函〔2021〕30号（年度报告格式）的规定，本机关不予处理。",
        "国办公开办函〔2021〕30号（年度报告格式）",
    ),
    "other_no_correction": (
        "本机关已告知您补正申请，您无正当理由逾期未补正，视为放弃申请。根据《条例》第三十条的规定，本机关不再处理您的政府信息公开申请。",
        "《条例》第三十条",
    ),
    "other_fee_unpaid": (
        "本机关已向您发出收费通知，您逾期未按收费通知要求缴纳费用，视为放弃申请。"
        "根据《条例》第四十二条和国办函〔2020〕109号的规定，本机关不再处理您的政府信息公开申请。",
        "《条例》第四十二条；国办函〔2020〕109号",
    ),
    "other": (
        "本机关对您的政府信息公开申请作出如下处理（理由见下）。",
        "—",
    ),
}

REPLY_VARIANTS: dict[str, ReplyVariant] = {
    code: ReplyVariant(code, "disclosed" if code == PUBLIC_VARIANT else code, decision, article)
    for code, (decision, article) in _DECISIONS.items()
}
assert set(OUTCOME_BY_CODE) <= set(REPLY_VARIANTS), "every outcome row has its reply variant"


def reply_variant(outcome_code: str, *, already_public: bool = False) -> ReplyVariant:
    """The reply variant of an outcome; a disclosure of information already public is 36-1."""
    outcome(outcome_code)  # KeyError for an unknown code
    if outcome_code == "disclosed" and already_public:
        return REPLY_VARIANTS[PUBLIC_VARIANT]
    return REPLY_VARIANTS[outcome_code]


RECONSIDERATION_DAYS = 60  # 《行政复议法》第二十条
LITIGATION_MONTHS = 6  # 《行政诉讼法》第四十六条

COMPLAINT = (
    "您认为本机关在政府信息公开工作中侵犯您合法权益的，可以依照《条例》第五十一条的规定，"
    "向上一级行政机关或者政府信息公开工作主管部门投诉、举报。"
)


def remedies(*, refuses: bool, reconsideration_body: str, court: str) -> tuple[str, ...]:
    """The remedies a reply that ends the case states (《条例》第五十一条).

    A refusal to disclose goes to reconsideration first (复议前置,《行政复议法》第二十三条第一款
    第四项, in force since 1 January 2024); otherwise the applicant chooses between
    reconsideration within 60 days (第二十条) and litigation within 6 months (《行政诉讼法》第四十六条).
    """
    body = reconsideration_body or "本机关的同级人民政府或者上一级主管部门"
    court = court or "有管辖权的人民法院"
    if refuses:
        appeal = (
            f"如对本答复不服，根据《中华人民共和国行政复议法》第二十三条第一款第四项的规定，申请政府信息公开、行政机关不予公开的，"
            f"应当先申请行政复议：您可以自知道本答复之日起{RECONSIDERATION_DAYS}日内向{body}申请行政复议；"
            f"对行政复议决定不服的，可以依法向{court}提起行政诉讼。"
        )
    else:
        appeal = (
            f"如对本答复不服，您可以自知道本答复之日起{RECONSIDERATION_DAYS}日内向{body}申请行政复议，"
            f"或者自知道本答复之日起{LITIGATION_MONTHS}个月内向{court}提起行政诉讼。"
        )
    return (COMPLAINT, appeal)
