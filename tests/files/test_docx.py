"""DOCX: paragraphs and tables in document order, merged cells repeated in every position."""

from __future__ import annotations

import copy
import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from gongkai.files import BlockKind, MediaType, ProblemKind, load_source


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _report() -> bytes:
    document = docx.Document()
    document.add_paragraph("一,、總體情況")
    document.add_paragraph("全市共辦理依申請公開２１１件,,其中予以公開50件。")
    document.add_paragraph("")
    table = document.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "信息內容"
    table.cell(0, 1).merge(table.cell(0, 3)).text = "第二十條第(一)項"
    for column, text in enumerate(["本年制發(fā)件數", "本年廢止件數", "現行有效件數"], start=1):
        table.cell(1, column).text = text
    for column, text in enumerate(["規章", "0", "", "0"]):
        table.cell(2, column).text = text
    for column, text in enumerate(["行政規範性文件", "1", "3", "12"]):
        table.cell(3, column).text = text
    document.add_paragraph("行政許可 | 28349 | |")
    document.add_paragraph("行政處罰 | 3390 | |")
    document.add_paragraph("三、收到和處理政府信息公開申請情況")
    return _save(document)


def test_blocks_come_in_document_order_with_merges_expanded() -> None:
    source = load_source(_report(), "report.docx")
    assert source.media_type is MediaType.DOCX
    assert source.encoding is None
    assert [b.kind for b in source.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
    ]
    assert source.blocks[0].text == "一、总体情况"
    assert source.blocks[1].text == "全市共办理依申请公开211件,其中予以公开50件。"
    assert source.blocks[2].rows == [
        ["信息内容", "第二十条第(一)项", "第二十条第(一)项", "第二十条第(一)项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "", "0"],
        ["行政规范性文件", "1", "3", "12"],
    ]
    assert source.blocks[3].rows == [["行政许可", "28349", ""], ["行政处罚", "3390", ""]]
    assert source.blocks[4].text == "三、收到和处理政府信息公开申请情况"


def test_repairs_are_reported_once_per_kind() -> None:
    problems = load_source(_report(), "report.docx").problems
    assert [f.kind for f in problems] == [ProblemKind.REPAIRED] * 4
    assert [f.message.split("，")[0] for f in problems] == [
        "已将全角数字、字母和空格等转为半角1处",
        "已去除拼音注音1处",
        problems[2].message.split("，")[0],
        "已修正重复或多余的标点2处",
    ]
    assert problems[2].message.startswith("已将繁体字转为简体字")
    assert all(f.place == "document" for f in problems)


def test_cell_paragraphs_join_with_spaces_and_nested_tables_follow() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    cell = table.cell(0, 0)
    cell.text = "社会"
    cell.add_paragraph("公益组织")
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "规章"
    inner.cell(0, 1).text = "5"
    blocks = load_source(_save(document), "nested.docx").blocks
    assert [b.rows for b in blocks] == [[["社会 公益组织", ""]], [["规章", "5"]]]


def test_a_docx_with_no_text_is_unreadable() -> None:
    source = load_source(_save(docx.Document()), "empty.docx")
    assert not source.readable
    assert "没有可读取的文字" in source.problems[0].message


def test_a_table_python_docx_cannot_lay_out_is_read_cell_by_cell() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "规章", (0, 1): "1", (1, 0): "行政许可", (1, 1): "2"}.items():
        table.cell(row, column).text = text
    merge = OxmlElement("w:vMerge")  # "continue" a vertical merge in the first row: no cell above it
    merge.set(qn("w:val"), "continue")
    table._tbl.tr_lst[0].tc_lst[0].get_or_add_tcPr().append(merge)
    table._tbl.tr_lst[1].append(copy.deepcopy(table._tbl.tr_lst[1].tc_lst[0]))  # one cell too many
    source = load_source(_save(document), "irregular.docx")
    assert source.readable
    assert [b.rows for b in source.blocks] == [[["规章", "1"], ["行政许可", "2", "行政许可"]]]
