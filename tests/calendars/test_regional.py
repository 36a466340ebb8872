"""Regional holidays (issue 10 item 3): a region's own rest days, entered by its administrators, used by
the clock for the cases of its agencies only, shown on their calendar page, audited.

The fixture is a real notice: 拉萨市人民政府办公室关于2025年藏历新年放假安排的通知 (11 February 2025):
藏历新年 rest from 27 February to 4 March 2025, 6 days (4 working days and a weekend), no make-up day.
Source: 中国新闻网, 24 February 2025, https://www.cnenergynews.cn/article/4OAHsP4lTLi.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Agency, Role
from gongkai.calendars import selectors, services
from gongkai.calendars.models import RegionalHoliday
from gongkai.calendars.recompute import RecomputeReport, register_recomputer, unregister_recomputer
from gongkai.cases import services as case_services
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.law.workdays import WorkingCalendar
from tests.cases.builders import application, arrived
from tests.factories import AgencyFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

NOTICE = "拉萨市人民政府办公室关于2025年藏历新年放假安排的通知"
SOURCE = "https://www.cnenergynews.cn/article/4OAHsP4lTLi"
FIRST, LAST = date(2025, 2, 27), date(2025, 3, 4)


@pytest.fixture
def lhasa(world: Any) -> Agency:
    return AgencyFactory(code="lhasa", name="拉萨市人民政府", level="city", parent=world.province)


@pytest.fixture
def lhasa_dept(lhasa: Agency) -> Agency:
    return AgencyFactory(code="lhasa-edu", name="拉萨市教育局", level="department", parent=lhasa)


@pytest.fixture
def lhasa_admin(lhasa: Agency) -> Any:
    user = UserFactory(username="lhasa_admin")
    grant(user, lhasa, Role.ADMINISTRATOR)
    return user


@pytest.fixture
def losar(lhasa: Agency, lhasa_admin: Any) -> RegionalHoliday:
    return services.regional_holiday_add(
        actor=lhasa_admin, agency=lhasa, name="藏历新年", start=FIRST, end=LAST, notice=NOTICE, source_url=SOURCE
    )


def test_the_days_count_for_the_region_and_below_it_only(
    world: Any, lhasa: Agency, lhasa_dept: Agency, losar: Any
) -> None:
    for agency in (lhasa, lhasa_dept):
        calendar = selectors.get_calendar(agency)
        assert not calendar.is_working_day(FIRST), agency
        assert not calendar.is_working_day(LAST)
        assert calendar.is_working_day(FIRST - timedelta(days=1))
    for agency in (None, world.province, world.city, world.county):
        assert selectors.get_calendar(agency).is_working_day(FIRST), agency
    # 4 working days fewer in 2025 in 拉萨
    assert selectors.working_days_in_year(2025) - selectors.working_days_in_year(2025, lhasa_dept) == 4
    # agencies without regional days share the national calendar
    assert selectors.get_calendar(world.city) is selectors.get_calendar()


def test_the_clock_of_a_case_in_the_region_counts_them(
    world: Any, lhasa: Agency, lhasa_dept: Agency, losar: Any
) -> None:
    registrar = UserFactory(username="lhasa_registrar")
    grant(registrar, lhasa_dept, Role.REGISTRAR)
    case = case_services.case_register(
        actor=registrar,
        agency=lhasa_dept,
        application=application(),
        channel="in_person",
        received_at=arrived(date(2025, 2, 24)),
    ).case
    national = selectors.get_calendar().add_working_days(date(2025, 2, 24), 20)
    assert case.due_on == selectors.get_calendar(lhasa_dept).add_working_days(date(2025, 2, 24), 20)
    assert case.due_on == national + timedelta(days=4)  # four working days later: 24 March → 28 March
    other = case_services.case_register(
        actor=world.users["registrar"],
        agency=world.city,
        application=application(),
        channel="in_person",
        received_at=arrived(date(2025, 2, 24)),
    ).case
    assert other.due_on == national


def test_adding_and_deleting_recompute_with_each_agencys_calendar(
    lhasa: Agency, lhasa_dept: Agency, lhasa_admin: Any, world: Any
) -> None:
    seen: list[tuple[str, bool]] = []

    def recompute(calendar: WorkingCalendar, calendar_for: Any) -> RecomputeReport:
        for agency in (lhasa_dept, world.city):
            seen.append((agency.code, calendar_for(agency).is_working_day(FIRST)))
        return RecomputeReport("regional-test")

    register_recomputer("regional-test", recompute)
    try:
        holiday = services.regional_holiday_add(
            actor=lhasa_admin, agency=lhasa, name="藏历新年", start=FIRST, end=LAST, notice=NOTICE
        )
        assert seen == [("lhasa-edu", False), ("city", True)]
        seen.clear()
        services.regional_holiday_delete(actor=lhasa_admin, holiday=holiday)
        assert seen == [("lhasa-edu", True), ("city", True)]
    finally:
        unregister_recomputer("regional-test")
    assert selectors.get_calendar(lhasa_dept).is_working_day(FIRST)


def test_only_the_regions_administrators_may_enter_them(
    world: Any, lhasa: Agency, county_admin: Any, platform_admin: Any
) -> None:
    for user in (county_admin, world.users["supervisor"], world.users["registrar"]):
        with pytest.raises(PermissionDenied):
            services.regional_holiday_add(
                actor=user, agency=lhasa, name="藏历新年", start=FIRST, end=LAST, notice=NOTICE
            )
    assert not RegionalHoliday.objects.exists()
    # the county's own administrator may, for the county; an administrator above may too
    services.regional_holiday_add(
        actor=county_admin, agency=world.county, name="测试节", start=FIRST, end=FIRST, notice="通知"
    )
    services.regional_holiday_add(
        actor=platform_admin, agency=lhasa, name="藏历新年", start=FIRST, end=LAST, notice=NOTICE
    )
    assert RegionalHoliday.objects.count() == 2


def test_the_pages_refuse_others_with_403(client: Client, lhasa: Agency, county_admin: Any, losar: Any) -> None:
    client.force_login(county_admin)
    url = reverse("calendar_staff:regional", args=["lhasa"])
    assert client.get(url).status_code == 403
    data = {"name": "x", "start": "2025-05-01", "end": "2025-05-01", "notice": "n"}
    assert client.post(url, data).status_code == 403
    delete = reverse("calendar_staff:regional_delete", args=["lhasa", losar.pk])
    assert client.post(delete).status_code == 403
    assert RegionalHoliday.objects.count() == 1


def test_the_regional_page_adds_and_deletes_with_chinese_messages(
    client: Client, lhasa: Agency, lhasa_admin: Any
) -> None:
    client.force_login(lhasa_admin)
    url = reverse("calendar_staff:regional", args=["lhasa"])
    page = client.get(url)
    assert page.status_code == 200
    data = {"name": "藏历新年", "start": "2025-02-27", "end": "2025-03-04", "notice": NOTICE, "source_url": SOURCE}
    assert client.post(url, data).status_code == 302
    holiday = RegionalHoliday.objects.get()
    assert (holiday.name, holiday.start, holiday.end, holiday.source_url) == ("藏历新年", FIRST, LAST, SOURCE)
    overlapping = client.post(url, {**data, "name": "雪顿节", "start": "2025-03-03", "end": "2025-03-09"})
    assert overlapping.status_code == 400
    assert "这些日期与本机关已录入的“藏历新年 2025-02-27–2025-03-04”重叠" in overlapping.content.decode()
    too_long = client.post(url, {**data, "start": "2025-07-01", "end": "2025-08-15"})
    assert "一个地方节假日最长31天" in too_long.content.decode()
    backwards = client.post(url, {**data, "start": "2025-07-09", "end": "2025-07-01"})
    assert "放假末日早于放假首日" in backwards.content.decode()
    assert RegionalHoliday.objects.count() == 1
    html = client.get(url).content.decode()
    assert f'<a href="{SOURCE}" rel="noopener">{NOTICE}</a>' in html
    assert client.post(reverse("calendar_staff:regional_delete", args=["lhasa", holiday.pk])).status_code == 302
    assert not RegionalHoliday.objects.exists()
    actions = list(AuditEvent.objects.filter(agency=lhasa).values_list("action", flat=True).order_by("id"))
    assert actions[-2:] == ["calendar.regional_added", "calendar.regional_deleted"]


def test_the_events_are_in_the_audit_log_of_the_region_not_elsewhere(
    client: Client, world: Any, losar: Any, lhasa_admin: Any
) -> None:
    client.force_login(lhasa_admin)
    assert "增加地方节假日" in client.get(reverse("workspace:audit")).content.decode()
    other = UserFactory(username="other_city_admin")
    grant(other, world.other_city, Role.ADMINISTRATOR)
    client.force_login(other)
    assert "增加地方节假日" not in client.get(reverse("workspace:audit")).content.decode()


def test_a_year_the_state_council_has_not_set_stays_unknown(lhasa: Agency, lhasa_admin: Any) -> None:
    services.regional_holiday_add(
        actor=lhasa_admin, agency=lhasa, name="藏历新年", start=date(2027, 2, 8), end=date(2027, 2, 12), notice="通知"
    )
    assert not selectors.get_calendar(lhasa).covers(date(2027, 2, 8))


def test_the_calendar_page_shows_them_for_the_region(client: Client, lhasa_dept: Agency, losar: Any) -> None:
    url = reverse("calendars:calendar_year", args=[2025])
    national = client.get(url)
    assert "藏历新年" not in [p.name for p in national.context["periods"]]
    assert "拉萨市人民政府" in national.content.decode()  # offered as a region
    regional = client.get(url, {"agency": "lhasa-edu"})
    periods = {p.name: p for p in regional.context["periods"]}
    assert periods["藏历新年"].regional
    assert (periods["藏历新年"].start, periods["藏历新年"].days) == (FIRST, 6)
    assert regional.context["working_days"] == national.context["working_days"] - 4
    html = regional.content.decode()
    assert '<td class=" regional" title="2025年2月27日 星期四 藏历新年">' in html
    assert '<td class=" regional"' not in national.content.decode()
    answer = client.get(url, {"agency": "lhasa-edu", "date": "2025-02-27"}).content.decode()
    assert "本地区机关休息日（藏历新年）" in answer


def test_the_calculator_counts_them_when_the_region_is_chosen(client: Client, losar: Any) -> None:
    query = {"received": "2025-02-24", "today": "2025-03-10"}
    national = client.get("/clock/", query).context["result"]
    regional = client.get("/clock/", {**query, "agency": "lhasa"})
    assert regional.context["result"].working_days_used == national.working_days_used - 4
    assert "已计入拉萨市人民政府的地方休息日" in regional.content.decode()
    assert client.get("/clock/", {**query, "agency": "nowhere"}).status_code == 400  # not a choice


def test_bad_regional_input_is_refused_in_chinese(lhasa: Agency, lhasa_admin: Any) -> None:
    with pytest.raises(ValidationFailed):
        services.regional_holiday_add(actor=lhasa_admin, agency=lhasa, name="", start=FIRST, end=LAST, notice="")
    with pytest.raises(ValidationFailed, match="跨年的假期请分两段录入"):
        services.regional_holiday_add(
            actor=lhasa_admin, agency=lhasa, name="x", start=date(2025, 12, 30), end=date(2026, 1, 2), notice="n"
        )
    assert not RegionalHoliday.objects.exists()
