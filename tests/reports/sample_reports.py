"""Report models built by hand for the checks, audit and view tests.

``zhaoyuan_2023`` is seed 001 (招远市人民政府 2023) with the values of shared/seeds/EXPECTED.md,
cell for cell; the others are variations of it.
"""

from __future__ import annotations

import copy
from decimal import Decimal

from gongkai.reports.model import T3_ROW_KEYS, AnnualReport, ReportFormat

ZERO = [0, 0, 0, 0, 0, 0, 0]


def _person(n: int) -> list[int | Decimal | None]:
    return [n, 0, 0, 0, 0, 0, n]


def zhaoyuan_2023() -> AnnualReport:
    t3: dict[str, list[int | Decimal | None]] = {row: list(ZERO) for row in T3_ROW_KEYS[ReportFormat.F2021]}
    t3["new_received"] = [204, 1, 0, 0, 0, 0, 205]
    t3["carried_over"] = _person(6)
    t3["disclosed"] = _person(50)
    t3["partially_disclosed"] = _person(86)
    t3["withheld_third_party"] = _person(1)
    t3["withheld_internal_affairs"] = _person(1)
    t3["unavailable_not_held"] = _person(56)
    t3["other"] = _person(6)
    t3["total"] = _person(200)
    t3["carried_forward"] = [10, 1, 0, 0, 0, 0, 11]
    return AnnualReport(
        format=ReportFormat.F2021,
        agency="招远市人民政府",
        year=2023,
        sections={"1": "一、总体情况 …"},
        t2={
            "rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"issued": 1, "repealed": 3, "in_force": 12},
            "licensing": {"decisions": 28349},
            "penalty": {"decisions": 3390},
            "compulsory": {"decisions": 133},
            "fees": {"amount_10k_yuan": Decimal(5060)},
        },
        t3=t3,
        t4={
            "reconsideration": {"upheld": 2, "corrected": 1, "other": 1, "pending": 1, "total": 5},
            "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
            "litigation_after_reconsideration": {"upheld": 0, "corrected": 0, "other": 2, "pending": 0, "total": 2},
        },
        narrative={
            "applications_handled": 211,
            "carried_over": 6,
            "disclosed": 50,
            "partially_disclosed": 86,
            "withheld": 2,
            "unavailable": 56,
            "other": 6,
            "carried_forward": 11,
            "fees_10k_yuan": 0,
            "normative_documents_in_force": 12,
        },
    )


def zhaoyuan_2022() -> AnnualReport:
    """A consistent previous year for 2023: six carried forward (all natural persons), 14 in force."""
    report = zhaoyuan_2023()
    report.year = 2022
    assert report.t3 is not None
    assert report.t2 is not None
    report.t3["carried_forward"] = _person(6)
    report.t3["new_received"] = [205, 0, 0, 0, 0, 0, 205]
    report.t3["carried_over"] = _person(1)
    report.t2["normative_documents"] = {"issued": 2, "repealed": 0, "in_force": 14}
    report.narrative = {}
    return report


def modified(report: AnnualReport) -> AnnualReport:
    return copy.deepcopy(report)
