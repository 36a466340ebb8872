"""The staff entry page (issue 10 item 2): a year typed as ranges or pasted as the notice's text, a
preview with the completeness check, a diff and the deadlines that would move, a confirmation step,
and stale forms refused."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.calendars import selectors, services
from gongkai.calendars.models import HolidaySchedule, ScheduleStatus
from gongkai.calendars.recompute import RecomputeReport, clock_due, register_recomputer, unregister_recomputer
from gongkai.law.workdays import WorkingCalendar

from .conftest import days_2027
from .notice_2027 import MAKEUPS_2027, NOTICE_2027, PERIODS_2027

pytestmark = pytest.mark.django_db
URL = reverse("calendar_staff:edit", args=[2027])


@pytest.fixture
def staff(client: Client, platform_admin: Any) -> Client:
    client.force_login(platform_admin)
    return client


def rows(periods: list[tuple[str, date, date]], makeups: list[tuple[date, str]]) -> dict[str, str]:
    data: dict[str, str] = {}
    for i, (name, start, end) in enumerate(periods):
        data |= {
            f"periods-{i}-name": name,
            f"periods-{i}-start": start.isoformat(),
            f"periods-{i}-end": end.isoformat(),
        }
    for i, (day, name) in enumerate(makeups):
        data |= {f"makeups-{i}-date": day.isoformat(), f"makeups-{i}-name": name}
    return data


def form_data(response: Any) -> dict[str, str]:
    """The fields of the page's entry form as the browser would send them back."""
    form = response.context["form"]
    data = {
        name: "" if value is None else str(value) for name, value in form.data.items() if not name.endswith("_FORMS")
    }
    return data


def test_pasting_the_notice_fills_the_rows_and_previews_without_saving(staff: Client) -> None:
    response = staff.post(URL, {"version": "0", "notice": "", "notice_text": NOTICE_2027, "action": "parse"})
    assert response.status_code == 200
    periods = response.context["periods"]
    assert [
        (f.cleaned_data["name"], f.cleaned_data["start"], f.cleaned_data["end"]) for f in periods.forms[:7]
    ] == PERIODS_2027
    makeups = response.context["makeups"]
    assert [(f.cleaned_data["date"], f.cleaned_data["name"]) for f in makeups.forms[:5]] == MAKEUPS_2027
    assert response.context["form"].cleaned_data["notice"] == "国务院办公厅关于2027年部分节假日安排的通知"
    preview = response.context["preview"]
    assert preview.check.complete
    assert preview.current is None
    assert not preview.used_by_clock
    html = response.content.decode()
    assert "2027年安排完整" in html
    assert html.count('<table class="month">') == 12
    assert 'value="save"' in html  # the confirmation step: save only after this preview
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_save_needs_the_preview_of_exactly_these_data(staff: Client) -> None:
    data = {"version": "0", "notice": "通知", "action": "save", **rows(PERIODS_2027, MAKEUPS_2027)}
    response = staff.post(URL, data)
    assert response.status_code == 200
    assert response.context["review_first"]
    assert not HolidaySchedule.objects.filter(year=2027).exists()
    token = response.context["form"].data["reviewed"]
    changed = {**data, "reviewed": token, "periods-6-end": "2027-10-08"}  # edited after the preview
    assert staff.post(URL, changed).context["review_first"]
    assert not HolidaySchedule.objects.filter(year=2027).exists()
    saved = staff.post(URL, {**data, "reviewed": token})
    assert saved.status_code == 302
    schedule = HolidaySchedule.objects.get(year=2027)
    assert schedule.status == ScheduleStatus.DRAFT
    assert sorted((d.date, d.kind, d.name) for d in schedule.days.all()) == sorted(
        (d.date, d.kind, d.name) for d in days_2027()
    )


def test_a_saved_draft_is_confirmed_from_the_page_and_the_calculator_uses_it(staff: Client) -> None:
    parsed = staff.post(URL, {"version": "0", "notice": "", "notice_text": NOTICE_2027, "action": "parse"})
    assert staff.post(URL, {**form_data(parsed), "action": "save"}).status_code == 302
    page = staff.get(URL)
    html = page.content.decode()
    assert "草稿" in html
    assert page.context["confirm_preview"].check.complete
    assert "确认本年安排" in html
    assert staff.get("/clock/", {"received": "2027-02-03", "today": "2027-02-22"}).status_code == 400  # not loaded
    version = HolidaySchedule.objects.get(year=2027).version
    response = staff.post(reverse("calendar_staff:confirm", args=[2027]), {"version": str(version)})
    assert response.status_code == 302
    assert HolidaySchedule.objects.get(year=2027).status == ScheduleStatus.CONFIRMED
    result = staff.get("/clock/", {"received": "2027-02-03", "today": "2027-02-22"})
    assert result.status_code == 200
    # 2月4日 (1), the rest 5–13 February, 2月15–19 (2–6), the make-up Saturday 20th (7), the 22nd (8)
    assert result.context["result"].working_days_used == 8


def test_an_incomplete_draft_shows_what_is_missing_and_no_confirm_button(staff: Client) -> None:
    services.schedule_save(actor=None, year=2027, days=days_2027()[:3], via="test")  # 元旦 only
    html = staff.get(URL).content.decode()
    assert "2027年安排不完整，不能确认" in html
    assert "缺少春节" in html
    assert reverse("calendar_staff:confirm", args=[2027]) not in html
    version = HolidaySchedule.objects.get(year=2027).version
    staff.post(reverse("calendar_staff:confirm", args=[2027]), {"version": str(version)})
    assert HolidaySchedule.objects.get(year=2027).status == ScheduleStatus.DRAFT


