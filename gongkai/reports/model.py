"""The annual report as data: one model for computed and for read reports.

Shape and key order fixed by shared/spec/report-json.md. Every number is an int, a Decimal
(money, 万元) or None where the report has no value (blank, cut off, table absent) — never an
invented zero. Tables are plain dicts keyed as in the spec so that checks, renderers and the API
share one vocabulary; the key tuples below are the single source of those names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from gongkai.law.applicants import T3_COLUMNS
from gongkai.law.outcomes import T3_ROWS_2019, T3_ROWS_2021

from .findings import Finding, Severity

Number = int | Decimal | None


class ReportFormat(StrEnum):
    F2021 = "2021"
    F2019 = "2019"
    PRE_2019 = "pre-2019"
    NOT_A_REPORT = "not-a-report"


# The stored format of a file nothing could be read from (no AnnualReport has it), and the formats
# whose rows carry no national tables to compare a later year with.
UNREADABLE_FORMAT = "unreadable"
NOT_COMPARABLE_FORMATS: tuple[str, ...] = (ReportFormat.NOT_A_REPORT.value, UNREADABLE_FORMAT)


SECTION_KEYS: tuple[str, ...] = ("1", "2", "3", "4", "5", "6")

# Table 二 — keys per block, per template.
T2_KEYS_2021: dict[str, tuple[str, ...]] = {
    "rules": ("issued", "repealed", "in_force"),
    "normative_documents": ("issued", "repealed", "in_force"),
    "licensing": ("decisions",),
    "penalty": ("decisions",),
    "compulsory": ("decisions",),
    "fees": ("amount_10k_yuan",),
}
T2_KEYS_2019: dict[str, tuple[str, ...]] = {
    "rules": ("made", "published", "total_published"),
    "normative_documents": ("made", "published", "total_published"),
    "licensing": ("last_year", "change", "decisions"),
    "other_services": ("last_year", "change", "decisions"),
    "penalty": ("last_year", "change", "decisions"),
    "compulsory": ("last_year", "change", "decisions"),
    "fees": ("last_year", "change"),
    "procurement": ("projects", "amount"),
}

# Table 三 — columns (six applicant kinds, then total) and rows per template.
T3_COLUMN_KEYS: tuple[str, ...] = T3_COLUMNS
T3_ROW_KEYS: dict[ReportFormat, tuple[str, ...]] = {
    ReportFormat.F2021: T3_ROWS_2021,
    ReportFormat.F2019: T3_ROWS_2019,
}

# Table 四 — three groups of five.
T4_GROUPS: tuple[str, ...] = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
T4_KEYS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")

NARRATIVE_FACTS: tuple[str, ...] = (
    "applications_received",
    "applications_handled",
    "carried_over",
    "carried_forward",
    "disclosed",
    "partially_disclosed",
    "withheld",
    "unavailable",
    "not_processed",
    "other",
    "reconsiderations",
    "lawsuits",
    "fees_10k_yuan",
    "normative_documents_in_force",
    "rules_issued",
    "normative_documents_issued",
    "items_published",
    # added by the report reader (seeds/EXPECTED.md lists them): appended, never renamed
    "complaints",
    "rules_repealed",
    "normative_documents_repealed",
    "correction_notices",
    "extension_notices",
    "assistance_letters",
    "reply_notices",
    "applications_valid",
    "applications_invalid",
)


# 2021 split 2019's one row (六)其他处理 into three; these two exist only in the 2021 table.
T3_ROWS_ONLY_2021: frozenset[str] = frozenset(T3_ROWS_2021) - frozenset(T3_ROWS_2019)


def t3_template_of_rows(rows: Iterable[str]) -> ReportFormat | None:
    """The template a table 三 follows, told by its rows: a 2021-only row says 2021; an (六) "other"
    row without them says 2019; neither says nothing (None)."""
    present = set(rows)
    if present & T3_ROWS_ONLY_2021:
        return ReportFormat.F2021
    if "other" in present:
        return ReportFormat.F2019
    return None


def t3_row_keys(report: AnnualReport) -> tuple[str, ...]:
    """Rows of table 三 as ``report`` has them: 2019 has one (六) row, 2021 has three.

    The report's format says which; a report of neither template (a computed or imported one)
    is judged by its rows (``t3_template_of_rows``).
    """
    template = report.format
    if template not in (ReportFormat.F2019, ReportFormat.F2021):
        template = t3_template_of_rows(report.t3 or {}) or ReportFormat.F2021
    return T3_ROW_KEYS[template]


T2 = dict[str, dict[str, Number]]
T3 = dict[str, list[Number]]
T4 = dict[str, dict[str, Number]]


@dataclass
class AnnualReport:
    format: ReportFormat
    agency: str | None = None
    year: int | None = None
    sections: dict[str, str] = field(default_factory=dict)
    t2: T2 | None = None
    t3: T3 | None = None
    t4: T4 | None = None
    narrative: dict[str, Number] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def add(self, rule: str, severity: Severity, where: str, message: str) -> None:
        self.findings.append(Finding(rule, severity, where, message))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def to_json(self) -> dict[str, Any]:
        """The JSON object of report-json.md, keys in the spec's order (Decimal → JSON number)."""
        return {
            "format": self.format.value,
            "agency": self.agency,
            "year": self.year,
            "sections": {key: self.sections[key] for key in SECTION_KEYS if key in self.sections},
            "t2": _numbers(self.t2),
            "t3": _numbers(self.t3),
            "t4": _numbers(self.t4),
            "narrative": _numbers(self.narrative),
            "findings": [finding.to_json() for finding in self.findings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnnualReport:
        return cls(
            format=ReportFormat(data["format"]),
            agency=data.get("agency"),
            year=data.get("year"),
            sections=dict(data.get("sections") or {}),
            t2=_parse_numbers(data.get("t2")),
            t3=_parse_numbers(data.get("t3")),
            t4=_parse_numbers(data.get("t4")),
            narrative=_parse_numbers(data.get("narrative")) or {},
            findings=[
                Finding(f["rule"], Severity(f["severity"]), f["where"], f["message"]) for f in data.get("findings", [])
            ],
        )


def _numbers(value: Any) -> Any:
    """Decimals as JSON numbers: whole ones as ints, others as floats (JSON has no decimal type).

    Exact for the amounts a report holds (万元 with a few decimals, far below 15 significant digits):
    ``_parse_numbers`` reads a float back through ``str``, so ``Decimal("12.34")`` returns as itself.
    """
    if isinstance(value, dict):
        return {key: _numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbers(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _parse_numbers(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _parse_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_parse_numbers(item) for item in value]
    if isinstance(value, float):
        return Decimal(str(value))
    return value
