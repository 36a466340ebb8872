"""PDF text layers: lines as paragraphs, whitespace-aligned numeric columns as table rows.

The PDFs are written by WeasyPrint from HTML. The Chinese part needs a CJK font on the machine
(fonts-noto-cjk in CI); without one, WeasyPrint draws no Chinese glyphs and that test is skipped.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import weasyprint

from gongkai.files import BlockKind, MediaType, load_source
from gongkai.files.pdfdoc import is_table_row


def _pdf(body: str) -> bytes:
    html = f"""<html><head><style>
      body {{ font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", sans-serif; }}
      td {{ padding: 2px 24px 2px 0; }}
    </style></head><body>{body}</body></html>"""
    return weasyprint.HTML(string=html).write_pdf()


def _has_cjk_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def test_numeric_columns_become_table_rows_and_other_lines_paragraphs() -> None:
    data = _pdf("""<p>Annual report 2023, section 2</p>
      <table><tr><td>Rules</td><td>0</td><td>0</td><td>12</td></tr>
             <tr><td>Licensing</td><td>28349</td><td>1,234</td><td>0.19</td></tr>
             <tr><td>Total</td><td>78.3%</td><td>5</td><td>7</td></tr></table>
      <p>End of the section.</p>""")
    source = load_source(data, "report.pdf")
    assert source.media_type is MediaType.PDF
    assert source.readable
    assert [b.kind for b in source.blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    assert source.blocks[0].text == "Annual report 2023, section 2"
    assert source.blocks[1].rows == [
        ["Rules", "0", "0", "12"],
        ["Licensing", "28349", "1,234", "0.19"],
        ["Total", "78.3%", "5", "7"],
    ]
    assert source.blocks[1].line == 2
    assert source.blocks[2].text == "End of the section."


@pytest.mark.skipif(not _has_cjk_font(), reason="no CJK font installed (fonts-noto-cjk): Chinese cannot be drawn")
def test_chinese_text_layer_is_read_and_repaired() -> None:
    data = _pdf("""<p>一、總體情況</p><p>全市共辦理依申請公開211件。</p>
      <table><tr><td>規章</td><td>0</td><td>0</td><td>0</td></tr>
             <tr><td>行政規範性文件</td><td>1</td><td>3</td><td>12</td></tr></table>""")
    source = load_source(data, "report.pdf")
    assert [b.as_text() for b in source.blocks] == [
        "一、总体情况",
        "全市共办理依申请公开211件。",
        "规章 | 0 | 0 | 0\n行政规范性文件 | 1 | 3 | 12",
    ]
    assert source.problems[0].message.startswith("已将繁体字转为简体字")


def test_a_pdf_without_a_text_layer_is_unreadable() -> None:
    source = load_source(_pdf('<div style="width:100px;height:100px;background:black"></div>'), "scan.pdf")
    assert not source.readable
    assert "没有文字层" in source.problems[0].message


@pytest.mark.parametrize(
    ("cells", "row"),
    [
        (["规章", "0"], True),
        (["1,234", "x"], True),
        (["0.19", "-3"], True),
        (["规章", "行政许可"], False),
        (["12"], False),
        (["第1段", "第2段"], False),
    ],
)
def test_a_table_row_has_two_cells_and_a_number(cells: list[str], row: bool) -> None:
    assert is_table_row(cells) is row
