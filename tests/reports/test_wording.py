"""One vocabulary: the reader's messages quote the table, row and column names of wording.py,
and one rule tells the template of a table 三 from its rows."""

from __future__ import annotations

import pytest

from gongkai.law.outcomes import T3_ROWS_2019, T3_ROWS_2021
from gongkai.reports.model import (
    T3_ROWS_ONLY_2021,
    UNREADABLE_FORMAT,
    AnnualReport,
    ReportFormat,
    t3_row_keys,
    t3_template_of_rows,
)
from gongkai.reports.models import ReportFormatChoice
from gongkai.reports.parse.table2 import read_table2
from gongkai.reports.parse.table4 import read_table4
from gongkai.reports.wording import T2_BLOCK_LABELS, T2_KEY_LABELS, TABLE_LABELS


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (T3_ROWS_2021, ReportFormat.F2021),
        (T3_ROWS_2019, ReportFormat.F2019),
        (["other_fee_unpaid"], ReportFormat.F2021),
        (["other_no_correction", "other"], ReportFormat.F2021),
        (["other", "total"], ReportFormat.F2019),
        (["disclosed", "total"], None),
        ([], None),
    ],
)
def test_the_template_of_table_3_by_its_rows(rows: list[str], expected: ReportFormat | None) -> None:
    assert t3_template_of_rows(rows) is expected


def test_only_the_two_split_rows_are_2021s_own() -> None:
    assert {"other_no_correction", "other_fee_unpaid"} == T3_ROWS_ONLY_2021


@pytest.mark.parametrize(
    ("fmt", "rows", "expected"),
    [
        (ReportFormat.F2019, T3_ROWS_2021, T3_ROWS_2019),  # the format decides when it is a template
        (ReportFormat.F2021, T3_ROWS_2019, T3_ROWS_2021),
        (ReportFormat.PRE_2019, T3_ROWS_2019, T3_ROWS_2019),  # otherwise the rows
        (ReportFormat.NOT_A_REPORT, {}, T3_ROWS_2021),
    ],
)
def test_t3_row_keys(fmt: ReportFormat, rows: object, expected: tuple[str, ...]) -> None:
    t3 = {row: [0] * 7 for row in rows}  # type: ignore[attr-defined]
    assert t3_row_keys(AnnualReport(format=fmt, t3=t3)) == expected


def test_a_missing_table_is_named_as_wording_names_it() -> None:
    report = AnnualReport(format=ReportFormat.F2021)
    assert read_table2([], report, ReportFormat.F2021) is None
    assert read_table4([], report) is None
    messages = [finding.message for finding in report.findings]
    assert messages == [f"未找到{TABLE_LABELS['t2']}", f"未找到{TABLE_LABELS['t4']}"]


def test_row_and_column_names_are_the_official_ones() -> None:
    # The 2021 table's own words (国办公开办函〔2021〕30号), quoted by findings and shown on the page.
    assert T2_BLOCK_LABELS["normative_documents"] == "行政规范性文件"
    assert T2_KEY_LABELS["decisions"] == "本年处理决定数量"


def test_the_unreadable_format_is_one_value() -> None:
    assert ReportFormatChoice.UNREADABLE == UNREADABLE_FORMAT
