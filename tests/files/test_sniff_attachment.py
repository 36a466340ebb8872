"""What may be attached to an application, by content only."""

from __future__ import annotations

import io
import zipfile

import pytest

from gongkai.files.sniff import ATTACHMENT_CONTENT_TYPES, ATTACHMENT_KINDS, ATTACHMENT_SUFFIXES, sniff_attachment


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "pdf"),
        (b"%PDF-2.0", "pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
        (b"\xff\xd8\xff\xe1\x00\x10Exif\x00", "jpeg"),
        (b"GIF87a\x01\x00\x01\x00", "gif"),
        (b"GIF89a\x01\x00\x01\x00", "gif"),
        (_zip(["[Content_Types].xml", "word/document.xml"]), "docx"),
        (_zip(["OFD.xml", "Doc_0/Document.xml"]), "ofd"),
        # not attachments
        (b"", None),
        (b"%PDF", None),  # no dash: not a PDF header
        (b"garbage before %PDF-1.4\n", None),  # the report reader's lenient check finds this; attachments do not
        (b"\n%PDF-1.4\n", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows program
        (b"\x7fELF\x02\x01\x01", None),
        (b"<!DOCTYPE html><html><body>x</body></html>", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
        ("一、总体情况".encode(), None),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8), None),  # old Word (.doc)
        (_zip(["a.txt"]), None),  # a ZIP of something else
        (_zip(["Doc_0/OFD.xml"]), None),  # OFD.xml not at the root
        (_zip(["ofd.xml"]), None),  # the entry's name is exact
        (_zip(["xl/workbook.xml"]), None),  # a spreadsheet
        (b"PK\x03\x04 not really a zip", None),
        (b"\x89PNG\r\n", None),  # a truncated signature
        (b"GIF88a", None),
    ],
)
def test_sniff_attachment(data: bytes, kind: str | None) -> None:
    assert sniff_attachment(data) == kind


def test_every_kind_has_a_content_type_and_a_suffix() -> None:
    assert set(ATTACHMENT_CONTENT_TYPES) == set(ATTACHMENT_KINDS) == set(ATTACHMENT_SUFFIXES)


def test_a_zip_with_too_many_entries_is_not_read() -> None:
    from gongkai.files.caps import DEFAULT_CAPS

    data = _zip(["word/document.xml", *(f"m{i}" for i in range(DEFAULT_CAPS.max_members + 1))])
    assert sniff_attachment(data) is None
