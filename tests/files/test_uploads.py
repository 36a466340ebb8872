"""Unpacking an upload within limits: ZIPs, traversal, bombs, GBK names, counts and sizes (pure)."""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass

import pytest

from gongkai.files import IntakeRefused, ProblemKind, Upload, UploadLimits, unpack, unpack_zip
from tests.files.bombs import MB, lying_compressed_size, zip_set

LIMITS = UploadLimits()


@dataclass
class FakeFile:
    name: str | None
    data: bytes

    def read(self, size: int = -1) -> bytes:
        return self.data if size < 0 else self.data[:size]


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def kinds(refused: pytest.ExceptionInfo[IntakeRefused]) -> list[ProblemKind]:
    return [problem.kind for problem in refused.value.problems]


def test_files_and_zip_members_come_out_by_name() -> None:
    archive = zip_of({"a/一.txt": b"1", "__MACOSX/._x.txt": b"junk", ".DS_Store": b"junk", "b.pdf": b"2"})
    uploads = unpack([FakeFile("C:\\Users\\x\\报告.docx", b"d"), FakeFile("set.zip", archive)], LIMITS)
    assert uploads == [Upload("报告.docx", b"d"), Upload("a/一.txt", b"1"), Upload("b.pdf", b"2")]


def test_every_problem_of_a_zip_is_named_at_once() -> None:
    archive = zip_of({"../../etc/evil.txt": b"x", "/abs.txt": b"x", "C:/win.txt": b"x", "run.exe": b"MZ"})
    with pytest.raises(IntakeRefused) as refused:
        unpack_zip("bad.zip", archive, LIMITS)
    assert kinds(refused) == [ProblemKind.UNSAFE_PATH] * 3 + [ProblemKind.NOT_ACCEPTED]
    assert [problem.place for problem in refused.value.problems] == [
        "../../etc/evil.txt",
        "/abs.txt",
        "C:/win.txt",
        "run.exe",
    ]


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"PK\x03\x04 not a zip", ProblemKind.NOT_A_ZIP), (zip_of({}), ProblemKind.EMPTY_ZIP)],
)
def test_a_broken_or_empty_zip_is_refused(data: bytes, kind: ProblemKind) -> None:
    with pytest.raises(IntakeRefused) as refused:
        unpack([FakeFile("x.zip", data)], LIMITS)
    assert kinds(refused) == [kind]
    assert refused.value.problems[0].place == "x.zip"


def test_a_member_compressed_too_well_is_a_bomb() -> None:
    with pytest.raises(IntakeRefused) as refused:
        unpack_zip("a.zip", zip_of({"big.txt": b"0" * (1024 * 1024)}), LIMITS)
    assert kinds(refused) == [ProblemKind.SUSPICIOUS_RATIO]


def test_sizes_and_counts_follow_the_limits() -> None:
    small = UploadLimits(max_file_bytes=10, max_zip_bytes=300, max_files=2, max_unpacked_bytes=15)
    with pytest.raises(IntakeRefused) as refused:
        unpack([FakeFile("a.txt", b"x" * 11)], small)
    assert kinds(refused) == [ProblemKind.FILE_TOO_LARGE]
    assert refused.value.problems[0].details["max"] == 10
    with pytest.raises(IntakeRefused) as refused:
        unpack([FakeFile("a.zip", b"x" * 301)], small)
    assert kinds(refused) == [ProblemKind.ZIP_TOO_LARGE]
    with pytest.raises(IntakeRefused) as refused:
        unpack([FakeFile("a.txt", b"1"), FakeFile("b.txt", b"2"), FakeFile("c.txt", b"3")], small)
    assert kinds(refused) == [ProblemKind.TOO_MANY_FILES]
    with pytest.raises(IntakeRefused) as refused:
        unpack_zip("a.zip", zip_of({"a.txt": b"12345678", "b.txt": b"abcdefgh"}), small)
    assert kinds(refused) == [ProblemKind.ZIP_UNPACKS_TOO_LARGE]
    with pytest.raises(IntakeRefused) as refused:
        unpack_zip("a.zip", zip_of({"a.txt": b"1", "b.txt": b"2", "c.txt": b"3"}), small)
    assert kinds(refused) == [ProblemKind.ZIP_TOO_MANY_FILES]


