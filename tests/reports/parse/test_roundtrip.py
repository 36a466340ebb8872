"""Property: a report rendered to pipe text (the test renderer) reads back to the same tables,
whatever the numbers, blanks and lost row labels."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports.model import (
    T2_KEYS_2019,
    T2_KEYS_2021,
    T3_ROW_KEYS,
    T4_GROUPS,
    T4_KEYS,
    AnnualReport,
    Number,
    ReportFormat,
)

from .render import read_text, render

counts = st.integers(min_value=0, max_value=999_999)
maybe_count = st.one_of(counts, counts, counts, st.none())
money = st.integers(min_value=0, max_value=10**7).map(lambda cents: Decimal(cents).scaleb(-2))
MONEY = {"amount_10k_yuan", "amount"}


@st.composite
def reports(draw: st.DrawFn) -> tuple[AnnualReport, set[str]]:
    fmt = draw(st.sampled_from([ReportFormat.F2021, ReportFormat.F2019]))
    keys = T2_KEYS_2021 if fmt is ReportFormat.F2021 else T2_KEYS_2019
    t2: dict[str, dict[str, Number]] = {}
    for item, columns in keys.items():
        t2[item] = {}
        for column in columns:
            if column in MONEY:
                t2[item][column] = draw(st.one_of(money, st.none()))
            elif column == "change":
                t2[item][column] = draw(st.one_of(st.integers(-999, 999), st.none()))
            else:
                t2[item][column] = draw(maybe_count)
    t3: dict[str, list[Number]] = {
        code: draw(st.lists(maybe_count, min_size=7, max_size=7)) for code in T3_ROW_KEYS[fmt]
    }
    t4: dict[str, dict[str, Number]] = {group: {key: draw(maybe_count) for key in T4_KEYS} for group in T4_GROUPS}
    if all(value is None for group in t4.values() for value in group.values()):
        t4["reconsideration"]["total"] = 0  # an all-blank row is no data row: that is a cut-off table
    # a row can lose its label only if it carries a number (an unlabelled empty row is unreadable)
    droppable = sorted(code for code, values in t3.items() if any(v is not None for v in values))
    drop = set(draw(st.lists(st.sampled_from(droppable), unique=True))) if droppable else set()
    year = draw(st.integers(2019, 2030))
    report = AnnualReport(format=fmt, agency="青山市人民政府", year=year, t2=t2, t3=t3, t4=t4)
    return report, drop


def blanks(report: AnnualReport) -> int:
    assert report.t2 is not None
    assert report.t3 is not None
    assert report.t4 is not None
    cells = [
        *(v for item in report.t2.values() for v in item.values()),
        *(v for row in report.t3.values() for v in row),
        *(v for group in report.t4.values() for v in group.values()),
    ]
    return sum(value is None for value in cells)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_rendered_report_reads_back(case: tuple[AnnualReport, set[str]]) -> None:
    model, drop = case
    report = read_text(render(model, drop=drop))
    assert (report.format, report.agency, report.year) == (model.format, model.agency, model.year)
    assert report.t2 == model.t2
    assert report.t3 == model.t3
    assert report.t4 == model.t4
    assert sorted(f.where for f in report.findings if f.rule == "P3") == sorted(f"t3.{code}" for code in drop)
    assert sum(f.rule == "P4" for f in report.findings) == blanks(model)
    assert not [f for f in report.findings if f.rule in {"P1", "P2", "P7"}]
