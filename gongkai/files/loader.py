"""Loading a file: its bytes → a repaired :class:`SourceDocument`.

:func:`load_source` ``(data: bytes, name: str) -> SourceDocument`` sniffs the media type (content
first, then the name), detects the text encoding (UTF-8 with or without BOM, GB18030/GBK, Big5;
never assumed), reads the blocks (paragraphs and tables, in document order) and repairs all text
with :func:`gongkai.text.repair_text`, adding one ``REPAIRED``/``GARBLED`` problem per kind of
repair. It never raises for bad input: an empty, binary, undecodable or unsupported file gives
``readable=False``, no blocks and one ``UNREADABLE`` problem (place ``file``) with a clear
Chinese message.

Every read stays within the :class:`~gongkai.files.caps.ReadCaps` given (else the process's,
:func:`gongkai.files.caps.current`): a file that cannot be read within them is unreadable with a
problem naming the cap (``details["cap"]``); one read in part keeps what was read, with one ``CUT``
problem per cap that cut it.
"""

from __future__ import annotations

from collections.abc import Mapping

from .caps import CapExceeded, ReadCaps, current, megabytes
from .docxdoc import blocks_from_docx
from .encoding import decode_text
from .htmldoc import blocks_from_html
from .model import MediaType, SourceDocument
from .pdfdoc import PdfReaderUnavailable, blocks_from_pdf
from .plaintext import blocks_from_text
from .problems import Problem, ProblemKind
from .repairing import repair_blocks
from .sniff import is_ole2, looks_like_html, sniff_media_type


def unreadable(
    name: str, media_type: MediaType, message: str, encoding: str | None = None, *, cap: str | None = None
) -> SourceDocument:
    """A document that could not be read, with one problem saying why (``cap``: the cap it is past)."""
    problem = Problem(ProblemKind.UNREADABLE, "file", message, {"cap": cap} if cap else {})
    return SourceDocument(name, media_type, encoding, blocks=[], problems=[problem], readable=False)


def _cut_problems(cuts: Mapping[str, str]) -> list[Problem]:
    return [Problem(ProblemKind.CUT, "file", message, {"cap": cap}) for cap, message in cuts.items()]


def load_source(data: bytes, name: str, caps: ReadCaps | None = None) -> SourceDocument:
    """Read ``data`` (the file's bytes; ``name`` its file name) into a repaired SourceDocument."""
    caps = caps or current()
    cuts: dict[str, str] = {}
    if not data.strip():
        return unreadable(name, MediaType.UNKNOWN, "文件为空，没有可读取的内容")
    media_type = sniff_media_type(data, name)
    encoding: str | None = None
    if media_type is MediaType.UNKNOWN:
        if is_ole2(data):
            return unreadable(
                name, media_type, "不支持旧版Word（.doc）等OLE格式文件，请另存为.docx、.html或文本后再读取"
            )
        if data.startswith(b"PK\x03\x04"):
            return unreadable(name, media_type, "压缩包或未知的Office文件，不是.docx文档，无法读取")
        return unreadable(name, media_type, "无法识别的文件格式，无法读取")
    if media_type is MediaType.DOCX:
        try:
            raw = blocks_from_docx(data, caps)
        except CapExceeded as cut:
            return unreadable(name, media_type, cut.message, cap=cut.cap)
        except Exception:  # zipfile and lxml raise many kinds of errors on a damaged DOCX
            return unreadable(name, media_type, "DOCX文件已损坏，无法读取")
    elif media_type is MediaType.PDF:
        try:
            raw, cuts = blocks_from_pdf(data, caps)
        except CapExceeded as cut:
            return unreadable(name, media_type, cut.message, cap=cut.cap)
        except PdfReaderUnavailable:
            return unreadable(name, media_type, "PDF读取进程无法启动，暂时无法读取PDF文件，请稍后重试或联系系统管理员")
        except Exception:  # pdfminer raises many kinds of errors on a damaged or encrypted file
            return unreadable(name, media_type, "PDF文件已损坏或已加密，无法读取")
        if not raw and cuts:
            cap, message = next(iter(cuts.items()))
            return unreadable(name, media_type, f"{message}；读取的部分中没有文字", cap=cap)
        if not raw:
            return unreadable(name, media_type, "PDF文件没有文字层（可能是扫描图片），无法读取文字")
    else:
        decoded = decode_text(data)
        if decoded.text is None:
            return unreadable(name, MediaType.UNKNOWN, decoded.problem)
        encoding = decoded.encoding
        if media_type is MediaType.TEXT and looks_like_html(decoded.text):
            media_type = MediaType.HTML
        if media_type is MediaType.HTML:
            text = decoded.text
            if len(data) > caps.html_max_bytes:
                text = text[: caps.html_max_bytes]
                cuts["html_max_bytes"] = f"HTML文件超过{megabytes(caps.html_max_bytes)}，超出部分未读取"
            try:
                raw, deep = blocks_from_html(text, max_depth=caps.html_max_depth)
            except Exception:  # lxml's parser errors on a document that is not HTML at all
                raw, deep = blocks_from_text(text), False
            if deep:
                cuts["html_max_depth"] = f"HTML文件的元素嵌套超过{caps.html_max_depth}层，更深处的内容未读取"
        else:
            raw = blocks_from_text(decoded.text)
    blocks, problems = repair_blocks(raw, rows_are_lines=media_type in (MediaType.TEXT, MediaType.PDF))
    if not blocks:
        if cuts:
            cap, message = next(iter(cuts.items()))
            return unreadable(name, media_type, f"{message}；读取的部分中没有文字", encoding, cap=cap)
        return unreadable(name, media_type, "文件中没有可读取的文字", encoding)
    return SourceDocument(name, media_type, encoding, blocks=blocks, problems=[*_cut_problems(cuts), *problems])
