"""``gongkai documents import``: CSV and JSON Lines, the whole file checked first (line numbers,
nothing imported), published with an audit event naming the user, re-runs without duplicates."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.agencies.models import Role
from gongkai.core.models import AuditEvent
from gongkai.documents.importing import parse_date
from gongkai.documents.models import Document, DocumentKind
from tests.conftest import World
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

HEADER = "agency,kind,title,doc_number,index_number,issuer,written_on,published_on,status,topic,body,url"
# Real documents of the Shandong provincial government and the State Council (as published).
GOOD = [
    "city,normative,山东省人民政府办公厅关于印发2024年山东省政务公开工作要点的通知,鲁政办字［2024］52号,,"
    "山东省人民政府办公厅,2024-04-19,2024/4/28,in_force,政务公开,<p>要点</p><script>x</script>,"
    "https://www.shandong.gov.cn/art/2024/4/28/art_1.html",
    "city,other,山东省人民政府关于济南槐荫工业园区等11家工业园区更名的通知,鲁政字〔2019〕4号,,山东省人民政府,"
    "2019年1月3日,2019-01-07,,,,",
    "city,,国务院办公厅关于印发2021年政务公开工作要点的通知,,GK-0001,国务院办公厅,,,,,,",
    "city,rule,山东省规章和行政规范性文件备案规定,,,山东省人民政府,2020-12-06,,,,,",
]


@pytest.fixture
def editor(world: World) -> Any:
    user = UserFactory(username="city_editor")
    grant(user, world.city, Role.EDITOR)
    return user


def write(tmp_path: Path, lines: list[str], name: str = "docs.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def run(path: Path, *args: str) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("documents", "import", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error), error.returncode
    return out.getvalue(), err.getvalue(), 0


def test_a_good_csv_imports_published_documents_with_their_parts(world: World, editor: Any, tmp_path: Path) -> None:
    out, _err, code = run(write(tmp_path, [HEADER, *GOOD]), "--user", "city_editor")
    assert code == 0
    assert "已导入 4 件文件；0 件已存在" in out
    plan = Document.objects.get(doc_prefix="鲁政办字")
    assert plan.agency == world.city
    assert plan.state == "published"
    assert plan.kind.code == "normative"
    assert plan.doc_number == "鲁政办字［2024］52号"
    assert plan.doc_number_norm == "鲁政办字〔2024〕52号"
    assert (plan.doc_year, plan.doc_serial) == (2024, 52)
    assert (plan.written_on, plan.published_on) == (date(2024, 4, 19), date(2024, 4, 28))
    assert plan.index_number == "city/2024-00001"
    assert "<script>" not in plan.body
    assert "要点" in plan.body
    assert plan.topic == "政务公开"
    assert plan.source_url.startswith("https://www.shandong.gov.cn/")
    assert plan.created_by == editor
    assert Document.objects.get(doc_prefix="鲁政字").written_on == date(2019, 1, 3)
    assert Document.objects.get(index_number="GK-0001").kind.code == "other"  # blank kind: other
    events = AuditEvent.objects.filter(action="document.created")
    assert events.count() == 4
    assert {e.actor_label for e in events} == {"city_editor"}
    assert {e.details["state"] for e in events} == {"published"}


def test_json_lines_import_without_a_user_is_audited_as_the_cli(world: World, tmp_path: Path) -> None:
    rows = [
        {"agency": "city", "title": "国务院办公厅关于印发2017年政务公开工作要点的通知",
         "doc_number": "国办发〔2017〕24号", "issuer": "国务院办公厅",
         "published_on": "2017-05-09", "kind": "normative"},
        {"agency": "county", "title": "绿水县政务公开指南", "status": "expired"},
    ]  # fmt: skip
    path = tmp_path / "docs.data"  # no suffix: recognised by its content
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n\n", encoding="utf-8")
    _out, _err, code = run(path)
    assert code == 0
    first = Document.objects.get(doc_prefix="国办发")
    assert (first.doc_year, first.doc_serial, first.agency) == (2017, 24, world.city)
    assert Document.objects.get(agency=world.county).status == "expired"
    assert set(AuditEvent.objects.filter(action="document.created").values_list("actor_label", flat=True)) == {
        "system:cli"
    }


def test_an_agency_kind_is_accepted(world: World, tmp_path: Path) -> None:
    DocumentKind.objects.create(code="notice", name="通知", agency=world.province)
    _out, err, code = run(
        write(tmp_path, ["agency,title,kind", "city,青山市通知,notice", "other-city,白云市通知,notice"])
    )
    assert code == 0, err
    assert Document.objects.get(agency=world.city).kind.code == "notice"  # the province's kind, inherited


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("city,other,标题,,,,2024-02-30,,,,,", "written_on"),
        ("city,other,标题,,,,,yesterday,,,,", "published_on"),
        ("nowhere,other,标题,,,,,,,,,", "nowhere"),
        ("city,circular,标题,,,,,,,,,", "circular"),
        ("city,other,标题,,,,,,valid,,,", "valid"),
        ("city,other,,,,,,,,,,", "标题"),
        (",other,标题,,,,,,,,,", "机关"),
        ("city,other,标题,,,,2024-05-01,2024-04-01,,,,", "成文日期"),
        ("city,other,标题,,,,,,,,,ftp://x", "url"),
    ],
    ids=["impossible-date", "not-a-date", "unknown-agency", "unknown-kind", "unknown-status", "no-title",
         "no-agency", "published-before-written", "bad-url"],
)  # fmt: skip
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    world: World, tmp_path: Path, row: str, fragment: str
) -> None:
    path = write(tmp_path, [HEADER, GOOD[0], GOOD[1], row, GOOD[2]])
    _out, err, code = run(path)
    assert code == 1
    assert "第 4 行" in err
    assert fragment in err
    assert "未导入" in err
    assert Document.objects.count() == 0
    assert not AuditEvent.objects.filter(action="document.created").exists()


def test_every_bad_row_is_reported(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, [HEADER, "city,other,标题,,,,2024-13-01,,,,,", GOOD[0], "city,other,,,,,,,,,,"])
    _out, err, code = run(path)
    assert code == 1
    assert "第 2 行" in err
    assert "第 4 行" in err
    assert "第 3 行" not in err


def test_a_multiline_cell_keeps_line_numbers_right(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, ["agency,title,body", 'city,第一件,"一行\n两行\n三行"', "city,,"])
    _out, err, code = run(path)
    assert code == 1
    assert "第 5 行" in err


def test_an_unknown_column_is_a_problem(world: World, tmp_path: Path) -> None:
    _out, err, code = run(write(tmp_path, ["agency,titel,title", "city,x,标题"]))
    assert code == 1
    assert "titel" in err
    assert Document.objects.count() == 0


def test_the_provenance_columns_are_accepted_and_not_imported(world: World, tmp_path: Path) -> None:
    row = {"agency": "city", "title": "青山市通知", "body": "正文", "source": "https://example.org/a",
           "body_generated": True}  # fmt: skip
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    _out, err, code = run(path)
    assert code == 0, err
    document = Document.objects.get()
    assert (document.title, document.body, document.source_url) == ("青山市通知", "正文", "")


def test_a_user_who_may_not_edit_the_agency_imports_nothing(world: World, editor: Any, tmp_path: Path) -> None:
    _out, err, code = run(write(tmp_path, ["agency,title", "city,可以", "other-city,不可以"]), "--user", "city_editor")
    assert code == 1
    assert "白云市人民政府" in err
    assert Document.objects.count() == 0


def test_an_unknown_user_or_file_is_a_usage_error(world: World, tmp_path: Path) -> None:
    assert run(write(tmp_path, [HEADER, *GOOD]), "--user", "nobody")[2] == 2
    assert run(tmp_path / "missing.csv")[2] == 2


def test_a_rerun_creates_no_duplicates(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, [HEADER, *GOOD])
    assert run(path)[2] == 0
    out, _err, code = run(path)
    assert code == 0
    assert Document.objects.count() == 4
    assert "已导入 0 件文件；4 件已存在" in out


@pytest.mark.parametrize(
    ("first", "again"),
    [
        ("city,other,甲,,IDX-1,,,,,,,", "city,other,甲（改）,,IDX-1,,,,,,,"),  # same 索引号
        ("city,other,甲,鲁政办发〔2024〕5号,,山东省人民政府办公厅,,,,,,",
         "city,other,甲（另一标题）,鲁政办发[2024]5号,,山东省人民政府办公厅,,,,,,"),  # same 文号 + issuer
        ("city,other,甲,,,山东省人民政府,,2024-01-02,,,,", "city,other,甲,,,山东省人民政府,,2024/1/2,,,,"),
        ("city,other,甲,,,山东省人民政府,,,,,,", "city,other,甲,,,山东省人民政府,,,,,,"),  # no date: today's
    ],
    ids=["index-number", "doc-number-and-issuer", "title-issuer-date", "title-issuer-no-date"],
)  # fmt: skip
def test_each_identity_rule_finds_the_document_again(world: World, tmp_path: Path, first: str, again: str) -> None:
    assert run(write(tmp_path, [HEADER, first], "a.csv"))[2] == 0
    out, _err, code = run(write(tmp_path, [HEADER, again], "b.csv"))
    assert code == 0
    assert Document.objects.count() == 1
    assert "已导入 0 件文件；1 件已存在" in out


def test_the_same_number_from_another_issuer_or_agency_is_another_document(world: World, tmp_path: Path) -> None:
    rows = [
        "city,other,甲,鲁政办发〔2024〕5号,,山东省人民政府办公厅,,,,,,",
        "city,other,甲,鲁政办发〔2024〕5号,,山东省人民政府,,,,,,",
        "county,other,甲,鲁政办发〔2024〕5号,,山东省人民政府办公厅,,,,,,",
        "county,other,甲,鲁政办发〔2024〕5号,,山东省人民政府办公厅,,,,,,",  # twice in the file: once
    ]
    out, _err, code = run(write(tmp_path, [HEADER, *rows]))
    assert code == 0
    assert Document.objects.count() == 3
    assert "已导入 3 件文件；1 件已存在" in out


def test_dry_run_imports_nothing(world: World, tmp_path: Path) -> None:
    out, _err, code = run(write(tmp_path, [HEADER, *GOOD]), "--dry-run")
    assert code == 0
    assert "将导入 4 件，0 件已存在" in out
    assert Document.objects.count() == 0


def test_a_state_column_keeps_drafts(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, ["agency,title,state", "city,草稿,draft", "city,已发布,", "city,已发布二,published"])
    assert run(path)[2] == 0
    assert dict(Document.objects.values_list("title", "state")) == {
        "草稿": "draft",
        "已发布": "published",
        "已发布二": "published",
    }
    assert Document.objects.get(title="草稿").published_on is None
    assert run(write(tmp_path, ["agency,title,state", "city,坏,reviewed"], "bad.csv"))[2] == 1


def test_gb18030_and_bom_files(world: World, tmp_path: Path) -> None:
    assert run(write(tmp_path, [HEADER, GOOD[0]], "gb.csv", encoding="gb18030"))[2] == 0
    assert Document.objects.get().issuer == "山东省人民政府办公厅"
    assert run(write(tmp_path, [HEADER, GOOD[1]], "bom.csv", encoding="utf-8-sig"))[2] == 0
    assert Document.objects.filter(doc_prefix="鲁政字").exists()


def test_batches_number_index_numbers_without_gaps(world: World, tmp_path: Path) -> None:
    rows = [f"city,other,文件{n},,,,2024-01-{n + 1:02d},,,,," for n in range(7)]
    assert run(write(tmp_path, [HEADER, *rows]), "--batch", "3")[2] == 0
    numbers = sorted(Document.objects.values_list("index_number", flat=True))
    assert numbers == [f"city/2024-{n:05d}" for n in range(1, 8)]


def test_date_forms() -> None:
    assert parse_date("2024-04-28") == parse_date("2024/4/28") == parse_date("2024年4月28日") == date(2024, 4, 28)
    assert parse_date(" ") is None
    with pytest.raises(ValueError, match=r"28\.4\.2024"):
        parse_date("28.4.2024")
