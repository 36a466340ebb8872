"""R1–R8 and the score, on report models built by hand (seed 001's values and variations)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.reports.checks import check_report, score
from gongkai.reports.findings import Finding, Severity
from gongkai.reports.model import AnnualReport, ReportFormat

from .sample_reports import modified, zhaoyuan_2022, zhaoyuan_2023


def rules(findings: list[Finding], severity: Severity | None = None) -> list[str]:
    return [f.rule for f in findings if severity is None or f.severity is severity]


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_the_seed_001_values_pass_every_check() -> None:
    assert check_report(zhaoyuan_2023()) == []


def test_with_a_consistent_previous_year_r5_and_r6_pass() -> None:
    assert check_report(zhaoyuan_2023(), previous=zhaoyuan_2022()) == []


# --- R1 ------------------------------------------------------------------------------------


def test_r1_fails_when_received_plus_carried_over_differs_from_concluded_plus_carried_forward() -> None:
    report = modified(zhaoyuan_2023())
    assert report.t3 is not None
    report.t3["carried_forward"] = [10, 1, 0, 0, 0, 0, 12]  # 总计 column: 205 + 6 ≠ 200 + 12
    found = only(check_report(report), "R1")
    assert [(f.where, f.severity) for f in found] == [("t3.total.total", Severity.ERROR)]
    assert "205+6=211" in found[0].message
    assert "200+12=212" in found[0].message
    assert "相差1" in found[0].message


def test_r1_reports_each_failing_column() -> None:
    report = modified(zhaoyuan_2023())
    assert report.t3 is not None
    report.t3["new_received"] = [210, 3, 0, 0, 0, 0, 213]
    assert [f.where for f in only(check_report(report), "R1")] == [
        "t3.total.natural_person",
        "t3.total.commercial",
        "t3.total.total",
    ]


def test_r1_skips_a_column_with_a_blank_cell_and_says_so_once() -> None:
    report = modified(zhaoyuan_2023())
    assert report.t3 is not None
    report.t3["carried_over"] = [6, None, 0, 0, 0, None, 6]
    found = check_report(report)
    r1 = only(found, "R1")
    assert [(f.severity, f.where) for f in r1] == [(Severity.INFO, "t3")]
    assert "7列中有2列未核对" in r1[0].message
    assert rules(found, Severity.ERROR) == []


# --- R2 ------------------------------------------------------------------------------------


def test_r2_fails_when_the_outcome_rows_do_not_add_up_to_the_total() -> None:
    report = modified(zhaoyuan_2023())
    assert report.t3 is not None
    report.t3["withheld_third_party"] = [2, 0, 0, 0, 0, 0, 2]  # 201 outcomes, total still 200
    found = check_report(report)
    r2 = only(found, "R2")
    assert [(f.where, f.severity) for f in r2] == [
        ("t3.total.natural_person", Severity.ERROR),
        ("t3.total.total", Severity.ERROR),
    ]
    assert "(三)3" in r2[0].message
    assert "=201" in r2[0].message
    assert only(found, "R1") == []  # 一、二 and (七)、四 still agree


def test_r2_uses_the_single_other_row_of_the_2019_format() -> None:
    report = modified(zhaoyuan_2023())
    report.format = ReportFormat.F2019
    assert report.t3 is not None
    del report.t3["other_no_correction"]
    del report.t3["other_fee_unpaid"]
    assert check_report(report) == []
    report.t3["other"] = [7, 0, 0, 0, 0, 0, 7]
    assert "t3.total.natural_person" in [f.where for f in only(check_report(report), "R2")]


# --- R3 ------------------------------------------------------------------------------------


def test_r3_fails_when_a_row_total_is_not_the_sum_of_the_applicant_columns() -> None:
    report = modified(zhaoyuan_2023())
    assert report.t3 is not None
    report.t3["disclosed"] = [50, 1, 0, 0, 0, 0, 50]
    r3 = only(check_report(report), "R3")
    assert [(f.where, f.severity) for f in r3] == [("t3.disclosed.total", Severity.ERROR)]
    assert "50+1+0+0+0+0=51" in r3[0].message


def test_r3_skips_a_cut_off_row() -> None:
    report = modified(zhaoyuan_2023())
    assert report.t3 is not None
    report.t3["carried_forward"] = [10, 1, 0]  # cut off after three columns
    found = check_report(report)
    assert [f.severity for f in only(found, "R3")] == [Severity.INFO]
    assert "25行中有1行未核对" in only(found, "R3")[0].message


def test_missing_tables_are_said_to_be_unchecked_not_passed() -> None:
    report = AnnualReport(format=ReportFormat.F2021, agency="山东省人民政府办公厅", year=2023)
    found = check_report(report)
    assert [(f.rule, f.severity, f.where) for f in found] == [
        ("R1", Severity.INFO, "t3"),
        ("R2", Severity.INFO, "t3"),
        ("R3", Severity.INFO, "t3"),
        ("R4", Severity.INFO, "t4"),
    ]
    assert all("缺失" in f.message for f in found)


@pytest.mark.parametrize("kind", [ReportFormat.PRE_2019, ReportFormat.NOT_A_REPORT])
def test_documents_without_the_national_tables_get_no_table_findings(kind: ReportFormat) -> None:
    assert check_report(AnnualReport(format=kind)) == []


# --- R4 ------------------------------------------------------------------------------------


def test_r4_fails_when_a_group_total_is_wrong() -> None:
    report = modified(zhaoyuan_2023())
    assert report.t4 is not None
    report.t4["litigation_after_reconsideration"]["total"] = 3
    r4 = only(check_report(report), "R4")
    assert [(f.where, f.severity) for f in r4] == [("t4.litigation_after_reconsideration.total", Severity.ERROR)]
    assert "总计为3" in r4[0].message
    assert "=2" in r4[0].message


def test_r4_skips_a_group_with_a_blank() -> None:
    report = modified(zhaoyuan_2023())
    assert report.t4 is not None
    report.t4["reconsideration"]["pending"] = None
    assert [(f.severity, f.where) for f in only(check_report(report), "R4")] == [(Severity.INFO, "t4")]


# --- R5 ------------------------------------------------------------------------------------


def test_r5_warns_when_carried_over_differs_from_last_years_carried_forward() -> None:
    previous = zhaoyuan_2022()
    assert previous.t3 is not None
    previous.t3["carried_forward"] = [5, 0, 0, 0, 0, 0, 5]
    r5 = only(check_report(zhaoyuan_2023(), previous=previous), "R5")
    assert [(f.where, f.severity) for f in r5] == [
        ("t3.carried_over.natural_person", Severity.WARNING),
        ("t3.carried_over.total", Severity.WARNING),
    ]
    assert "本年二、上年结转为6" in r5[0].message
    assert "2022年度报告四、结转下年度继续办理为5" in r5[0].message


def test_r5_needs_last_years_report() -> None:
    assert only(check_report(zhaoyuan_2023(), previous=None), "R5") == []
    wrong_year = zhaoyuan_2022()
    wrong_year.year = 2020
    found = only(check_report(zhaoyuan_2023(), previous=wrong_year), "R5")
    assert [f.severity for f in found] == [Severity.INFO]


# --- R6 ------------------------------------------------------------------------------------


def test_r6_warns_when_documents_in_force_do_not_follow_from_last_year() -> None:
    previous = zhaoyuan_2022()
    assert previous.t2 is not None
    previous.t2["normative_documents"]["in_force"] = 20
    r6 = only(check_report(zhaoyuan_2023(), previous=previous), "R6")
    assert [(f.where, f.severity) for f in r6] == [("t2.normative_documents.in_force", Severity.WARNING)]
    assert "应为18件" in r6[0].message
    assert "现行有效12件" in r6[0].message


# --- R7 ------------------------------------------------------------------------------------


def test_r7_rejects_negative_and_fractional_counts_but_allows_money_decimals() -> None:
    report = modified(zhaoyuan_2023())
    assert report.t2 is not None
    assert report.t4 is not None
    report.t2["fees"]["amount_10k_yuan"] = Decimal("0.19")
    report.t2["licensing"]["decisions"] = Decimal("2.5")
    report.t4["reconsideration"]["upheld"] = -1
    report.narrative["fees_10k_yuan"] = Decimal("0.19")
    r7 = only(check_report(report), "R7")
    assert [(f.where, f.severity) for f in r7] == [
        ("t2.licensing.decisions", Severity.ERROR),
        ("t4.reconsideration.upheld", Severity.ERROR),
    ]
    assert "应为整数" in r7[0].message
    assert "不能为负数" in r7[1].message


def test_r7_allows_the_signed_change_of_the_2019_table_two() -> None:
    report = AnnualReport(
        format=ReportFormat.F2019,
        t2={"licensing": {"last_year": 10, "change": -2, "decisions": 7}},
    )
    assert only(check_report(report), "R7") == []


def test_r7_rejects_text_in_a_cell() -> None:
    report = AnnualReport(format=ReportFormat.PRE_2019, narrative={"disclosed": "五十"})  # type: ignore[dict-item]
    assert [(f.rule, f.where) for f in check_report(report)] == [("R7", "narrative.disclosed")]


# --- R8 ------------------------------------------------------------------------------------


def test_r8_warns_when_the_narrative_disagrees_with_table_three() -> None:
    report = modified(zhaoyuan_2023())
    report.narrative["disclosed"] = 48
    report.narrative["withheld"] = 3
    r8 = only(check_report(report), "R8")
    assert [(f.where, f.severity) for f in r8] == [
        ("narrative.disclosed", Severity.WARNING),
        ("narrative.withheld", Severity.WARNING),
    ]
    assert r8[0].message == "正文称予以公开48件，但表三(一)予以公开总计为50件，不一致。"
    assert "不予公开各项总计之和为2件" in r8[1].message


def test_r8_handled_may_mean_on_hand_or_concluded() -> None:
    report = modified(zhaoyuan_2023())
    report.narrative["applications_handled"] = 200  # (七)总计
    assert only(check_report(report), "R8") == []
    report.narrative["applications_handled"] = 210
    assert [f.where for f in only(check_report(report), "R8")] == ["narrative.applications_handled"]


def test_r8_compares_table_two_and_four() -> None:
    report = modified(zhaoyuan_2023())
    report.narrative.update({"normative_documents_in_force": 13, "reconsiderations": 5, "lawsuits": 4})
    assert [f.where for f in only(check_report(report), "R8")] == [
        "narrative.normative_documents_in_force",
        "narrative.lawsuits",
    ]


def test_r8_is_silent_where_the_tables_are_missing() -> None:
    report = AnnualReport(format=ReportFormat.F2021, narrative={"applications_received": 1760, "reconsiderations": 28})
    assert only(check_report(report), "R8") == []


# --- score ---------------------------------------------------------------------------------


def test_score() -> None:
    clean = zhaoyuan_2023()
    assert score(clean) == 100
    clean.findings = [Finding("R1", Severity.ERROR, "t3.total.total", "…")]
    assert score(clean) == 90
    clean.findings += [Finding("R8", Severity.WARNING, "narrative.disclosed", "…")] * 2
    clean.findings += [Finding("R1", Severity.INFO, "t3", "…")]
    assert score(clean) == 84
    clean.findings += [Finding("R3", Severity.ERROR, "t3.x.total", "…")] * 9
    assert score(clean) == 54  # R3 costs at most 30
    assert score(AnnualReport(format=ReportFormat.NOT_A_REPORT)) == 0
