"""PDF text layers, with pdfminer.six: text lines, and whitespace-aligned numeric columns as table rows.

Characters are read with their positions (no layout analysis), grouped into visual lines by their
vertical position, and each line is cut into segments where the gap between two characters is
wider than the characters themselves (a column gap, not a word space). A line with two or more
segments of which at least one is a number (``12``, ``0.19``, ``1,234``, ``78.3%``) is a table
row whose cells are its segments; consecutive such rows form one TABLE block. Every other line
is a paragraph line with its segments joined by a space. A PDF without a text layer (a scan)
gives no blocks. Blocks carry the 1-based line number in the extracted text.

Within :class:`~gongkai.files.caps.ReadCaps`, in a child process (pdfminer decodes whole streams in
memory and parses without a clock, so the only robust bound is one the operating system enforces):

- the child (forked from a small server process that has the readers loaded: ~10 ms, not a fresh
  interpreter) may grow its address space by ``pdf_max_memory_bytes`` at most and use
  ``pdf_max_seconds`` of CPU; the parent waits ``pdf_max_seconds`` (plus a little) and then kills it;
- in the child, pdfminer's stream decoders (FlateDecode, LZW, RunLength) are replaced by ones that
  stop at ``pdf_max_stream_bytes`` per stream and ``pdf_max_decoded_bytes`` in all, keeping what
  they decoded; reading stops after ``pdf_max_pages`` pages, when the time is up or when memory
  runs out, keeping the pages read.

Each cut is reported (a Chinese message); a PDF of which nothing could be read within the caps
raises :class:`~gongkai.files.caps.CapExceeded`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import os
import re
import resource
import time
import zlib
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from pdfminer import pdftypes
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTItem, LTPage
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from .caps import CapExceeded, ReadCaps, current, megabytes
from .model import Block, BlockKind

logger = logging.getLogger(__name__)
_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_GAP_FACTOR = 1.0  # a gap wider than this many character widths separates two columns


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    y: float  # vertical centre
    height: float


def _chars(item: LTItem, into: list[_Char]) -> None:
    if isinstance(item, LTChar):
        text = item.get_text()
        if text and item.upright:
            into.append(_Char(text, item.x0, item.x1, (item.y0 + item.y1) / 2, max(item.height, 1.0)))
    elif isinstance(item, LTContainer):
        for child in item:
            _chars(child, into)


def _visual_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines, top to bottom, each line left to right."""
    lines: list[list[_Char]] = []
    centres: list[float] = []
    for char in sorted(chars, key=lambda c: (-c.y, c.x0)):
        if lines and abs(centres[-1] - char.y) <= char.height * 0.4:
            lines[-1].append(char)
        else:
            lines.append([char])
            centres.append(char.y)
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _segments(line: list[_Char]) -> list[str]:
    segments: list[list[str]] = [[]]
    previous: _Char | None = None
    for char in line:
        if previous is not None:
            gap = char.x0 - previous.x1
            width = max(min(previous.x1 - previous.x0, char.x1 - char.x0), previous.height * 0.5)
            if gap > width * _GAP_FACTOR:
                segments.append([])
            elif gap > width * 0.2 and not char.text.isspace() and not previous.text.isspace():
                segments[-1].append(" ")
        segments[-1].append(char.text)
        previous = char
    return [text for text in ("".join(parts).strip() for parts in segments) if text]


def is_table_row(cells: list[str]) -> bool:
    return len(cells) >= 2 and any(_NUMBER.match(cell) for cell in cells)


# --- in the child process: bounded decoders, pages and time ------------------------------


