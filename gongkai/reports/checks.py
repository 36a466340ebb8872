"""The report checks (勾稽关系) R1–R8 of shared/spec/annual-report.md, and the audit score.

Pure: takes report models, returns findings. No Django.

| id | rule | severity |
|---|---|---|
| R1 | per column of table 三: 一 + 二 = (七) + 四 | error |
| R2 | per column: (七) = (一) + (二) + Σ(三) + Σ(四) + Σ(五) + Σ(六) | error |
| R3 | per row of table 三: 总计 = the six applicant columns | error |
| R4 | table 四: each 总计 = 维持 + 纠正 + 其他 + 尚未审结 | error |
| R5 | this year's 二 = last year's 四, per column (needs last year's report) | warning |
| R6 | 现行有效 = last year's + 制发 − 废止 (needs last year's report; 2021 keys) | warning |
| R7 | counts are non-negative integers; only money (万元) may be a decimal | error |
| R8 | numbers stated in the narrative agree with the tables | warning |

R1–R4 run only over complete data: a sum with a blank, cut-off or missing cell is not checked,
and — because skipping is not passing — each rule says so once per table in an info finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import lru_cache

from gongkai.law.outcomes import OUTCOMES, OutcomeGroup

from .findings import Finding, Severity
from .model import T3_COLUMN_KEYS, T4_GROUPS, AnnualReport, ReportFormat, t3_row_keys
from .wording import (
    NARRATIVE_LABELS,
    T2_BLOCK_LABELS,
    T4_GROUP_LABELS,
    T4_KEY_LABELS,
    TABLE_LABELS,
    format_number,
    place_label,
    t3_column_label,
    t3_row_label,
)

_fmt = format_number  # numbers in messages as the report writes them
Value = Decimal  # cells are compared as Decimals (exact for ints and for 万元 amounts)
APPLICANT_COLUMNS: tuple[str, ...] = T3_COLUMN_KEYS[:-1]  # the six kinds, without "total"
TOTAL_INDEX = len(T3_COLUMN_KEYS) - 1
TABLE_FORMATS = (ReportFormat.F2021, ReportFormat.F2019)

# Where a decimal (money, 万元) is allowed; where a negative number is allowed (2019 "本年增/减").
DECIMAL_PLACES: frozenset[tuple[str, ...]] = frozenset(
    {("t2", "fees", "amount_10k_yuan"), ("t2", "procurement", "amount"), ("narrative", "fees_10k_yuan")}
)
SIGNED_KEYS: frozenset[str] = frozenset({"change"})

GROUP_HEADINGS: dict[OutcomeGroup, str] = {
    OutcomeGroup.DISCLOSED: "(一)",
    OutcomeGroup.PARTIALLY_DISCLOSED: "(二)",
    OutcomeGroup.WITHHELD: "(三)",
    OutcomeGroup.UNAVAILABLE: "(四)",
    OutcomeGroup.NOT_PROCESSED: "(五)",
    OutcomeGroup.OTHER: "(六)",
}

# Score weights (see ``score``).
ERROR_POINTS = 10
WARNING_POINTS = 3
RULE_CAP = 30


def check_report(report: AnnualReport, previous: AnnualReport | None = None) -> list[Finding]:
    """Findings of R1–R8 for ``report``; R5 and R6 only when last year's report is given.

    A document that is not a report gets no findings here (its reader already said so); a
    pre-2019 report is checked only where it has values (R7, and R8 if it has tables).
    """
    if report.format is ReportFormat.NOT_A_REPORT:
        return []
    findings: list[Finding] = []
    findings += check_values(report)
    findings += check_table3(report)
    findings += check_table4(report)
    if previous is not None:
        findings += check_carry_over(report, previous)
        findings += check_in_force(report, previous)
    findings += check_narrative(report)
    return findings


# --- cells ---------------------------------------------------------------------------------


def _number(value: object) -> Value | None:
    """A usable number, or None (blank, missing, or not a number at all — R7 reports those)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return Decimal(value)


def t3_cell(report: AnnualReport, row: str, column: int) -> Value | None:
    values = (report.t3 or {}).get(row)
    if values is None or column >= len(values):
        return None
    return _number(values[column])


