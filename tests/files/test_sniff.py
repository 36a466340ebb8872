"""The media type, by content first and by name second."""

from __future__ import annotations

import io
import zipfile

import pytest

from gongkai.files import MediaType
from gongkai.files.sniff import sniff_media_type


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "media_type"),
    [
        (b"%PDF-1.4\n...", "report.txt", MediaType.PDF),
        (_zip(["[Content_Types].xml", "word/document.xml"]), "report.zip", MediaType.DOCX),
        (_zip(["a.txt"]), "report.docx", MediaType.UNKNOWN),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8), "report.doc", MediaType.UNKNOWN),
        ("<!DOCTYPE html><html><p>一</p></html>".encode(), "report.txt", MediaType.HTML),
        ("\ufeff<html><body>一</body></html>".encode(), "report", MediaType.HTML),
        ("<p>一、总体情况</p>\n<table><tr><td>1</td></tr></table>".encode(), "report.txt", MediaType.HTML),
        ("一、总体情况".encode(), "report.htm", MediaType.HTML),
        ("关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知</span>".encode(), "a.txt", MediaType.TEXT),
        ("规章 | 0 | 0 | 0 |".encode(), "report.TXT", MediaType.TEXT),
    ],
)
def test_sniff(data: bytes, name: str, media_type: MediaType) -> None:
    assert sniff_media_type(data, name) is media_type
