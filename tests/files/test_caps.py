"""The reading caps: small generated bombs that would unpack far past them are cut or refused, and say so.

Each bomb is a few kilobytes and the caps are set low, so each test is fast; the real sizes
(200 MB, 2 GB) are measured in bench/bench_file_caps.py.
"""

from __future__ import annotations

import io
import random
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator

import pytest

from gongkai.files import ProblemKind, ReadCaps, SourceDocument, load_source
from gongkai.files import caps as caps_module
from gongkai.files.caps import DEFAULT_CAPS, CapExceeded
from gongkai.files.zipread import directory_entries, open_archive
from tests.files.bombs import MB, _pdf, docx_bomb, lying_compressed_size, pdf_bomb, text_pdf

UNBOUNDED_RATIO = 10**9


def cut_caps(doc: SourceDocument) -> list[str]:
    return [problem.details["cap"] for problem in doc.problems if problem.kind is ProblemKind.CUT]


def refused_cap(doc: SourceDocument) -> str:
    assert not doc.readable
    (problem,) = doc.problems
    assert problem.kind is ProblemKind.UNREADABLE
    return str(problem.details["cap"])


# --- DOCX ----------------------------------------------------------------------------------


def test_a_docx_part_past_the_part_cap_is_refused_after_reading_only_the_cap() -> None:
    doc = load_source(docx_bomb(4 * MB), "炸弹.docx", ReadCaps(max_part_bytes=MB, max_ratio=UNBOUNDED_RATIO))
    assert refused_cap(doc) == "max_part_bytes"
    assert doc.problems[0].message == "DOCX文件中的word/document.xml解压后超过1 MB，可能是压缩炸弹，未读取"


def test_a_docx_part_compressed_past_the_ratio_is_refused() -> None:
    data = docx_bomb(3 * MB)  # "A"s: ~1000 to 1
    assert len(data) < 20_000
    doc = load_source(data, "炸弹.docx", ReadCaps(max_ratio=100))
    assert refused_cap(doc) == "max_ratio"
    assert "压缩比超过100倍" in doc.problems[0].message


def test_the_parts_of_a_docx_share_one_total() -> None:
    caps = ReadCaps(max_part_bytes=2 * MB, max_unpacked_bytes=MB, max_ratio=UNBOUNDED_RATIO)
    doc = load_source(docx_bomb(int(1.5 * MB)), "炸弹.docx", caps)
    assert refused_cap(doc) == "max_unpacked_bytes"


def test_a_docx_within_the_caps_is_read() -> None:
    doc = load_source(docx_bomb(200_000, paragraphs=True), "正常.docx", ReadCaps(max_part_bytes=MB))
    assert doc.readable
    assert doc.problems == [] or all(problem.kind is not ProblemKind.UNREADABLE for problem in doc.problems)


def test_a_docx_of_too_many_entries_is_refused_unopened() -> None:
    doc = load_source(docx_bomb(1000, members=30), "多.docx", ReadCaps(max_members=20))
    assert refused_cap(doc) == "max_members"
    assert doc.problems[0].message == "DOCX文件包含的文件条目过多（超过20个），可能是恶意构造的文件，未读取"


def _with_count(data: bytes, count: int) -> bytes:
    end = data.rfind(b"PK\x05\x06")
    record = bytearray(data[end:])
    record[8:12] = struct.pack("<HH", count, count)
    return data[:end] + bytes(record)


def test_an_end_record_that_lies_about_the_count_does_not_get_past_the_cap() -> None:
    data = _with_count(docx_bomb(1000, members=30), 3)
    assert directory_entries(data) == 3
    with pytest.raises(CapExceeded):
        open_archive(data, max_members=20, what="DOCX文件")


def test_the_count_is_bounded_by_the_directory_size() -> None:
    data = _with_count(docx_bomb(1000, members=30), 60_000)  # claims more than the directory can hold
    entries = directory_entries(data)
    assert entries is not None
    assert 32 <= entries < 60_000


def test_the_ratio_is_counted_on_what_comes_out_not_on_the_declared_sizes() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * (3 * MB))
        archive.writestr("word/media/image1.png", random.Random(1).randbytes(MB), zipfile.ZIP_STORED)
    # declares a ratio of 3: its compressed size as large as the image stored after it
    data = lying_compressed_size(buffer.getvalue(), "word/document.xml", MB)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    assert info.file_size < info.compress_size * 4
    doc = load_source(data, "谎报.docx", ReadCaps(max_ratio=100))
    assert refused_cap(doc) == "max_ratio"


# --- PDF -----------------------------------------------------------------------------------


