"""Taking an upload: files and ZIPs → (name, bytes) pairs, within limits; pure, no Django.

:func:`unpack` takes what a form or API received (objects with a ``name`` and ``read(size)``),
unpacks ZIPs (:func:`unpack_zip`) and checks every limit of :class:`UploadLimits`: the size of
one file and of one ZIP as uploaded, and — across the whole upload, all its files and all the
members of all its ZIPs together, not per ZIP — the number of files and the bytes they come to;
the compression ratio of each member (a ZIP bomb), paths that leave the archive, encrypted
members and the kinds of file accepted (by suffix). Member names written by Chinese Windows zip
tools (GBK without the UTF-8 flag) are decoded as such.

The sizes a ZIP's headers declare are checked first (so that a bad ZIP is refused with all its
problems before anything is unpacked), but not trusted: members are streamed through
:func:`~gongkai.files.zipread.read_member`, which counts the bytes that actually come out, and a
ZIP's entries are counted before its directory is read.

Anything unacceptable raises :class:`~gongkai.files.problems.IntakeRefused` with every problem
found in a ZIP at once (nothing is half-read); the caller words the problems for its users.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Protocol

from .caps import CapExceeded
from .problems import IntakeRefused, Problem, ProblemKind
from .zipread import Budget, directory_entries, open_archive, read_member

MB = 1024 * 1024
LOADABLE_SUFFIXES = frozenset({".txt", ".htm", ".html", ".docx", ".pdf"})  # what load_source reads
IGNORED_MEMBERS = re.compile(r"(^|/)(__MACOSX/|\.[^/]*$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
UTF8_NAME_FLAG = 0x800
ENCRYPTED_FLAG = 0x1
MAX_NAME_LENGTH = 255


@dataclass(frozen=True)
class UploadLimits:
    max_file_bytes: int = 20 * MB  # one file (a report DOCX with images stays well below)
    max_zip_bytes: int = 100 * MB  # one ZIP as uploaded
    max_files: int = 500  # files in one upload, ZIP members included
    max_unpacked_bytes: int = 200 * MB  # everything one upload comes to: its files and all ZIP members
    max_compression_ratio: int = 100  # beyond this a member is treated as a ZIP bomb
    max_zip_entries: int = 2000  # entries in one ZIP (folders and skipped files too), counted before opening it
    accepted_suffixes: frozenset[str] = LOADABLE_SUFFIXES


class _Tally:
    """What one upload has come to so far: files and bytes, across all its files and ZIPs."""

    def __init__(self, limits: UploadLimits) -> None:
        self.files = 0
        self.budget = Budget(limits.max_unpacked_bytes, message="", cap="max_unpacked_bytes")

    @property
    def bytes(self) -> int:
        return self.budget.limit - self.budget.left


class UploadedLike(Protocol):
    """What a view passes: Django's UploadedFile (or any object with a name and read())."""

    name: str | None

    def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def _problem(kind: ProblemKind, place: str, message: str, **details: Any) -> Problem:
    return Problem(kind, place, message % details, details)


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name; names from Chinese Windows zip tools are GBK without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & UTF8_NAME_FLAG:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name.replace("\\", "/")


def unsafe_path(name: str) -> bool:
    """A member path that would leave the archive: absolute, a drive letter, or ``..``."""
    path = PurePosixPath(name)
    return name.startswith("/") or bool(re.match(r"^[A-Za-z]:", name)) or ".." in path.parts


def _not_a_zip(name: str, error: Exception) -> IntakeRefused:
    problem = _problem(
        ProblemKind.NOT_A_ZIP, name, "“%(name)s” is not a valid ZIP file (%(reason)s).", name=name, reason=str(error)
    )
    return IntakeRefused([problem])


def _too_many(limits: UploadLimits) -> Problem:
    return _problem(
        ProblemKind.TOO_MANY_FILES, "upload", "At most %(max)d files may be uploaded at once.", max=limits.max_files
    )


def _upload_too_large(limits: UploadLimits) -> Problem:
    return _problem(
        ProblemKind.UPLOAD_TOO_LARGE,
        "upload",
        "The files of one upload may come to at most %(max)d bytes in all (ZIPs unpacked).",
        max=limits.max_unpacked_bytes,
    )


