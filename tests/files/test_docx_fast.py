"""DOCX read straight from the XML with lxml: the same blocks python-docx's Document API gives.

A small reference reader built on python-docx (paragraph texts, ``row.cells`` grids, nested
tables after their table, irregular tables cell by cell) is compared with the loader on
generated documents; fixed documents pin merges, irregular and nested tables, content controls
and run contents.
"""

from __future__ import annotations

import contextlib
import copy
import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.exceptions import InvalidSpanError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tc
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.files import BlockKind, MediaType, ProblemKind, load_source
from gongkai.files.docxdoc import blocks_from_docx
from gongkai.files.model import Block
from gongkai.files.plaintext import blocks_from_lines

# --- the reference: what python-docx's Document API sees ------------------------------------


def _reference_cell_text(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _reference_table(table: Table) -> list[Block]:
    nested: list[Table] = []
    try:
        rows = []
        for row in table.rows:
            rows.append([_reference_cell_text(cell.text) for cell in row.cells])
            nested.extend(inner for cell in row.cells for inner in cell.tables)
    except ValueError:  # python-docx cannot lay the grid out: the cells as they stand
        rows, nested = [], []
        for tr in table._tbl.iterchildren(qn("w:tr")):
            cells = []
            for tc in tr.iterchildren(qn("w:tc")):
                texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iterchildren(qn("w:p"))]
                cells.append(_reference_cell_text("\n".join(texts)))
                nested.extend(Table(tbl, table) for tbl in tc.iterchildren(qn("w:tbl")))
            rows.append(cells)
    blocks = [Block(BlockKind.TABLE, rows=rows)] if rows else []
    seen: list[object] = []
    for inner in nested:
        if not any(inner._tbl is element for element in seen):
            seen.append(inner._tbl)
            blocks.extend(_reference_table(inner))
    return blocks


def _reference_blocks(data: bytes) -> list[Block]:
    document = docx.Document(io.BytesIO(data))
    blocks: list[Block] = []
    lines: list[tuple[int | None, str]] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append((None, item.text))
        else:
            blocks.extend(blocks_from_lines(lines))
            lines = []
            blocks.extend(_reference_table(item))
    blocks.extend(blocks_from_lines(lines))
    return blocks


# --- building documents ----------------------------------------------------------------------


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fill(table: Table, grid: list[list[str]]) -> None:
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def _set_merge(tc: CT_Tc, value: str | None) -> None:
    merge = OxmlElement("w:vMerge")
    if value is not None:
        merge.set(qn("w:val"), value)
    tc.get_or_add_tcPr().append(merge)


def _sdt(*children: BaseOxmlElement) -> BaseOxmlElement:
    """A content control (w:sdt) holding ``children`` in its w:sdtContent."""
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    placeholder = parse_xml(f'<w:alias {nsdecls("w")} w:val="占位说明"/>')
    properties.append(placeholder)
    content = OxmlElement("w:sdtContent")
    for child in children:
        content.append(child)
    sdt.append(properties)
    sdt.append(content)
    return sdt


def _run(text: str) -> BaseOxmlElement:
    return parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text}</w:t></w:r>')


def _paragraph(text: str) -> BaseOxmlElement:
    return parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>{text}</w:t></w:r></w:p>")


def _rows(blocks: list[Block]) -> list[list[list[str]]]:
    return [block.rows for block in blocks if block.kind is BlockKind.TABLE]


# --- fixed documents -------------------------------------------------------------------------


def test_horizontal_and_vertical_merges_repeat_the_cell_in_every_position() -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    _fill(table, [["a", "b", "c", "d"], ["e", "f", "g", "h"], ["i", "j", "k", "l"], ["m", "n", "o", "p"]])
    table.cell(0, 0).merge(table.cell(2, 0))  # three rows down
    table.cell(0, 1).merge(table.cell(0, 3))  # three columns across
    table.cell(1, 2).merge(table.cell(2, 3))  # a 2 × 2 block
    data = _save(document)
    assert _rows(blocks_from_docx(data)) == [
        [
            ["a e i", "b c d", "b c d", "b c d"],
            ["a e i", "f", "g h k l", "g h k l"],
            ["a e i", "j", "g h k l", "g h k l"],
            ["m", "n", "o", "p"],
        ]
    ]
    assert blocks_from_docx(data) == _reference_blocks(data)


def test_a_vertical_merge_counts_the_cells_a_row_leaves_out_before_it() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    _fill(table, [["甲", "乙", "丙"], ["", "丁", ""]])
    first, second = table._tbl.tr_lst
    _set_merge(first.tc_lst[2], "restart")
    second.remove(second.tc_lst[0])  # row 2 starts one grid column late …
    second.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    _set_merge(second.tc_lst[1], None)  # … and continues 丙 (an empty w:vMerge means "continue")
    data = _save(document)
    assert _rows(blocks_from_docx(data)) == [[["甲", "乙", "丙"], ["丁", "丙"]]]
    assert blocks_from_docx(data) == _reference_blocks(data)