class _Decoders:
    """Stand-ins for pdfminer's stream decoders that stop at the caps; the cuts they made, by cap."""

    def __init__(self, caps: ReadCaps) -> None:
        self.caps = caps
        self.left = caps.pdf_max_decoded_bytes
        self.cuts: dict[str, str] = {}
        self.error = zlib.error  # pdftypes catches ``zlib.error``

    def _room(self) -> int:
        return max(0, min(self.caps.pdf_max_stream_bytes, self.left))

    def _kept(self, out: bytes | bytearray, room: int) -> bytes:
        if len(out) > room:
            out = out[:room]
            if room < self.caps.pdf_max_stream_bytes:
                self.cuts["pdf_max_decoded_bytes"] = (
                    f"PDF文件中的数据流解压后合计超过{megabytes(self.caps.pdf_max_decoded_bytes)}，超出部分未读取"
                )
            else:
                self.cuts["pdf_max_stream_bytes"] = (
                    f"PDF文件中的数据流解压后超过{megabytes(self.caps.pdf_max_stream_bytes)}，超出部分未读取"
                )
        self.left -= len(out)
        return bytes(out)

    def decompress(self, data: bytes) -> bytes:
        """FlateDecode (pdftypes calls ``zlib.decompress``): damaged data gives what came before the damage."""
        room = self._room()
        inflater = zlib.decompressobj()
        try:
            return self._kept(inflater.decompress(data, room + 1), room)
        except zlib.error:
            pass
        inflater, out = zlib.decompressobj(), bytearray()
        with contextlib.suppress(zlib.error):
            for start in range(0, len(data), 1024):
                out += inflater.decompress(data[start : start + 1024], room + 1 - len(out))
                if len(out) > room:
                    break
        return self._kept(out, room)

    def lzw(self, data: bytes) -> bytes:
        room, out = self._room(), bytearray()
        for piece in LZWDecoder(io.BytesIO(data)).run():
            out += piece
            if len(out) > room:
                break
        return self._kept(out, room)

    def run_length(self, data: bytes) -> bytes:
        """RunLengthDecode (PDF 32000-1, 7.4.5): a length byte n, then n+1 bytes as they are or one byte 257-n times."""
        room, out, index = self._room(), bytearray(), 0
        while index < len(data) and len(out) <= room:
            length = data[index]
            if length == 128:
                break
            if length < 128:
                out += data[index + 1 : index + 2 + length]
                index += length + 2
            else:
                out += data[index + 1 : index + 2] * (257 - length)
                index += 2
        return self._kept(out, room)


def _install(decoders: _Decoders) -> None:
    """Route pdfminer's decoding through ``decoders`` (only ever in the child process)."""
    pdftypes.zlib = decoders  # type: ignore[assignment]
    pdftypes.lzwdecode = decoders.lzw
    pdftypes.rldecode = decoders.run_length


def _limit_resources(caps: ReadCaps) -> None:
    seconds = int(caps.pdf_max_seconds) + 2
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    with contextlib.suppress(ValueError, OSError):
        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = size + caps.pdf_max_memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _read_pages(data: bytes, caps: ReadCaps, cuts: dict[str, str]) -> list[LTPage]:
    deadline = time.monotonic() + caps.pdf_max_seconds
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[LTPage] = []
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
        if number > caps.pdf_max_pages:
            cuts["pdf_max_pages"] = f"PDF文件超过{caps.pdf_max_pages}页，只读取了前{caps.pdf_max_pages}页"
            break
        try:
            interpreter.process_page(page)
            pages.append(device.get_result())
        except MemoryError:
            cuts["pdf_max_memory_bytes"] = f"读取PDF文件所需内存超过上限，只读取了前{len(pages)}页"
            break
        if time.monotonic() > deadline:
            cuts["pdf_max_seconds"] = f"读取PDF文件超过{caps.pdf_max_seconds:g}秒，只读取了前{len(pages)}页"
            break
    return pages


def _child(connection: Connection, data: bytes, caps: ReadCaps) -> None:
    _limit_resources(caps)
    decoders = _Decoders(caps)
    _install(decoders)
    cuts: dict[str, str] = {}
    try:
        blocks = _blocks(_read_pages(data, caps, cuts))
    except MemoryError:
        message: tuple[Any, ...] = ("memory",)
    except Exception as error:  # pdfminer raises many kinds of errors on a damaged or encrypted file
        message = ("error", f"{type(error).__name__}: {error}"[:500])
    else:
        message = ("ok", blocks, {**decoders.cuts, **cuts})
    connection.send(message)
    connection.close()


