"""Plain text: paragraphs per line, pipe-flattened rows grouped into tables, cells as found."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gongkai.files import BlockKind, MediaType, ProblemKind, load_source
from gongkai.files.plaintext import blocks_from_text, split_row

SeedBytes = Callable[[str], bytes]


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("规章 | 0 | 0 | 0 |", ["规章", "0", "0", "0"]),
        ("第二十条第(一)项 | |||", ["第二十条第(一)项", "", "", ""]),
        ("204 | 1 | 0 | 0 | 0 | 0 | 205 | |||", ["204", "1", "0", "0", "0", "0", "205", "", "", ""]),
        ("a | b", ["a", "b"]),
        (" | b | c |", ["", "b", "c"]),
        ("结果 维持 | 总 计 |", ["结果 维持", "总 计"]),
    ],
)
def test_split_row_keeps_empty_cells(line: str, cells: list[str]) -> None:
    assert split_row(line) == cells


def test_consecutive_rows_form_one_table_and_paragraphs_stay_lines() -> None:
    text = "二、主动公开\n信息内容 | 件数 |\n规章 | 0 |\n\n三、收到申请\n行政许可 | 5 | |\n说明文字"
    blocks = blocks_from_text(text)
    assert [b.kind for b in blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
    ]
    assert blocks[1].rows == [["信息内容", "件数"], ["规章", "0"]]
    assert blocks[1].line == 2
    assert blocks[3].rows == [["行政许可", "5", ""]]
    assert blocks[3].line == 6
    assert blocks[4].text == "说明文字"
    assert blocks[4].line == 7


def test_blank_line_separates_two_tables() -> None:
    blocks = blocks_from_text("a | 1 |\n\nb | 2 |\n")
    assert [b.rows for b in blocks] == [[["a", "1"]], [["b", "2"]]]


def test_markdown_tables_lose_outer_pipes_and_separator_rows() -> None:
    (table,) = blocks_from_text("| 项目 | 数量 |\n|---|:---:|\n| 规章 | |\n")
    assert table.rows == [["项目", "数量"], ["规章", ""]]


def test_seed_001_tables_as_found(seed_bytes: SeedBytes) -> None:
    document = load_source(seed_bytes("001"), "001.txt")
    assert document.readable
    assert document.media_type is MediaType.TEXT
    assert document.encoding == "utf-8"
    tables = [b for b in document.blocks if b.kind is BlockKind.TABLE]
    assert [t.line for t in tables] == [10, 25, 54]
    t2, t3, t4 = tables
    assert t2.rows[0] == ["第二十条第(一)项", "", "", ""]
    assert t2.rows[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert t2.rows[3] == ["行政规范性文件", "1", "3", "12"]
    assert t2.rows[-1] == ["行政事业性收费", "5060"]
    assert len(t3.rows) == 28
    assert t3.rows[3] == ["204", "1", "0", "0", "0", "0", "205", "", "", ""]
    assert t3.rows[5] == ["三、本年度办理结果", "(一)予以公开", "50", "0", "0", "0", "0", "0", "50", ""]
    assert t3.rows[8] == ["0", "0", "0", "0", "0", "0", "0", "", "", ""]  # (三)2: label lost in copying
    assert t3.rows[-1] == ["四、结转下年度继续办理", "10", "1", "0", "0", "0", "0", "11"]
    assert t4.rows[1][:4] == ["结果 维持", "结果 纠正", "其他 结果", "尚未 审结"]
    assert t4.rows[-1] == ["2", "1", "1", "1", "5", "0", "0", "0", "1", "1", "0", "0", "2", "0", "2"]
    paragraphs = [b for b in document.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[1].text == "一、总体情况"
    assert paragraphs[1].line == 2


def test_seed_001_problems_one_per_kind(seed_bytes: SeedBytes) -> None:
    problems = load_source(seed_bytes("001"), "001.txt").problems
    assert [p.kind for p in problems] == [ProblemKind.REPAIRED, ProblemKind.REPAIRED, ProblemKind.GARBLED]
    pinyin, traditional, mojibake = problems
    assert pinyin.message == "已去除拼音注音140处，例如“發(fā)”→“发”"
    assert pinyin.place == "line 1"
    assert traditional.message.startswith("已将繁体字转为简体字")
    assert mojibake.place == "line 75"
    assert "乱码1处" in mojibake.message


def test_seed_003_cells_and_problems(seed_bytes: SeedBytes) -> None:
    document = load_source(seed_bytes("003"), "003.txt")
    tables = [b for b in document.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 3
    t3 = tables[1]
    assert t3.rows[2][:5] == ["商业企业", "科研机构", "社会 公益 组织", "法律 服务 机构", "其他"]
    assert t3.rows[4][0] == "二、上年结转政府信息公开申请数量"  # "二,、" repaired
    assert t3.rows[7][:2] == ["(三)不予 公开", "1.属于国家秘密"]
    assert t3.rows[15][:3] == ["(四)无法 提供", "1.本机关不掌握相关政府信息", "2"]
    heads = [f.message.split("，")[0] for f in document.problems]
    assert heads[0] == "已去除残留的网页标记和字符实体1处"
    assert heads[1] == "已去除拼音注音236处"
    assert heads[2].startswith("已将繁体字转为简体字")
    assert heads[3:] == ["已修正重复或多余的标点132处", "发现疑似乱码1处"]
    assert document.blocks[1].text == "一、总体情况"


@pytest.mark.parametrize("number", ["000", "004"])
def test_clean_seeds_have_no_tables_and_no_problems(seed_bytes: SeedBytes, number: str) -> None:
    document = load_source(seed_bytes(number), f"{number}.txt")
    assert document.readable
    assert all(b.kind is BlockKind.PARAGRAPH for b in document.blocks)
    assert document.problems == []


def test_document_text_keeps_every_line(seed_bytes: SeedBytes) -> None:
    data = seed_bytes("000")
    document = load_source(data, "000.txt")
    lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
    assert document.text.splitlines() == [line.strip() for line in lines]