@lru_cache(maxsize=8)
def _rows_of_group(rows: tuple[str, ...], group: OutcomeGroup) -> tuple[str, ...]:
    codes = {o.code for o in OUTCOMES if o.group is group}
    return tuple(row for row in rows if row in codes)


def _group_rows(report: AnnualReport, group: OutcomeGroup) -> tuple[str, ...]:
    return _rows_of_group(t3_row_keys(report), group)


def _sum(values: Iterable[Value | None]) -> Value | None:
    """The sum, or None when any value is missing."""
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _skipped(rule: str, table: str, skipped: int, of: int, unit: str, *, absent: bool) -> Finding:
    label = TABLE_LABELS[table]
    if absent:
        message = f"{label}缺失，未做{rule}核对（跳过不等于通过）。"
    else:
        message = f"{label}有空白或未读出的单元格，{rule}的{of}{unit}中有{skipped}{unit}未核对（跳过不等于通过）。"
    return Finding(rule, Severity.INFO, table, message)


# --- R1, R2, R3 ----------------------------------------------------------------------------


def check_table3(report: AnnualReport) -> list[Finding]:
    """R1, R2 (per column) and R3 (per row) over table 三."""
    if report.t3 is None:
        if report.format in TABLE_FORMATS:
            return [_skipped(rule, "t3", 0, 0, "", absent=True) for rule in ("R1", "R2", "R3")]
        return []
    findings: list[Finding] = []
    skipped = {"R1": 0, "R2": 0, "R3": 0}
    for index, column in enumerate(T3_COLUMN_KEYS):
        name = t3_column_label(column)
        for rule, check in (("R1", _check_r1), ("R2", _check_r2)):
            checked, finding = check(report, index, column, name)
            skipped[rule] += 0 if checked else 1
            if finding is not None:
                findings.append(finding)
    rows = t3_row_keys(report)
    for row in rows:
        checked, finding = _check_r3(report, row)
        skipped["R3"] += 0 if checked else 1
        if finding is not None:
            findings.append(finding)
    for rule, count in skipped.items():
        if count:
            of = len(rows) if rule == "R3" else len(T3_COLUMN_KEYS)
            unit = "行" if rule == "R3" else "列"
            findings.append(_skipped(rule, "t3", count, of, unit, absent=False))
    return findings


def _check_r1(report: AnnualReport, index: int, column: str, name: str) -> tuple[bool, Finding | None]:
    """(checked, finding): not checked when a cell is missing; the finding when the rule fails."""
    new = t3_cell(report, "new_received", index)
    carried = t3_cell(report, "carried_over", index)
    total = t3_cell(report, "total", index)
    forward = t3_cell(report, "carried_forward", index)
    if new is None or carried is None or total is None or forward is None:
        return False, None
    left, right = new + carried, total + forward
    if left == right:
        return True, None
    message = (
        f"表三{name}列：一、本年新收与二、上年结转之和为{_fmt(new)}+{_fmt(carried)}={_fmt(left)}，"
        f"(七)总计与四、结转下年度继续办理之和为{_fmt(total)}+{_fmt(forward)}={_fmt(right)}，"
        f"两者应相等（相差{_fmt(abs(left - right))}）。"
    )
    return True, Finding("R1", Severity.ERROR, f"t3.total.{column}", message)


def _check_r2(report: AnnualReport, index: int, column: str, name: str) -> tuple[bool, Finding | None]:
    total = t3_cell(report, "total", index)
    parts: list[tuple[str, Value]] = []
    for group in OutcomeGroup:
        subtotal = _sum(t3_cell(report, row, index) for row in _group_rows(report, group))
        if subtotal is None:
            return False, None
        parts.append((GROUP_HEADINGS[group], subtotal))
    if total is None:
        return False, None
    outcomes = sum((value for _, value in parts), start=Decimal(0))
    if outcomes == total:
        return True, None
    terms = "+".join(f"{heading}{_fmt(value)}" for heading, value in parts)
    message = (
        f"表三{name}列：(七)总计为{_fmt(total)}，但办理结果(一)至(六)之和为{terms}={_fmt(outcomes)}，"
        f"相差{_fmt(abs(total - outcomes))}。"
    )
    return True, Finding("R2", Severity.ERROR, f"t3.total.{column}", message)