def test_nothing_uploaded_is_refused() -> None:
    with pytest.raises(IntakeRefused) as refused:
        unpack([], LIMITS)
    assert kinds(refused) == [ProblemKind.NO_FILES]


def test_a_nameless_file_gets_the_callers_name() -> None:
    assert unpack([FakeFile(None, b"x")], LIMITS, unnamed="（未命名）") == [Upload("（未命名）", b"x")]


def test_gbk_member_names_are_decoded() -> None:
    name = "报告.txt".encode("gbk")
    placeholder = b"abcd.txt"  # as long as the GBK name; zipfile would write a UTF-8 name with its flag
    raw = zip_of({placeholder.decode(): b"x"}).replace(placeholder, name)
    assert unpack_zip("a.zip", raw, LIMITS) == [Upload("报告.txt", b"x")]


def test_the_accepted_kinds_are_the_callers() -> None:
    only_text = UploadLimits(accepted_suffixes=frozenset({".txt"}))
    with pytest.raises(IntakeRefused) as refused:
        unpack_zip("a.zip", zip_of({"a.pdf": b"%PDF"}), only_text)
    assert kinds(refused) == [ProblemKind.NOT_ACCEPTED]


# --- across the whole upload, and what the ZIPs really unpack to ----------------------------


def test_the_size_limit_is_the_whole_uploads_not_each_zips() -> None:
    limits = UploadLimits(max_unpacked_bytes=5 * MB)
    archives = [FakeFile(name, data) for name, data in zip_set(3, 2 * MB)]  # each ZIP well within 5 MB
    with pytest.raises(IntakeRefused) as refused:
        unpack(archives, limits)
    assert kinds(refused) == [ProblemKind.UPLOAD_TOO_LARGE]
    assert refused.value.problems[0].details["max"] == 5 * MB
    assert len(unpack(archives[:2], limits)) == 2


def test_plain_files_count_towards_the_whole_upload_too() -> None:
    limits = UploadLimits(max_unpacked_bytes=5 * MB)
    files = [FakeFile(f"{n}.txt", b"x" * (2 * MB)) for n in range(3)]
    with pytest.raises(IntakeRefused) as refused:
        unpack(files, limits)
    assert kinds(refused) == [ProblemKind.UPLOAD_TOO_LARGE]


def test_the_file_count_is_the_whole_uploads() -> None:
    limits = UploadLimits(max_files=5)
    archives = [FakeFile(name, data) for name, data in zip_set(2, 3000, members=3)]  # 3 + 3 members
    with pytest.raises(IntakeRefused) as refused:
        unpack(archives, limits)
    assert kinds(refused) == [ProblemKind.TOO_MANY_FILES]
    with pytest.raises(IntakeRefused) as refused:
        unpack([archives[0], *(FakeFile(f"{n}.txt", b"x") for n in range(3))], limits)
    assert kinds(refused) == [ProblemKind.TOO_MANY_FILES]


def test_a_zip_of_too_many_entries_is_refused_before_its_directory_is_read() -> None:
    archive = zip_of({f"__MACOSX/._{n}.txt": b"" for n in range(60)})  # skipped members count as entries
    with pytest.raises(IntakeRefused) as refused:
        unpack_zip("many.zip", archive, UploadLimits(max_zip_entries=50))
    assert kinds(refused) == [ProblemKind.ZIP_TOO_MANY_FILES]
    assert refused.value.problems[0].details["count"] == 60


def test_a_member_whose_header_understates_its_ratio_is_still_a_bomb() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"0" * (3 * MB))
        archive.writestr("photo.pdf", random.Random(1).randbytes(MB), zipfile.ZIP_STORED)
    data = lying_compressed_size(buffer.getvalue(), "bomb.txt", MB)  # declares a ratio of 3
    with pytest.raises(IntakeRefused) as refused:
        unpack_zip("a.zip", data, LIMITS)
    assert kinds(refused) == [ProblemKind.SUSPICIOUS_RATIO]
    assert refused.value.problems[0].place == "bomb.txt"
