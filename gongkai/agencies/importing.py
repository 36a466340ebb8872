"""Bulk import of agencies from CSV: validate every row first, then import all or nothing.

A province sets up hundreds of agencies at once. The file may come from Excel (GB18030) or
be UTF-8 (with or without BOM); headers may be English or Chinese. Rows may name parents that
already exist or that appear anywhere in the same file. Importing the same file again changes
nothing; an existing agency's name, short name and office details are updated, but an import
never moves an agency to another parent or level.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import Actor
from gongkai.core.errors import ValidationFailed, problems_error

from .levels import Level, parse_level, placement_problem
from .models import Agency, DisclosureOffice
from .services import agency_create, agency_problems, agency_update, office_save, placement_message

HEADER_ALIASES = {
    "code": "code",
    "代码": "code",
    "机关代码": "code",
    "name": "name",
    "名称": "name",
    "机关名称": "name",
    "level": "level",
    "层级": "level",
    "级别": "level",
    "parent_code": "parent_code",
    "parent": "parent_code",
    "上级代码": "parent_code",
    "上级机关代码": "parent_code",
    "short_name": "short_name",
    "简称": "short_name",
    "sort_order": "sort_order",
    "排序": "sort_order",
    "office_name": "office_name",
    "公开机构": "office_name",
    "公开机构名称": "office_name",
    "office_address": "office_address",
    "地址": "office_address",
    "office_phone": "office_phone",
    "电话": "office_phone",
    "office_hours": "office_hours",
    "办公时间": "office_hours",
}
REQUIRED_COLUMNS = ("code", "name", "level")
SORT_ORDER_PATTERN = re.compile(r"[0-9]{1,10}")  # ASCII digits only: "²".isdigit() is True
SORT_ORDER_MAX = 2_147_483_647  # PositiveIntegerField on PostgreSQL
OFFICE_COLUMNS = {
    "office_name": "name",
    "office_address": "address",
    "office_phone": "phone",
    "office_hours": "hours",
}


@dataclass
class AgencyRow:
    line: int
    code: str
    name: str
    level: str
    parent_code: str = ""
    short_name: str = ""
    sort_order: int = 0
    office: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def decode_csv_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030, the encoding Excel uses for Chinese CSV."""
    if b"\x00" in data:
        raise ValidationFailed(_("The file is not a text CSV file."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed(_("The file's encoding is not UTF-8 or GB18030."))


def parse_rows(text: str) -> list[AgencyRow]:
    """Rows with their line numbers, or ValidationFailed listing every problem found."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationFailed(_("The file is empty.")) from None
    except csv.Error:
        raise ValidationFailed(_("Line 1: the header is not valid CSV (or a cell is too long).")) from None
    columns = [HEADER_ALIASES.get(name.strip().lower(), HEADER_ALIASES.get(name.strip(), "")) for name in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ValidationFailed(_("Line 1: the header lacks the columns %(columns)s.") % {"columns": ", ".join(missing)})
    rows: list[AgencyRow] = []
    problems: list[str] = []
    for line, values in _records(reader, problems):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(columns):
            problems.append(_("Line %(line)d: more cells than header columns.") % {"line": line})
            continue
        record = {col: values[i].strip() if i < len(values) else "" for i, col in enumerate(columns) if col}
        sort_text = record.get("sort_order", "") or "0"
        if not SORT_ORDER_PATTERN.fullmatch(sort_text) or int(sort_text) > SORT_ORDER_MAX:
            problems.append(
                _("Line %(line)d: sort order “%(value)s” is not a whole number from 0 to %(max)d.")
                % {"line": line, "value": sort_text[:20], "max": SORT_ORDER_MAX}
            )
            continue
        rows.append(
            AgencyRow(
                line=line,
                code=record["code"],
                name=record["name"],
                level=record["level"],
                parent_code=record.get("parent_code", ""),
                short_name=record.get("short_name", ""),
                sort_order=int(sort_text),
                office={OFFICE_COLUMNS[c]: record[c] for c in OFFICE_COLUMNS if record.get(c)},
            )
        )
    if problems:
        raise problems_error(problems)
    if not rows:
        raise ValidationFailed(_("The file has a header but no agencies."))
    return rows


def _records(reader: Any, problems: list[str]) -> Iterator[tuple[int, list[str]]]:
    """The rows with their line numbers; a line the csv module cannot read (a cell over its field
    size limit, a stray quote) ends the file with one problem."""
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:
            problems.append(
                _("Line %(line)d: not valid CSV (a cell longer than %(limit)d characters, or a stray quote).")
                % {"line": reader.line_num, "limit": csv.field_size_limit()}
            )
            return
        yield reader.line_num, values


def _order_parents_first(rows: list[AgencyRow], problems: list[str]) -> list[AgencyRow]:
    """Parents before their children; a loop is one problem. Iterative: a chain thousands deep is fine."""
    by_code = {row.code: row for row in rows}
    ordered: list[AgencyRow] = []
    state: dict[str, str] = {}
    for start in rows:
        chain: list[AgencyRow] = []
        row: AgencyRow | None = start
        while row is not None and row.code not in state:
            state[row.code] = "visiting"
            chain.append(row)
            row = by_code.get(row.parent_code)
        if row is not None and state[row.code] == "visiting":
            problems.append(
                _("Line %(line)d: the parent chain of “%(code)s” loops back to itself.")
                % {"line": row.line, "code": row.code}
            )
        for member in reversed(chain):
            state[member.code] = "done"
            ordered.append(member)
    return ordered


def _path_problem(ordered: list[AgencyRow], existing: dict[str, Agency]) -> str | None:
    """Whether every new agency's tree path ("/1/4/9/", ids) fits its column, checked before saving.

    The ids are not known yet: each is counted as long as the largest id this import could give.
    One problem for the first row that does not fit (a chain thousands deep would give thousands).
    """
    path_field = Agency._meta.get_field("path")
    limit = int(path_field.max_length or 255)
    largest = (Agency.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + len(ordered)
    step = len(str(largest)) + 1
    lengths: dict[str, int] = {}
    depth: dict[str, int] = {}
    for row in ordered:
        if row.code in existing:
            lengths[row.code] = len(existing[row.code].path)
            depth[row.code] = existing[row.code].path.count("/") - 1
            continue
        if row.parent_code in lengths:
            parent_length, parent_depth = lengths[row.parent_code], depth[row.parent_code]
        elif row.parent_code in existing:
            parent = existing[row.parent_code]
            parent_length, parent_depth = len(parent.path), parent.path.count("/") - 1
        else:
            parent_length, parent_depth = 1, 0
        lengths[row.code], depth[row.code] = parent_length + step, parent_depth + 1
        if lengths[row.code] > limit:
            return _(
                "Line %(line)d: “%(code)s” would be %(depth)d levels deep; the agency tree holds at most %(max)d "
                "levels here."
            ) % {"line": row.line, "code": row.code, "depth": depth[row.code], "max": (limit - 1) // step}
    return None


def validate_rows(rows: list[AgencyRow]) -> list[AgencyRow]:
    """Check every row against the database and the rest of the file; parents-first order."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    for row in rows:
        if row.code in seen:
            problems.append(
                _("Line %(line)d: code “%(code)s” already appears on line %(first)d.")
                % {"line": row.line, "code": row.code, "first": seen[row.code]}
            )
        seen.setdefault(row.code, row.line)
    file_rows = {row.code: row for row in rows}
    existing = {a.code: a for a in Agency.objects.filter(code__in=[*file_rows, *(r.parent_code for r in rows)])}
    for row in rows:
        prefix = _("Line %(line)d: ") % {"line": row.line}
        parent_level: Level | None = None
        if row.parent_code:
            if row.parent_code == row.code:
                problems.append(prefix + _("an agency cannot be its own parent."))
                continue
            if row.parent_code in file_rows:
                parent_level = parse_level(file_rows[row.parent_code].level)
            elif row.parent_code in existing:
                parent_level = Level(existing[row.parent_code].level)
            else:
                problems.append(
                    prefix
                    + _("parent code “%(code)s” is neither in the file nor in the system.") % {"code": row.parent_code}
                )
                continue
        base = agency_problems(code=row.code, name=row.name, level=row.level, parent=None)
        # agency_problems judged placement as a root; judge it again against the real parent.
        root_messages = {placement_message(p) for p in ("department_needs_parent", "township_needs_parent")}
        problems.extend(prefix + p for p in base if p not in root_messages)
        level = parse_level(row.level)
        if level is not None and (row.parent_code == "" or parent_level is not None):
            placement = placement_problem(level, parent_level)
            if placement:
                problems.append(prefix + placement_message(placement))
        problems.extend(prefix + p for p in _office_problems(row, existing.get(row.code)))
        current = existing.get(row.code)
        if current is not None and level is not None:
            current_parent = current.parent.code if current.parent else ""
            if current.level != level.value or current_parent != row.parent_code:
                problems.append(
                    prefix
                    + _("“%(code)s” exists with another level or parent; an import never moves an agency.")
                    % {"code": row.code}
                )
    ordered = _order_parents_first(rows, problems)
    if not problems:
        too_deep = _path_problem(ordered, existing)
        if too_deep:
            problems.append(too_deep)
    if problems:
        raise ValidationFailed(
            _("%(count)d problems found; nothing was imported.") % {"count": len(problems)}, details=problems
        )
    return ordered


def _office_problems(row: AgencyRow, current: Agency | None) -> list[str]:
    problems: list[str] = []
    has_office = current is not None and DisclosureOffice.objects.filter(agency=current).exists()
    if row.office and not row.office.get("name") and not has_office:
        problems.append(_("office details need an office name (column office_name)."))
    for field_name, value in row.office.items():
        model_field = DisclosureOffice._meta.get_field(field_name)
        limit = getattr(model_field, "max_length", None)
        if limit is not None and len(value) > limit:
            label = getattr(model_field, "verbose_name", field_name)
            problems.append(
                _("office %(field)s is longer than %(limit)d characters.") % {"field": label, "limit": limit}
            )
    return problems


def _office_changed(agency: Agency, office: dict[str, str]) -> bool:
    current = DisclosureOffice.objects.filter(agency=agency).first()
    if current is None:
        return bool(office)
    return any(getattr(current, k) != v for k, v in office.items())


@transaction.atomic
def import_agencies(*, actor: Actor, data: bytes, via: str | None = None) -> ImportReport:
    """Validate the whole file, then create or update every agency in one transaction."""
    rows = validate_rows(parse_rows(decode_csv_bytes(data)))
    report = ImportReport()
    for row in rows:
        agency = Agency.objects.filter(code=row.code).first()
        if agency is None:
            parent = Agency.objects.get(code=row.parent_code) if row.parent_code else None
            agency = agency_create(
                actor=actor,
                code=row.code,
                name=row.name,
                level=row.level,
                parent=parent,
                short_name=row.short_name,
                sort_order=row.sort_order,
                via=via,
            )
            if row.office:
                office_save(actor=actor, agency=agency, via=via, **row.office)
            report.created.append(row.code)
            continue
        differs = (agency.name, agency.short_name, agency.sort_order) != (
            row.name,
            row.short_name,
            row.sort_order,
        )
        office_differs = _office_changed(agency, row.office)
        if differs:
            agency_update(
                actor=actor,
                agency=agency,
                name=row.name,
                short_name=row.short_name,
                sort_order=row.sort_order,
                via=via,
            )
        if office_differs:
            office_save(actor=actor, agency=agency, via=via, **row.office)
        (report.updated if differs or office_differs else report.unchanged).append(row.code)
    return report
