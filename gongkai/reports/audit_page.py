"""The audit page as data: what the page of one audited report shows, in typed records. Pure, no Django.

The page shows the score, every finding (with a link to its place), the tables as read with each
finding marked at its cell, and the source text with the findings in context (a finding on a
line of the source — or a narrative number, found by its words and value — appears under that
line). :func:`audit_page` builds the records; the templates in ``reports/templates/reports/audit/``
turn them into HTML (:mod:`gongkai.reports.audit_html` renders them for the staff page and the
CLI's ``--html``). Nothing here is HTML: the templates escape every value from the document.

The words of the report (table names, row and column labels) come from :mod:`.wording`; the
words of the page itself (headings, the score sentence) are in the templates, through gettext.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gongkai.law.applicants import T3_COLUMN_LABELS

from .audit import Audit, format_label, tables_label
from .checks import ERROR_POINTS, RULE_CAP, WARNING_POINTS
from .findings import Severity
from .model import T3_COLUMN_KEYS, T4_GROUPS, T4_KEYS, AnnualReport, t3_row_keys
from .wording import (
    T2_BLOCK_LABELS,
    T2_KEY_LABELS,
    T4_GROUP_LABELS,
    T4_KEY_LABELS,
    TABLE_LABELS,
    format_number,
    place_label,
    t3_row_label,
)

# Words that name each narrative fact in the text, to find the sentence that states it.
FACT_WORDS: dict[str, tuple[str, ...]] = {
    "applications_received": ("申请",),
    "applications_handled": ("办理", "申请"),
    "carried_over": ("结转",),
    "carried_forward": ("结转",),
    "disclosed": ("予以公开",),
    "partially_disclosed": ("部分公开",),
    "withheld": ("不予公开",),
    "unavailable": ("无法提供",),
    "not_processed": ("不予处理",),
    "other": ("其他",),
    "reconsiderations": ("复议",),
    "lawsuits": ("诉讼",),
    "fees_10k_yuan": ("费",),
    "normative_documents_in_force": ("现行有效",),
    "rules_issued": ("规章",),
    "normative_documents_issued": ("规范性文件",),
    "items_published": ("公开",),
}

_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def worst(severities: Iterable[Severity]) -> Severity:
    """The most serious of ``severities`` (info when there are none)."""
    return min(severities, key=_SEVERITY_ORDER.index, default=Severity.INFO)


@dataclass(frozen=True)
class Mark:
    """A finding flagged at a cell or a line: its rule and severity, and the id of its list entry."""

    ref: str
    rule: str
    severity: Severity
    message: str = ""


@dataclass(frozen=True)
class Cell:
    """One cell of a table as read: a row header (``header``) or a value (``text`` None = blank)."""

    id: str
    text: str | None
    header: bool = False
    marks: tuple[Mark, ...] = ()

    @property
    def hit(self) -> Severity | None:
        """The worst severity of the findings at this cell, None if there are none."""
        return worst(mark.severity for mark in self.marks) if self.marks else None

    @property
    def css_class(self) -> str:
        classes = [] if self.header else ["gk-num"]
        if self.hit is not None:
            classes.append(f"gk-hit-{self.hit.value}")
        return " ".join(classes)

    @property
    def described_by(self) -> str:
        return " ".join(mark.ref for mark in self.marks)


@dataclass(frozen=True)
class TableRow:
    header: Cell
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """Table 二, 三 or 四 as read; ``rows`` is None when the table was not read at all."""

    key: str  # "t2", "t3", "t4"
    id: str
    caption: str
    columns: tuple[str, ...]  # the value columns' labels (table 二: none, one "value" column)
    rows: tuple[TableRow, ...] | None


@dataclass(frozen=True)
class FindingEntry:
    """One finding in the list: ``href`` links to where it is shown; ``line`` when that is a source line
    found for a narrative number (the link then says which line)."""

    id: str
    rule: str
    severity: Severity
    message: str
    place: str
    href: str | None
    line: int | None = None


@dataclass(frozen=True)
class SourceLine:
    number: int
    id: str
    text: str
    notes: tuple[Mark, ...] = ()

    @property
    def hit(self) -> Severity | None:
        return worst(note.severity for note in self.notes) if self.notes else None


@dataclass(frozen=True)
class AuditPage:
    """Everything the audit page of one file shows (ids start with ``prefix``)."""

    prefix: str
    name: str
    media_type: str
    encoding: str | None
    agency: str | None
    year: int | None
    format_label: str
    tables_label: str
    score: int
    errors: int
    warnings: int
    infos: int
    error_points: int
    warning_points: int
    rule_cap: int
    findings: tuple[FindingEntry, ...]
    tables: tuple[Table, ...]
    source: tuple[SourceLine, ...]

    @property
    def subject(self) -> str:
        """What the page is about: the agency, or the file name when no agency was read."""
        return self.agency or self.name


@dataclass(frozen=True)
class IndexEntry:
    link: str
    name: str
    agency: str
    year: int | None
    format_label: str
    tables_label: str
    errors: int
    warnings: int
    score: int


def anchor(where: str) -> str:
    """The HTML id of a place ("t3.total.total" → "gk-t3-total-total")."""
    return "gk-" + re.sub(r"[^0-9A-Za-z_-]", "-", where)


class _Builder:
    """Findings by place, their ids, and which places the page shows."""

    def __init__(self, audit: Audit, prefix: str) -> None:
        self.audit = audit
        self.prefix = prefix
        self.findings = list(audit.report.findings)
        self.ids = {index: f"{prefix}f{index + 1}" for index in range(len(self.findings))}
        self.by_where: dict[str, list[int]] = defaultdict(list)
        for index, finding in enumerate(self.findings):
            self.by_where[finding.where].append(index)
        self.rendered: set[str] = set()
        self.line_of: dict[int, int] = {}  # finding index → source line it is shown under
        self._place_on_lines()

    def _place_on_lines(self) -> None:
        lines = self.audit.source_lines
        numbers = {number for number, _ in lines}
        for index, finding in enumerate(self.findings):
            where = finding.where
            if where.startswith("line "):
                try:
                    number = int(where[5:])
                except ValueError:
                    continue
                if number in numbers:
                    self.line_of[index] = number
            elif where.startswith("narrative."):
                fact = where.split(".", 1)[1]
                value = self.audit.report.narrative.get(fact)
                found = _find_statement(lines, FACT_WORDS.get(fact, ()), value)
                if found is not None:
                    self.line_of[index] = found

    def id_of(self, where: str) -> str:
        return self.prefix + anchor(where)

    def mark(self, index: int) -> Mark:
        finding = self.findings[index]
        return Mark(self.ids[index], finding.rule, finding.severity, finding.message)

    def cell(self, where: str, text: str | None, *, header: bool = False) -> Cell:
        """A cell marked with the findings whose ``where`` is this cell."""
        self.rendered.add(where)
        marks = tuple(self.mark(index) for index in self.by_where.get(where, []))
        return Cell(self.id_of(where), text, header=header, marks=marks)

    def table(self, key: str, columns: tuple[str, ...], rows: list[TableRow] | None) -> Table:
        self.rendered.add(key)
        return Table(key, self.id_of(key), TABLE_LABELS[key], columns, tuple(rows) if rows is not None else None)

    def finding(self, index: int) -> FindingEntry:
        finding = self.findings[index]
        href: str | None = None
        line: int | None = None
        if finding.where in self.rendered:
            href = "#" + self.id_of(finding.where)
        elif index in self.line_of:
            href = f"#{self.prefix}line-{self.line_of[index]}"
            if not finding.where.startswith("line "):
                line = self.line_of[index]
        return FindingEntry(
            self.ids[index], finding.rule, finding.severity, finding.message, place_label(finding.where), href, line
        )

    def source(self) -> tuple[SourceLine, ...]:
        notes: dict[int, list[int]] = defaultdict(list)
        for index, line in self.line_of.items():
            notes[line].append(index)
        return tuple(
            SourceLine(
                number,
                f"{self.prefix}line-{number}",
                text,
                tuple(self.mark(index) for index in sorted(notes.get(number, []))),
            )
            for number, text in self.audit.source_lines
        )


def _find_statement(lines: Sequence[tuple[int, str]], words: Sequence[str], value: object) -> int | None:
    """The first source line (not a table row) that holds all ``words`` and the number ``value``."""
    if value is None or not words:
        return None
    number = re.compile(rf"(?<![\d.]){re.escape(format_number(value))}(?![\d.])")
    for line_number, text in lines:
        if "|" in text:
            continue
        if all(word in text for word in words) and number.search(text):
            return line_number
    return None


def _text(value: object) -> str | None:
    return None if value is None else format_number(value)


def _table2(page: _Builder, report: AnnualReport) -> Table:
    if report.t2 is None:
        return page.table("t2", (), None)
    rows = []
    for block, cells in report.t2.items():
        for key, value in (cells or {}).items():
            label = f"{T2_BLOCK_LABELS.get(block, block)} · {T2_KEY_LABELS.get(key, key)}"
            rows.append(
                TableRow(page.cell(f"t2.{block}", label, header=True), (page.cell(f"t2.{block}.{key}", _text(value)),))
            )
    return page.table("t2", (), rows)


def _t3_row_order(report: AnnualReport) -> list[str]:
    t3 = report.t3 or {}
    official = t3_row_keys(report)
    return [row for row in official if row in t3] + [row for row in t3 if row not in official]


def _table3(page: _Builder, report: AnnualReport) -> Table:
    columns = tuple(T3_COLUMN_LABELS[column] for column in T3_COLUMN_KEYS)
    if report.t3 is None:
        return page.table("t3", columns, None)
    rows = []
    for row in _t3_row_order(report):
        values = list(report.t3.get(row) or [])
        values += [None] * (len(T3_COLUMN_KEYS) - len(values))
        cells = tuple(
            page.cell(f"t3.{row}.{column}", _text(value)) for column, value in zip(T3_COLUMN_KEYS, values, strict=False)
        )
        rows.append(TableRow(page.cell(f"t3.{row}", t3_row_label(row, short=False), header=True), cells))
    return page.table("t3", columns, rows)


def _table4(page: _Builder, report: AnnualReport) -> Table:
    columns = tuple(T4_KEY_LABELS[key] for key in T4_KEYS)
    if report.t4 is None:
        return page.table("t4", columns, None)
    rows = []
    for group in T4_GROUPS:
        values = report.t4.get(group) or {}
        cells = tuple(page.cell(f"t4.{group}.{key}", _text(values.get(key))) for key in T4_KEYS)
        rows.append(TableRow(page.cell(f"t4.{group}", T4_GROUP_LABELS[group], header=True), cells))
    return page.table("t4", columns, rows)


def audit_page(audit: Audit, *, prefix: str = "") -> AuditPage:
    """The audit page of one file as data (every id starts with ``prefix``)."""
    page = _Builder(audit, prefix)
    report = audit.report
    tables = (_table2(page, report), _table3(page, report), _table4(page, report))
    findings = tuple(page.finding(index) for index in range(len(page.findings)))  # after the tables: links
    return AuditPage(
        prefix=prefix,
        name=audit.name,
        media_type=audit.media_type,
        encoding=audit.encoding,
        agency=report.agency,
        year=report.year,
        format_label=format_label(audit),
        tables_label=tables_label(audit),
        score=audit.score,
        errors=len(report.errors),
        warnings=len(report.warnings),
        infos=sum(1 for f in report.findings if f.severity is Severity.INFO),
        error_points=ERROR_POINTS,
        warning_points=WARNING_POINTS,
        rule_cap=RULE_CAP,
        findings=findings,
        tables=tables,
        source=page.source(),
    )


def index_entries(audits: Sequence[Audit], links: Sequence[str]) -> tuple[IndexEntry, ...]:
    """One entry per audited file (``links[i]`` is the page of ``audits[i]``) for the index page."""
    return tuple(
        IndexEntry(
            link=link,
            name=item.name,
            agency=item.report.agency or "",
            year=item.report.year,
            format_label=format_label(item),
            tables_label=tables_label(item),
            errors=len(item.report.errors),
            warnings=len(item.report.warnings),
            score=item.score,
        )
        for item, link in zip(audits, links, strict=True)
    )
