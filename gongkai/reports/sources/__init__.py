"""Source loaders: a file's bytes → a repaired :class:`SourceDocument`.

Public API (stable names):

- :func:`load_source` ``(data: bytes, name: str) -> SourceDocument`` — sniffs the media type
  (content first, then the name), detects the text encoding (UTF-8 with or without BOM,
  GB18030/GBK, Big5; never assumed), reads the blocks (paragraphs and tables, in document order)
  and repairs all text with :func:`gongkai.text.repair_text`, adding one P5 finding per kind of
  repair. It never raises for bad input: an empty, binary, undecodable or unsupported file gives
  ``readable=False``, no blocks and one finding with a clear Chinese message (below).
- Re-exported model types: :class:`SourceDocument`, :class:`Block`, :class:`BlockKind`,
  :class:`MediaType`.

Findings of an unreadable file: rule ``P0`` (file unreadable), severity error, where ``file``.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from .encoding import decode_text
from .model import Block, BlockKind, MediaType, SourceDocument
from .plaintext import blocks_from_text
from .repairing import repair_blocks
from .sniff import sniff_media_type

__all__ = ["Block", "BlockKind", "MediaType", "SourceDocument", "load_source"]


def unreadable(name: str, media_type: MediaType, message: str, encoding: str | None = None) -> SourceDocument:
    """A document that could not be read, with one finding saying why."""
    finding = Finding("P0", Severity.ERROR, "file", message)
    return SourceDocument(name, media_type, encoding, blocks=[], findings=[finding], readable=False)


def load_source(data: bytes, name: str) -> SourceDocument:
    """Read ``data`` (the file's bytes; ``name`` its file name) into a repaired SourceDocument."""
    if not data.strip():
        return unreadable(name, MediaType.UNKNOWN, "文件为空，没有可读取的内容")
    media_type = sniff_media_type(data, name)
    if media_type is MediaType.TEXT:
        decoded = decode_text(data)
        if decoded.text is None:
            return unreadable(name, MediaType.UNKNOWN, decoded.problem)
        raw = blocks_from_text(decoded.text)
        blocks, findings = repair_blocks(raw)
        if not blocks:
            return unreadable(name, media_type, "文件中没有可读取的文字", decoded.encoding)
        return SourceDocument(name, media_type, decoded.encoding, blocks=blocks, findings=findings)
    return unreadable(name, media_type, "暂不支持读取该格式的文件")
