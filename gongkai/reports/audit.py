"""Auditing published reports: bytes in, the report model with every finding out. Pure, no Django.

One file: :func:`audit_file` (the report) or :func:`audit` (the report, the source lines for the
audit page and the score). Many files: :func:`audit_batch` — each file is read and checked on its
own (a file that cannot be read gives one clear finding and the batch goes on), then reports of
the same agency for consecutive years in the batch are checked against each other (R5, R6).

The CSV summary (:func:`summary_csv`) is UTF-8 with a BOM so that Excel opens it as such.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from gongkai.files import BlockKind, SourceDocument, load_source

from .checks import check_carry_over, check_in_force, check_report, score
from .findings import Finding, Severity, findings_of
from .model import UNREADABLE_FORMAT, AnnualReport, ReportFormat
from .parse import read_report
from .wording import TABLE_NUMERALS

UNREADABLE_RULE = "P0"

CSV_HEADER = ["文件", "机关", "年度", "格式", "读出的表格", "错误", "警告", "提示", "得分", "首个错误"]
FORMAT_LABELS: dict[ReportFormat, str] = {
    ReportFormat.F2021: "2021年格式",
    ReportFormat.F2019: "2019年试行格式",
    ReportFormat.PRE_2019: "2019年以前(无统一格式)",
    ReportFormat.NOT_A_REPORT: "不是年度报告",
}


@dataclass
class Audit:
    """One file's audit: what was read, every finding, the score, and the source lines for context."""

    name: str
    report: AnnualReport
    readable: bool = True
    media_type: str = "unknown"
    encoding: str | None = None
    source_lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def score(self) -> int:
        return score(self.report) if self.readable else 0

    @property
    def errors(self) -> list[Finding]:
        return self.report.errors

    @property
    def warnings(self) -> list[Finding]:
        return self.report.warnings

    @property
    def tables_found(self) -> list[str]:
        """Keys of the tables read ("t2", "t3", "t4")."""
        return [key for key in TABLE_NUMERALS if getattr(self.report, key) is not None]


def source_lines(doc: SourceDocument) -> list[tuple[int, str]]:
    """The document as numbered lines (a table row per line), numbered as in the decoded file where known."""
    lines: list[tuple[int, str]] = []
    next_line = 1
    for block in doc.blocks:
        start = block.line if block.line is not None else next_line
        texts = [block.text] if block.kind is BlockKind.PARAGRAPH else [" | ".join(row) for row in block.rows]
        for offset, text in enumerate(texts):
            lines.append((start + offset, text))
        next_line = start + len(texts)
    return lines


def _merge(first: list[Finding], then: Iterable[Finding]) -> list[Finding]:
    """``first`` followed by the findings of ``then`` not already in it (the reader may repeat the loader's)."""
    seen = set(first)
    merged = list(first)
    for finding in then:
        if finding not in seen:
            seen.add(finding)
            merged.append(finding)
    return merged


def read(data: bytes, name: str, *, keep_source: bool = True) -> Audit:
    """Load and read one file (findings P0–P5), without the checks."""
    doc = load_source(data, name)
    result = Audit(
        name=name,
        report=AnnualReport(format=ReportFormat.NOT_A_REPORT),
        readable=False,
        media_type=doc.media_type.value,
        encoding=doc.encoding,
        source_lines=source_lines(doc) if keep_source else [],
    )
    if not doc.readable:
        result.report.findings = findings_of(doc.problems) or [
            Finding(UNREADABLE_RULE, Severity.ERROR, "file", "文件无法读取")
        ]
        return result
    try:
        report = read_report(doc)
    except Exception as error:  # a reader bug must not stop a batch of a thousand files
        message = f"读取报告内容时出错（{type(error).__name__}），无法审核该文件"
        result.report.findings = [*findings_of(doc.problems), Finding(UNREADABLE_RULE, Severity.ERROR, "file", message)]
        return result
    report.findings = _merge(findings_of(doc.problems), report.findings)
    result.report, result.readable = report, True
    return result


def audit(data: bytes, name: str, previous: AnnualReport | None = None, *, keep_source: bool = True) -> Audit:
    """Read one file and check it (R5/R6 against ``previous``, last year's report, when given)."""
    result = read(data, name, keep_source=keep_source)
    if result.readable:
        result.report.findings.extend(check_report(result.report, previous))
    return result


def audit_file(data: bytes, name: str, previous: AnnualReport | None = None) -> AnnualReport:
    """The report read from ``data`` with all its findings: reading (P0–P5) then checks (R1–R8)."""
    return audit(data, name, previous, keep_source=False).report


def agency_key(name: str | None) -> str | None:
    """An agency name as compared across reports and with the agency table: whitespace removed."""
    return re.sub(r"\s+", "", name) if name else None


def audit_batch(
    files: Iterable[tuple[str, Callable[[], bytes]]],
    *,
    keep_source: bool = False,
    previous_for: Callable[[AnnualReport], AnnualReport | None] | None = None,
) -> list[Audit]:
    """Audit many files; ``files`` yields (name, a function returning the bytes) so that a file is read only when due.

    After all files are checked, a report whose agency also has last year's report in the batch
    (or from ``previous_for``, e.g. history imported into the platform) gets R5 and R6.
    """
    audits: list[Audit] = []
    for name, load in files:
        try:
            data = load()
        except OSError as error:
            message = f"无法打开文件（{error.strerror or type(error).__name__}）"
            report = AnnualReport(
                format=ReportFormat.NOT_A_REPORT, findings=[Finding(UNREADABLE_RULE, Severity.ERROR, "file", message)]
            )
            audits.append(Audit(name=name, report=report, readable=False))
            continue
        audits.append(audit(data, name, keep_source=keep_source))
    by_key = {
        (agency_key(a.report.agency), a.report.year): a.report
        for a in reversed(audits)
        if a.readable and a.report.agency and a.report.year
    }
    for item in audits:
        report = item.report
        if not item.readable or report.year is None:
            continue
        previous = by_key.get((agency_key(report.agency), report.year - 1)) if report.agency else None
        if previous is None and previous_for is not None:
            previous = previous_for(report)
        if previous is not None:
            report.findings.extend(check_carry_over(report, previous) + check_in_force(report, previous))
    return audits


# --- summaries -----------------------------------------------------------------------------


def tables_label(audit_: Audit) -> str:
    found = [TABLE_NUMERALS[key] for key in audit_.tables_found]
    return "、".join(f"表{name}" for name in found) if found else "无"


def summary_row(audit_: Audit) -> list[str]:
    report = audit_.report
    infos = [f for f in report.findings if f.severity is Severity.INFO]
    first_error = report.errors[0].message if report.errors else ""
    return [
        audit_.name,
        report.agency or "",
        str(report.year) if report.year is not None else "",
        report.format.value if audit_.readable else UNREADABLE_FORMAT,
        tables_label(audit_),
        str(len(report.errors)),
        str(len(report.warnings)),
        str(len(infos)),
        str(audit_.score),
        first_error,
    ]


def summary_rows(audits: Iterable[Audit]) -> Iterator[list[str]]:
    yield CSV_HEADER
    for item in audits:
        yield summary_row(item)


def summary_csv(audits: Iterable[Audit]) -> bytes:
    """The CSV summary, one row per file, UTF-8 with BOM (Excel), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(summary_rows(audits))
    return buffer.getvalue().encode("utf-8-sig")


def format_label(audit_: Audit) -> str:
    return FORMAT_LABELS[audit_.report.format] if audit_.readable else "无法读取"
