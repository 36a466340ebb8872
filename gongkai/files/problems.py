"""Problem records: what file intake found wrong with a file or an upload, in neutral terms.

A :class:`Problem` says what kind of problem it is, where (``"file"``, ``"line 12"``, a ZIP
member's name) and, for people, a message. The apps that use file intake map problems to their
own wording and severities (reports: ``UNREADABLE`` → P0 error, ``REPAIRED`` → P5 info,
``GARBLED`` and ``CUT`` → P5 warning; the upload kinds → a refusal in the UI's language).

Messages of the reading kinds are Chinese (they end up in the report findings as they are,
shared/spec/report-json.md); messages of the upload kinds are English defaults, with the values
that go into them in ``details``, for the caller to translate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ProblemKind(StrEnum):
    # reading one file
    UNREADABLE = "unreadable"  # nothing could be read (empty, binary, damaged, unsupported, over a cap)
    REPAIRED = "repaired"  # text was repaired (markup, width, pinyin, traditional, punctuation)
    GARBLED = "garbled"  # garbled text that could not be repaired
    CUT = "cut"  # reading stopped at a cap; what was read before it is kept
    # unpacking an upload (files and ZIPs)
    NOT_A_ZIP = "not_a_zip"
    EMPTY_ZIP = "empty_zip"
    ZIP_TOO_MANY_FILES = "zip_too_many_files"
    UNSAFE_PATH = "unsafe_path"
    ENCRYPTED = "encrypted"
    NOT_ACCEPTED = "not_accepted"  # not a kind of file the caller accepts (by suffix)
    FILE_TOO_LARGE = "file_too_large"
    SUSPICIOUS_RATIO = "suspicious_ratio"
    ZIP_UNPACKS_TOO_LARGE = "zip_unpacks_too_large"
    CANNOT_UNPACK = "cannot_unpack"
    ZIP_TOO_LARGE = "zip_too_large"
    NO_FILES = "no_files"
    TOO_MANY_FILES = "too_many_files"  # in one upload, all files and ZIP members together
    UPLOAD_TOO_LARGE = "upload_too_large"  # all files and ZIP members of one upload together, unpacked


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    place: str
    message: str
    details: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


class IntakeRefused(Exception):
    """An upload that cannot be taken: every problem found (nothing is half-read)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems
