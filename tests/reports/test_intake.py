"""How reports word file intake's problems: P0 errors and P5 findings, Chinese refusals."""

from __future__ import annotations

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.files import Problem, ProblemKind
from gongkai.reports.audit import audit_file
from gongkai.reports.findings import Finding, Severity, findings_of
from gongkai.reports.services import unpack
from tests.files.test_uploads import FakeFile, zip_of
from tests.seed_documents import seed_path


def test_reading_problems_become_p_findings() -> None:
    problems = [
        Problem(ProblemKind.UNREADABLE, "file", "文件为空"),
        Problem(ProblemKind.REPAIRED, "line 3", "已去除拼音注音1处"),
        Problem(ProblemKind.GARBLED, "line 9", "发现疑似乱码1处"),
        Problem(ProblemKind.CUT, "document", "只读取了前100页"),
    ]
    assert findings_of(problems) == [
        Finding("P0", Severity.ERROR, "file", "文件为空"),
        Finding("P5", Severity.INFO, "line 3", "已去除拼音注音1处"),
        Finding("P5", Severity.WARNING, "line 9", "发现疑似乱码1处"),
        Finding("P5", Severity.WARNING, "document", "只读取了前100页"),
    ]


def test_a_repaired_seed_keeps_its_p5_findings_with_severities() -> None:
    report = audit_file(seed_path("001").read_bytes(), "001.txt")
    p5 = [(f.severity, f.where) for f in report.findings if f.rule == "P5"]
    assert p5 == [(Severity.INFO, "line 1"), (Severity.INFO, p5[1][1]), (Severity.WARNING, "line 75")]


def test_an_empty_file_is_a_p0_error() -> None:
    assert audit_file(b"", "a.txt").findings == [Finding("P0", Severity.ERROR, "file", "文件为空，没有可读取的内容")]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([FakeFile("a.zip", zip_of({"../x.txt": b"1"}))], "“../x.txt”：不允许指向压缩包以外的路径。"),
        (
            [FakeFile("a.zip", zip_of({"x.exe": b"1"}))],
            "“x.exe”不是报告文件（可接受：.txt、.html、.htm、.docx、.pdf）。",
        ),
        ([FakeFile("a.txt", b"x" * (20 * 1024 * 1024 + 1))], "“a.txt”超过20 MB。"),
        ([], "请至少选择一个报告文件或ZIP压缩包。"),
    ],
)
def test_upload_problems_are_refused_in_chinese(files: list[FakeFile], message: str) -> None:
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationFailed) as refused:
        unpack(files)
    assert refused.value.message == message
