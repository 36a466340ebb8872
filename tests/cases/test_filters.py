"""The workspace's filters and sorting: one selector for the page and GET /api/v1/staff/cases."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from gongkai.cases import selectors, services
from gongkai.cases.models import Case
from gongkai.cases.services import ApplicantInput
from tests.conftest import World

from .builders import application, arrived, assigned, registered

pytestmark = pytest.mark.django_db

VALID_USCC = "913700001630600086"


def logged_in(world: World, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def company() -> ApplicantInput:
    return ApplicantInput(
        kind="commercial",
        name="青山建设有限公司",
        id_type="unified_social_credit_code",
        id_number=VALID_USCC,
        phone="13800138001",
    )


@pytest.fixture
def three(world: World) -> dict[str, Case]:
    """A: city, in person, a person, 1 Sept, drafted (disclosed). B: county, by post, a company,
    12 Oct. C: city, in person, a person, 2 Nov, withdrawn."""
    a = assigned(world, date(2026, 9, 1))
    a = services.case_draft_reply(actor=world.users["handler"], case=a, outcome="disclosed", on=date(2026, 9, 3))
    b = services.case_register(
        actor=None,
        agency=world.county,
        application=application(applicant=company(), description="绿水县2026年道路养护合同"),
        channel="post",
        received_at=arrived(date(2026, 10, 12)),
        signed_for_on=date(2026, 10, 12),
    ).case
    c = registered(world, date(2026, 11, 2), description="青山市2026年预算草案")
    c = services.case_withdraw(actor=world.users["registrar"], case=c, reason="申请人书面撤回", on=date(2026, 11, 3))
    return {"a": a, "b": b, "c": c}


def numbers_in(body: str) -> set[str]:
    return set(re.findall(r"[^<>\s]+申〔\d{4}〕\d{4}号", body))


def api_numbers(client: Client, **params: str) -> list[str]:
    response = client.get("/api/v1/staff/cases", params)
    assert response.status_code == 200, response.content
    return [item["number"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"view": "all"}, {"a", "b", "c"}),
        ({"view": "all", "channel": "post"}, {"b"}),
        ({"view": "all", "channel": "in_person"}, {"a", "c"}),
        ({"view": "all", "applicant_kind": "commercial"}, {"b"}),
        ({"view": "all", "applicant_kind": "natural_person"}, {"a", "c"}),
        ({"view": "all", "agency": "county"}, {"b"}),
        ({"view": "all", "agency": "city"}, {"a", "b", "c"}),  # the subtree: the county is under the city
        ({"view": "all", "status": "withdrawn"}, {"c"}),
        ({"view": "all", "received_from": "2026-10-01"}, {"b", "c"}),
        ({"view": "all", "received_from": "2026-10-01", "received_to": "2026-10-31"}, {"b"}),
        ({"view": "all", "received_to": "2026-09-30"}, {"a"}),
        ({"view": "open"}, {"a", "b"}),
        ({"view": "by_outcome"}, {"a", "c"}),
        ({"view": "by_outcome", "outcome": "disclosed"}, {"a"}),
        ({"view": "all", "q": "道路养护"}, {"b"}),
        # every word required, in any of number, applicant and request; folded like the public search
        ({"view": "all", "q": "绿水县 道路养护"}, {"b"}),
        ({"view": "all", "q": "青山建设 道路养护"}, {"b"}),
        ({"view": "all", "q": "道路养护 预算"}, set()),
        ({"view": "all", "q": "道路養護"}, {"b"}),  # traditional characters
        ({"view": "all", "q": "２０２６年预算"}, {"c"}),  # full-width digits
    ],
)
def test_the_page_and_the_api_filter_alike(
    world: World, three: dict[str, Case], params: dict[str, str], expected: set[str]
) -> None:
    head = logged_in(world, "city_supervisor")
    wanted = {three[key].number for key in expected}
    assert set(api_numbers(head, **params)) == wanted
    page = numbers_in(head.get("/staff/cases/", params).content.decode())
    assert page == wanted


@pytest.mark.parametrize("brackets", ["〔〕", "[]", "()", "（）", "［］"])
def test_a_case_number_is_found_in_any_bracket_variant(world: World, three: dict[str, Case], brackets: str) -> None:
    number = three["b"].number
    typed = number.replace("〔", brackets[0]).replace("〕", brackets[1])
    head = logged_in(world, "city_supervisor")
    assert api_numbers(head, view="all", q=typed) == [number]


def test_sorting_by_each_column(world: World, three: dict[str, Case]) -> None:
    head = logged_in(world, "city_supervisor")
    a, b, c = three["a"].number, three["b"].number, three["c"].number
    assert api_numbers(head, sort="received") == [a, b, c]
    assert api_numbers(head, sort="-received") == [c, b, a]
    # the workflow's order: in progress (b) before drafted (a) before withdrawn (c)
    assert api_numbers(head, sort="status") == [b, a, c]
    assert api_numbers(head, sort="-status") == [c, a, b]
    by_number = api_numbers(head, sort="number")
    assert by_number == sorted(by_number)
    assert api_numbers(head, sort="-number") == list(reversed(by_number))
    body = head.get("/staff/cases/", {"view": "all", "sort": "-received"}).content.decode()
    assert body.index(c) < body.index(b) < body.index(a)
    assert 'aria-sort="descending"' in body
    # the column header links to the other direction and keeps the filters
    assert "sort=received" in body
    ascending = head.get("/staff/cases/", {"view": "all", "channel": "in_person", "sort": "received"}).content.decode()
    assert ascending.index(a) < ascending.index(c)
    assert "channel=in_person&amp;sort=-received" in ascending


def test_bad_values_get_a_chinese_422_from_the_api(world: World, three: dict[str, Case]) -> None:
    head = logged_in(world, "city_supervisor")
    for params, field in [
        ({"status": "flying"}, "status"),
        ({"channel": "pigeon"}, "channel"),
        ({"applicant_kind": "alien"}, "applicant_kind"),
        ({"outcome": "maybe"}, "outcome"),
        ({"received_from": "2026-13-01"}, "received_from"),
        ({"received_from": "2026-10-01", "received_to": "2026-09-01"}, "received_to"),
        ({"sort": "colour"}, "sort"),
        ({"view": "everything"}, "view"),
        ({"agency": "other-city"}, "agency"),  # exists, but outside the head's reach
        ({"agency": "nowhere"}, "agency"),
    ]:
        response = head.get("/api/v1/staff/cases", params)
        assert response.status_code == 422, params
        payload = response.json()["error"]
        assert "筛选条件" in payload["message"], payload
        assert field in payload["details"], payload


def test_the_page_names_a_bad_filter_in_chinese_and_keeps_working(world: World, three: dict[str, Case]) -> None:
    head = logged_in(world, "city_supervisor")
    response = head.get("/staff/cases/", {"view": "all", "received_from": "昨天", "channel": "pigeon"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "不是日期" in body
    assert "未知的取值" in body
    assert numbers_in(body) == {three[k].number for k in "abc"}  # the bad filters are left out
    outside = head.get("/staff/cases/", {"view": "all", "agency": "other-city"}).content.decode()
    assert "不在您的范围内" in outside


def test_the_outcome_view_counts_the_reports_rows(world: World, three: dict[str, Case]) -> None:
    body = logged_in(world, "city_supervisor").get("/staff/cases/", {"view": "by_outcome"}).content.decode()
    assert "(一)予以公开" in body
    assert "3.其他" in body  # the withdrawn case, row (六)3
    assert "(四)无法提供 1.本机关不掌握相关政府信息" in body  # every row is listed, also with none
    rows = {code: count for code, _label, count in selectors.outcome_counts(Case.objects.all())}
    assert rows["disclosed"] == 1
    assert rows["other"] == 1
    assert rows["partially_disclosed"] == 0


def test_filters_keep_to_the_users_reach(world: World, three: dict[str, Case]) -> None:
    county = logged_in(world, "county_handler")
    assert set(api_numbers(county, view="all")) == {three["b"].number}
    assert api_numbers(logged_in(world, "other_handler"), view="all", channel="post") == []
    # the agency choices on the page are the user's reach only
    body = county.get("/staff/cases/").content.decode()
    assert 'value="county"' in body
    assert 'value="city"' not in body


def test_the_filter_form_works_without_javascript(world: World, three: dict[str, Case]) -> None:
    body = logged_in(world, "city_supervisor").get("/staff/cases/", {"view": "all", "channel": "post"}).content.decode()
    assert '<form method="get" role="search"' in body
    assert '<option value="post" selected>' in body
    for label in ["渠道", "申请人类型", "收到日期自", "收到日期至", "机关（含下级机关）"]:
        assert label in body, label
