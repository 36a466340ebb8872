"""What kind of file this is, by its content first and its name second.

PDF (``%PDF``), DOCX (a ZIP holding ``word/document.xml``) and other binary formats are known by
their first bytes whatever the name says; text is HTML when it is named ``.htm``/``.html`` or
when it starts like an HTML document or holds table or body markup, otherwise plain text.
Old Word files (``.doc``, OLE2), other ZIPs and other binary data are UNKNOWN.

``sniff_attachment`` is stricter and knows only what may be attached to an application: PDF,
DOCX, OFD, PNG, JPEG and GIF, by content alone.
"""

from __future__ import annotations

import io
import re
import zipfile

from .caps import DEFAULT_CAPS
from .model import MediaType
from .zipread import directory_entries

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)", re.I | re.S)
_HTML_MARKUP = re.compile(rb"<(?:html|body|table|tr|td|div|p|br|head|meta)\b[^<>]*>", re.I)
_HTML_NAMES = (".html", ".htm", ".xhtml", ".shtml")


def is_ole2(data: bytes) -> bool:
    return data.startswith(_OLE2)


def sniff_media_type(data: bytes, name: str) -> MediaType:
    """Return the media type of ``data`` (file name ``name``)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if data[:1024].find(b"%PDF-") >= 0:
        return MediaType.PDF
    if data.startswith(b"PK\x03\x04"):
        return MediaType.DOCX if _is_docx(data) else MediaType.UNKNOWN
    if is_ole2(data):
        return MediaType.UNKNOWN
    lowered = name.lower()
    if lowered.endswith(_HTML_NAMES) or _HTML_START.match(head):
        return MediaType.HTML
    if len(_HTML_MARKUP.findall(head)) >= 2:
        return MediaType.HTML
    return MediaType.TEXT


def looks_like_html(text: str) -> bool:
    """Decoded text that is HTML (for encodings the byte sniffing cannot see through, e.g. UTF-16)."""
    head = text[:4096].lstrip("\ufeff").encode("utf-8", errors="replace")
    return bool(_HTML_START.match(head)) or len(_HTML_MARKUP.findall(head)) >= 2


def _is_docx(data: bytes) -> bool:
    entries = directory_entries(data)
    if entries is not None and entries > DEFAULT_CAPS.max_members:  # not worth a directory: the reader refuses it
        return b"word/document.xml" in data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


# -- attachments ---------------------------------------------------------------------------------
# What an applicant or an office may attach to an application, known by content alone (the name
# says nothing): PDF, Word (DOCX), OFD (GB/T 33190, the Chinese fixed-layout format: a ZIP whose
# root holds ``OFD.xml``) and the three common image formats. Unlike ``sniff_media_type`` (which
# finds a PDF header anywhere in the first KiB, as broken report exports need), a PDF must start
# with ``%PDF-``.

ATTACHMENT_KINDS = ("pdf", "docx", "ofd", "png", "jpeg", "gif")
ATTACHMENT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ofd": "application/ofd",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
}
ATTACHMENT_SUFFIXES = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "ofd": (".ofd",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg", ".jpe"),
    "gif": (".gif",),
}
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_GIFS = (b"GIF87a", b"GIF89a")
_ZIP = b"PK\x03\x04"


def sniff_attachment(data: bytes) -> str | None:
    """The kind of an attachment ("pdf", "docx", "ofd", "png", "jpeg", "gif"), None: not one."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_PNG):
        return "png"
    if data.startswith(_JPEG):
        return "jpeg"
    if data.startswith(_GIFS):
        return "gif"
    if data.startswith(_ZIP):
        names = _zip_names(data)
        if names is None:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "OFD.xml" in names:
            return "ofd"
    return None


def sniff_document_file(data: bytes) -> str | None:
    """The kind of a file published with a document: an attachment's kinds, and XLSX (statistics,
    lists) — "xlsx" for a ZIP holding ``xl/workbook.xml``; None: not one."""
    kind = sniff_attachment(data)
    if kind is None and data.startswith(_ZIP):
        names = _zip_names(data)
        if names is not None and "xl/workbook.xml" in names:
            return "xlsx"
    return kind


def _zip_names(data: bytes) -> frozenset[str] | None:
    """The member names of a ZIP; None: not a readable ZIP, or one with more entries than the cap."""
    entries = directory_entries(data)
    if entries is None or entries > DEFAULT_CAPS.max_members:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return frozenset(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
