"""Reading and checking a file of documents for ``gongkai documents import`` (issue 13 item 8).

A file is CSV (UTF-8 with or without BOM, else GB18030) or JSON Lines (by the suffix
``.jsonl``/``.ndjson``, or because its first non-blank character is ``{``). Columns: ``agency``
(code), ``kind``, ``title``, ``doc_number``, ``index_number``, ``issuer``, ``written_on``,
``published_on``, ``effective_on``, ``expires_on``, ``status``, ``topic``, ``disclosure``,
``body``, ``url``, ``state`` (``draft``; default ``published``) and ``withheld_reason`` (needed
with ``withheld``); only agency and title are
required. The columns of ``IGNORED_COLUMNS`` (where a row's facts were found, whether its body was
written for a fixture) may be present and are not imported. Dates are ``2024-04-28``,
``2024/4/28`` or ``2024年4月28日``.

Nothing here touches the database: the caller says which agencies and kinds exist. ``parse_rows``
returns every row as an ``ImportItem`` and every problem with its line number; a file with any
problem is imported not at all. ``identity`` is what makes a re-run import nothing twice.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from gongkai.text.docnumber import normalise_doc_number

from .models import Disclosure, LegalStatus, PublicationState
from .services import TITLE_MAX, DocumentInput

COLUMNS = (
    "agency",
    "kind",
    "title",
    "doc_number",
    "index_number",
    "issuer",
    "written_on",
    "published_on",
    "effective_on",
    "expires_on",
    "status",
    "topic",
    "disclosure",
    "body",
    "url",
    "state",
    "withheld_reason",
)
# Accepted and not imported: provenance kept beside the rows of a fixture or a harvested file.
IGNORED_COLUMNS = ("source", "body_generated")
DATE_COLUMNS = ("written_on", "published_on", "effective_on", "expires_on")
STATES = (PublicationState.DRAFT.value, PublicationState.PUBLISHED.value)
JSONL_SUFFIXES = (".jsonl", ".ndjson")

_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$"),
)


class UnreadableFile(Exception):
    """The file cannot be read as CSV or JSON Lines at all (message in Chinese)."""


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class ImportItem:
    line: int
    agency: str  # the agency's code
    data: DocumentInput
    state: str


def parse_date(text: str) -> date | None:
    """``2024-04-28``, ``2024/4/28`` or ``2024年4月28日``; ``None`` when blank; ``ValueError`` else."""
    text = text.strip()
    if not text:
        return None
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)  # ValueError for 2024-02-30
    raise ValueError(text)


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM dropped), else GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is neither UTF-8 nor GB18030 text.")) from error


def _is_jsonl(path: Path, text: str) -> bool:
    if path.suffix.lower() in JSONL_SUFFIXES:
        return True
    if path.suffix.lower() == ".csv":
        return False
    return text.lstrip().startswith("{")


def read_rows(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The rows of the file at ``path`` with their line numbers (the header is line 1 of a CSV)."""
    text = decode(path.read_bytes())
    return _jsonl_rows(text) if _is_jsonl(path, text) else _csv_rows(text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return str(value)


def _jsonl_rows(text: str) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            problems.append(Problem(number, _("not valid JSON")))
            continue
        if not isinstance(value, dict):
            problems.append(Problem(number, _("each line is one JSON object")))
            continue
        rows.append((number, {str(key).strip(): _cell(cell) for key, cell in value.items()}))
    return rows, problems


def _csv_rows(text: str) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return [], []
    except csv.Error as error:
        raise UnreadableFile(_("The file is not valid CSV: %(error)s") % {"error": error}) from error
    if "agency" not in header or "title" not in header:
        raise UnreadableFile(_("The first line must name the columns; “agency” and “title” are required."))
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(start, _("not valid CSV (%(error)s)") % {"error": error}))
            break
        if any(cell.strip() for cell in cells):
            if len(cells) > len(header):
                problems.append(Problem(start, _("more cells than columns")))
            rows.append((start, dict(zip(header, cells, strict=False))))
        start = reader.line_num + 1
    return rows, problems


def unknown_columns(rows: Iterable[tuple[int, dict[str, str]]]) -> list[str]:
    seen: dict[str, None] = {}
    for _line, row in rows:
        for key in row:
            if key not in COLUMNS and key not in IGNORED_COLUMNS and key:
                seen.setdefault(key)
    return list(seen)


def parse_rows(
    rows: Iterable[tuple[int, dict[str, str]]],
    *,
    agencies: set[str] | frozenset[str],
    kind_known: Callable[[str, str], bool],
) -> tuple[list[ImportItem], list[Problem]]:
    """Check every row: ``agencies`` are the known agency codes, ``kind_known(agency, kind)`` says
    whether the kind exists for that agency. Returns the items and all problems (by line)."""
    items: list[ImportItem] = []
    problems: list[Problem] = []
    for line, row in rows:
        found = _row_problems(line, row, agencies, kind_known)
        if found:
            problems.extend(found)
            continue
        items.append(_item(line, row))
    return items, problems


