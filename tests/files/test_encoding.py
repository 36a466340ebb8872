"""Encoding detection and files that cannot be read: one clear problem, never an exception."""

from __future__ import annotations

import codecs
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.files import BlockKind, MediaType, ProblemKind, SourceDocument, load_source
from gongkai.files.encoding import decode_text

SeedBytes = Callable[[str], bytes]
TEXT = "一、总体情况\n2023年，全市共办理依申请公开211件，其中予以公开50件。\n规章 | 0 | 0 | 0 |\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gbk"),
        ("一、总体情况".encode("gbk"), "gbk"),  # short: charset-normalizer alone would guess Korean
        (TEXT.encode("utf-16"), "utf-16"),
        ("䶮𠀀中文测试：GB18030才有的字".encode("gb18030"), "gb18030"),
        ("本報告根據《條例》編制。一、總體情況".encode("big5"), "big5"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    decoded = decode_text(data)
    assert decoded.encoding == encoding
    assert decoded.text is not None
    assert decoded.text == data.decode(encoding if encoding != "gbk" else "gb18030").lstrip("\ufeff")


def test_gbk_seed_reads_like_the_utf8_seed(seed_bytes: SeedBytes) -> None:
    utf8 = seed_bytes("001")
    gbk = utf8.decode("utf-8").encode("gbk", errors="replace")
    from_utf8, from_gbk = load_source(utf8, "001.txt"), load_source(gbk, "001.txt")
    assert from_gbk.encoding == "gbk"
    assert from_gbk.readable
    tables = [b.rows for b in from_gbk.blocks if b.kind is BlockKind.TABLE]
    assert tables == [b.rows for b in from_utf8.blocks if b.kind is BlockKind.TABLE]


def _only_problem(document: SourceDocument) -> str:
    assert not document.readable
    assert document.blocks == []
    (problem,) = document.problems
    assert problem.kind is ProblemKind.UNREADABLE
    assert problem.place == "file"
    return problem.message


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "empty.txt", "文件为空"),
        (b"  \r\n\t\n", "blank.txt", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "report.txt", "二进制"),
        (bytes(range(256)) * 4, "data.bin", "二进制"),
        (bytes([0x80, 0xFF, 0x81, 0xFE, 0x41]) * 40, "report.txt", "编码"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "report.doc", ".doc"),
        (b"PK\x03\x04" + bytes(40), "reports.zip", "不是.docx"),
        (b"%PDF-1.7\n%garbage that is no PDF", "report.pdf", "PDF文件已损坏"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "bad.txt", "UTF-8"),
        (b"<html><body>   </body></html>", "empty.html", "没有可读取的文字"),
    ],
)
def test_unreadable_files_give_one_clear_problem(data: bytes, name: str, words: str) -> None:
    assert words in _only_problem(load_source(data, name))


def test_a_docx_that_is_damaged_gives_one_problem() -> None:
    data = b"PK\x03\x04" + b"\x14\x00" + bytes(20) + b"word/document.xml" + bytes(40)
    document = load_source(data, "broken.docx")
    assert document.media_type in (MediaType.DOCX, MediaType.UNKNOWN)
    _only_problem(document)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.html", "a.docx", "a.pdf", "a"]))
def test_load_source_never_raises(data: bytes, name: str) -> None:
    document = load_source(data, name)
    assert isinstance(document, SourceDocument)
    assert document.readable == bool(document.blocks)
    if not document.readable:
        assert len(document.problems) == 1