def test_a_continued_cell_takes_the_width_of_the_cell_it_continues() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    _fill(table, [["甲", "", "乙"], ["", "丙", "丁"]])
    table.cell(0, 0).merge(table.cell(0, 1))
    first, second = table._tbl.tr_lst
    _set_merge(first.tc_lst[0], "restart")
    _set_merge(second.tc_lst[0], "continue")  # no gridSpan of its own, as some writers leave it
    data = _save(document)
    assert _rows(blocks_from_docx(data)) == [[["甲", "甲", "乙"], ["甲", "甲", "丙", "丁"]]]
    assert blocks_from_docx(data) == _reference_blocks(data)


@pytest.mark.parametrize("where", ["first row", "no cell above at that offset"])
def test_an_irregular_table_is_read_cell_by_cell(where: str) -> None:
    document = docx.Document()
    document.add_paragraph("表前")
    table = document.add_table(rows=2, cols=3)
    _fill(table, [["规章", "1", "2"], ["行政许可", "3", "4"]])
    if where == "first row":
        _set_merge(table._tbl.tr_lst[0].tc_lst[1], "continue")
    else:
        table.cell(0, 0).merge(table.cell(0, 1))  # row 1: a cell at offset 0 spanning 2, then offset 2
        _set_merge(table._tbl.tr_lst[1].tc_lst[1], "continue")  # offset 1: nothing starts there above
    document.add_paragraph("表后")
    data = _save(document)
    blocks = blocks_from_docx(data)
    expected = (
        [["规章", "1", "2"], ["行政许可", "3", "4"]]
        if where == "first row"
        else [["规章 1", "2"], ["行政许可", "3", "4"]]
    )
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    assert blocks[1].rows == expected
    assert blocks == _reference_blocks(data)


def test_an_unreadable_span_reads_the_table_cell_by_cell_instead_of_failing() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    _fill(table, [["规章", "5"]])
    table._tbl.tr_lst[0].tc_lst[0].get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="two"/>'))
    assert _rows(blocks_from_docx(_save(document))) == [[["规章", "5"]]]


def test_nested_tables_follow_their_table_once_each_and_in_order() -> None:
    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    _fill(outer, [["外1", "外2"], ["外3", "外4"]])
    merged = outer.cell(0, 0).merge(outer.cell(1, 1))  # the nested table's cell covers all four positions
    inner = merged.add_table(rows=1, cols=2)
    _fill(inner, [["内1", "内2"]])
    innermost = inner.cell(0, 1).add_table(rows=1, cols=1)
    innermost.cell(0, 0).text = "最内"
    second = document.add_table(rows=1, cols=1)
    second.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "另一个"
    data = _save(document)
    assert _rows(blocks_from_docx(data)) == [
        [["外1 外2 外3 外4"] * 2] * 2,
        [["内1", "内2"]],
        [["最内"]],
        [[""]],
        [["另一个"]],
    ]
    assert blocks_from_docx(data) == _reference_blocks(data)


def test_text_in_content_controls_is_read_wherever_they_are() -> None:
    document = docx.Document()
    body = document.element.body
    paragraph = document.add_paragraph("共收到申请")
    paragraph._p.append(_sdt(_run("211")))  # inline, in a paragraph
    paragraph.add_run("件")
    table = document.add_table(rows=2, cols=2)
    _fill(table, [["规章", "1"], ["规范性文件", "2"]])
    tr = table._tbl.tr_lst[1]
    tr.addnext(_sdt(copy.deepcopy(tr)))  # a whole row in a content control
    tc = tr.tc_lst[1]
    tr.replace(tc, _sdt(copy.deepcopy(tc)))  # a cell in a content control
    table._tbl.tr_lst[0].tc_lst[1].append(_sdt(_paragraph("另注")))  # paragraphs in a cell's content control
    body.insert(len(body) - 1, _sdt(_paragraph("二、主动公开"), copy.deepcopy(table._tbl)))  # blocks in one
    data = _save(document)
    grid = [["规章", "1 另注"], ["规范性文件", "2"], ["规范性文件", "2"]]
    assert [(b.kind, b.text, b.rows) for b in blocks_from_docx(data)] == [
        (BlockKind.PARAGRAPH, "共收到申请211件", []),
        (BlockKind.TABLE, "", grid),
        (BlockKind.PARAGRAPH, "二、主动公开", []),
        (BlockKind.TABLE, "", grid),
    ]
    reference = _reference_blocks(data)  # python-docx sees none of it
    assert reference[0].text == "共收到申请件"
    assert len(reference) == 2


