"""How an application ends (办理结果), as the annual report counts it.

One source of truth for cases, letters and reports: the codes are the row keys of report table
三 (shared/spec/report-json.md), the labels are the rows' exact wording in the 2021 format
(国办公开办函〔2021〕30号), and each outcome names the provision of the Regulation
(《政府信息公开条例》, 国务院令第711号) behind it.

Table 三 has 22 result rows: the 21 outcomes below and (七)总计, their sum. Every concluded
application counts in exactly one outcome; a partly disclosed one only under (二).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OutcomeGroup(StrEnum):
    DISCLOSED = "disclosed"  # (一)
    PARTIALLY_DISCLOSED = "partially_disclosed"  # (二)
    WITHHELD = "withheld"  # (三)不予公开
    UNAVAILABLE = "unavailable"  # (四)无法提供
    NOT_PROCESSED = "not_processed"  # (五)不予处理
    OTHER = "other"  # (六)其他处理


GROUP_LABELS: dict[OutcomeGroup, str] = {
    OutcomeGroup.DISCLOSED: "(一)予以公开",
    OutcomeGroup.PARTIALLY_DISCLOSED: "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    OutcomeGroup.WITHHELD: "(三)不予公开",
    OutcomeGroup.UNAVAILABLE: "(四)无法提供",
    OutcomeGroup.NOT_PROCESSED: "(五)不予处理",
    OutcomeGroup.OTHER: "(六)其他处理",
}


@dataclass(frozen=True)
class Outcome:
    code: str
    group: OutcomeGroup
    label: str  # the row's own label in table 三 (for (一)/(二) the group label itself)
    basis: str  # the provision behind it

    @property
    def full_label(self) -> str:
        """Group and row label, e.g. "(三)不予公开 1.属于国家秘密"."""
        group_label = GROUP_LABELS[self.group]
        return group_label if self.label == group_label else f"{group_label} {self.label}"


OUTCOMES: tuple[Outcome, ...] = (
    Outcome("disclosed", OutcomeGroup.DISCLOSED, "(一)予以公开", "《条例》第三十六条第一项、第二项"),
    Outcome(
        "partially_disclosed",
        OutcomeGroup.PARTIALLY_DISCLOSED,
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        "《条例》第三十七条",
    ),
    Outcome("withheld_state_secret", OutcomeGroup.WITHHELD, "1.属于国家秘密", "《条例》第十四条"),
    Outcome("withheld_prohibited_by_law", OutcomeGroup.WITHHELD, "2.其他法律行政法规禁止公开", "《条例》第十四条"),
    Outcome("withheld_security_stability", OutcomeGroup.WITHHELD, "3.危及“三安全一稳定”", "《条例》第十四条"),
    Outcome("withheld_third_party", OutcomeGroup.WITHHELD, "4.保护第三方合法权益", "《条例》第十五条、第三十二条"),
    Outcome("withheld_internal_affairs", OutcomeGroup.WITHHELD, "5.属于三类内部事务信息", "《条例》第十六条第一款"),
    Outcome("withheld_process_info", OutcomeGroup.WITHHELD, "6.属于四类过程性信息", "《条例》第十六条第二款"),
    Outcome("withheld_enforcement_file", OutcomeGroup.WITHHELD, "7.属于行政执法案卷", "《条例》第十六条第二款"),
    Outcome("withheld_admin_query", OutcomeGroup.WITHHELD, "8.属于行政查询事项", "《条例》第三十六条第七项"),
    Outcome(
        "unavailable_not_held",
        OutcomeGroup.UNAVAILABLE,
        "1.本机关不掌握相关政府信息",
        "《条例》第三十六条第四项、第五项",
    ),
    Outcome("unavailable_needs_creation", OutcomeGroup.UNAVAILABLE, "2.没有现成信息需要另行制作", "《条例》第三十八条"),
    Outcome("unavailable_unclear", OutcomeGroup.UNAVAILABLE, "3.补正后申请内容仍不明确", "《条例》第三十条"),
    Outcome("not_processed_petition", OutcomeGroup.NOT_PROCESSED, "1.信访举报投诉类申请", "《条例》第三十九条第一款"),
    Outcome("not_processed_repeat", OutcomeGroup.NOT_PROCESSED, "2.重复申请", "《条例》第三十六条第六项"),
    Outcome(
        "not_processed_publication", OutcomeGroup.NOT_PROCESSED, "3.要求提供公开出版物", "《条例》第三十九条第二款"
    ),
    Outcome("not_processed_excessive", OutcomeGroup.NOT_PROCESSED, "4.无正当理由大量反复申请", "《条例》第三十五条"),
    Outcome(
        "not_processed_confirmation",
        OutcomeGroup.NOT_PROCESSED,
        "5.要求行政机关确认或重新出具已获取信息",
        "国办公开办函〔2021〕30号（年度报告格式）",
    ),
    Outcome(
        "other_no_correction",
        OutcomeGroup.OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "《条例》第三十条",
    ),
    Outcome(
        "other_fee_unpaid",
        OutcomeGroup.OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "《条例》第四十二条；国办函〔2020〕109号",
    ),
    Outcome("other", OutcomeGroup.OTHER, "3.其他", "—"),
)

OUTCOME_BY_CODE: dict[str, Outcome] = {o.code: o for o in OUTCOMES}
OUTCOME_CODES: tuple[str, ...] = tuple(o.code for o in OUTCOMES)

# Report table 三, rows in the official order (2021 format).
T3_ROWS_2021: tuple[str, ...] = ("new_received", "carried_over", *OUTCOME_CODES, "total", "carried_forward")
# The 2019 trial format has a single (六)其他处理 row, keyed "other".
T3_ROWS_2019: tuple[str, ...] = tuple(r for r in T3_ROWS_2021 if r not in {"other_no_correction", "other_fee_unpaid"})

T3_ROW_LABELS: dict[str, str] = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    **{o.code: o.label for o in OUTCOMES},
    "total": "(七)总计",
    "carried_forward": "四、结转下年度继续办理",
}
T3_RESULTS_HEADING = "三、本年度办理结果"


def outcome(code: str) -> Outcome:
    """The outcome with this code; KeyError names the unknown code."""
    try:
        return OUTCOME_BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown outcome code: {code!r}") from None


def outcomes_in(group: OutcomeGroup) -> tuple[Outcome, ...]:
    return tuple(o for o in OUTCOMES if o.group is group)
