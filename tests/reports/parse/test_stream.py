"""Table reading does not depend on the layout: the same tables flattened in the ways real pages
flatten them (one cell per line, blank lines between cells, tabs, cells run together) read the same."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gongkai.reports.model import AnnualReport, ReportFormat

from .render import read_text, render
from .test_fixtures import sample


def _cells(line: str) -> list[str] | None:
    if "|" not in line:
        return None
    return [c.strip() for c in line.rstrip().removesuffix("|").split("|")]


def one_cell_per_line_with_pipe(text: str) -> str:
    out = []
    for line in text.splitlines():
        cells = _cells(line)
        out.extend([f"{c} |" for c in cells] if cells is not None else [line])
    return "\n".join(out) + "\n"


def one_cell_per_line_blank_separated(text: str) -> str:
    out = []
    for line in text.splitlines():
        cells = _cells(line)
        out.extend([c for c in cells if c] if cells is not None else [line])
    return "\n\n".join(out) + "\n"


def tab_separated(text: str) -> str:
    out = []
    for line in text.splitlines():
        cells = _cells(line)
        out.append("\t".join(c for c in cells if c) if cells is not None else line)
    return "\n".join(out) + "\n"


def header_words_split(text: str) -> str:
    """One cell per line, and every header cell broken in the middle of its words."""
    words = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "自然人", "尚未 审结")
    flattened = one_cell_per_line_blank_separated(text)
    for word in words:
        flattened = flattened.replace(word, word[:2] + "\n\n" + word[2:])
    return flattened


LAYOUTS: dict[str, Callable[[str], str]] = {
    "one cell per line with trailing |": one_cell_per_line_with_pipe,
    "one cell per line, blank lines between": one_cell_per_line_blank_separated,
    "cells separated by tabs": tab_separated,
    "header words split over lines": header_words_split,
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("template", [ReportFormat.F2021, ReportFormat.F2019])
def test_every_cell_reads_the_same_whatever_the_layout(layout: str, template: ReportFormat) -> None:
    expected = sample(template)
    if template is ReportFormat.F2019:
        expected.year = 2020
        expected.t2 = {
            "rules": {"made": 1, "published": 2, "total_published": 3},
            "normative_documents": {"made": 4, "published": 5, "total_published": 6},
            "licensing": {"last_year": 7, "change": 8, "decisions": 9},
            "other_services": {"last_year": 10, "change": 11, "decisions": 12},
            "penalty": {"last_year": 13, "change": -14, "decisions": 15},
            "compulsory": {"last_year": 16, "change": 17, "decisions": 18},
            "fees": {"last_year": 19, "change": 20},
            "procurement": {"projects": 21, "amount": 22},
        }
    report = read_text(LAYOUTS[layout](render(expected)))
    assert (report.format, report.year) == (template, expected.year)
    assert report.t2 == expected.t2
    assert report.t3 == expected.t3
    assert report.t4 == expected.t4
    assert [f for f in report.findings if f.rule in {"P1", "P2", "P3", "P4"}] == []


def _table3_row_one(lines: list[str]) -> AnnualReport:
    report = sample()
    text = one_cell_per_line_blank_separated(render(report))
    start = text.index("一、本年新收")
    end = text.index("二、上年结转")
    return read_text(text[:start] + "\n".join(lines) + "\n\n" + text[end:])


def test_cells_run_together_are_split_by_position_and_said_so() -> None:
    report = _table3_row_one(["一、本年新收政府信息公开申请数量", "", "0000000", ""])
    assert report.t3 is not None
    assert report.t3["new_received"] == [0] * 7
    (note,) = [f for f in report.findings if f.rule == "P3" and f.where == "t3"]
    assert "0000000" in note.message


def test_a_long_run_of_blank_lines_before_a_lone_value_is_blank_cells_in_front() -> None:
    report = _table3_row_one(["一、本年新收政府信息公开申请数量", "", "", "", "", "", "", "", " 12", ""])
    assert report.t3 is not None
    assert report.t3["new_received"] == [None] * 6 + [12]


def test_lone_pipes_are_blank_cells() -> None:
    text = one_cell_per_line_with_pipe(render(sample()))
    start = text.index("一、本年新收")
    end = text.index("二、上年结转")
    row = "一、本年新收政府信息公开申请数量 |\n" + "|\n" * 6 + "12 |\n"
    report = read_text(text[:start] + row + text[end:])
    assert report.t3 is not None
    assert report.t3["new_received"] == [None] * 6 + [12]
    assert sum(1 for f in report.findings if f.rule == "P4" and f.where.startswith("t3.new_received")) == 6


def test_a_digit_string_not_starting_with_zero_is_one_number() -> None:
    report = _table3_row_one(["一、本年新收政府信息公开申请数量", "", "1000000", ""])
    assert report.t3 is not None
    assert report.t3["new_received"][0] == 1000000


def test_lone_pipe_lines_between_cells_without_trailing_pipes_only_separate_them() -> None:
    text = one_cell_per_line_blank_separated(render(sample())).replace("\n\n", "\n|\n")
    report = read_text(text)
    assert report.t2 == sample().t2
    assert report.t3 == sample().t3


def test_a_value_followed_by_the_rows_padding_is_one_cell() -> None:
    text = one_cell_per_line_with_pipe(render(sample()))
    start = text.index("一、本年新收")
    end = text.index("二、上年结转")
    values = sample().t3["new_received"]  # type: ignore[index]
    row = "一、本年新收政府信息公开申请数量 |\n" + "".join(f"{v} |\n" for v in values[:-1]) + f"{values[-1]} | |||||\n"
    report = read_text(text[:start] + row + text[end:])
    assert report.t3 is not None
    assert report.t3["new_received"] == values


def _with_t2_block_five(text: str, header: str) -> str:
    start = text.index("第二十条第(五)项")
    end = text.index("行政许可")
    return text[:start] + "第二十条第(五)项 | | | |\n" + header + text[end:]


def test_a_header_broken_over_several_rows_is_one_header() -> None:
    report = sample(ReportFormat.F2019)
    report.year = 2020
    report.t2 = {
        "licensing": {"last_year": 7, "change": 8, "decisions": 9},
        "other_services": {"last_year": 10, "change": 11, "decisions": 12},
    }
    header = "信息内容 | 上一年项目数量\n| 本年增/减\n| 处理决定数量\n|\n"
    read = read_text(_with_t2_block_five(render(report), header))
    assert read.t2 is not None
    assert read.t2["licensing"] == {"last_year": 7, "change": 8, "decisions": 9}
    assert [f.where for f in read.findings if f.rule == "P7"] == []


def test_a_header_that_lost_words_gives_the_official_columns_by_position_and_says_so() -> None:
    report = sample(ReportFormat.F2019)
    report.year = 2020
    report.t2 = {"rules": {"made": 1, "published": 2, "total_published": 3}}
    text = render(report).replace("本年新制作数量 | 本年新公开数量", "本年新 | 本年新")
    read = read_text(text)
    assert read.t2 is not None
    assert read.t2["rules"] == {"made": 1, "published": 2, "total_published": 3}
    assert "t2.rules" in [f.where for f in read.findings if f.rule == "P3"]


def test_mojibake_before_a_digit_is_not_part_of_the_number() -> None:
    text = render(sample()).replace("行政许可 | 7 |", "行政许可 | ? 7 |")
    assert read_text(text).t2["licensing"] == {"decisions": 7}  # type: ignore[index]


def test_header_cells_in_rows_of_their_own_are_not_rows_of_table_3() -> None:
    text = one_cell_per_line_with_pipe(render(sample()))
    text = text.replace("总计 |\n", "总计 | ||||||||\n", 1).replace("其他 |\n一、", "其他 | ||||||\n|\n一、")
    report = read_text(text)
    assert report.t3 == sample().t3


def test_pdf_text_fifteen_numbers_on_one_line_and_page_markers() -> None:
    """PDF text: table 四's header words broken mid-word over lines, its 15 numbers on one line, page markers."""
    expected = sample()
    text = render(expected)
    start = text.index("四、政府信息公开行政复议")
    end = text.index("五、存在的主要问题")
    numbers = " ".join(str(v) for group in expected.t4.values() for v in group.values())  # type: ignore[union-attr]
    t4 = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n"
    t4 += "结\n果维持\n结果\n纠正\n其他结果\n尚未\n审结\n总计\n"
    t4 += "未经复议\n直接起诉\n复议后\n起诉\n- 3 -\n" + numbers + "\n第4页 共6页\n"
    report = read_text(text[:start] + t4 + text[end:])
    assert report.t4 == expected.t4


def test_a_page_marker_inside_a_row_is_not_a_cell() -> None:
    text = one_cell_per_line_with_pipe(render(sample()))
    start = text.index("一、本年新收")
    end = text.index("二、上年结转")
    values = sample().t3["new_received"]  # type: ignore[index]
    cells = [f"{v} |" for v in values]
    row = "一、本年新收政府信息公开申请数量 |\n" + "\n".join([*cells[:3], "- 2 -", *cells[3:]]) + "\n"
    report = read_text(text[:start] + row + text[end:])
    assert report.t3 is not None
    assert report.t3["new_received"] == values
