"""How well the report reader reads real published reports: a folder of them with a hand-written INDEX.md.

Run: ``.venv/bin/python bench/measure_reader.py [FOLDER ...]`` (default: the development set
``tests/fixtures/reports-dev`` and the held-out set ``tests/fixtures/reports-real``).

The folder's INDEX.md (format of ``shared/reports-dev/INDEX.md``) says for each file, in its
"## Files" table, the reporting year, the agency as the text names it, the template and which
tables it holds; its "## Counts" bullets list the files of each kind of damage (``pipe rows 9 (011
019 …)``); its "## Hand-read values" table gives cells read by hand. The script reads every file
with ``load_source`` + ``read_report`` and prints, overall, per template and per damage class, the
share of files whose template, year and agency the reader gets right, and the share of hand-read
cells read right. ``tests/reports/parse/test_real_reports.py`` asserts the figures stay at or
above their recorded floor.

What counts as right:
- template: the reader's ``format`` equals the INDEX template (files marked "unknown" are left out);
- year: for reports (not "not-a-report") with a stated year (a leading four-digit year without
  "?"), the reader's year equals it;
- agency: for reports whose text names the agency, the reader's agency names the same body —
  equal once the parenthetical remarks are dropped and the generic endings (人民政府, 办公室, …)
  are ignored, or the one a tail of the other (the level prefix left out: 县退役军人事务局 for
  始兴县退役军人事务局). Where the INDEX says the text does not name it (某…, 未具名, 我局,
  name replaced by spam), the right answer is null: the reader must not guess;
- a hand-read cell: the reader's value equals the hand-read number (a cell read "(blank)" or
  holding text must be null).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.files import load_source  # noqa: E402
from gongkai.reports.model import T2_KEYS_2019, T2_KEYS_2021, AnnualReport, ReportFormat  # noqa: E402
from gongkai.reports.parse import read_report  # noqa: E402

DEV_SET = ROOT / "tests" / "fixtures" / "reports-dev"
HELD_OUT = ROOT / "tests" / "fixtures" / "reports-real"
TEMPLATES = frozenset(f.value for f in ReportFormat)
_YEAR = re.compile(r"^((?:19|20)\d{2})(?!\d)")
_FILE_NUMBER = re.compile(r"(?<!\d)(\d{3})(?!\d)")
_UNNAMED = re.compile(r"某|^\(none\)|未具名|spam替换|被替换|名称被")
_GENERIC_ENDINGS = ("人民政府办公厅", "人民政府办公室", "人民政府", "政府办公室", "政府", "办事处")
_LEVEL = re.compile(r"[省市县区镇乡旗州盟]|街道")


@dataclass
class Entry:
    file: str
    year: int | None  # the stated reporting year; None: unknown or not applicable
    agency: str | None  # the agency the text names; None: the text does not name one
    template: str | None  # None: "unknown"
    parts: str
    classes: set[str] = field(default_factory=set)


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += ok

    def __str__(self) -> str:
        if not self.total:
            return "—"
        return f"{self.right}/{self.total} ({100 * self.right / self.total:.0f}%)"

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


MEASURES = ("template", "table-bearing template", "year", "agency", "agency kept null", "hand-read cells")


@dataclass
class Measurement:
    overall: dict[str, Tally] = field(default_factory=lambda: {m: Tally() for m in MEASURES})
    by_template: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(_tallies))
    by_class: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(_tallies))
    misses: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)


def _tallies() -> dict[str, Tally]:
    return {m: Tally() for m in MEASURES}


# --- INDEX.md ------------------------------------------------------------------------------


def _section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return match.group(1) if match else ""


def _table_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if not line.startswith("|") or re.match(r"^\|[-| ]+\|$", line):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        rows.append([c.replace("\\|", "|") for c in cells])
    return rows[1:]  # without the header row


def _damage_classes(counts: str) -> dict[str, set[str]]:
    """File number → damage classes, from the bullets of "## Counts" that list files by number.

    A bullet ``* Tables: …; flattening: pipe rows 9 (011 019 …), …`` gives the class
    "pipe rows" to 011, 019, …; the level, template and year bullets list counts, not files.
    """
    classes: dict[str, set[str]] = defaultdict(set)
    for bullet in re.split(r"^\* ", counts, flags=re.M):
        if not _FILE_NUMBER.search(bullet):
            continue
        body = bullet.split(":", 1)[1] if re.match(r"^[\w -]+:", bullet) else bullet
        for segment in re.split(r"[;,.](?![^()]*\))\s|, of which|[;,](?![^()]*\))", body):
            if not _FILE_NUMBER.search(segment):
                continue
            name = re.split(r"\(|(?<!\d)\d{3}(?!\d)", segment, maxsplit=1)[0]
            name = re.sub(r"^\s*(?:flattening|of which)\s*:?\s*|\s+\d{1,2}\s*$|:\s*$", "", name.strip()).strip()
            name = re.sub(r"\s+", " ", name)
            skipped = name.lower() in TEMPLATES | {"unknown"} or re.match(r"^(?:\d+ )?(?:more|files carry)", name)
            if len(name) < 3 or skipped:
                continue
            for number in _FILE_NUMBER.findall(segment):
                classes[number].add(name.lower())
    return classes


def _agency(text: str) -> str | None:
    if _UNNAMED.search(text):
        return None
    # "淄博高新区(先创区)中埠镇人民政府": a bracket inside the name goes; a remark after it ends the name
    name = re.sub(r"[(（][^)）]*[)）](?=[\u4e00-\u9fff])", "", text)
    name = re.split(r"\s*[(（]", name, maxsplit=1)[0].strip()
    return name or None


def read_index(folder: Path) -> list[Entry]:
    text = (folder / "INDEX.md").read_text(encoding="utf-8")
    classes = _damage_classes(_section(text, "Counts"))
    entries = []
    for cells in _table_rows(_section(text, "Files")):
        if len(cells) < 7 or not cells[0].endswith(".txt"):
            continue
        file, _url, year, agency, _level, template, parts = cells[:7]
        notes = cells[7] if len(cells) > 7 else ""
        found = _YEAR.match(year)
        entry = Entry(
            file=file,
            year=int(found.group(1)) if found and "?" not in year.split()[0] else None,
            agency=_agency(agency),
            template=template if template in TEMPLATES else None,
            parts=parts,
            classes=set(classes.get(file[:3], ())),
        )
        if re.search(r"hijacked|mirror", notes):
            entry.classes.add("mirror or hijacked site")
        if "template note" in notes:
            entry.classes.add("template not told by year or citation")
        if re.search(r"mangled|年 lost", notes):
            entry.classes.add("dates mangled")
        if not entry.classes:
            entry.classes.add("no listed damage")
        entries.append(entry)
    return entries


# --- hand-read cells -------------------------------------------------------------------------

_T2_ITEMS = (
    ("规范性文件", "normative_documents"),
    ("規範性文件", "normative_documents"),
    ("规章", "rules"),
    ("規章", "rules"),
    ("许可", "licensing"),
    ("其他主动公开", None),  # a row some provinces add; not in the national table
    ("其他", "other_services"),
    ("处罚", "penalty"),
    ("强制", "compulsory"),
    ("收费", "fees"),
    ("采购", "procurement"),
)
Expected = int | Decimal | None


def _cell(text: str) -> Expected | str:
    """A hand-read cell: a number, None (blank or text), or "?" (not read by hand: not checked)."""
    text = text.strip().strip("*").strip().strip('"“”').strip()
    text = re.sub(r"\s*\(万元\)$|万元$", "", text)
    text = text.lstrip("?").strip()
    if not text or text in {"…", "…(cut)", "—"}:
        return "?"
    if text == "(blank)":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None  # text in a numeric cell ("未增未减") is read as null
    return int(value) if value == value.to_integral_value() and "." not in text else value


def _keys(item: str, template: str | None) -> tuple[str, ...]:
    keys = T2_KEYS_2019 if template == ReportFormat.F2019.value else T2_KEYS_2021
    return keys.get(item, ())


def hand_read(folder: Path, entries: list[Entry]) -> dict[str, dict[str, Expected]]:
    """file → {"t3.new_received.3": 0, "t2.rules.issued": 0, …} as read by hand."""
    templates = {e.file: e.template for e in entries}
    text = (folder / "INDEX.md").read_text(encoding="utf-8")
    result: dict[str, dict[str, Expected]] = {}
    for cells in _table_rows(_section(text, "Hand-read values")):
        if len(cells) < 5 or ".txt" not in cells[0]:
            continue
        file = cells[0].split()[0]
        template = templates.get(file)
        expected: dict[str, Expected] = {}
        row = cells[1].strip("*")
        if row and not row.startswith("—"):
            values = re.split(r",\s*", row)
            if len(values) == 2 and values[0].endswith("…"):  # "(blank)…, 0": blanks, then the total
                values = ["(blank)"] * 6 + [values[1]]
            for index, value in enumerate(values[:7]):
                read = _cell(value)
                if read != "?":
                    expected[f"t3.new_received.{index}"] = read  # type: ignore[assignment]
        _t2_cells(cells[4], template, expected)
        result[file] = expected
    return result


def _t2_cells(text: str, template: str | None, expected: dict[str, Expected]) -> None:
    text = text.replace("**", "")
    everything = re.match(r"all (?:\S+ )?table 二 cells (\d+)", text)
    if everything:
        for item in ("rules", "normative_documents", "licensing", "other_services", "penalty", "compulsory", "fees",
                     "procurement"):  # fmt: skip
            for column in _keys(item, template):
                expected[f"t2.{item}.{column}"] = int(everything.group(1))
        return
    named: set[str] = set()
    rest: int | None = None
    for part in re.split(r";\s*", text):
        part = part.strip()
        if re.fullmatch(r"rest (\d+)", part):
            rest = int(part.split()[1])
            continue
        match = re.match(r"^(\S+?)\s+(.+)$", part)
        if not match:
            continue
        label, values = match.groups()
        item = next((key for word, key in _T2_ITEMS if word in label), "")
        if item is None:
            continue
        if not item:
            continue
        named.add(item)
        columns = _keys(item, template)
        read = [_cell(v) for v in re.split(r"\s*/\s*", values.split(" (")[0] if "万元" not in values else values)]
        if len(read) == 1 and len(columns) > 1 and template != ReportFormat.F2019.value:
            columns = columns[-1:]
        for column, value in zip(columns, read, strict=False):
            if value != "?":
                expected[f"t2.{item}.{column}"] = value  # type: ignore[assignment]
    if rest is not None:
        for item in ("rules", "normative_documents", "licensing", "other_services", "penalty", "compulsory", "fees"):
            if item not in named:
                for column in _keys(item, template):
                    expected[f"t2.{item}.{column}"] = rest


def _value(report: AnnualReport, where: str) -> Any:
    table, row, column = where.split(".")
    data = getattr(report, table)
    if not data or row not in data:
        return "absent"
    cells = data[row]
    if isinstance(cells, list):
        return cells[int(column)]
    return cells.get(column, "absent")


# --- judging -------------------------------------------------------------------------------


def _core(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    if not name.endswith("人民政府"):
        name = name.replace("人民政府", "")  # "…区人民政府南源街道办事处" is "…区南源街道办事处"
    for ending in _GENERIC_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 1:
            return name.removesuffix(ending)
    return name


def same_agency(read: str | None, expected: str | None) -> bool:
    if expected is None:
        return read is None
    if read is None:
        return False
    a, b = _core(read), _core(expected)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 3 and longer.endswith(shorter) and bool(_LEVEL.search(shorter))


def measure(folder: Path) -> Measurement:
    entries = read_index(folder)
    cells = hand_read(folder, entries)
    result = Measurement()
    for entry in entries:
        path = folder / entry.file
        try:
            report = read_report(load_source(path.read_bytes(), path.name))
        except Exception as error:  # a crash is a measured failure, not the end of the run
            result.crashes.append(f"{entry.file}: {type(error).__name__}: {error}")
            report = AnnualReport(format=ReportFormat.NOT_A_REPORT)
        groups = [result.overall, result.by_template[entry.template or "unknown"]]
        groups += [result.by_class[name] for name in sorted(entry.classes)]
        judged: dict[str, bool] = {}
        if entry.template is not None:
            judged["template"] = report.format.value == entry.template
            if "table" in entry.parts and entry.template in {"2021", "2019"}:
                judged["table-bearing template"] = judged["template"]
        is_report = entry.template != ReportFormat.NOT_A_REPORT.value
        if is_report and entry.year is not None:
            judged["year"] = report.year == entry.year
        if is_report:
            judged["agency" if entry.agency is not None else "agency kept null"] = same_agency(
                report.agency, entry.agency
            )
        for measure_name, ok in judged.items():
            for group in groups:
                group[measure_name].add(ok)
            if not ok:
                got = {"template": report.format.value, "table-bearing template": report.format.value,
                       "year": report.year}.get(measure_name, report.agency)  # fmt: skip
                want = {"template": entry.template, "table-bearing template": entry.template,
                        "year": entry.year}.get(measure_name, entry.agency)  # fmt: skip
                if measure_name != "table-bearing template":
                    result.misses.append(f"{entry.file} {measure_name}: read {got!r}, expected {want!r}")
        for where, want in cells.get(entry.file, {}).items():
            got = _value(report, where)
            ok = got is None if want is None else (got is not None and got != "absent" and got == want)
            for group in groups:
                group["hand-read cells"].add(ok)
            if not ok:
                result.misses.append(f"{entry.file} cell {where}: read {got!r}, expected {want!r}")
    return result


def render(name: str, result: Measurement, *, misses: bool = False) -> str:
    lines = [f"## {name}", ""]
    header = "| | " + " | ".join(MEASURES) + " |"
    lines += [header, "|---" * (len(MEASURES) + 1) + "|"]
    lines.append("| **all** | " + " | ".join(str(result.overall[m]) for m in MEASURES) + " |")
    for title, groups in (("template", result.by_template), ("damage", result.by_class)):
        for key in sorted(groups):
            lines.append(f"| {title}: {key} | " + " | ".join(str(groups[key][m]) for m in MEASURES) + " |")
    lines.append("")
    lines.append(f"crashes: {len(result.crashes)}")
    lines += [f"  {c}" for c in result.crashes]
    if misses:
        lines += ["", "misses:"] + [f"  {m}" for m in result.misses]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders with an INDEX.md (default: dev + held-out)")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    folders = args.folders or [f for f in (DEV_SET, HELD_OUT) if (f / "INDEX.md").exists()]
    for folder in folders:
        print(render(str(folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder), measure(folder),
                     misses=args.misses))  # fmt: skip
        print()


if __name__ == "__main__":
    main()
