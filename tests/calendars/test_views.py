"""Public pages: the reply-deadline calculator (same result as the CLI and the API) and the working calendar."""

from __future__ import annotations

import json
import re
from datetime import date
from html import escape
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.calendars.models import HolidaySchedule
from gongkai.core.extensions import portal_cards, staff_nav

pytestmark = pytest.mark.django_db

URL = "/clock/"

CASES: list[dict[str, Any]] = [
    {"received": "2024-09-27", "today": "2024-10-09", "events": []},
    {
        "received": "2024-09-20",
        "today": "2024-11-20",
        "events": [
            {"type": "consultation_started", "on": "2024-09-27"},
            {"type": "consultation_ended", "on": "2024-10-15"},
            {"type": "extended", "on": "2024-10-30", "working_days": 10},
        ],
    },
    {
        "received": "2024-03-01",
        "today": "2024-04-30",
        "events": [
            {"type": "correction_requested", "on": "2024-03-05", "correction_due": "2024-03-20"},
            {"type": "correction_received", "on": "2024-03-12"},
            {"type": "deadline_set", "on": "2024-03-20", "due": "2024-05-06"},
        ],
    },
    {
        "received": "2025-01-06",
        "today": "2025-03-31",
        "events": [
            {"type": "fee_notified", "on": "2025-01-10"},
            {"type": "fee_paid", "on": "2025-01-20"},
            {"type": "replied", "on": "2025-02-28"},
        ],
    },
    {  # abandoned: no correction by the deadline
        "received": "2025-05-06",
        "today": "2025-06-30",
        "events": [{"type": "correction_requested", "on": "2025-05-08", "correction_due": "2025-05-20"}],
    },
]


def query(case: dict[str, Any]) -> dict[str, str]:
    """The calculator's GET parameters for a JSON case (event rows in order)."""
    params = {"received": case["received"], "today": case["today"]}
    for i, event in enumerate(case["events"]):
        for key, value in event.items():
            params[f"events-{i}-{key}"] = str(value)
    return params


def cli(case: dict[str, Any]) -> dict[str, Any]:
    out = StringIO()
    call_command("clock", stdin=StringIO(json.dumps(case)), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['received']}+{len(c['events'])}")
def test_page_gives_the_cli_and_api_result(client: Client, case: dict[str, Any]) -> None:
    response = client.get(URL, query(case))
    assert response.status_code == 200
    page = response.context["result"].as_dict()
    expected = cli(case)
    api = client.post("/api/v1/clock", data=json.dumps(case), content_type="application/json").json()
    assert page == expected == api
    html = response.content.decode()
    for step in expected["steps"]:
        assert escape(step["text"], quote=False) in html
    if expected["due"]:
        due = date.fromisoformat(expected["due"])
        assert f'<time datetime="{expected["due"]}">{due.year}年{due.month}月{due.day}日</time>' in html
    # The JSON shown on the page is the case itself, and computing it again gives the same result.
    assert json.loads(response.context["case_json"]) == case
    assert cli(json.loads(response.context["case_json"])) == page


def test_received_2024_09_27_is_due_2024_10_30(client: Client) -> None:
    """20 working days after 2024-09-27: the National Day week is off, 9-29 and 10-12 are working days."""
    html = client.get(URL, {"received": "2024-09-27", "today": "2024-10-09"}).content.decode()
    assert "2024年10月30日" in html
    assert "计时中" in html  # the state's Chinese label from the law module


