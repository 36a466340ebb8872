"""The case lists (overdue, due soon, scoped) and ``gongkai cases list|show``."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.cases import selectors
from gongkai.cases.masking import mask_id, mask_phone
from gongkai.core.errors import NotFound
from tests.conftest import World

from .builders import assigned, registered

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("cases", *args, stdout=out)
    return out.getvalue()


def test_overdue_and_due_soon(world: World) -> None:
    late = assigned(world, date(2026, 9, 1))  # due 29 September 2026
    assert late.due_on == date(2026, 9, 29)
    cases = selectors.staff_cases(world.users["head"])
    assert list(selectors.overdue(cases, today=date(2026, 9, 30))) == [late]
    assert list(selectors.overdue(cases, today=date(2026, 9, 29))) == []  # the due day itself is in time
    assert list(selectors.due_within(cases, 5, today=date(2026, 9, 22))) == [late]
    assert list(selectors.due_within(cases, 3, today=date(2026, 9, 22))) == []  # 25 Sep is 中秋节


def test_staff_see_only_their_agencies_cases(world: World) -> None:
    case = registered(world)
    assert list(selectors.staff_cases(world.users["handler"])) == [case]
    assert list(selectors.staff_cases(world.users["city_supervisor"])) == [case]  # from above
    assert list(selectors.staff_cases(world.users["county_handler"])) == []
    assert list(selectors.staff_cases(world.users["other_handler"])) == []
    with pytest.raises(NotFound):
        selectors.staff_case(world.users["other_handler"], case.number)


def test_the_list_command_in_json_and_as_a_table(world: World) -> None:
    case = assigned(world)
    rows = json.loads(run("list", "--json"))
    assert [row["number"] for row in rows] == [case.number]
    assert rows[0]["due"] == "2026-09-29"
    assert rows[0]["handler"] == world.users["handler"].username
    assert rows[0]["status_label"] == "办理中"
    table = run("list", "--user", world.users["handler"].username)
    assert case.number in table
    assert table.splitlines()[-1] == "共1件。"
    assert run("list", "--user", world.users["other_handler"].username).strip() == "没有申请。"


def test_the_list_command_filters_by_agency_subtree(world: World) -> None:
    registered(world)
    assert json.loads(run("list", "--json", "--agency", world.county.code)) == []
    assert len(json.loads(run("list", "--json", "--agency", world.province.code))) == 1


def test_show_masks_personal_data_and_lists_the_steps(world: World) -> None:
    case = assigned(world)
    detail = json.loads(run("show", case.number, "--json"))
    assert detail["applicant"]["id_number"] == "110105********002X"
    assert detail["applicant"]["phone"] == "138****8000"
    assert [e["action"] for e in detail["events"]] == ["received", "accept", "assign"]
    text = run("show", case.number)
    assert "分办" in text and "110105********002X" in text  # noqa: PT018
    assert "11010519491231002X" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "没有这个号"), "没有编号"),
        (("list", "--agency", "nowhere"), "nowhere"),
        (("list", "--user", "ghost"), "ghost"),
    ],
)
def test_bad_usage_is_one_chinese_line(world: World, args: tuple[str, ...], message: str) -> None:
    with pytest.raises((CommandError, NotFound), match=message):
        run(*args)


@pytest.mark.parametrize(
    ("value", "masked"),
    [("11010519491231002X", "110105********002X"), ("E1234567", "********"), ("13800138000", "138****8000")],
)
def test_masking(value: str, masked: str) -> None:
    mask = mask_phone if value.startswith("138") else mask_id
    assert mask(value) == masked
