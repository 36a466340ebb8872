"""Findings: what reading or checking a report found. Shape fixed by shared/spec/report-json.md."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One finding.

    ``rule``: R1–R8 (checks, annual-report.md) or P1–P5 (reading problems, report-json.md).
    ``where``: a place in the model ("t3.total.natural_person") or in the source ("line 12").
    ``message``: Chinese, for people.
    """

    rule: str
    severity: Severity
    where: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "severity": self.severity.value, "where": self.where, "message": self.message}
