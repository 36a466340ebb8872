"""Small generated files that expand far past the reading caps: a DOCX, a PDF and a ZIP set.

Each is a few hundred kilobytes on disk; written in chunks so that making one costs little memory.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

MB = 1024 * 1024
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)


def docx_bomb(unpacked: int = 200 * MB, *, members: int = 0, paragraphs: bool = False) -> bytes:
    """A DOCX whose word/document.xml unpacks to ``unpacked`` bytes; ``members`` extra parts.

    The text is one paragraph of "A"s, or with ``paragraphs`` millions of one-letter paragraphs (a
    tree of elements that costs a parser far more than the bytes).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>'.encode()
        tail = b"</w:t></w:r></w:p></w:body></w:document>"
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            unit = b"</w:t></w:r></w:p><w:p><w:r><w:t>A"
            chunk = unit * (MB // len(unit)) if paragraphs else b"A" * MB
            left = unpacked - len(head) - len(tail)
            while left > 0:
                piece = chunk if left >= len(chunk) else b"A" * left
                part.write(piece)
                left -= len(piece)
            part.write(tail)
        for index in range(members):
            archive.writestr(f"word/media/x{index}.xml", b"")
    return buffer.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, *, compressed: bool) -> bytes:
    if compressed:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(pages: list[str], *, padding: int = 0) -> bytes:
    """A PDF with one line of (ASCII) text per page; ``padding`` spaces after the text of each page, compressed."""
    count = len(pages)
    kids = b" ".join(b"%d 0 R" % (3 + 2 * index) for index in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)]
    font_number = 3 + 2 * count
    for index, text in enumerate(pages):
        content = b"BT /F1 12 Tf 72 720 Td (" + text.encode("ascii") + b") Tj ET"
        page = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * index, font_number)
        )
        objects.append(page)
        if padding:
            objects.append(_stream_padded(content, padding))
        else:
            objects.append(_stream(content, compressed=False))
    objects.append(_FONT)
    return _pdf(objects)


def _stream_padded(content: bytes, padding: int) -> bytes:
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(content)]
    chunk = b" " * MB
    left = padding
    while left > 0:
        parts.append(compressor.compress(chunk[: min(left, MB)]))
        left -= MB
    parts.append(compressor.flush())
    data = b"".join(parts)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"


def pdf_bomb(unpacked: int = 200 * MB) -> bytes:
    """A one-page PDF whose content stream (FlateDecode) unpacks to ``unpacked`` bytes after one line of text."""
    return text_pdf(["Annual report 2023"], padding=unpacked)


def zip_set(zips: int = 3, unpacked: int = 2 * MB, *, members: int = 1) -> list[tuple[str, bytes]]:
    """``zips`` ZIPs of ``members`` incompressible members each (they pass the ratio check), ``unpacked`` bytes each."""
    archives = []
    for index in range(zips):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for member in range(members):
                archive.writestr(f"{index}-{member}.txt", os.urandom(unpacked // members))
        archives.append((f"set{index}.zip", buffer.getvalue()))
    return archives


def lying_compressed_size(data: bytes, member: str, size: int) -> bytes:
    """The ZIP with ``member``'s compressed size in its central directory entry replaced by ``size``."""
    at = data.find(b"PK\x01\x02")
    name = member.encode()
    while at >= 0:
        (length,) = struct.unpack("<H", data[at + 28 : at + 30])
        if data[at + 46 : at + 46 + length] == name:
            return data[: at + 20] + struct.pack("<I", size) + data[at + 24 :]
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(member)
