"""Chinese names of the report's tables, rows, columns and cells, for messages and audit pages.

Row and column names come from the shared taxonomies (``gongkai.law``); the short forms here
are what a finding's message quotes ("一、本年新收", "(七)总计").
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.law.applicants import T3_COLUMN_LABELS
from gongkai.law.outcomes import GROUP_LABELS, OUTCOME_BY_CODE, T3_ROW_LABELS

TABLE_NUMERALS: dict[str, str] = {"t2": "二", "t3": "三", "t4": "四"}

TABLE_LABELS: dict[str, str] = {
    "t2": "表二(主动公开政府信息情况)",
    "t3": "表三(收到和处理政府信息公开申请情况)",
    "t4": "表四(政府信息公开行政复议、行政诉讼情况)",
}

T3_SHORT_ROW_LABELS: dict[str, str] = {
    "new_received": "一、本年新收",
    "carried_over": "二、上年结转",
    "total": "(七)总计",
    "carried_forward": "四、结转下年度继续办理",
}

T2_BLOCK_LABELS: dict[str, str] = {
    "rules": "规章",
    "normative_documents": "行政规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "compulsory": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}
T2_KEY_LABELS: dict[str, str] = {
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount_10k_yuan": "本年收费金额(万元)",
    "made": "本年新制作数量",
    "published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "last_year": "上一年项目数量",
    "change": "本年增/减",
    "projects": "采购项目数量",
    "amount": "采购总金额",
}

T4_GROUP_LABELS: dict[str, str] = {
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼(未经复议直接起诉)",
    "litigation_after_reconsideration": "行政诉讼(复议后起诉)",
}
T4_KEY_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

NARRATIVE_LABELS: dict[str, str] = {
    "applications_received": "收到申请",
    "applications_handled": "办理申请",
    "carried_over": "上年结转",
    "carried_forward": "结转下年",
    "disclosed": "予以公开",
    "partially_disclosed": "部分公开",
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
    "reconsiderations": "行政复议",
    "lawsuits": "行政诉讼",
    "fees_10k_yuan": "信息处理费(万元)",
    "normative_documents_in_force": "现行有效规范性文件",
    "rules_issued": "制发规章",
    "normative_documents_issued": "制发规范性文件",
    "items_published": "主动公开信息",
    "complaints": "投诉举报",
    "rules_repealed": "废止规章",
    "normative_documents_repealed": "废止规范性文件",
    "correction_notices": "补正通知书",
    "extension_notices": "延期告知书",
    "assistance_letters": "协助调查函",
    "reply_notices": "告知书",
    "applications_valid": "有效申请",
    "applications_invalid": "无效申请",
}


def format_number(value: object) -> str:
    """A number as a report writes it: whole amounts without decimals ("12"), others as they are ("0.35")."""
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal(1)), "f") if value == value.to_integral_value() else format(value, "f")
    return str(value)


def t3_row_label(row: str, *, short: bool = True) -> str:
    """A row of table 三 as a finding quotes it: "(三)不予公开 4.保护第三方合法权益"."""
    if short and row in T3_SHORT_ROW_LABELS:
        return T3_SHORT_ROW_LABELS[row]
    outcome = OUTCOME_BY_CODE.get(row)
    if outcome is not None:
        if outcome.label == GROUP_LABELS[outcome.group]:
            return outcome.label.split("(区分")[0] if short else outcome.label
        return f"{GROUP_LABELS[outcome.group]} {outcome.label}"
    return T3_ROW_LABELS.get(row, row)


def t3_column_label(column: str) -> str:
    return T3_COLUMN_LABELS.get(column, column)


def place_label(where: str) -> str:
    """A finding's ``where`` in words: "t3.total.natural_person" → "表三 (七)总计 · 自然人"."""
    parts = where.split(".")
    table = parts[0]
    if table == "t3":
        words = ["表三"]
        if len(parts) > 1:
            words.append(t3_row_label(parts[1]))
        if len(parts) > 2:
            words.append(t3_column_label(parts[2]))
        return " · ".join(words)
    if table == "t4":
        words = ["表四"]
        if len(parts) > 1:
            words.append(T4_GROUP_LABELS.get(parts[1], parts[1]))
        if len(parts) > 2:
            words.append(T4_KEY_LABELS.get(parts[2], parts[2]))
        return " · ".join(words)
    if table == "t2":
        words = ["表二"]
        if len(parts) > 1:
            words.append(T2_BLOCK_LABELS.get(parts[1], parts[1]))
        if len(parts) > 2:
            words.append(T2_KEY_LABELS.get(parts[2], parts[2]))
        return " · ".join(words)
    if table == "narrative" and len(parts) > 1:
        return f"正文 · {NARRATIVE_LABELS.get(parts[1], parts[1])}"
    if where.startswith("line "):
        return f"原文第{where[5:]}行"
    return where
