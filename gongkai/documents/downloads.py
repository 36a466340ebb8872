"""A published document's body as Word (DOCX, python-docx) and PDF (WeasyPrint), for the public page.

Both are built from the sanitised body (``sanitise.TAGS``): headings, paragraphs, lists, tables,
bold and italic; images show as their alternative text. The DOCX sets the East Asian font
(``w:eastAsia``; without it Word falls back to a Latin font for the characters). The PDF needs a
CJK font found through fontconfig (``gongkai.core.fonts``) — without one it is refused in Chinese
instead of printing boxes — and fetches nothing: the body's images and links stay addresses,
WeasyPrint's fetcher refuses every URL (no request leaves the server for a document's HTML).
"""

from __future__ import annotations

import io
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed
from gongkai.core.fonts import cjk_font_stack

from .models import Document

DOCX_FONT = "宋体"
TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
CACHE_SECONDS = 3600
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "div", "ul", "ol", "li", "table", "blockquote", "pre", "hr"}


class DownloadFailed(ValidationFailed):
    """The Word or PDF file of a body could not be made (shown in Chinese, never a 500)."""

    status = 503


def chinese_date(document: Document) -> str:
    day = document.written_on or document.published_on
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _cached(kind: str, document: Document, build: Any) -> bytes:
    key = f"documents:{kind}:{document.pk}:{document.updated_at.timestamp() if document.updated_at else 0}"
    found = cache.get(key)
    if isinstance(found, bytes):
        return found
    made: bytes = build(document)
    cache.set(key, made, CACHE_SECONDS)
    return made


# -- Word ------------------------------------------------------------------------------------------


def _east_asian(style_or_run: Any, name: str = DOCX_FONT) -> None:
    from docx.oxml.ns import qn

    style_or_run.font.name = name
    element = style_or_run.element
    properties = element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


def _inline(paragraph: Any, element: Any, *, bold: bool = False, italic: bool = False) -> None:
    """The text of ``element`` and its inline children into ``paragraph``, as runs."""

    def run(text: str | None, b: bool, i: bool) -> None:
        if text:
            piece = paragraph.add_run(text)
            piece.bold = b or None
            piece.italic = i or None

    run(element.text, bold, italic)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            paragraph.add_run().add_break()
        elif tag == "img":
            run(f"[{child.get('alt') or _('image')}]", bold, italic)
        else:
            _inline(paragraph, child, bold=bold or tag in ("strong", "b"), italic=italic or tag in ("em", "i"))
        run(child.tail, bold, italic)


def _has_blocks(element: Any) -> bool:
    return any(isinstance(child.tag, str) and child.tag in BLOCKS for child in element)


def _blocks(document: Any, element: Any) -> None:
    from docx.shared import Pt

    if element.text and element.text.strip():
        _inline(document.add_paragraph(), _text_only(element.text))
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in HEADINGS:
            paragraph = document.add_paragraph()
            _inline(paragraph, child, bold=True)
            for piece in paragraph.runs:
                piece.font.size = Pt(BODY_PT + max(0, 4 - int(tag[1])))
        elif tag in ("ul", "ol"):
            for number, item in enumerate((li for li in child if li.tag == "li"), start=1):
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{number}. " if tag == "ol" else "· ")
                _inline(paragraph, item)
        elif tag == "table":
            _table(document, child)
        elif tag == "hr":
            document.add_paragraph("—" * 10)
        elif tag in BLOCKS and _has_blocks(child):
            _blocks(document, child)
        elif tag:
            _inline(document.add_paragraph(), child)
        if child.tail and child.tail.strip():
            _inline(document.add_paragraph(), _text_only(child.tail))


def _text_only(text: str) -> Any:
    from lxml import html

    element = html.Element("span")
    element.text = text.strip()
    return element


def _table(document: Any, table: Any) -> None:
    rows = list(table.iter("tr"))
    if not rows:
        return
    width = max(len([c for c in row if c.tag in ("td", "th")]) for row in rows) or 1
    grid = document.add_table(rows=len(rows), cols=width)
    grid.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, cell in enumerate(x for x in row if x.tag in ("td", "th")):
            paragraph = grid.cell(r, c).paragraphs[0]
            _inline(paragraph, cell, bold=cell.tag == "th")


def build_docx(document: Document) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    from lxml import html

    out = Docx()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        _east_asian(out.styles[name])
    out.styles["Normal"].font.size = Pt(BODY_PT)
    title = out.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(document.title)
    run.bold = True
    run.font.size = Pt(TITLE_PT)
    if document.doc_number_norm:
        out.add_paragraph(document.doc_number_norm).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if document.body.strip():
        _blocks(out, html.fragment_fromstring(document.body, create_parent="div"))
    for line in (document.issuer or document.agency.name, chinese_date(document)):
        if line:
            out.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def body_docx(document: Document) -> bytes:
    try:
        return _cached("docx", document, build_docx)
    except Exception as error:  # a body python-docx cannot take must not be a 500
        raise DownloadFailed(
            _("The Word file of the document could not be made: %(error)s") % {"error": type(error).__name__}
        ) from error


# -- PDF -------------------------------------------------------------------------------------------


def no_cjk_font_message() -> str:
    return _(
        "No Chinese (CJK) font is installed on the server, so the PDF would print boxes instead of characters. "
        "Download the Word file instead; the administrator can install a font (Debian: fonts-noto-cjk)."
    )


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"not fetched: {url[:100]}")


def build_pdf(document: Document) -> bytes:
    fonts = cjk_font_stack()
    if not fonts:
        raise DownloadFailed(no_cjk_font_message())
    from weasyprint import HTML

    page = render_to_string(
        "documents/body_pdf.html",
        {"document": document, "fonts": fonts, "date_text": chinese_date(document)},
    )
    return bytes(HTML(string=page, url_fetcher=_refuse_fetch).write_pdf())


def body_pdf(document: Document) -> bytes:
    try:
        return _cached("pdf", document, build_pdf)
    except DownloadFailed:
        raise
    except Exception as error:  # WeasyPrint raises many kinds; the download must fail in Chinese
        raise DownloadFailed(
            _("The PDF of the document could not be made: %(error)s") % {"error": type(error).__name__}
        ) from error
