"""From a letter's text to its DOCX (docxtpl, what offices file) and its PDF (HTML through
WeasyPrint, what applicants get).

One ``Draft`` — the title, the paragraphs and the letterhead, already in words — feeds both
formats, so the DOCX and the PDF of a letter say the same. The DOCX layout is built here with
python-docx (the East Asian font set, ``w:eastAsia``, or Word falls back to a Latin font) and
filled by docxtpl; the PDF needs a CJK font, found through fontconfig (``fc-list :lang=zh``):
without one the rendering refuses, in Chinese, instead of printing boxes.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.core.errors import ValidationFailed
from gongkai.core.fonts import FONT_FAMILIES, cjk_font_stack

DOCX_FONT = "宋体"  # what Chinese offices' Word installs have; LibreOffice substitutes a CJK font


class LetterRenderingFailed(ValidationFailed):
    """A letter could not be rendered; the step that would issue it is not recorded."""


@dataclass(frozen=True)
class Draft:
    """A letter in words, before it has a format."""

    kind: str
    variant: str
    title: str
    recipient: str
    paragraphs: tuple[str, ...]
    agency_name: str
    signer: str
    seal_text: str
    issued_on: date
    contact: tuple[str, ...] = ()
    qr_url: str = ""
    case_number: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def date_text(self) -> str:
        return chinese_date(self.issued_on)


def chinese_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def no_cjk_font_message() -> str:
    return _(
        "No Chinese (CJK) font is installed on the server, so the PDF of the letter would print boxes instead of "
        "characters. Ask the administrator to install one (Debian: apt-get install fonts-noto-cjk)."
    )


def _font_stack() -> str:
    stack = cjk_font_stack()
    if not stack:
        raise LetterRenderingFailed(no_cjk_font_message())
    return stack


def qr_svg(url: str) -> str:
    import segno

    return str(segno.make(url, error="m").svg_inline(scale=3, title=url))


def qr_png(url: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def render_html(draft: Draft, *, nonce: str = "", standalone: bool = True) -> str:
    """The letter as an HTML page (the preview and the PDF's source)."""
    context = {
        "draft": draft,
        "qr": qr_svg(draft.qr_url) if draft.qr_url else "",
        "fonts": ", ".join(f'"{f}"' for f in FONT_FAMILIES) + ", serif",
        "nonce": nonce,
        "standalone": standalone,
    }
    return render_to_string("letters/letter.html", context)


def render_pdf(draft: Draft) -> bytes:
    fonts = _font_stack()
    from weasyprint import HTML

    html = render_html(draft).replace("/*FONTS*/", f"font-family: {fonts};")
    try:
        return bytes(HTML(string=html).write_pdf())
    except Exception as error:  # WeasyPrint raises many kinds; the step must fail in Chinese
        raise LetterRenderingFailed(
            _("The PDF of the letter could not be made: %(error)s") % {"error": type(error).__name__}
        ) from error


def _set_east_asian_font(style: Any, name: str) -> None:
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)


@functools.cache
def _docx_layout() -> bytes:
    """The docxtpl layout every letter is filled into (built once per process)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    for style_name in ("Normal", "Title", "Heading 1"):
        _set_east_asian_font(document.styles[style_name], DOCX_FONT)
    document.styles["Normal"].font.size = Pt(14)
    head = document.add_paragraph("{{ agency_name }}")
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.runs[0].font.size = Pt(18)
    title = document.add_paragraph("{{ title }}")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].bold = True
    title.runs[0].font.size = Pt(20)
    number = document.add_paragraph("{{ case_number }}")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{%p for paragraph in paragraphs %}")
    document.add_paragraph("{{ paragraph }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if qr %}")
    document.add_paragraph("{{ qr }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for line in contact %}")
    document.add_paragraph("{{ line }}")
    document.add_paragraph("{%p endfor %}")
    for text in ("{{ signer }}", "{{ seal_text }}", "{{ date_text }}"):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_docx(draft: Draft) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    template = DocxTemplate(io.BytesIO(_docx_layout()))
    qr: Any = InlineImage(template, io.BytesIO(qr_png(draft.qr_url)), width=Mm(30)) if draft.qr_url else ""
    context = {
        "agency_name": draft.agency_name,
        "title": draft.title,
        "case_number": draft.case_number,
        "paragraphs": list(draft.paragraphs),
        "qr": qr,
        "contact": list(draft.contact),
        "signer": draft.signer,
        "seal_text": draft.seal_text,
        "date_text": draft.date_text,
    }
    try:
        template.render(context, autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
    except Exception as error:  # a broken layout must fail the step in Chinese, not with a 500
        raise LetterRenderingFailed(
            _("The Word document of the letter could not be made: %(error)s") % {"error": type(error).__name__}
        ) from error
    return buffer.getvalue()