def _check_r3(report: AnnualReport, row: str) -> tuple[bool, Finding | None]:
    values = [t3_cell(report, row, index) for index in range(len(APPLICANT_COLUMNS))]
    total = t3_cell(report, row, TOTAL_INDEX)
    parts = _sum(values)
    if parts is None or total is None:
        return False, None
    if parts == total:
        return True, None
    terms = "+".join(_fmt(v) for v in values if v is not None)
    message = (
        f"表三{t3_row_label(row)}：总计列为{_fmt(total)}，但六类申请人之和为{terms}={_fmt(parts)}，"
        f"相差{_fmt(abs(total - parts))}。"
    )
    return True, Finding("R3", Severity.ERROR, f"t3.{row}.total", message)


# --- R4 ------------------------------------------------------------------------------------


def check_table4(report: AnnualReport) -> list[Finding]:
    """R4: in table 四, each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    if report.t4 is None:
        return [_skipped("R4", "t4", 0, 0, "", absent=True)] if report.format in TABLE_FORMATS else []
    findings: list[Finding] = []
    skipped = 0
    for group in T4_GROUPS:
        cells = report.t4.get(group) or {}
        values = [_number(cells.get(key)) for key in ("upheld", "corrected", "other", "pending")]
        total = _number(cells.get("total"))
        parts = _sum(values)
        if parts is None or total is None:
            skipped += 1
            continue
        if parts == total:
            continue
        terms = "+".join(
            f"{T4_KEY_LABELS[key]}{_fmt(v)}"
            for key, v in zip(("upheld", "corrected", "other", "pending"), values, strict=True)
            if v is not None
        )
        message = (
            f"表四{T4_GROUP_LABELS[group]}：总计为{_fmt(total)}，但{terms}={_fmt(parts)}，"
            f"相差{_fmt(abs(total - parts))}。"
        )
        findings.append(Finding("R4", Severity.ERROR, f"t4.{group}.total", message))
    if skipped:
        findings.append(_skipped("R4", "t4", skipped, len(T4_GROUPS), "组", absent=False))
    return findings


# --- R5, R6 (against last year's report) ---------------------------------------------------


def _previous_usable(report: AnnualReport, previous: AnnualReport, rule: str) -> Finding | None:
    """An info finding when ``previous`` is not last year's report; None when it may be used."""
    if report.year is not None and previous.year is not None and previous.year != report.year - 1:
        return Finding(
            rule,
            Severity.INFO,
            "t3" if rule == "R5" else "t2",
            f"所给上年报告为{previous.year}年度，不是{report.year - 1}年度，未做{rule}核对。",
        )
    return None


def check_carry_over(report: AnnualReport, previous: AnnualReport) -> list[Finding]:
    """R5: this year's 二、上年结转 equals last year's 四、结转下年度继续办理, per column."""
    mismatch = _previous_usable(report, previous, "R5")
    if mismatch is not None:
        return [mismatch]
    if report.t3 is None or previous.t3 is None:
        return []
    findings: list[Finding] = []
    skipped = 0
    for index, column in enumerate(T3_COLUMN_KEYS):
        now = t3_cell(report, "carried_over", index)
        before = t3_cell(previous, "carried_forward", index)
        if now is None or before is None:
            skipped += 1
            continue
        if now != before:
            year = f"{previous.year}年度" if previous.year else "上年"
            message = (
                f"表三{t3_column_label(column)}列：本年二、上年结转为{_fmt(now)}，"
                f"但{year}报告四、结转下年度继续办理为{_fmt(before)}，两者应相同。"
            )
            findings.append(Finding("R5", Severity.WARNING, f"t3.carried_over.{column}", message))
    if skipped:
        message = f"本年或上年表三有空白单元格，R5的{len(T3_COLUMN_KEYS)}列中有{skipped}列未核对（跳过不等于通过）。"
        findings.append(Finding("R5", Severity.INFO, "t3", message))
    return findings


