"""Reading problems (P-findings) the reader adds, with their severities.

P0 (file unreadable) and P5 (text repaired) come from the source loader and are copied over.
P1–P5 are named in shared/spec/report-json.md; P6 and P7 are the reader's own additions.
"""

from __future__ import annotations

from ..findings import Severity
from ..model import AnnualReport

TABLE_MISSING = "P1"  # a table is absent: its value is null
TABLE_CUT_OFF = "P2"  # a table stops part-way (or a row is absent): what is missing is null
LABEL_INFERRED = "P3"  # a row has no label; its place in the official order says which row it is
BLANK_CELL = "P4"  # a cell is blank or not a number: null
NOT_NATIONAL_FORMAT = "P6"  # not a report, or a pre-2019 report: the national tables do not apply
MIXED_TEMPLATE = "P7"  # a block of table 二 follows another template than the report

SEVERITY: dict[str, Severity] = {
    TABLE_MISSING: Severity.ERROR,
    TABLE_CUT_OFF: Severity.WARNING,
    LABEL_INFERRED: Severity.INFO,
    BLANK_CELL: Severity.WARNING,
    NOT_NATIONAL_FORMAT: Severity.INFO,
    MIXED_TEMPLATE: Severity.INFO,
}


def add(report: AnnualReport, rule: str, where: str, message: str) -> None:
    report.add(rule, SEVERITY[rule], where, message)