def _value(row: dict[str, str], name: str) -> str:
    return (row.get(name) or "").strip()


def _row_problems(
    line: int, row: dict[str, str], agencies: set[str] | frozenset[str], kind_known: Callable[[str, str], bool]
) -> list[Problem]:
    problems: list[str] = []
    agency = _value(row, "agency")
    if not agency:
        problems.append(_("the agency code is missing"))
    elif agency not in agencies:
        problems.append(_("unknown agency “%(code)s”") % {"code": agency})
    title = _value(row, "title")
    if not title:
        problems.append(_("the title is missing"))
    elif len(title) > TITLE_MAX:
        problems.append(_("the title is longer than %(max)d characters") % {"max": TITLE_MAX})
    kind = _value(row, "kind") or "other"
    if agency in agencies and not kind_known(agency, kind):
        problems.append(_("unknown kind “%(kind)s”") % {"kind": kind})
    status = _value(row, "status")
    if status and status not in LegalStatus.values:
        problems.append(_("unknown status “%(value)s” (in_force, amended, repealed or expired)") % {"value": status})
    disclosure = _value(row, "disclosure")
    if disclosure and disclosure not in Disclosure.values:
        problems.append(_("unknown disclosure “%(value)s” (proactive, on_request or withheld)") % {"value": disclosure})
    if disclosure == Disclosure.WITHHELD and not _value(row, "withheld_reason"):
        problems.append(_("a withheld document needs the reason in the column withheld_reason"))
    state = _value(row, "state")
    if state and state not in STATES:
        problems.append(_("unknown state “%(value)s” (draft or published)") % {"value": state})
    dates: dict[str, date | None] = {}
    for name in DATE_COLUMNS:
        try:
            dates[name] = parse_date(_value(row, name))
        except ValueError:
            problems.append(
                _("%(column)s “%(value)s” is not a date (2024-04-28, 2024/4/28 or 2024年4月28日)")
                % {"column": name, "value": _value(row, name)}
            )
    written, published = dates.get("written_on"), dates.get("published_on")
    if written and published and published < written:
        problems.append(_("published_on is before written_on"))
    effective, expires = dates.get("effective_on"), dates.get("expires_on")
    if effective and expires and expires < effective:
        problems.append(_("expires_on is before effective_on"))
    if len(_value(row, "doc_number")) > 100:
        problems.append(_("the document number is longer than 100 characters"))
    if len(_value(row, "index_number")) > 100:
        problems.append(_("the index number is longer than 100 characters"))
    url = _value(row, "url")
    if url and not re.match(r"^https?://\S+$", url):
        problems.append(_("url “%(value)s” is not a web address") % {"value": url[:60]})
    return [Problem(line, message) for message in problems]


def _item(line: int, row: dict[str, str]) -> ImportItem:
    data = DocumentInput(
        title=_value(row, "title"),
        kind=_value(row, "kind") or "other",
        doc_number=_value(row, "doc_number"),
        index_number=_value(row, "index_number"),
        issuer=_value(row, "issuer"),
        written_on=parse_date(_value(row, "written_on")),
        published_on=parse_date(_value(row, "published_on")),
        effective_on=parse_date(_value(row, "effective_on")),
        expires_on=parse_date(_value(row, "expires_on")),
        topic=_value(row, "topic")[:50],
        body=(row.get("body") or "").strip(),
        disclosure=_value(row, "disclosure") or Disclosure.PROACTIVE.value,
        withheld_reason=_value(row, "withheld_reason")[:300],
        status=_value(row, "status") or LegalStatus.IN_FORCE.value,
        source_url=_value(row, "url"),
    )
    return ImportItem(
        line=line, agency=_value(row, "agency"), data=data, state=_value(row, "state") or PublicationState.PUBLISHED
    )


Identity = tuple[str, ...]


def identity(agency: str, data: DocumentInput) -> Identity:
    """Which existing document a row is: by 索引号, else 文号 (normalised) + issuer, else title +
    issuer + published date (any date when the row gives none)."""
    if data.index_number.strip():
        return ("index", agency, data.index_number.strip())
    if data.doc_number.strip():
        return ("number", agency, normalise_doc_number(data.doc_number), data.issuer.strip())
    published = data.published_on.isoformat() if data.published_on else "*"
    return ("title", agency, data.title.strip(), data.issuer.strip(), published)


def identities_of(
    agency: str, index_number: str, doc_number_norm: str, issuer: str, title: str, published_on: date | None
) -> list[Identity]:
    """Every identity an existing document answers to."""
    found: list[Identity] = [("index", agency, index_number)] if index_number else []
    if doc_number_norm:
        found.append(("number", agency, doc_number_norm, issuer))
    found.append(("title", agency, title, issuer, "*"))
    if published_on:
        found.append(("title", agency, title, issuer, published_on.isoformat()))
    return found