def check_in_force(report: AnnualReport, previous: AnnualReport) -> list[Finding]:
    """R6: 现行有效件数 = last year's + 本年制发 − 本年废止, for 规章 and 行政规范性文件 (2021 keys).

    Not exact in practice (amended or expired documents also move the count), hence a warning.
    """
    mismatch = _previous_usable(report, previous, "R6")
    if mismatch is not None:
        return [mismatch]
    if report.t2 is None or previous.t2 is None:
        return []
    findings: list[Finding] = []
    for block in ("rules", "normative_documents"):
        now = report.t2.get(block) or {}
        before = previous.t2.get(block) or {}
        in_force, issued, repealed = (_number(now.get(k)) for k in ("in_force", "issued", "repealed"))
        last = _number(before.get("in_force"))
        if in_force is None or issued is None or repealed is None or last is None:
            continue
        expected = last + issued - repealed
        if expected == in_force:
            continue
        name = T2_BLOCK_LABELS[block]
        message = (
            f"表二{name}：上年现行有效{_fmt(last)}件，加本年制发{_fmt(issued)}件、减本年废止{_fmt(repealed)}件"
            f"应为{_fmt(expected)}件，本年报告现行有效{_fmt(in_force)}件（相差{_fmt(abs(in_force - expected))}；"
            "文件修改、失效也会造成差异，请核实）。"
        )
        findings.append(Finding("R6", Severity.WARNING, f"t2.{block}.in_force", message))
    return findings


# --- R7 ------------------------------------------------------------------------------------


def _cells(report: AnnualReport) -> Iterable[tuple[tuple[str, ...], object]]:
    """Every value of the report with its place, e.g. (("t3", "total", "natural_person"), 200)."""
    for table, content in (("t2", report.t2), ("t4", report.t4)):
        for block, cells in (content or {}).items():
            for key, value in (cells or {}).items():
                yield (table, block, key), value
    for row, values in (report.t3 or {}).items():
        for index, value in enumerate(values or []):
            column = T3_COLUMN_KEYS[index] if index < len(T3_COLUMN_KEYS) else str(index)
            yield ("t3", row, column), value
    for fact, value in report.narrative.items():
        yield ("narrative", fact), value


def _place_words(place: tuple[str, ...]) -> str:
    return place_label(".".join(place))


def check_values(report: AnnualReport) -> list[Finding]:
    """R7: every count is a non-negative integer; only money (万元) may have decimals."""
    findings: list[Finding] = []
    for place, value in _cells(report):
        if value is None:
            continue
        if type(value) is int and value >= 0:
            continue  # the common case: nothing to say
        where = ".".join(place)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            findings.append(Finding("R7", Severity.ERROR, where, f"{_place_words(place)}的值“{value}”不是数字。"))
            continue
        money = place in DECIMAL_PLACES
        if not money and isinstance(value, Decimal) and value != value.to_integral_value():
            message = f"{_place_words(place)}为{_fmt(value)}，件数应为整数，只有金额(万元)可有小数。"
            findings.append(Finding("R7", Severity.ERROR, where, message))
        if value < 0 and place[-1] not in SIGNED_KEYS:
            findings.append(Finding("R7", Severity.ERROR, where, f"{_place_words(place)}为{_fmt(value)}，不能为负数。"))
    return findings


# --- R8 ------------------------------------------------------------------------------------


def _t3_total(row: str) -> Callable[[AnnualReport], Value | None]:
    return lambda report: t3_cell(report, row, TOTAL_INDEX)


def _t3_group_total(group: OutcomeGroup) -> Callable[[AnnualReport], Value | None]:
    return lambda report: _sum(t3_cell(report, row, TOTAL_INDEX) for row in _group_rows(report, group))


def _t4_total(*groups: str) -> Callable[[AnnualReport], Value | None]:
    return lambda report: _sum(_number(((report.t4 or {}).get(g) or {}).get("total")) for g in groups)


def _t2(block: str, key: str) -> Callable[[AnnualReport], Value | None]:
    return lambda report: _number(((report.t2 or {}).get(block) or {}).get(key))