def test_blank_page_defaults_as_of_to_today_in_beijing(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["form"]["today"].value() == timezone.localdate()
    html = response.content.decode()
    assert "答复期限计算器" in html
    assert html.count('<fieldset class="event">') == 8
    assert '<details class="more-events">' in html  # rows 4–8 folded away until used
    assert '<label for="id_received">收到申请之日</label>' in html
    assert "要求补正" in html  # event labels from the law module


@pytest.mark.parametrize(
    ("event", "field", "message"),
    [
        ({"type": "extended", "on": "2024-10-08"}, "working_days", "“延期答复”需要填写此项。"),
        ({"type": "correction_requested", "on": "2024-10-08"}, "correction_due", "“要求补正”需要填写此项。"),
        ({"type": "deadline_set", "on": "2024-10-08"}, "due", "“确定答复期限”需要填写此项。"),
        ({"type": "replied", "on": "2024-10-08", "working_days": "5"}, "working_days", "此项仅用于“延期答复”"),
        (
            {"type": "consultation_started", "on": "2024-10-08", "correction_due": "2024-10-20"},
            "correction_due",
            "此项仅用于“要求补正”",
        ),
        ({"on": "2024-10-08"}, "type", "请选择事件类型"),
        ({"type": "replied"}, "on", "请填写事件日期"),
        ({"type": "replied", "on": "2024-13-40"}, "on", "日期"),
        ({"type": "teleported", "on": "2024-10-08"}, "type", "选择一个有效的选项"),
    ],
)
def test_event_rows_are_checked_with_chinese_errors_at_the_field(
    client: Client, event: dict[str, str], field: str, message: str
) -> None:
    params = {"received": "2024-09-27", "today": "2024-10-09"}
    params.update({f"events-1-{key}": value for key, value in event.items()})
    response = client.get(URL, params)
    assert response.status_code == 400
    errors = response.context["events"].forms[1].errors
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    html = response.content.decode()
    assert f'id="id_events-1-{field}_error" role="alert"' in html
    assert "请更正下列标出的问题" in html
    assert "result" not in response.context


def test_rows_after_the_third_unfold_when_used(client: Client) -> None:
    case = {
        "received": "2024-09-20",
        "today": "2024-11-20",
        "events": [
            {"type": "consultation_started", "on": "2024-09-27"},
            {"type": "consultation_ended", "on": "2024-10-15"},
            {"type": "fee_notified", "on": "2024-10-16"},
            {"type": "fee_paid", "on": "2024-10-18"},
            {"type": "extended", "on": "2024-10-30", "working_days": 10},
        ],
    }
    response = client.get(URL, query(case))
    assert '<details class="more-events" open>' in response.content.decode()
    assert response.context["result"].as_dict() == cli(case)
    short = client.get(URL, query(CASES[1]))
    assert '<details class="more-events">' in short.content.decode()


def test_missing_receipt_date_is_a_chinese_error(client: Client) -> None:
    response = client.get(URL, {"received": "", "today": "2024-10-09"})
    assert response.status_code == 400
    assert response.context["form"].errors["received"] == ["这个字段是必填项。"]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ({"received": "2028-03-02", "today": "2028-03-03", "events": []}, "2028年节假日安排尚未录入"),
        (
            {
                "received": "2024-09-27",
                "today": "2024-10-09",
                "events": [{"type": "consultation_ended", "on": "2024-10-08"}],
            },
            "没有进行中的征求意见",
        ),
        ({"received": "2024-10-09", "today": "2024-09-27", "events": []}, "早于收到申请之日"),
    ],
)
def test_law_errors_show_their_chinese_message_with_the_form_kept(
    client: Client, case: dict[str, Any], message: str
) -> None:
    response = client.get(URL, query(case))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="message error" role="alert"' in html
    assert f'value="{case["received"]}"' in html  # the form keeps what was entered
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("clock", stdin=StringIO(json.dumps(case)), stdout=out)
    assert json.loads(out.getvalue())["error"]["message"] in html  # the CLI says the same


def test_json_section_and_short_link(client: Client) -> None:
    case = CASES[1]
    response = client.get(URL, {**query(case), "events-5-type": "", "events-5-on": ""})
    html = response.content.decode()
    assert '<details class="developer" id="developer">\n  <summary>开发者</summary>' in html  # collapsed
    assert "gongkai clock" in html
    assert "/api/v1/clock" in html
    assert json.loads(response.context["case_line"]) == case
    link = response.context["permalink"]
    assert "events-5" not in link
    assert client.get(link).context["result"].as_dict() == response.context["result"].as_dict()