def unpack_zip(name: str, data: bytes, limits: UploadLimits, tally: _Tally | None = None) -> list[Upload]:
    """The accepted files of a ZIP, or IntakeRefused naming every problem (nothing is half-read).

    ``tally``: what the upload came to before this ZIP (its limits are the whole upload's).
    """
    tally = tally or _Tally(limits)
    try:
        archive = open_archive(data, max_members=limits.max_zip_entries, what=name)
        infos = archive.infolist()
    except CapExceeded as cut:
        raise IntakeRefused(
            [
                _problem(
                    ProblemKind.ZIP_TOO_MANY_FILES,
                    name,
                    "“%(name)s” holds %(count)d files; at most %(max)d may be uploaded at once.",
                    name=name,
                    count=directory_entries(data) or int(cut.limit) + 1,
                    max=limits.max_files,
                )
            ]
        ) from cut
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError) as error:
        raise _not_a_zip(name, error) from error
    members = [(info, member_name(info)) for info in infos if not info.is_dir()]
    members = [(info, member) for info, member in members if not IGNORED_MEMBERS.search(member)]
    problems: list[Problem] = []
    if not members:
        problems.append(_problem(ProblemKind.EMPTY_ZIP, name, "“%(name)s” contains no files.", name=name))
    if len(members) > limits.max_files:
        problems.append(
            _problem(
                ProblemKind.ZIP_TOO_MANY_FILES,
                name,
                "“%(name)s” holds %(count)d files; at most %(max)d may be uploaded at once.",
                name=name,
                count=len(members),
                max=limits.max_files,
            )
        )
    elif tally.files + len(members) > limits.max_files:
        problems.append(_too_many(limits))
    total = 0
    for info, member in members:
        if unsafe_path(member):
            problems.append(
                _problem(
                    ProblemKind.UNSAFE_PATH,
                    member,
                    "“%(member)s”: a path outside the archive is not allowed.",
                    member=member,
                )
            )
        if info.flag_bits & ENCRYPTED_FLAG:
            problems.append(_problem(ProblemKind.ENCRYPTED, member, "“%(member)s” is encrypted.", member=member))
        if PurePosixPath(member).suffix.lower() not in limits.accepted_suffixes:
            problems.append(
                _problem(
                    ProblemKind.NOT_ACCEPTED, member, "“%(member)s” is not an accepted kind of file.", member=member
                )
            )
        if info.file_size > limits.max_file_bytes:
            problems.append(_too_large(member, limits.max_file_bytes))
        elif _suspicious(info.file_size, info.compress_size, limits):
            problems.append(_suspicious_ratio(member))
        total += info.file_size
    if total > limits.max_unpacked_bytes:
        problems.append(
            _problem(
                ProblemKind.ZIP_UNPACKS_TOO_LARGE,
                name,
                "“%(name)s” unpacks to more than %(max)d bytes.",
                name=name,
                max=limits.max_unpacked_bytes,
            )
        )
    elif total > tally.budget.left:
        problems.append(_upload_too_large(limits))
    if problems:
        raise IntakeRefused(problems)
    uploads: list[Upload] = []
    for info, member in members:
        try:
            content = read_member(
                archive,
                info,
                max_bytes=limits.max_file_bytes,
                max_ratio=limits.max_compression_ratio,
                budget=tally.budget,
                what=member,
            )
        except CapExceeded as cut:
            if cut.cap == "max_part_bytes":
                raise IntakeRefused([_too_large(member, limits.max_file_bytes)]) from cut
            if cut.cap == "max_ratio":
                raise IntakeRefused([_suspicious_ratio(member)]) from cut
            raise IntakeRefused([_upload_too_large(limits)]) from cut
        except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError, EOFError) as error:
            raise IntakeRefused(
                [
                    _problem(
                        ProblemKind.CANNOT_UNPACK,
                        member,
                        "“%(member)s” in “%(name)s” cannot be unpacked (%(reason)s).",
                        member=member,
                        name=name,
                        reason=str(error),
                    )
                ]
            ) from error
        tally.files += 1
        uploads.append(Upload(member[-MAX_NAME_LENGTH:], content))
    return uploads


def _suspicious(size: int, compressed: int, limits: UploadLimits) -> bool:
    return bool(compressed) and size > compressed * limits.max_compression_ratio


def _suspicious_ratio(member: str) -> Problem:
    return _problem(
        ProblemKind.SUSPICIOUS_RATIO, member, "“%(member)s” is compressed suspiciously well.", member=member
    )


def _too_large(name: str, limit: int) -> Problem:
    return _problem(ProblemKind.FILE_TOO_LARGE, name, "“%(name)s” is larger than %(max)d bytes.", name=name, max=limit)


def upload_name(raw: str | None, unnamed: str) -> str:
    """The base name of an uploaded file (a browser may send a Windows path), ``unnamed`` if none."""
    return PurePosixPath((raw or "").replace("\\", "/")).name or unnamed


def unpack(files: Iterable[UploadedLike], limits: UploadLimits, *, unnamed: str = "(unnamed)") -> list[Upload]:
    """Uploaded files as (name, bytes), ZIPs unpacked; IntakeRefused for anything unacceptable.

    The count and the total size are the whole upload's: every file and every member of every ZIP.
    """
    uploads: list[Upload] = []
    tally = _Tally(limits)
    for file in files:
        name = upload_name(file.name, unnamed)
        if name.lower().endswith(".zip"):
            data = file.read(limits.max_zip_bytes + 1)
            if len(data) > limits.max_zip_bytes:
                raise IntakeRefused(
                    [
                        _problem(
                            ProblemKind.ZIP_TOO_LARGE,
                            name,
                            "“%(name)s” is larger than %(max)d bytes.",
                            name=name,
                            max=limits.max_zip_bytes,
                        )
                    ]
                )
            uploads.extend(unpack_zip(name, data, limits, tally))
            continue
        if tally.files >= limits.max_files:
            raise IntakeRefused([_too_many(limits)])
        data = file.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise IntakeRefused([_too_large(name, limits.max_file_bytes)])
        try:
            tally.budget.take(len(data))
        except CapExceeded as cut:
            raise IntakeRefused([_upload_too_large(limits)]) from cut
        tally.files += 1
        uploads.append(Upload(name[-MAX_NAME_LENGTH:], data))
    if not uploads:
        raise IntakeRefused([_problem(ProblemKind.NO_FILES, "upload", "Choose at least one file or ZIP.")])
    return uploads
