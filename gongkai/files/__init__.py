"""File intake shared by every app: bytes → typed blocks, uploads → files, within limits. Pure, no Django.

Public API:

- :func:`load_source` ``(data, name) -> SourceDocument`` — one file's bytes read into repaired
  blocks (paragraphs and tables) whatever the format (text in any Chinese encoding, HTML, DOCX,
  PDF), with :class:`Problem` records for what could not be read or was repaired (``loader``).
- :class:`ReadCaps`: how much any file may unpack to and how long reading it may take (``caps``);
  ``load_source`` takes them (default: the process's, :func:`configure_caps`).
- :func:`unpack` ``(files, limits) -> list[Upload]`` — an upload's files with ZIPs unpacked,
  every :class:`UploadLimits` checked; :class:`IntakeRefused` lists the problems (``uploads``).
- Model types: :class:`SourceDocument`, :class:`Block`, :class:`BlockKind`, :class:`MediaType`,
  :class:`Problem`, :class:`ProblemKind`.

Apps map the neutral problem records to their own wording (reports: P0/P5 findings).
"""

from __future__ import annotations

from .caps import ReadCaps
from .caps import configure as configure_caps
from .loader import load_source
from .model import Block, BlockKind, MediaType, SourceDocument
from .problems import IntakeRefused, Problem, ProblemKind
from .uploads import LOADABLE_SUFFIXES, Upload, UploadedLike, UploadLimits, unpack, unpack_zip

__all__ = [
    "LOADABLE_SUFFIXES",
    "Block",
    "BlockKind",
    "IntakeRefused",
    "MediaType",
    "Problem",
    "ProblemKind",
    "ReadCaps",
    "SourceDocument",
    "Upload",
    "UploadLimits",
    "UploadedLike",
    "configure_caps",
    "load_source",
    "unpack",
    "unpack_zip",
]