def test_run_contents_tabs_breaks_and_tracked_changes() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("甲")
    run.add_tab()
    run.add_text("乙")
    run.add_break()  # a line break: a new line
    run.add_text("丙")
    run.add_break(WD_BREAK.PAGE)  # a page break: nothing
    run.add_text("丁")
    for tag in ("w:cr", "w:noBreakHyphen", "w:ptab"):
        run._r.append(OxmlElement(tag))
    paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>新增</w:t></w:r></w:ins>'))
    deleted = f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del>'
    paragraph._p.append(parse_xml(deleted))
    smart_tag = "<w:smartTag><w:r><w:t>标记</w:t></w:r></w:smartTag>"
    link = f"<w:hyperlink {nsdecls('w')}><w:r><w:t>链接</w:t></w:r>{smart_tag}</w:hyperlink>"
    paragraph._p.append(parse_xml(link))
    blocks = blocks_from_docx(_save(document))
    assert [b.text for b in blocks] == ["甲\t乙\n丙丁\n-\t新增链接标记"]


def test_the_main_part_is_the_one_the_package_relationship_names() -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    original = _save(document)
    decoy = docx.Document()
    decoy.add_paragraph("旧稿")
    decoy_xml = zipfile.ZipFile(io.BytesIO(_save(decoy))).read("word/document.xml")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "_rels/.rels":
                content = content.replace(b'Target="word/document.xml"', b'Target="/word/main.xml"')
            if item.filename == "word/_rels/document.xml.rels":
                target.writestr("word/_rels/main.xml.rels", content)
            if item.filename == "word/document.xml":
                target.writestr("word/main.xml", content)
                content = decoy_xml
            if item.filename == "[Content_Types].xml":
                content = content.replace(b'PartName="/word/document.xml"', b'PartName="/word/main.xml"')
            target.writestr(item, content)
    data = buffer.getvalue()
    assert [b.text for b in blocks_from_docx(data)] == ["正文"]
    assert blocks_from_docx(data) == _reference_blocks(data)


def test_a_docx_whose_document_part_is_broken_gives_one_finding() -> None:
    original = _save(docx.Document())
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            broken = item.filename == "word/document.xml"
            target.writestr(item, b"<w:document><w:body>" if broken else source.read(item.filename))
    document = load_source(buffer.getvalue(), "broken.docx")
    assert document.media_type is MediaType.DOCX
    assert not document.readable
    assert [f.kind for f in document.problems] == [ProblemKind.UNREADABLE]
    assert "DOCX文件已损坏" in document.problems[0].message


# --- generated documents: the loader sees what python-docx sees --------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("公开申请件规章一二 12|\t\n")), max_size=6)


@st.composite
def _tables(draw: st.DrawFn, table: Table, depth: int) -> None:
    """Fill ``table`` with cells of one or two paragraphs, merges, sometimes a nested table or an irregularity."""
    row_count, column_count = len(table.rows), len(table.columns)
    for r in range(row_count):
        for c in range(column_count):
            cell = table.cell(r, c)
            cell.text = draw(_TEXT)
            if draw(st.booleans()):
                cell.add_paragraph(draw(_TEXT))
    for _ in range(draw(st.integers(0, 2))):
        top, left = draw(st.integers(0, row_count - 1)), draw(st.integers(0, column_count - 1))
        bottom, right = draw(st.integers(top, row_count - 1)), draw(st.integers(left, column_count - 1))
        with contextlib.suppress(InvalidSpanError, ValueError):  # overlaps an earlier merge
            table.cell(top, left).merge(table.cell(bottom, right))
    if depth == 0 and draw(st.booleans()):
        inner = table.cell(draw(st.integers(0, row_count - 1)), 0).add_table(
            rows=draw(st.integers(1, 2)), cols=draw(st.integers(1, 3))
        )
        draw(_tables(inner, depth + 1))
    irregularity = draw(st.sampled_from(["none", "none", "continue in the first row", "extra cell", "late start"]))
    first = table._tbl.tr_lst[0]
    last = table._tbl.tr_lst[-1]
    if irregularity == "continue in the first row":
        _set_merge(first.tc_lst[-1], "continue")
    elif irregularity == "extra cell":
        last.append(copy.deepcopy(last.tc_lst[0]))
    elif irregularity == "late start" and len(last.tc_lst) > 1:
        last.remove(last.tc_lst[0])
        last.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))


@st.composite
def _documents(draw: st.DrawFn) -> bytes:
    document = docx.Document()
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.integers(0, 2)) == 0:
            rows, columns = draw(st.integers(1, 4)), draw(st.integers(1, 4))
            draw(_tables(document.add_table(rows=rows, cols=columns), 0))
            continue
        paragraph = document.add_paragraph(draw(_TEXT))
        if draw(st.booleans()):
            run = paragraph.add_run(draw(_TEXT))
            run.add_break(draw(st.sampled_from([WD_BREAK.LINE, WD_BREAK.PAGE, WD_BREAK.COLUMN])))
            run.add_text(draw(_TEXT))
    return _save(document)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_generated_documents_read_as_python_docx_sees_them(data: bytes) -> None:
    assert blocks_from_docx(data) == _reference_blocks(data)
