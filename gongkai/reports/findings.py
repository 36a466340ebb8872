"""Findings: what reading or checking a report found. Shape fixed by shared/spec/report-json.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gongkai.files import Problem, ProblemKind


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


_PROBLEM_FINDINGS: dict[ProblemKind, tuple[str, Severity]] = {
    ProblemKind.UNREADABLE: ("P0", Severity.ERROR),
    ProblemKind.REPAIRED: ("P5", Severity.INFO),
    ProblemKind.GARBLED: ("P5", Severity.WARNING),
    ProblemKind.CUT: ("P5", Severity.WARNING),
}


def findings_of(problems: Iterable[Problem]) -> list[Finding]:
    """File intake's reading problems as report findings: unreadable → P0 error, repairs → P5."""
    found: list[Finding] = []
    for problem in problems:
        rule, severity = _PROBLEM_FINDINGS.get(problem.kind, ("P0", Severity.ERROR))
        found.append(Finding(rule, severity, problem.place, problem.message))
    return found
