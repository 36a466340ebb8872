"""HTML: real tables with spans expanded, flattened pipes, scripts and styles dropped."""

from __future__ import annotations

import lxml.html

from gongkai.files import BlockKind, MediaType, load_source
from gongkai.files.htmldoc import blocks_from_html, table_grid

T3_HEAD = """
<table border="1">
  <thead>
    <tr><th colspan="3" rowspan="3">(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)</th>
        <th colspan="7">申請人情況</th></tr>
    <tr><th rowspan="2">自然人</th><th colspan="5">法人或其他組織</th><th rowspan="2">總計</th></tr>
    <tr><th>商業企業</th><th>科研機構</th><th>社會<br>公益<br>組織</th><th>法律服務機構</th><th>其他</th></tr>
  </thead>
  <tbody>
    <tr><td colspan="3">一、本年新收政府信息公開申請數量</td><td>２０４</td><td>1</td><td>0</td><td>0</td><td>0</td>
        <td>0</td><td>205</td></tr>
    <tr><td rowspan="2">三、本年度辦理結果</td><td colspan="2">(一)予以公開</td><td>50</td><td></td><td>0</td><td>0</td>
        <td>0</td><td>0</td><td>50</td></tr>
    <tr><td colspan="2">(二)部分公開</td><td>86</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>86</td></tr>
  </tbody>
</table>
"""


def _table(html: str) -> list[list[str]]:
    root = lxml.html.fromstring(html)
    table = root if root.tag == "table" else root.xpath("//table")[0]
    return table_grid(table)


def test_spans_are_expanded_so_every_position_holds_its_cell() -> None:
    grid = _table("""<table>
        <tr><td rowspan="2">A</td><td colspan="2">B</td></tr>
        <tr><td>c</td><td>d</td></tr>
        <tr><td>e</td><td colspan="2" rowspan="2">F</td></tr>
        <tr><td>g</td></tr></table>""")
    assert grid == [["A", "B", "B"], ["A", "c", "d"], ["e", "F", "F"], ["g", "F", "F"]]


def test_ragged_rows_are_padded_and_rowspan_zero_reaches_the_last_row() -> None:
    grid = _table('<table><tr><td rowspan="0">A</td><td>1</td><td>2</td></tr><tr><td>3</td></tr><tr></tr></table>')
    assert grid == [["A", "1", "2"], ["A", "3", ""], ["A", "", ""]]


def test_bad_span_values_count_as_one() -> None:
    assert _table('<table><tr><td colspan="x">A</td><td rowspan="-2">B</td></tr></table>') == [["A", "B"]]


def test_report_table_header_with_spans_reads_by_position() -> None:
    document = load_source(
        f"<html><body><p>三、收到和處理政府信息公開申請情況</p>{T3_HEAD}</body></html>".encode(), "t3.html"
    )
    assert document.media_type is MediaType.HTML
    paragraph, table = document.blocks
    assert paragraph.text == "三、收到和处理政府信息公开申请情况"
    assert table.kind is BlockKind.TABLE
    rows = table.rows
    assert all(len(row) == 10 for row in rows)
    assert rows[0][3:] == ["申请人情况"] * 7
    assert rows[1][3:] == ["自然人", *["法人或其他组织"] * 5, "总计"]
    assert rows[2][3:] == ["自然人", "商业企业", "科研机构", "社会 公益 组织", "法律服务机构", "其他", "总计"]
    assert rows[3] == ["一、本年新收政府信息公开申请数量"] * 3 + ["204", "1", "0", "0", "0", "0", "205"]
    assert rows[4][:4] == ["三、本年度办理结果", "(一)予以公开", "(一)予以公开", "50"]
    assert rows[4][4] == ""  # a blank cell stays blank
    assert rows[5][:4] == ["三、本年度办理结果", "(二)部分公开", "(二)部分公开", "86"]
    assert table.line == 2


def test_flattened_pipe_rows_inside_html_become_a_table() -> None:
    html = """<html><body><p>二、主動公開政府信息情況</p>
    <p>第二十條第(一)項 | |||</p><p>規章 | 0 | 0 | 0 |</p>
    <div>行政規範性文件 | 1 | 3 | 12 |<br>行政許可 | 28349 | ||</div><p>三、</p></body></html>"""
    blocks = load_source(html.encode(), "a.html").blocks
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    assert blocks[1].rows == [
        ["第二十条第(一)项", "", "", ""],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "1", "3", "12"],
        ["行政许可", "28349", "", ""],
    ]


def test_scripts_styles_and_head_are_dropped_and_order_is_kept() -> None:
    html = """<html><head><title>标题</title><style>p { color: red }</style></head><body>
    <script>var x = "一、总体情况";</script><h1>年度报告</h1><noscript>请启用脚本</noscript>
    <p>第一段<span>继续</span>&nbsp;文字</p><table><tr><td>a</td><td>1</td></tr></table><p>最后</p>
    <!-- 注释 --></body></html>"""
    blocks = blocks_from_html(html)[0]
    assert [b.as_text() for b in blocks] == ["年度报告", "第一段继续\xa0文字", "a | 1", "最后"]


def test_a_layout_table_around_the_content_is_read_as_text() -> None:
    html = """<table><tr><td><p>一、总体情况</p><p>正文</p>
      <table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>"""
    blocks = blocks_from_html(html)[0]
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.TABLE]
    assert blocks[2].rows == [["规章", "0"]]


def test_gbk_html_with_meta_charset_and_entities() -> None:
    html = """<html><head><meta charset="gbk"></head><body><p>發(fā)布&amp;公開,,共１２件</p>
    <p>&lt;/span&gt;結束</p></body></html>"""
    document = load_source(html.encode("gbk"), "report.htm")
    assert document.encoding == "gbk"
    assert [b.text for b in document.blocks] == ["发布&公开,共12件", "结束"]
    heads = [f.message.split("，")[0] for f in document.problems]
    assert heads == [
        "已去除残留的网页标记和字符实体1处",
        "已将全角数字、字母和空格等转为半角1处",
        "已去除拼音注音1处",
        "已将繁体字转为简体字3个",  # 發 開 結
        "已修正重复或多余的标点1处",
    ]


def test_preformatted_text_keeps_its_lines() -> None:
    blocks = blocks_from_html("<pre>规章 | 0 |\n行政许可 | 5 |\n说明</pre>")[0]
    assert [b.as_text() for b in blocks] == ["规章 | 0\n行政许可 | 5", "说明"]


def test_utf16_html_is_known_after_decoding() -> None:
    data = "<html><body><p>一、總體情況</p><table><tr><td>規章</td><td>0</td></tr></table></body></html>".encode(
        "utf-16"
    )
    source = load_source(data, "report.txt")
    assert source.encoding == "utf-16"
    assert source.media_type is MediaType.HTML
    assert [b.as_text() for b in source.blocks] == ["一、总体情况", "规章 | 0"]
