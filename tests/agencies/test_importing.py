import pytest

from gongkai.agencies.importing import import_agencies
from gongkai.agencies.models import Agency, DisclosureOffice
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent

pytestmark = pytest.mark.django_db

GOOD = """code,name,level,parent_code,short_name,office_name,office_phone
hz-gov,海州市人民政府,市级,prov,海州市,海州市政务公开办,0518-1
hz-edu,海州市教育局,部门,hz-gov,,海州市教育局办公室,
hz-gy,海州区人民政府,county,hz-gov,,,
hz-town,新浦街道办事处,乡镇,hz-gy,,,
"""


def run(text: str, encoding: str = "utf-8"):
    return import_agencies(actor=None, data=text.encode(encoding), via="test")


def test_imports_a_tree_parents_first_even_when_listed_later(world) -> None:
    shuffled = GOOD.splitlines()
    text = "\n".join([shuffled[0], shuffled[4], shuffled[3], shuffled[2], shuffled[1]])
    report = run(text)
    assert sorted(report.created) == ["hz-edu", "hz-gov", "hz-gy", "hz-town"]
    town = Agency.objects.get(code="hz-town")
    assert town.parent.code == "hz-gy"
    assert town.path.startswith(world.province.path)
    assert DisclosureOffice.objects.get(agency__code="hz-gov").phone == "0518-1"


def test_reimporting_the_same_file_changes_nothing(world) -> None:
    run(GOOD)
    events = AuditEvent.objects.count()
    report = run(GOOD)
    assert report.created == []
    assert report.updated == []
    assert len(report.unchanged) == 4
    assert AuditEvent.objects.count() == events


def test_reimport_updates_names_and_offices(world) -> None:
    run(GOOD)
    report = run(GOOD.replace("海州市教育局,部门", "海州市教育和体育局,部门").replace("0518-1", "0518-2"))
    assert sorted(report.updated) == ["hz-edu", "hz-gov"]
    assert Agency.objects.get(code="hz-edu").name == "海州市教育和体育局"


def test_gb18030_from_excel_and_chinese_headers(world) -> None:
    text = "代码,名称,层级,上级代码\r\nhz-gov,海州市人民政府,市,prov\r\n"
    report = run(text, encoding="gb18030")
    assert report.created == ["hz-gov"]


def test_every_error_is_reported_with_its_line_and_nothing_is_imported(world) -> None:
    text = (
        "code,name,level,parent_code\n"
        "ok-1,正常局,部门,prov\n"  # line 2 fine
        "bad code,坏代码,部门,prov\n"  # line 3
        "ok-2,,部门,prov\n"  # line 4 empty name
        "ok-3,某局,bureau,prov\n"  # line 5 unknown level
        "ok-4,某局,部门,nowhere\n"  # line 6 unknown parent
        "ok-1,重复,部门,prov\n"  # line 7 duplicate code
        "ok-5,某市,市级,county\n"  # line 8 city under county
        "city,青山市人民政府,市级,other-city\n"  # line 9 would move an agency
    )
    with pytest.raises(ValidationFailed) as raised:
        run(text)
    details = "\n".join(raised.value.details)
    for line in (3, 4, 5, 6, 7, 8, 9):
        assert f"第{line}行" in details, details
    assert not any(d.startswith("第2行") for d in raised.value.details)
    assert "未导入任何数据" in raised.value.message
    assert not Agency.objects.filter(code="ok-1").exists()


def test_cycles_are_reported(world) -> None:
    text = "code,name,level,parent_code\na,甲局,部门,b\nb,乙局,部门,a\n"
    with pytest.raises(ValidationFailed) as raised:
        run(text)
    assert "循环" in "\n".join(raised.value.details)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "文件为空"),
        (b"\x00\x01binary", "不是文本"),
        ("名称,层级\n某局,部门\n".encode(), "缺少列 code"),
        (b"code,name,level\n", "没有机关数据"),
        (b"\xff\xfe\xfa\xfb\xfc", "编码"),
    ],
)
def test_unreadable_files_get_a_clear_message(world, data: bytes, fragment: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        import_agencies(actor=None, data=data, via="test")
    text = raised.value.message + "\n".join(raised.value.details or [])
    assert fragment in text


# --- probes (issue 9 item 8): odd input gives a clear Chinese problem, exit status 2, no traceback ---


def _cli(tmp_path, text: str) -> tuple[int, str]:
    from io import StringIO

    from gongkai.agencies.management.commands.agencies import Command

    path = tmp_path / "agencies.csv"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    command = Command(stdout=StringIO(), stderr=err)
    with pytest.raises(SystemExit) as exit_:
        command.run_from_argv(["gongkai", "agencies", "import", str(path)])
    return int(exit_.value.code), err.getvalue()


def _deep_chain(depth: int, *, loop: bool = False) -> str:
    lines = ["code,name,level,parent_code", "d0,第0局,部门,prov"]
    lines += [f"d{n},第{n}局,部门,d{n - 1}" for n in range(1, depth)]
    if loop:
        lines[1] = f"d0,第0局,部门,d{depth - 1}"
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("code,name,level,parent_code,sort_order\nx1,某局,部门,prov,²\n", "排序"),
        ("code,name,level,parent_code,sort_order\nx1,某局,部门,prov,99999999999999999999\n", "排序"),
        ("code,name,level,parent_code\nx1," + "长" * 200_000 + ",部门,prov\n", "第 2 行"),
        (_deep_chain(3000), "层"),
        (_deep_chain(3000, loop=True), "循环"),
    ],
    ids=["superscript-digit", "20-digit-number", "over-csv-field-limit", "chain-3000-deep", "cycle-3000-long"],
)
def test_odd_files_are_refused_with_exit_2_and_change_nothing(world, tmp_path, text: str, fragment: str) -> None:
    before = (Agency.objects.count(), AuditEvent.objects.count())
    code, err = _cli(tmp_path, text)
    assert code == 2
    assert err.startswith("错误")
    assert fragment in err
    assert "Traceback" not in err
    assert len(err.splitlines()) <= 3  # the summary and the problem, not one line per row
    assert (Agency.objects.count(), AuditEvent.objects.count()) == before


def test_the_depth_limit_is_what_the_path_column_holds(world) -> None:
    """A chain that fits is imported and its paths are whole; one level more is refused before saving."""
    step = len(str(Agency.objects.order_by("-pk").first().pk + 100)) + 1
    fits = (255 - len(world.province.path)) // step
    report = run(_deep_chain(fits))
    assert len(report.created) == fits
    deepest = Agency.objects.get(code=f"d{fits - 1}")
    assert len(deepest.path) <= 255
    assert deepest.path.count("/") - 1 == world.province.path.count("/") - 1 + fits
