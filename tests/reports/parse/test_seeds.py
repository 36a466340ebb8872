"""The five seed documents read exactly as shared/seeds/EXPECTED.md says, cell by cell."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.files import load_source
from gongkai.law.outcomes import T3_ROWS_2021
from gongkai.reports.findings import Severity, findings_of
from gongkai.reports.model import T4_GROUPS, AnnualReport, ReportFormat
from gongkai.reports.parse import read_report
from tests.seed_documents import seed_path


def read_seed(prefix: str) -> AnnualReport:
    path = seed_path(prefix)
    return read_report(load_source(path.read_bytes(), path.name))


def rules(report: AnnualReport, rule: str) -> list[str]:
    return [f.where for f in report.findings if f.rule == rule]


ZERO = [0] * 7

T3_001 = {
    **dict.fromkeys(T3_ROWS_2021, ZERO),
    "new_received": [204, 1, 0, 0, 0, 0, 205],
    "carried_over": [6, 0, 0, 0, 0, 0, 6],
    "disclosed": [50, 0, 0, 0, 0, 0, 50],
    "partially_disclosed": [86, 0, 0, 0, 0, 0, 86],
    "withheld_third_party": [1, 0, 0, 0, 0, 0, 1],
    "withheld_internal_affairs": [1, 0, 0, 0, 0, 0, 1],
    "unavailable_not_held": [56, 0, 0, 0, 0, 0, 56],
    "other": [6, 0, 0, 0, 0, 0, 6],
    "total": [200, 0, 0, 0, 0, 0, 200],
    "carried_forward": [10, 1, 0, 0, 0, 0, 11],
}
T3_003 = {
    **dict.fromkeys(T3_ROWS_2021, ZERO),
    "new_received": [8, 0, 0, 0, 0, 1, 9],
    "disclosed": [5, 0, 0, 0, 0, 1, 6],
    "partially_disclosed": [1, 0, 0, 0, 0, 0, 1],
    "unavailable_not_held": [2, 0, 0, 0, 0, 0, 2],
    "total": [8, 0, 0, 0, 0, 1, 9],
}
# The rows whose labels copying lost (EXPECTED.md), plus row 一 whose label is lost in both too.
UNLABELLED = [
    "t3.new_received",
    "t3.withheld_prohibited_by_law",
    "t3.withheld_third_party",
    "t3.withheld_process_info",
    "t3.unavailable_needs_creation",
    "t3.unavailable_unclear",
    "t3.not_processed_petition",
]


def test_001_zhaoyuan_2023_every_cell() -> None:
    report = read_seed("001")
    assert (report.format, report.agency, report.year) == (ReportFormat.F2021, "招远市人民政府", 2023)
    assert report.t3 == T3_001
    assert list(report.t3) == list(T3_ROWS_2021)
    assert report.t2 == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 1, "repealed": 3, "in_force": 12},
        "licensing": {"decisions": 28349},
        "penalty": {"decisions": 3390},
        "compulsory": {"decisions": 133},
        "fees": {"amount_10k_yuan": Decimal(5060)},
    }
    assert report.t4 == {
        "reconsideration": {"upheld": 2, "corrected": 1, "other": 1, "pending": 1, "total": 5},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
        "litigation_after_reconsideration": {"upheld": 0, "corrected": 0, "other": 2, "pending": 0, "total": 2},
    }
    assert rules(report, "P3") == UNLABELLED
    assert [f.rule for f in report.findings if f.rule in {"P1", "P2", "P4"}] == []


def test_001_narrative_agrees_with_expected() -> None:
    narrative = read_seed("001").narrative
    assert narrative == {
        "applications_handled": 211,
        "carried_over": 6,
        "carried_forward": 11,
        "disclosed": 50,
        "partially_disclosed": 86,
        "withheld": 2,
        "unavailable": 56,
        "other": 6,
        "fees_10k_yuan": Decimal(0),  # "2023年度未收取政府信息处理费"
        "normative_documents_in_force": 12,
        "items_published": 7790,
    }


def test_003_guodongban_2024_every_cell() -> None:
    report = read_seed("003")
    assert (report.format, report.agency, report.year) == (ReportFormat.F2021, "省国动办", 2024)
    assert report.t3 == T3_003
    assert report.t2 == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 1, "repealed": 0, "in_force": 23},
        "licensing": {"decisions": 0},
        "penalty": {"decisions": 0},
        "compulsory": {"decisions": 0},
        "fees": {"amount_10k_yuan": Decimal(0)},
    }
    # the 复议后起诉 heading is lost, its five numbers are not
    assert report.t4 == {
        group: dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0) for group in T4_GROUPS
    }
    assert rules(report, "P3") == UNLABELLED
    assert [f.rule for f in report.findings if f.rule in {"P1", "P2", "P4"}] == []


def test_003_narrative() -> None:
    narrative = read_seed("003").narrative
    assert narrative == {
        "applications_received": 9,
        "fees_10k_yuan": Decimal(0),
        "normative_documents_in_force": 23,
        "normative_documents_issued": 1,
        "correction_notices": 1,
        "reply_notices": 9,
    }


def test_000_tables_lost_are_missing_not_zero() -> None:
    report = read_seed("000")
    assert (report.format, report.agency, report.year) == (ReportFormat.F2021, "山东省人民政府办公厅", 2023)
    assert (report.t2, report.t3, report.t4) == (None, None, None)
    missing = [f for f in report.findings if f.rule == "P1"]
    assert [f.where for f in missing] == ["t2", "t3", "t4"]
    assert all(f.severity is Severity.ERROR for f in missing)
    assert set(report.sections) == {"1", "2", "3", "4", "5", "6"}
    assert report.sections["2"] == report.sections["3"] == report.sections["4"] == ""


def test_000_narrative_facts() -> None:
    assert read_seed("000").narrative == {
        "applications_received": 1760,
        "reconsiderations": 28,
        "lawsuits": 27,
        "fees_10k_yuan": Decimal("0.19"),
        "rules_issued": 5,
        "normative_documents_issued": 5,
        "complaints": 9,
        "rules_repealed": 9,
        "correction_notices": 516,
        "extension_notices": 220,
        "assistance_letters": 1412,
        "reply_notices": 1685,
    }


def test_002_work_plan_is_not_a_report() -> None:
    report = read_seed("002")
    assert report.format is ReportFormat.NOT_A_REPORT
    assert (report.t2, report.t3, report.t4, report.narrative) == (None, None, None, {})
    assert rules(report, "P6") == ["format"]
    assert not report.errors


def test_004_pre_2019_has_narrative_only() -> None:
    report = read_seed("004")
    assert (report.format, report.agency, report.year) == (ReportFormat.PRE_2019, "山东省机关事务管理局", 2017)
    assert (report.t2, report.t3, report.t4) == (None, None, None)
    assert rules(report, "P6") == ["format"]
    assert not report.errors  # the national tables do not apply: nothing is missing
    assert report.narrative == {
        "applications_received": 3,
        "reconsiderations": 0,
        "lawsuits": 0,
        "fees_10k_yuan": Decimal(0),
        "applications_valid": 2,
        "applications_invalid": 1,
    }


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_source_findings_come_first(prefix: str) -> None:
    path = seed_path(prefix)
    doc = load_source(path.read_bytes(), path.name)
    report = read_report(doc)
    source_findings = findings_of(doc.problems)
    assert report.findings[: len(source_findings)] == source_findings
    assert all(f.rule.startswith("P") for f in report.findings)  # the reader runs no checks


def test_sections_hold_the_section_text() -> None:
    report = read_seed("001")
    assert report.sections["1"].startswith("招远市坚持依法依规")
    assert "行政规范性文件 | 1 | 3 | 12" in report.sections["2"]
    assert report.sections["6"].startswith("(一)收取信息处理费情况")