def test_calendar_2024_lists_holidays_and_make_up_working_days(client: Client) -> None:
    response = client.get(reverse("calendars:calendar_year", args=[2024]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2024年工作日历" in html
    names = [p.name for p in response.context["periods"]]
    assert names == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]  # as the notice writes them
    for name in names:
        assert f'<p class="period-name">{name}</p>' in html
    assert (
        '<time datetime="2024-10-01">2024年10月1日</time>至<time datetime="2024-10-07">2024年10月7日</time>'
        '放假<span class="total">，共7天</span>'
    ) in html
    assert (
        '调休上班：<time datetime="2024-09-29">9月29日</time>（星期日）、'
        '<time datetime="2024-10-12">10月12日</time>（星期六）' in html
    )
    national_day = next(p for p in response.context["periods"] if p.name == "国庆节")
    assert national_day.days == 7
    assert national_day.workdays == [date(2024, 9, 29), date(2024, 10, 12)]
    assert response.context["working_days"] == 251  # 262 weekdays − 19 weekday rest days + 8 make-up days
    assert 'href="/clock/calendar/2023/" rel="prev"' in html
    assert 'href="/clock/calendar/2025/" rel="next"' in html
    assert "修改本年安排" not in html
    assert "chinese-calendar" not in html  # the source in Chinese, no package names
    assert "chinesecalendar" not in html


def test_combined_periods_show_as_one_in_date_order(client: Client) -> None:
    periods = client.get(reverse("calendars:calendar_year", args=[2025])).context["periods"]
    combined = [p for p in periods if "中秋节" in p.name]
    assert [(p.name, p.start, p.end, p.days) for p in combined] == [
        ("国庆节、中秋节", date(2025, 10, 1), date(2025, 10, 8), 8)
    ]
    assert [p.start for p in periods] == sorted(p.start for p in periods)
    periods_2023 = client.get(reverse("calendars:calendar_year", args=[2023])).context["periods"]
    assert "中秋节、国庆节" in [p.name for p in periods_2023]


def test_the_year_page_has_month_grids_with_marks_not_colour_alone(client: Client) -> None:
    response = client.get(reverse("calendars:calendar_year", args=[2025]))
    html = response.content.decode()
    assert len(response.context["months"]) == 12
    assert html.count('<table class="month">') == 12
    assert "<caption>2025年10月" in html
    # a rest day says 休, a make-up day says 班, next to the colour
    assert (
        '<td class=" holiday" title="2025年10月8日 星期三 国庆节、中秋节">'
        '<time datetime="2025-10-08" class="n">8</time><span class="mark">休' in html
    )
    assert (
        '<td class="weekend workday" title="2025年10月11日 星期六 国庆节、中秋节">'
        '<time datetime="2025-10-11" class="n">11</time><span class="mark">班' in html
    )
    assert "图例" in html


@pytest.mark.parametrize(
    ("day", "answer"),
    [
        ("2025-10-06", "2025年10月6日</time>（星期一）：休息日（国庆节、中秋节）"),
        ("2025-10-11", "2025年10月11日</time>（星期六）：工作日（国庆节、中秋节调休上班）"),
        ("2025-10-13", "2025年10月13日</time>（星期一）：工作日"),
        ("2025-10-12", "2025年10月12日</time>（星期日）：休息日（周末）"),
    ],
)
def test_a_single_date_can_be_checked(client: Client, day: str, answer: str) -> None:
    html = client.get(reverse("calendars:calendar_year", args=[2025]), {"date": day}).content.decode()
    assert answer in html


@pytest.mark.parametrize("day", ["2024-10-06", "not-a-date"])
def test_a_bad_date_to_check_gets_a_chinese_message(client: Client, day: str) -> None:
    response = client.get(reverse("calendars:calendar_year", args=[2025]), {"date": day})
    assert response.status_code == 200
    assert response.context["date_problem"]
    assert "date_answer" not in response.context


def test_calendar_of_a_year_not_loaded_is_404_with_the_clock_message(client: Client) -> None:
    response = client.get(reverse("calendars:calendar_year", args=[2035]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "2035年节假日安排尚未录入" in html
    assert 'role="alert"' in html
    latest = HolidaySchedule.objects.order_by("-year").values_list("year", flat=True)[0]
    assert f'href="/clock/calendar/{latest}/" rel="prev"' in html  # the nearest loaded year
    assert 'rel="next"' not in html
    assert 'href="/clock/calendar/2024/"' in html  # the list of loaded years


def test_calendar_defaults_to_the_current_year(client: Client) -> None:
    response = client.get(reverse("calendars:calendar"))
    assert response.context["year"] == timezone.localdate().year


def test_portal_cards_and_staff_nav() -> None:
    cards = {card.url: card for card in portal_cards()}
    assert cards["/clock/"].title == "答复期限计算器"
    assert cards["/clock/calendar/"].title == "工作日历"
    assert all(card.description for card in cards.values())
    assert ("/clock/", "答复期限计算器") in {(link.url, link.label) for link in staff_nav()}


def test_home_page_shows_the_cards(client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'href="/clock/">答复期限计算器</a>' in html
    assert 'href="/clock/calendar/">工作日历</a>' in html


def test_the_first_loaded_year_has_a_page(client: Client) -> None:
    """2004 is the first seeded year: counting its days must not need 2003."""
    response = client.get(reverse("calendars:calendar_year", args=[2004]))
    assert response.status_code == 200
    assert response.context["working_days"] > 240


def _outside_developer_section(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    start = main.index('<details class="developer"')
    return main[:start] + main[main.index("</details>", start) :]


def test_the_result_is_plain_chinese_for_citizens(client: Client) -> None:
    """Issue 10 item 5: due date in large type, days used and left, the steps; JSON, curl and CLI only
    in the collapsed 开发者 section; the "as of" line once, not repeated as the last step."""
    response = client.get(URL, {"received": "2024-09-27", "today": "2024-10-09"})
    html = response.content.decode()
    assert '<p class="due-date"><time datetime="2024-10-30">2024年10月30日</time>' in html
    assert "计时中：行政机关应在下列日期（含当日）之前答复。" in html
    assert "<dt>已用工作日</dt><dd>4</dd>" in html
    assert "<dt>剩余工作日</dt><dd>16</dd>" in html
    summary = "截至2024年10月9日，已计4个工作日，尚余16个工作日，答复期限至2024年10月30日（含当日）。"
    visible = _outside_developer_section(html)
    assert visible.count(summary) == 1
    assert f'<p class="summary">{summary}</p>' in visible
    assert [step.text for step in response.context["steps"]] == [response.context["result"].steps[0].text]
    assert "<pre" not in visible
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>|<[^>]+>", "", visible, flags=re.S)  # what a reader sees
    assert re.findall(r"[A-Za-z_]{3,}", text) == []  # no English word or key on the page


def test_a_due_date_on_a_make_up_day_says_so_in_the_result(client: Client) -> None:
    html = client.get(URL, {"received": "2025-12-04", "today": "2025-12-04"}).content.decode()
    assert '<time datetime="2026-01-04">2026年1月4日</time>' in html
    assert '<span class="due-weekday">星期日，调休上班</span>' in html


def test_each_extra_field_is_marked_with_the_event_type_that_uses_it(client: Client) -> None:
    from gongkai.law.clock.io import REQUIRED_FIELD

    html = client.get(URL).content.decode()
    style = html[html.index("<style") : html.index("</style>")]
    for kind, field in REQUIRED_FIELD.items():
        marked = f'<div class="field" data-for="{kind.value}">\n  <label for="id_events-0-{field}">'
        assert marked in html, kind
        assert f'.event:has(option[value="{kind.value}"]:checked) .field[data-for="{kind.value}"]' in style


@pytest.mark.parametrize(
    ("events", "verdict"),
    [
        ({"events-0-type": "replied", "events-0-on": "2024-10-08"}, "已在答复期限内答复。"),
        ({"events-0-type": "consultation_started", "events-0-on": "2024-10-08"}, "计时暂停中（征求意见或等待缴费）"),
        (
            {
                "events-0-type": "correction_requested",
                "events-0-on": "2024-10-08",
                "events-0-correction_due": "2024-10-20",
            },
            "等待申请人补正：自收到补正之日起重新计算答复期限。",
        ),
        ({"events-0-type": "fee_notified", "events-0-on": "2024-10-08"}, "计时暂停中"),
    ],
)
def test_every_state_reads_as_one_plain_sentence(client: Client, events: dict[str, str], verdict: str) -> None:
    html = client.get(URL, {"received": "2024-09-27", "today": "2024-10-09", **events}).content.decode()
    assert f'<p class="verdict">{verdict}' in html


def test_an_overdue_or_abandoned_case_calls_for_attention(client: Client) -> None:
    overdue = client.get(URL, {"received": "2024-09-27", "today": "2024-11-20"}).content.decode()
    assert '<p class="verdict attention">答复期限已过，尚未答复。</p>' in overdue
    query = {
        "received": "2026-09-14",
        "today": "2026-10-26",
        "events-0-type": "fee_notified",
        "events-0-on": "2026-09-18",
    }
    abandoned = client.get(URL, query).content.decode()
    assert '<p class="verdict attention">逾期未缴费，视为放弃申请</p>' in abandoned
    assert "自2026年10月23日起视为放弃申请" in abandoned


def test_calendar_pages_use_the_breadcrumb_block(client: Client) -> None:
    for url in ("/clock/", "/clock/calendar/2025/"):
        html = client.get(url).content.decode()
        assert '<p class="breadcrumb">' not in html, url
        start = html.index('<nav aria-label="当前位置" class="breadcrumb">')
        assert '<li aria-current="page">' in html[start : html.index("</nav>", start)], url


def test_a_draft_year_is_not_loaded_for_the_public_the_api_and_other_staff(client: Client, world: Any) -> None:
    from gongkai.calendars import services

    from .conftest import days_2027

    services.schedule_save(actor=None, year=2027, days=days_2027(), via="test")
    case = {"received": "2027-02-03", "today": "2027-02-22", "events": []}
    response = client.post("/api/v1/clock", json.dumps(case), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "year_not_loaded"
    page = client.get(reverse("calendars:calendar_year", args=[2027]))
    assert page.status_code == 404
    assert "草稿" not in page.content.decode()
    client.force_login(world.users["supervisor"])
    assert "草稿" not in client.get(reverse("calendars:calendar_year", args=[2027])).content.decode()
    client.force_login(world.users["admin"])  # a platform administrator sees that a draft waits
    html = client.get(reverse("calendars:calendar_year", args=[2027])).content.decode()
    assert "2027年安排已录入草稿，确认前不公布，也不用于期限计算" in html
    assert reverse("calendar_staff:edit", args=[2027]) in html
