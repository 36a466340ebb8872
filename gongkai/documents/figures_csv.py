"""Reading the table-二 figures from CSV (per agency and year), all rows checked before any is kept. Pure.

Header (English or Chinese): agency/机关代码, year/年度, licensing/行政许可, penalty/行政处罚,
compulsory/行政强制, fees_10k_yuan/行政事业性收费（万元）. Counts are whole numbers ≥ 0; fees a
decimal number of 万元 ≥ 0 with at most four decimals.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

HEADERS = {
    "agency": "agency",
    "机关代码": "agency",
    "year": "year",
    "年度": "year",
    "licensing": "licensing",
    "行政许可": "licensing",
    "penalty": "penalty",
    "行政处罚": "penalty",
    "compulsory": "compulsory",
    "行政强制": "compulsory",
    "fees_10k_yuan": "fees",
    "行政事业性收费（万元）": "fees",
    "行政事业性收费(万元)": "fees",
}
REQUIRED = ("agency", "year", "licensing", "penalty", "compulsory", "fees")
MAX_ROWS = 5000


@dataclass(frozen=True)
class FiguresRow:
    line: int
    agency: str
    year: int
    licensing: int
    penalty: int
    compulsory: int
    fees: Decimal


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("不是 UTF-8 或 GB18030 编码的文本文件。")


def _count(value: str, label: str, line: int, problems: list[str]) -> int:
    text = value.strip().replace(",", "")
    if not text.isdigit():
        problems.append(f"第 {line} 行：{label}应为不小于0的整数，而不是“{value}”。")
        return 0
    return int(text)


def read_figures(
    text: str, *, known_agencies: set[str], years: range = range(2008, 2101)
) -> tuple[list[FiguresRow], list[str]]:
    """The rows and the problems (Chinese, with line numbers); rows are usable only without problems."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        return [], ["文件是空的。"]
    columns = [HEADERS.get(name.strip()) for name in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        return [], [
            f"缺少列：{'、'.join(missing)}（第 1 行应为表头：agency,year,licensing,penalty,compulsory,fees_10k_yuan）。"
        ]
    rows: list[FiguresRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, int], int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) + len(problems) >= MAX_ROWS:
            problems.append(f"最多 {MAX_ROWS} 行。")
            break
        value = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(columns) if name}
        before = len(problems)
        agency = value["agency"].strip()
        if agency not in known_agencies:
            problems.append(f"第 {line} 行：没有代码为“{agency}”的机关，或您无权填报。")
        year = _count(value["year"], "年度", line, problems)
        if year and year not in years:
            problems.append(f"第 {line} 行：年度“{year}”不在 {years.start}–{years.stop - 1} 之间。")
        counts = [
            _count(value[name], label, line, problems)
            for name, label in (("licensing", "行政许可"), ("penalty", "行政处罚"), ("compulsory", "行政强制"))
        ]
        try:
            fees = Decimal(value["fees"].strip().replace(",", "") or "x")
            if fees < 0 or fees != fees.quantize(Decimal("0.0001")):
                raise InvalidOperation
        except InvalidOperation:
            problems.append(
                f"第 {line} 行：行政事业性收费应为不小于0的万元数（最多4位小数），而不是“{value['fees']}”。"
            )
            fees = Decimal(0)
        key = (agency, year)
        if key in seen:
            problems.append(f"第 {line} 行：与第 {seen[key]} 行重复（同一机关同一年度）。")
        seen[key] = line
        if len(problems) == before:
            licensing, penalty, compulsory = counts
            rows.append(FiguresRow(line, agency, year, licensing, penalty, compulsory, fees))
    return rows, problems