def test_a_pdf_stream_past_the_stream_cap_is_cut_and_the_text_before_kept() -> None:
    doc = load_source(pdf_bomb(4 * MB), "炸弹.pdf", ReadCaps(pdf_max_stream_bytes=MB))
    assert doc.readable
    assert doc.text == "Annual report 2023"
    assert cut_caps(doc) == ["pdf_max_stream_bytes"]
    assert doc.problems[0].message == "PDF文件中的数据流解压后超过1 MB，超出部分未读取"


def test_the_streams_of_a_pdf_share_one_total() -> None:
    data = text_pdf(["first page", "second page", "third page"], padding=600_000)
    doc = load_source(data, "炸弹.pdf", ReadCaps(pdf_max_stream_bytes=MB, pdf_max_decoded_bytes=MB))
    assert doc.readable
    assert doc.text.splitlines()[:2] == ["first page", "second page"]
    assert "third page" not in doc.text  # its stream got nothing of the total
    assert cut_caps(doc) == ["pdf_max_decoded_bytes"]


def _run_length_stream(content: bytes, padding: int) -> bytes:
    """RunLengthDecode: the content as literal runs, then ``padding`` spaces in runs of 128 (two bytes each)."""
    encoded = b"".join(
        bytes([len(content[i : i + 128]) - 1]) + content[i : i + 128] for i in range(0, len(content), 128)
    )
    encoded += b"\x81 " * (padding // 128) + b"\x80"
    return b"<< /Length %d /Filter /RunLengthDecode >>\nstream\n" % len(encoded) + encoded + b"\nendstream"


def test_a_run_length_stream_is_cut_at_the_stream_cap() -> None:
    content = b"BT /F1 12 Tf 72 720 Td (Run length 2023) Tj ET "
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _run_length_stream(content, 3 * MB),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    doc = load_source(_pdf(objects), "游程.pdf", ReadCaps(pdf_max_stream_bytes=MB))
    assert doc.text == "Run length 2023"
    assert cut_caps(doc) == ["pdf_max_stream_bytes"]


def _lzw_stream(content: bytes, run: int) -> bytes:
    """LZWDecode: the content byte by byte, then a run of spaces that doubles with every code (KwKwK)."""
    from pdfminer.lzw import LZWDecoder

    codes = [256, *content, 256, ord(" "), *range(258, 258 + run), 257]
    decoder, bits = LZWDecoder(io.BytesIO()), ""
    for code in codes:  # each code as wide as pdfminer's decoder expects it
        bits += format(code, f"0{decoder.nbits}b")
        decoder.feed(code)
    bits += "0" * (-len(bits) % 8)
    encoded = int(bits, 2).to_bytes(len(bits) // 8, "big")
    return b"<< /Length %d /Filter /LZWDecode >>\nstream\n" % len(encoded) + encoded + b"\nendstream"


def test_an_lzw_stream_is_cut_at_the_stream_cap() -> None:
    content = b"BT /F1 12 Tf 72 720 Td (LZW 2023) Tj ET "
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _lzw_stream(content, 3000),  # 4.5 MB of spaces from 4 KB
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    data = _pdf(objects)
    assert len(data) < 8000
    doc = load_source(data, "lzw.pdf", ReadCaps(pdf_max_stream_bytes=MB))
    assert doc.text == "LZW 2023"
    assert cut_caps(doc) == ["pdf_max_stream_bytes"]


def test_a_damaged_flate_stream_gives_what_came_before_the_damage() -> None:
    comments = b"".join(b"%% line %d of a long stream\n" % n for n in range(5000))
    content = b"BT /F1 12 Tf 72 720 Td (Damaged 2023) Tj ET\n" + comments
    packed = zlib.compress(content)[:-200] + b"\x00" * 50  # cut short and garbage after
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    doc = load_source(_pdf(objects), "损坏.pdf")
    assert doc.text == "Damaged 2023"


def test_pages_past_the_page_cap_are_not_read() -> None:
    doc = load_source(text_pdf([f"page {n}" for n in range(1, 6)]), "长.pdf", ReadCaps(pdf_max_pages=3))
    assert doc.text.splitlines() == ["page 1", "page 2", "page 3"]
    assert cut_caps(doc) == ["pdf_max_pages"]
    assert doc.problems[0].message == "PDF文件超过3页，只读取了前3页"


def test_reading_stops_when_the_time_is_up_keeping_the_pages_read() -> None:
    doc = load_source(text_pdf([f"page {n}" for n in range(1, 6)]), "慢.pdf", ReadCaps(pdf_max_seconds=0.000_001))
    assert doc.text == "page 1"
    assert cut_caps(doc) == ["pdf_max_seconds"]


def test_a_page_that_takes_past_the_time_is_killed_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.files import pdfdoc

    content = b"BT /F1 12 Tf 72 720 Td " + b"(x) Tj " * 100_000 + b"ET"  # one page: 3 s of pdfminer, 7 s when busy
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    monkeypatch.setattr(pdfdoc, "_GRACE_SECONDS", 0.0)
    load_source(text_pdf(["warm"]), "warm.pdf")  # the fork server is started by the process's first PDF: not timed
    started = time.monotonic()
    doc = load_source(_pdf(objects), "慢.pdf", ReadCaps(pdf_max_seconds=0.3))
    assert time.monotonic() - started < 2.5  # the page alone takes longer (the reader is not waited for)
    assert refused_cap(doc) == "pdf_max_seconds"  # the child's own check comes only after the page
    assert doc.problems[0].message == "读取PDF文件超过0.3秒，已停止，未读取"


def test_a_pdf_that_needs_more_memory_than_its_budget_is_refused() -> None:
    caps = ReadCaps(pdf_max_stream_bytes=64 * MB, pdf_max_decoded_bytes=64 * MB, pdf_max_memory_bytes=8 * MB)
    doc = load_source(pdf_bomb(40 * MB), "大.pdf", caps)
    assert refused_cap(doc) == "pdf_max_memory_bytes"
    assert "内存" in doc.problems[0].message


def test_a_pdf_reader_that_cannot_start_is_said_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.files import pdfdoc

    class NoForks:
        def Pipe(self, duplex: bool) -> tuple[object, object]:
            return _Closable(), _Closable()

        def Process(self, **kwargs: object) -> _Closable:
            return _Closable()

    monkeypatch.setattr(pdfdoc, "_process_context", NoForks)
    doc = load_source(text_pdf(["page 1"]), "a.pdf")
    assert not doc.readable
    assert doc.problems[0].message.startswith("PDF读取进程无法启动")


class _Closable:
    def close(self) -> None:
        pass

    def start(self) -> None:
        raise AssertionError("daemonic processes are not allowed to have children")


def test_a_pdf_read_leaves_the_readers_decoders_of_this_process_alone() -> None:
    from pdfminer import pdftypes

    load_source(pdf_bomb(2 * MB), "炸弹.pdf", ReadCaps(pdf_max_stream_bytes=MB))
    assert pdftypes.zlib is zlib


# --- HTML ----------------------------------------------------------------------------------


def test_html_nested_past_the_depth_cap_is_cut_and_reported() -> None:
    html = "<html><body><p>表面的文字</p>" + "<div>" * 200 + "深处的文字" + "</div>" * 200 + "</body></html>"
    doc = load_source(html.encode(), "深.html", ReadCaps(html_max_depth=128))
    assert doc.text == "表面的文字"
    assert cut_caps(doc) == ["html_max_depth"]
    assert doc.problems[0].message == "HTML文件的元素嵌套超过128层，更深处的内容未读取"


def test_html_within_the_depth_cap_is_read_whole() -> None:
    html = "<html><body>" + "<div>" * 100 + "深处的文字" + "</div>" * 100 + "</body></html>"
    doc = load_source(html.encode(), "深.html", ReadCaps(html_max_depth=128))
    assert doc.text == "深处的文字"
    assert cut_caps(doc) == []


def test_html_nested_in_a_table_cell_is_cut_too() -> None:
    cell = "<span>" * 150 + "深" + "</span>" * 150
    html = (
        f"<html><body><table><tr><td>规章</td><td>5</td></tr><tr><td>{cell}</td><td>1</td></tr></table></body></html>"
    )
    doc = load_source(html.encode(), "表.html", ReadCaps(html_max_depth=128))
    assert cut_caps(doc) == ["html_max_depth"]
    assert "深" not in doc.text


def test_html_past_the_size_cap_is_cut_and_reported() -> None:
    html = "<html><body>" + "<p>开头的文字</p>" + "<p>中间</p>" * 1000 + "<p>末尾的文字</p></body></html>"
    doc = load_source(html.encode(), "大.html", ReadCaps(html_max_bytes=4096))
    assert doc.readable
    assert doc.text.startswith("开头的文字")
    assert "末尾的文字" not in doc.text
    assert cut_caps(doc) == ["html_max_bytes"]
    assert doc.problems[0].message == "HTML文件超过4 KB，超出部分未读取"


# --- the process's caps --------------------------------------------------------------------


@pytest.fixture
def configured() -> Iterator[None]:
    yield
    caps_module.configure(DEFAULT_CAPS)


def test_a_read_without_its_own_caps_takes_the_configured_ones(configured: None) -> None:
    data = docx_bomb(2 * MB)
    caps_module.configure(ReadCaps(max_ratio=UNBOUNDED_RATIO))
    assert load_source(data, "a.docx").readable
    caps_module.configure(ReadCaps(max_part_bytes=MB, max_ratio=UNBOUNDED_RATIO))
    assert refused_cap(load_source(data, "a.docx")) == "max_part_bytes"


def test_caps_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_members"):
        ReadCaps(max_members=0)
