"""Reading letters back: DOCX text with python-docx, PDF text with pypdf."""

from __future__ import annotations

import io

from docx import Document
from pypdf import PdfReader


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squeeze(text: str) -> str:
    """Text without the line breaks and spaces that the PDF's layout puts into sentences."""
    return "".join(text.split())
