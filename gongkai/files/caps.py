"""The reading caps: how much any file may unpack to, and how long reading it may take. Pure, no Django.

Every reader of file intake stays within one :class:`ReadCaps` (so that a small file cannot cost a
worker gigabytes or minutes — a decompression bomb):

- DOCX (and any ZIP read here): at most ``max_members`` entries in the archive; each part read is
  streamed, never read whole, and stops at ``max_part_bytes`` uncompressed, at ``max_unpacked_bytes``
  for all parts together, and as soon as what came out exceeds ``max_ratio`` times what went in
  (counted on the bytes actually decompressed, not on the sizes the ZIP headers declare).
- PDF: each stream (FlateDecode, LZW, RunLength) decodes to at most ``pdf_max_stream_bytes``, all
  streams together to ``pdf_max_decoded_bytes``; at most ``pdf_max_pages`` pages; at most
  ``pdf_max_seconds``; and the reading runs in a child process whose address space is limited to
  ``pdf_max_memory_bytes`` more than it starts with, so nothing pdfminer does can take more.
- HTML: at most ``html_max_bytes`` of (decoded, UTF-8) text and ``html_max_depth`` nested elements.

A cut is never silent: a file that cannot be read within the caps is unreadable with a problem
saying which cap (``UNREADABLE``); one read in part keeps what was read with a ``CUT`` problem.

The defaults are safe; an application fills its own from its settings and either passes them to
:func:`~gongkai.files.load_source` or makes them the process's caps with :func:`configure`
(reports: the ``GONGKAI_FILES_*`` settings, docs/operations.md).
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadCaps:
    max_members: int = 2000  # entries in a DOCX (ZIP) archive
    max_part_bytes: int = 32 * MB  # one DOCX part, uncompressed
    max_unpacked_bytes: int = 128 * MB  # all parts read from one DOCX
    max_ratio: int = 100  # uncompressed bytes per compressed byte, per part
    pdf_max_stream_bytes: int = 32 * MB  # one PDF stream, decoded
    pdf_max_decoded_bytes: int = 128 * MB  # all streams of one PDF, decoded
    pdf_max_pages: int = 500
    pdf_max_seconds: float = 30.0
    pdf_max_memory_bytes: int = 1024 * MB  # the PDF reader's address space beyond its start
    html_max_bytes: int = 32 * MB
    html_max_depth: int = 128

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if value <= 0:
                raise ValueError(f"ReadCaps.{name} must be positive, not {value!r}")


DEFAULT_CAPS = ReadCaps()
_current = DEFAULT_CAPS


def configure(caps: ReadCaps) -> None:
    """Make ``caps`` the caps of every read in this process that is not given its own."""
    global _current
    _current = caps


def current() -> ReadCaps:
    """The process's caps: :data:`DEFAULT_CAPS` unless :func:`configure` set others."""
    return _current


def megabytes(size: int) -> str:
    """``33554432`` → ``"32 MB"`` (one decimal when not whole; below 1 MB in KB), for the Chinese messages."""
    if size < MB:
        return f"{max(1, round(size / 1024))} KB"
    value = size / MB
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


class CapExceeded(Exception):
    """Reading stopped at a cap; ``message`` (Chinese) says which."""

    def __init__(self, message: str, *, cap: str, limit: int | float) -> None:
        super().__init__(message)
        self.message = message
        self.cap = cap
        self.limit = limit
