"""Report table 二 from the library and the entered figures; the figures CSV; Art. 26 timeliness."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.documents import services
from gongkai.documents.figures_csv import read_figures
from gongkai.documents.models import ProactiveFigures
from gongkai.documents.services import DocumentInput
from gongkai.documents.statistics import table_two
from gongkai.documents.timeliness import timeliness_report
from tests.conftest import World
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
NORM = DocumentInput(title="规范性文件", kind="normative", written_on=date(2024, 3, 1), published_on=date(2024, 3, 5))


def published(world: World, data: DocumentInput) -> Any:
    return services.document_create(actor=None, agency=world.city, data=data, state="published")


def test_table_two_counts_issued_repealed_and_in_force_at_year_end(world: World) -> None:
    old = published(world, replace(NORM, title="旧文件", written_on=date(2022, 1, 1), published_on=date(2022, 1, 5)))
    expiring = published(
        world,
        replace(
            NORM,
            title="到期文件",
            published_on=date(2023, 1, 5),
            written_on=date(2023, 1, 1),
            expires_on=date(2024, 6, 30),
        ),
    )
    repealer = published(world, replace(NORM, title="废止决定"))
    services.document_relate(actor=None, source=repealer, target=old, kind="repeals", on=date(2024, 3, 5))
    published(world, replace(NORM, title="规章", kind="rule"))
    services.document_create(actor=None, agency=world.city, data=replace(NORM, title="草稿"))
    t2 = table_two(world.city, 2024)
    assert t2["normative_documents"] == {"issued": 1, "repealed": 1, "in_force": 1}  # only the repealer is left
    assert t2["rules"] == {"issued": 1, "repealed": 0, "in_force": 1}
    assert table_two(world.city, 2023)["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 2}
    assert expiring.pk
    assert t2["licensing"] == {"decisions": None}  # not entered
    ProactiveFigures.objects.create(
        agency=world.city, year=2024, licensing_decisions=1520, fees_10k_yuan=Decimal("12.5")
    )
    t2 = table_two(world.city, 2024)
    assert t2["licensing"] == {"decisions": 1520}
    assert t2["penalty"] == {"decisions": 0}
    assert t2["fees"] == {"amount_10k_yuan": Decimal("12.5")}


GOOD = "agency,year,licensing,penalty,compulsory,fees_10k_yuan\ncity,2024,1520,38,2,12.5\ncounty,2024,300,4,0,0\n"


def test_the_figures_csv_is_read_with_chinese_headers_too() -> None:
    rows, problems = read_figures(GOOD, known_agencies={"city", "county"})
    assert problems == []
    assert [(r.agency, r.licensing, r.fees) for r in rows] == [
        ("city", 1520, Decimal("12.5")),
        ("county", 300, Decimal(0)),
    ]
    chinese = "机关代码,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\ncity,2024,1,2,3,0.1234\n"
    assert read_figures(chinese, known_agencies={"city"})[1] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("agency,year\ncity,2024\n", "缺少列"),
        ("agency,year,licensing,penalty,compulsory,fees_10k_yuan\nnowhere,2024,1,1,1,1\n", "第 2 行：没有代码"),
        ("agency,year,licensing,penalty,compulsory,fees_10k_yuan\ncity,2024,-1,1,1,1\n", "行政许可应为不小于0的整数"),
        ("agency,year,licensing,penalty,compulsory,fees_10k_yuan\ncity,1900,1,1,1,1\n", "年度"),
        ("agency,year,licensing,penalty,compulsory,fees_10k_yuan\ncity,2024,1,1,1,1.23456\n", "最多4位小数"),
        (
            "agency,year,licensing,penalty,compulsory,fees_10k_yuan\ncity,2024,1,1,1,1\ncity,2024,1,1,1,1\n",
            "与第 2 行重复",
        ),
        ("", "空"),
    ],
)
def test_bad_figures_are_reported_with_their_line(text: str, message: str) -> None:
    _, problems = read_figures(text, known_agencies={"city"})
    assert any(message in p for p in problems), problems


def test_the_figures_page_previews_then_saves(world: World) -> None:
    editor = UserFactory(username="city_editor")
    grant(editor, world.city, Role.EDITOR)
    grant(editor, world.county, Role.EDITOR)
    client = Client()
    client.force_login(editor)
    preview = client.post("/staff/documents/figures/", {"file": SimpleUploadedFile("t2.csv", GOOD.encode("gb18030"))})
    assert "保存" in preview.content.decode()
    assert not ProactiveFigures.objects.exists()
    client.post("/staff/documents/figures/", {"csv": GOOD, "confirm": "1"})
    assert ProactiveFigures.objects.get(agency=world.city, year=2024).penalty_decisions == 38
    again = GOOD.replace("1520", "1600")
    client.post("/staff/documents/figures/", {"csv": again, "confirm": "1"})
    assert ProactiveFigures.objects.get(agency=world.city, year=2024).licensing_decisions == 1600
    assert ProactiveFigures.objects.count() == 2
    bad = client.post("/staff/documents/figures/", {"csv": GOOD.replace("county", "other-city"), "confirm": "1"})
    assert "没有代码" in bad.content.decode()
    handler = Client()
    handler.force_login(world.users["handler"])
    assert handler.get("/staff/documents/figures/").status_code == 404


def test_timeliness_lists_late_items(world: World) -> None:
    # formed 2 September 2024: 20 working days → due 30 September 2024
    on_time = published(world, replace(NORM, title="按时", formed_on=date(2024, 9, 2), published_on=date(2024, 9, 30)))
    late = published(world, replace(NORM, title="超时", formed_on=date(2024, 9, 2), published_on=date(2024, 10, 9)))
    published(world, replace(NORM, title="无形成日期", published_on=date(2024, 9, 10)))
    (row,) = timeliness_report(world.city, date(2024, 9, 1), date(2024, 9, 30), today=date(2024, 12, 31))
    assert (row.counted, row.on_time, row.unknown) == (2, 1, 1)
    assert [item.document for item in row.late] == [late]
    assert row.late[0].due == date(2024, 9, 30)
    assert row.late[0].working_days_late == 2  # 8 and 9 October (after the National Day holiday)
    assert on_time.pk
    head = Client()
    head.force_login(world.users["head"])
    page = head.get(
        "/staff/documents/timeliness/", {"agency": "city", "from": "2024-09-01", "to": "2024-09-30"}
    ).content.decode()
    assert "超时" in page