def test_a_notice_of_another_year_is_refused(staff: Client) -> None:
    text = NOTICE_2027.replace("2027年", "2026年")
    response = staff.post(URL, {"version": "0", "notice_text": text, "action": "parse"})
    assert "通知标题是2026年的安排，而录入的是2027年" in response.content.decode()
    assert response.context["periods"].forms[0].cleaned_data.get("start") is None  # rows not filled
    assert not HolidaySchedule.objects.filter(year=2027).exists()


def test_a_correction_shows_the_days_that_change_and_the_deadlines_that_would_move(staff: Client) -> None:
    services.schedule_save(actor=None, year=2027, days=days_2027(), via="test")
    services.schedule_confirm(actor=None, year=2027, via="test")
    received, today = date(2027, 10, 8), date(2027, 10, 9)
    stored = {"case A": clock_due(received, [], today, selectors.get_calendar()).due}
    assert stored["case A"] == date(2027, 11, 4)

    def recompute(calendar: WorkingCalendar) -> RecomputeReport:
        report = RecomputeReport("cases")
        for name, due in stored.items():
            report.checked += 1
            new = clock_due(received, [], today, calendar).due
            if new != due:
                report.changed += 1
                report.moved.append(f"{name}: {due} → {new}")
        return report

    register_recomputer("cases", recompute)
    try:
        version = HolidaySchedule.objects.get(year=2027).version
        # the make-up Saturday after 国庆节 moves to the Saturday before it
        periods = PERIODS_2027
        makeups = [m for m in MAKEUPS_2027 if m[0] != date(2027, 10, 9)] + [(date(2027, 9, 25), "国庆节")]
        data = {"version": str(version), "notice": "通知", "action": "preview", **rows(periods, makeups)}
        response = staff.post(URL, data)
        assert response.status_code == 200
        preview = response.context["preview"]
        assert [(c.date, c.before, c.after) for c in preview.changes] == [
            (date(2027, 9, 25), "", "workday"),
            (date(2027, 10, 9), "workday", ""),
        ]
        assert preview.used_by_clock
        assert preview.moved == 1
        html = response.content.decode()
        assert "2天有变化" in html
        assert "保存后，在办申请中1个已存期限将立即变化" in html
        assert "case A: 2027-11-04 → 2027-11-05" in html
        assert "确认修改" in html
        # the preview wrote nothing
        assert HolidaySchedule.objects.get(year=2027).version == version
        assert selectors.get_calendar().is_working_day(date(2027, 10, 9))
        saved = staff.post(URL, {**data, "action": "save", "reviewed": response.context["form"].data["reviewed"]})
        assert saved.status_code == 302
        assert selectors.get_calendar().is_working_day(date(2027, 9, 25))
        assert not selectors.get_calendar().is_working_day(date(2027, 10, 9))
    finally:
        unregister_recomputer("cases")


def test_a_stale_form_is_refused(staff: Client, superuser: Any) -> None:
    services.schedule_save(actor=None, year=2027, days=days_2027(), via="test")
    services.schedule_confirm(actor=None, year=2027, via="test")
    version = HolidaySchedule.objects.get(year=2027).version
    assert staff.get(URL).context["form"].initial["version"] == version  # the form carries its version
    periods = [p if p[0] != "端午节" else ("端午节", date(2027, 6, 9), date(2027, 6, 11)) for p in PERIODS_2027]
    makeups = [*MAKEUPS_2027, (date(2027, 6, 12), "端午节"), (date(2027, 6, 13), "端午节")]
    data = {"version": str(version), "notice": "通知", "action": "preview", **rows(periods, makeups)}
    token = staff.post(URL, data).context["form"].data["reviewed"]
    # meanwhile another administrator corrects the year
    services.schedule_save(
        actor=superuser, year=2027, days=days_2027(), notice="通知（更正）", expected_version=version
    )
    response = staff.post(URL, {**data, "action": "save", "reviewed": token})
    assert response.status_code == 409
    assert "另一位管理员已修改本年安排，请刷新后重试" in response.content.decode()
    assert HolidaySchedule.objects.get(year=2027).notice == "通知（更正）"
    assert not HolidaySchedule.objects.get(year=2027).days.filter(date=date(2027, 6, 10)).exists()
    # a confirmation from a page of the old version is refused too
    staff.post(reverse("calendar_staff:confirm", args=[2027]), {"version": str(version)})
    assert HolidaySchedule.objects.get(year=2027).version == version + 1


def test_bad_rows_get_chinese_messages_and_nothing_is_saved(staff: Client) -> None:
    data = {
        "version": "0",
        "action": "preview",
        "periods-0-name": "元旦",
        "periods-0-start": "2027-01-03",
        "periods-0-end": "2027-01-01",
        "periods-1-start": "2027-02-05",
        "makeups-0-name": "春节",
        "makeups-1-date": "2027-02-22",
    }
    response = staff.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "放假末日早于放假首日" in html
    assert "请按通知写法填写节日名称" in html
    assert "请填写调休上班日期，或清空此行" in html
    assert not HolidaySchedule.objects.filter(year=2027).exists()
    response = staff.post(URL, {"version": "0", "action": "preview", "makeups-0-date": "2027-02-22"})
    assert "调休上班日应为星期六或星期日" in response.content.decode()
    assert staff.get(reverse("calendar_staff:edit", args=[1900])).status_code == 400
    assert re.search(r"年份1900超出范围|1900", staff.get(reverse("calendar_staff:edit", args=[1900])).content.decode())