# fact → (what the table says, how to name it). fees_10k_yuan is not compared: the narrative's
# fees are 信息处理费 (国办函〔2020〕109号), table 二's are 行政事业性收费 — different things.
NARRATIVE_SOURCES: dict[str, tuple[Callable[[AnnualReport], Value | None], str]] = {
    "applications_received": (_t3_total("new_received"), "表三一、本年新收总计"),
    "carried_over": (_t3_total("carried_over"), "表三二、上年结转总计"),
    "carried_forward": (_t3_total("carried_forward"), "表三四、结转下年度继续办理总计"),
    "disclosed": (_t3_total("disclosed"), "表三(一)予以公开总计"),
    "partially_disclosed": (_t3_total("partially_disclosed"), "表三(二)部分公开总计"),
    "withheld": (_t3_group_total(OutcomeGroup.WITHHELD), "表三(三)不予公开各项总计之和"),
    "unavailable": (_t3_group_total(OutcomeGroup.UNAVAILABLE), "表三(四)无法提供各项总计之和"),
    "not_processed": (_t3_group_total(OutcomeGroup.NOT_PROCESSED), "表三(五)不予处理各项总计之和"),
    "other": (_t3_group_total(OutcomeGroup.OTHER), "表三(六)其他处理各项总计之和"),
    "reconsiderations": (_t4_total("reconsideration"), "表四行政复议总计"),
    "lawsuits": (
        _t4_total("litigation_direct", "litigation_after_reconsideration"),
        "表四行政诉讼(直接起诉与复议后起诉)总计之和",
    ),
    "normative_documents_in_force": (_t2("normative_documents", "in_force"), "表二行政规范性文件现行有效件数"),
    "rules_issued": (_t2("rules", "issued"), "表二规章本年制发件数"),
    "normative_documents_issued": (_t2("normative_documents", "issued"), "表二行政规范性文件本年制发件数"),
    "rules_repealed": (_t2("rules", "repealed"), "表二规章本年废止件数"),
    "normative_documents_repealed": (_t2("normative_documents", "repealed"), "表二行政规范性文件本年废止件数"),
}


def _handled_candidates(report: AnnualReport) -> Sequence[tuple[Value, str]]:
    """ "办理申请N件" means either 新收 + 结转 (what was on hand) or (七)总计 (what was concluded)."""
    found: list[tuple[Value, str]] = []
    new, carried = t3_cell(report, "new_received", TOTAL_INDEX), t3_cell(report, "carried_over", TOTAL_INDEX)
    if new is not None and carried is not None:
        found.append((new + carried, "表三一、本年新收与二、上年结转总计之和"))
    total = t3_cell(report, "total", TOTAL_INDEX)
    if total is not None:
        found.append((total, "表三(七)总计"))
    return found


def check_narrative(report: AnnualReport) -> list[Finding]:
    """R8: numbers stated in the text agree with the tables (only where both are known)."""
    findings: list[Finding] = []
    for fact, stated_raw in report.narrative.items():
        stated = _number(stated_raw)
        if stated is None:
            continue
        label = NARRATIVE_LABELS.get(fact, fact)
        if fact == "applications_handled":
            candidates = _handled_candidates(report)
            if candidates and all(stated != value for value, _ in candidates):
                value, source = candidates[0]
                message = f"正文称{label}{_fmt(stated)}件，但{source}为{_fmt(value)}件，不一致。"
                findings.append(Finding("R8", Severity.WARNING, f"narrative.{fact}", message))
            continue
        compare = NARRATIVE_SOURCES.get(fact)
        if compare is None:
            continue
        table_value = compare[0](report)
        if table_value is None or table_value == stated:
            continue
        message = f"正文称{label}{_fmt(stated)}件，但{compare[1]}为{_fmt(table_value)}件，不一致。"
        findings.append(Finding("R8", Severity.WARNING, f"narrative.{fact}", message))
    return findings


# --- score ---------------------------------------------------------------------------------


def score(report: AnnualReport) -> int:
    """The audit score, 0–100, of a report with all its findings (reading and checks).

    - A document that is not a report (or could not be read) scores 0.
    - Otherwise start from 100 and subtract, per rule id, 10 points for each error and 3 for
      each warning, at most 30 points per rule (one broken table must not hide the others);
      info findings cost nothing. The result is never below 0.

    So a report whose tables are missing (P1 errors) loses up to 30; a clean report scores 100.
    """
    if report.format is ReportFormat.NOT_A_REPORT:
        return 0
    per_rule: dict[str, int] = {}
    for finding in report.findings:
        points = {Severity.ERROR: ERROR_POINTS, Severity.WARNING: WARNING_POINTS}.get(finding.severity, 0)
        per_rule[finding.rule] = per_rule.get(finding.rule, 0) + points
    penalty = sum(min(points, RULE_CAP) for points in per_rule.values())
    return max(0, 100 - penalty)