# --- in the caller ------------------------------------------------------------------------

_GRACE_SECONDS = 5.0
_context: Any = None


def _process_context() -> Any:
    """The forkserver context, its server having pdfminer loaded and warmed up (``pdfwarm``)."""
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([f"{__package__}.pdfwarm"])
        _context = context
    return _context


def _tiny_pdf() -> bytes:
    """One page, one line in Helvetica: enough for pdfminer to load the tables it loads lazily."""
    content = b"BT /F1 12 Tf 72 720 Td (Warm 1 2 3) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def warm_up() -> None:
    """Read a tiny PDF (in the fork server, before any reader is forked: each then starts warm)."""
    _blocks(_read_pages(_tiny_pdf(), ReadCaps(), {}))


def _in_child(data: bytes, caps: ReadCaps) -> tuple[Any, ...]:
    context = _process_context()
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sending, data, caps), daemon=True)
    try:
        process.start()
    except (OSError, AssertionError, ValueError) as error:  # no fork server (no /tmp), or inside a daemon process
        receiving.close()
        sending.close()
        logger.exception("the PDF reader process could not be started")
        raise PdfReaderUnavailable(str(error)) from error
    sending.close()
    try:
        if receiving.poll(caps.pdf_max_seconds + _GRACE_SECONDS):
            return tuple(receiving.recv())
        process.kill()  # stuck inside one page past the time: no waiting for it
        return ("timeout",)
    except (EOFError, OSError):  # the child died: killed at the CPU limit, or out of memory outside Python
        return ("died",)
    finally:
        receiving.close()
        process.join(timeout=1)
        if process.is_alive():
            process.kill()
            process.join()


class PdfDamaged(Exception):
    """pdfminer could not read the file (damaged or encrypted)."""


class PdfReaderUnavailable(Exception):
    """The child process that reads PDFs could not be started (the file was not read)."""


def _blocks(layouts: list[LTPage]) -> list[Block]:
    blocks: list[Block] = []
    rows: list[list[str]] = []
    rows_start: int | None = None
    number = 0

    def flush() -> None:
        nonlocal rows, rows_start
        if rows:
            blocks.append(Block(BlockKind.TABLE, rows=rows, line=rows_start))
        rows, rows_start = [], None

    for layout in layouts:
        chars: list[_Char] = []
        _chars(layout, chars)
        for line in _visual_lines(chars):
            cells = _segments(line)
            if not cells:
                continue
            number += 1
            if is_table_row(cells):
                if not rows:
                    rows_start = number
                rows.append(cells)
                continue
            flush()
            blocks.append(Block(BlockKind.PARAGRAPH, text=" ".join(cells), line=number))
    flush()
    return blocks


def blocks_from_pdf(data: bytes, caps: ReadCaps | None = None) -> tuple[list[Block], dict[str, str]]:
    """Raw (not yet repaired) blocks of a PDF's text layer, and the cuts made (Chinese messages by cap).

    PdfDamaged on a broken file; CapExceeded when the reading was stopped with nothing kept (time or
    memory ran out in the child).
    """
    caps = caps or current()
    message = _in_child(data, caps)
    if message[0] == "ok":
        return message[1], message[2]
    if message[0] == "error":
        raise PdfDamaged(message[1])
    if message[0] == "timeout":
        raise CapExceeded(
            f"读取PDF文件超过{caps.pdf_max_seconds:g}秒，已停止，未读取",
            cap="pdf_max_seconds",
            limit=caps.pdf_max_seconds,
        )
    raise CapExceeded(
        "读取PDF文件所需的内存或时间超过上限，已停止，未读取",
        cap="pdf_max_memory_bytes",
        limit=caps.pdf_max_memory_bytes,
    )
