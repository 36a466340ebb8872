"""``gongkai report audit``: exit statuses, JSON shape, CSV, HTML — and no database needed."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.reports.management.commands import report as report_command
from gongkai.reports.model import NARRATIVE_FACTS
from tests.seed_documents import seed_path

from .report_text import report_text
from .sample_reports import modified, zhaoyuan_2023

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["format", "agency", "year", "sections", "t2", "t3", "t4", "narrative", "findings"]


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "招远市2023.txt"
    path.parent.mkdir()
    path.write_text(report_text(zhaoyuan_2023(), narrative="2023年共收到申请205件，予以公开50件。"), encoding="utf-8")
    return path


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    report = modified(zhaoyuan_2023())
    assert report.t4 is not None
    report.t4["reconsideration"]["total"] = 6  # R4
    path = tmp_path / "in" / "r4.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(report_text(report).encode("gbk"))
    return path


def run(*args: str) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("report", "audit", *args, stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return out.getvalue(), error.returncode
    return out.getvalue(), 0


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console entry, with a database URL that cannot be reached: the audit must not need one."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "postgres://nobody:none@127.0.0.1:9/none",
    }
    return subprocess.run(
        [sys.executable, "-m", "gongkai.core.cli", "report", "audit", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_clean_file_exits_0_with_a_chinese_summary(clean: Path) -> None:
    out, status = run(str(clean))
    assert status == 0
    assert "招远市人民政府" in out
    assert "2021年格式" in out
    assert "得分100" in out
    assert "共审核1个文件，其中0个有错误。" in out


def test_a_file_with_errors_exits_1_and_names_them(failing: Path) -> None:
    out, status = run(str(failing))
    assert status == 1
    assert "[错误] R4 表四 · 行政复议 · 总计" in out


def test_json_for_one_file_is_one_object_in_the_spec_order(clean: Path) -> None:
    out, status = run(str(clean), "--json")
    assert status == 0
    data = json.loads(out)
    assert list(data) == KEYS
    assert data["format"] == "2021"
    assert data["t3"]["total"] == [200, 0, 0, 0, 0, 0, 200]
    assert set(data["narrative"]) <= set(NARRATIVE_FACTS)
    assert "招远市人民政府" in out  # ensure_ascii off


def test_json_for_a_folder_is_an_array_in_file_order(clean: Path, failing: Path) -> None:
    out, status = run(str(clean.parent), "--json")
    assert status == 1
    data = json.loads(out)
    assert isinstance(data, list)
    assert [item["t4"]["reconsideration"]["total"] for item in data] == [6, 5]  # r4.txt sorts first
    assert [f["rule"] for f in data[0]["findings"] if f["severity"] == "error"] == ["R4"]


def test_csv_and_html_for_several_files(clean: Path, failing: Path, tmp_path: Path) -> None:
    empty = clean.parent / "empty.txt"
    empty.write_bytes(b"")
    out_dir, out_csv = tmp_path / "pages", tmp_path / "summary.csv"
    _, status = run(str(clean.parent), "--html", str(out_dir), "--csv", str(out_csv))
    assert status == 1
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(Path(r[0]).name, r[3], r[5]) for r in rows[1:]] == [
        ("empty.txt", "unreadable", "1"),
        ("r4.txt", "2021", "1"),
        ("招远市2023.txt", "2021", "0"),
    ]
    pages = sorted(p.name for p in out_dir.iterdir())
    assert pages == ["empty.txt.html", "index.html", "r4.txt.html", "招远市2023.txt.html"]
    index = (out_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="r4.txt.html"' in index
    r4_page = (out_dir / "r4.txt.html").read_text(encoding="utf-8")
    assert 'id="gk-t4-reconsideration-total" aria-describedby="f' in r4_page


def test_html_for_one_file_is_one_page(clean: Path, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    _, status = run(str(clean), "--html", str(target))
    assert status == 0
    assert "得分 <strong>100</strong>" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "extra",
    [
        ["--csv", "/nonexistent-folder/summary.csv"],
        ["--html", "/nonexistent-folder/page.html"],
    ],
)
def test_an_unwritable_output_is_bad_usage(clean: Path, extra: list[str]) -> None:
    _, status = run(str(clean), *extra)
    assert status == 2


def test_a_missing_path_is_bad_usage(tmp_path: Path) -> None:
    _, status = run(str(tmp_path / "nothing.txt"))
    assert status == 2


def test_the_console_command_exits_0_1_2_without_a_database(clean: Path, failing: Path, tmp_path: Path) -> None:
    good = cli(str(clean))
    assert good.returncode == 0, good.stderr
    assert "得分100" in good.stdout
    bad = cli(str(clean), str(failing), "--json")
    assert bad.returncode == 1
    assert len(json.loads(bad.stdout)) == 2
    assert "错误：" in bad.stderr
    usage = cli()
    assert usage.returncode == 2
    assert "缺少必填参数" in usage.stderr
    missing = cli(str(tmp_path / "nothing.txt"))
    assert missing.returncode == 2
    assert "文件或文件夹不存在" in missing.stderr


def run_with_stderr(*args: str) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("report", "audit", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), str(error), error.returncode
    return out.getvalue(), err.getvalue(), 0


def test_a_file_over_the_size_limit_is_not_read_and_exits_2(clean: Path, settings: Any) -> None:
    big = clean.parent / "big.txt"
    big.write_bytes(clean.read_bytes() * 3)
    settings.GONGKAI_REPORT_AUDIT_MAX_FILE_BYTES = clean.stat().st_size + 10
    out, message, status = run_with_stderr(str(clean.parent))
    assert status == 2
    assert "文件过大（" in out  # the P0 finding of big.txt, in Chinese
    assert "得分100" in out  # ... while the file within the limit is audited as usual
    limit = f"{(clean.stat().st_size + 10) / 1024:.1f} KB"
    assert message == f"1个文件大于 {limit}，未读取：{big}"
    data, _, status = run_with_stderr(str(big), "--json")
    assert status == 2
    report = json.loads(data)
    assert report["format"] == "not-a-report"
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("P0", "error")]


def test_a_file_that_grows_past_the_limit_is_read_no_further(tmp_path: Path) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 101)
    load = report_command._bounded_reader(path, 100)
    with pytest.raises(report_command.FileTooLarge):
        load()
    path.write_bytes(b"x" * 100)
    assert load() == b"x" * 100


def test_a_document_that_is_not_a_report_exits_3(tmp_path: Path, failing: Path) -> None:
    plan = tmp_path / "in" / "plan.txt"
    plan.write_text("2023年工作计划\n一、工作目标\n做好政务公开工作。\n", encoding="utf-8")
    out, message, status = run_with_stderr(str(plan))
    assert status == 3
    assert "格式：不是年度报告" in out
    assert message == f"1个文件中有1个不是年度报告：{plan}"
    _, _, status = run_with_stderr(str(plan), str(failing))
    assert status == 1  # errors come first


def test_the_exit_statuses_are_in_the_help() -> None:
    result = cli("--help")
    assert result.returncode == 0
    assert "  3  有文件不是年度报告（未作任何检查）\n" in result.stdout
    assert "  2  用法错误，或有文件大于 20.0 MB（" in result.stdout


def test_a_closed_pipe_ends_the_output_quietly(tmp_path: Path) -> None:
    """``gongkai report audit … | head -1``: no traceback, and the CSV is still written in full."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(120):  # ~200 KB of summary: far more than a pipe holds
        (folder / f"r{number:03d}.txt").write_bytes(seed_path("001").read_bytes())
    summary, err, status = tmp_path / "summary.csv", tmp_path / "stderr.txt", tmp_path / "status.txt"
    command = shlex.join(
        [sys.executable, "-m", "gongkai.core.cli", "report", "audit", str(folder), "--csv", str(summary)]
    )
    pipeline = f"{command} 2>{shlex.quote(str(err))} | head -1; echo ${{PIPESTATUS[0]}} >{shlex.quote(str(status))}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "postgres://nobody:none@127.0.0.1:9/none",
    }
    result = subprocess.run(
        ["bash", "-c", pipeline], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.stdout == f"== {folder / 'r000.txt'}\n"
    assert err.read_text(encoding="utf-8") == ""
    assert status.read_text().strip() == "0"
    assert len(summary.read_bytes().decode("utf-8-sig").splitlines()) == 121
