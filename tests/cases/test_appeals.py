"""Reconsiderations and lawsuits of a case: recording, results, 纠正 reopening, pages, API, table 四."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.calendars.selectors import get_calendar
from gongkai.cases import services
from gongkai.cases.appeal_selectors import appeal_counts
from gongkai.cases.models import Case, CaseAppeal, CaseEvent, CaseStatus
from gongkai.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from tests.conftest import World

from .builders import assigned

pytestmark = pytest.mark.django_db

S = CaseStatus
REPLIED_ON = date(2026, 9, 20)


def replied(world: World, *, close: bool = False) -> Case:
    handler, head = world.users["handler"], world.users["head"]
    case = assigned(world)
    case = services.case_draft_reply(
        actor=handler, case=case, outcome="unavailable_not_held", reasons="本机关不掌握", on=date(2026, 9, 10)
    )
    case = services.case_approve_reply(actor=head, case=case, on=date(2026, 9, 11))
    case = services.case_issue_reply(actor=handler, case=case, on=REPLIED_ON)
    if close:
        case = services.case_close(actor=handler, case=case, on=REPLIED_ON)
    return case


def record(world: World, case: Case, who: str = "handler", **changes: Any) -> CaseAppeal:
    fields: dict[str, Any] = {
        "kind": "reconsideration",
        "body": "青山市人民政府",
        "filed_on": date(2026, 10, 10),
        "body_number": "青政复〔2026〕12号",
    }
    fields.update(changes)
    return services.appeal_record(case, actor=world.users[who], **fields)


# -- services ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["reconsideration", "litigation_direct", "litigation_after_reconsideration"])
def test_each_kind_is_recorded_pending_with_an_event_and_an_audit(world: World, kind: str) -> None:
    case = replied(world)
    appeal = record(world, case, kind=kind, body="青山市中级人民法院")
    assert appeal.result == "pending"
    assert appeal.result_on is None
    assert appeal.recorded_by == world.users["handler"]
    event = CaseEvent.objects.get(case=case, action="appeal_recorded")
    assert event.on == date(2026, 10, 10)
    assert event.clock_event == ""
    assert event.data["kind"] == kind
    assert AuditEvent.objects.filter(action="case.appeal_recorded", object_id=str(case.pk)).count() == 1
    case.refresh_from_db()
    assert case.status == S.REPLIED


@pytest.mark.parametrize("result", ["upheld", "other"])
def test_a_result_other_than_corrected_leaves_the_case_as_it_is(world: World, result: str) -> None:
    case = replied(world, close=True)
    appeal = services.appeal_set_result(
        record(world, case), actor=world.users["head"], result=result, result_on=date(2026, 11, 20)
    )
    assert (appeal.result, appeal.result_on) == (result, date(2026, 11, 20))
    case.refresh_from_db()
    assert case.status == S.CLOSED
    assert AuditEvent.objects.filter(action="case.appeal_result").count() == 1
    assert not AuditEvent.objects.filter(action="case.reopened").exists()
    assert CaseEvent.objects.filter(case=case, action="appeal_result", on=date(2026, 11, 20)).exists()


@pytest.mark.parametrize("close", [False, True])
def test_corrected_reopens_the_case_and_the_reply_period_runs_anew(world: World, close: bool) -> None:
    case = replied(world, close=close)
    old_due = case.due_on
    appeal = record(world, case)
    services.appeal_set_result(appeal, actor=world.users["handler"], result="corrected", result_on=date(2026, 11, 20))
    case.refresh_from_db()
    assert case.status == S.IN_PROGRESS
    assert case.due_on == get_calendar().add_working_days(date(2026, 11, 20), 20)
    assert case.due_on != old_due
    assert case.clock_state == "running"
    assert case.received_on == date(2026, 9, 1)  # the application's own receipt date stays
    reopened = AuditEvent.objects.get(action="case.reopened", object_id=str(case.pk))
    assert reopened.details["to"] == "in_progress"
    assert CaseEvent.objects.filter(case=case, action="reopen", on=date(2026, 11, 20)).exists()
    if close:  # closing archived it; the law's reopening took it out of the archive, audited
        assert case.archived_at is None
        assert AuditEvent.objects.filter(action="case.unarchived", object_id=str(case.pk)).exists()
    # the new reply runs the usual steps and closes the new period
    case = services.case_draft_reply(actor=world.users["handler"], case=case, outcome="disclosed")
    case = services.case_approve_reply(actor=world.users["head"], case=case)
    case = services.case_issue_reply(actor=world.users["handler"], case=case)
    assert case.status == S.REPLIED
    assert case.clock_state == "closed"
    assert case.clock_problem == ""


def test_a_reopened_case_takes_a_lawsuit_and_a_second_correction_does_not_reopen_again(world: World) -> None:
    case = replied(world)
    first = record(world, case)
    services.appeal_set_result(first, actor=world.users["head"], result="corrected", result_on=date(2026, 11, 20))
    case.refresh_from_db()
    lawsuit = record(world, case, kind="litigation_after_reconsideration", body="青山市中级人民法院", follows=first)
    assert lawsuit.follows == first
    services.appeal_set_result(lawsuit, actor=world.users["head"], result="corrected", result_on=date(2026, 11, 25))
    case.refresh_from_db()
    assert case.status == S.IN_PROGRESS
    assert AuditEvent.objects.filter(action="case.reopened").count() == 1


def test_a_result_is_final(world: World) -> None:
    case = replied(world)
    appeal = services.appeal_set_result(
        record(world, case), actor=world.users["head"], result="upheld", result_on=date(2026, 11, 20)
    )
    with pytest.raises(Conflict) as refused:
        services.appeal_set_result(appeal, actor=world.users["head"], result="corrected", result_on=date(2026, 11, 21))
    assert "管理员" in refused.value.message
    appeal.refresh_from_db()
    assert appeal.result == "upheld"


def test_pending_is_no_result(world: World) -> None:
    appeal = record(world, replied(world))
    with pytest.raises(ValidationFailed):
        services.appeal_set_result(appeal, actor=world.users["head"], result="pending", result_on=date(2026, 11, 20))


def test_dates_are_checked(world: World) -> None:
    case = replied(world)
    with pytest.raises(ValidationFailed):
        record(world, case, filed_on=date(2026, 8, 31))  # before the case was received
    with pytest.raises(ValidationFailed):
        record(world, case, filed_on=date(2099, 1, 1))  # in the future
    appeal = record(world, case)
    with pytest.raises(ValidationFailed) as before:
        services.appeal_set_result(appeal, actor=world.users["head"], result="upheld", result_on=date(2026, 10, 9))
    assert "2026-10-10" in before.value.message
    with pytest.raises(ValidationFailed):
        services.appeal_set_result(appeal, actor=world.users["head"], result="upheld", result_on=date(2099, 1, 1))
    with pytest.raises(ValidationFailed):
        record(world, case, body="  ")
    with pytest.raises(ValidationFailed):
        record(world, case, kind="complaint")


def test_follows_must_be_a_reconsideration_of_the_same_case(world: World) -> None:
    case = replied(world)
    direct = record(world, case, kind="litigation_direct")
    with pytest.raises(ValidationFailed):
        record(world, case, kind="litigation_after_reconsideration", follows=direct)
    reconsideration = record(world, case)
    with pytest.raises(ValidationFailed):
        record(world, case, kind="litigation_direct", follows=reconsideration)
    with pytest.raises(ValidationFailed):
        record(
            world, case, kind="litigation_after_reconsideration", follows=reconsideration, filed_on=date(2026, 10, 1)
        )


def test_a_case_not_yet_answered_is_refused(world: World) -> None:
    case = assigned(world)
    with pytest.raises(InvalidTransition) as refused:
        record(world, case)
    assert "尚未答复" in refused.value.message
    assert not CaseAppeal.objects.exists()


def test_a_withdrawn_case_takes_an_appeal_but_cannot_be_reopened(world: World) -> None:
    case = services.case_withdraw(actor=world.users["handler"], case=assigned(world), on=date(2026, 9, 5))
    appeal = record(world, case)
    with pytest.raises(InvalidTransition):
        services.appeal_set_result(appeal, actor=world.users["head"], result="corrected", result_on=date(2026, 11, 20))
    appeal.refresh_from_db()
    assert appeal.result == "pending"  # nothing of the refused step is kept


def test_who_may(world: World) -> None:
    case = replied(world)
    record(world, case, who="head")
    with pytest.raises(PermissionDenied):
        record(world, case, who="registrar")
    with pytest.raises(PermissionDenied):
        record(world, case, who="other_handler")
    appeal = record(world, case)
    with pytest.raises(PermissionDenied):
        services.appeal_set_result(appeal, actor=world.users["registrar"], result="upheld", result_on=date(2026, 11, 1))


# -- staff page --------------------------------------------------------------------------------


def test_the_case_page_lists_appeals_and_offers_the_forms(client: Client, world: World) -> None:
    case = replied(world)
    record(world, case)
    client.force_login(world.users["handler"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "青政复〔2026〕12号" in page
    assert reverse("cases:appeal_record", args=[case.pk]) in page
    client.force_login(world.users["registrar"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "青政复〔2026〕12号" in page
    assert reverse("cases:appeal_record", args=[case.pk]) not in page


def test_the_page_records_and_sets_a_result_that_reopens(client: Client, world: World) -> None:
    case = replied(world)
    client.force_login(world.users["handler"])
    response = client.post(
        reverse("cases:appeal_record", args=[case.pk]),
        {
            "kind": "litigation_direct",
            "body": "青山市人民法院",
            "filed_on": "2026-10-12",
            "body_number": "(2026)青行初5号",
        },
    )
    assert response.status_code == 302
    appeal = CaseAppeal.objects.get(case=case)
    assert appeal.body_number == "(2026)青行初5号"
    client.post(
        reverse("cases:appeal_result", args=[case.pk, appeal.pk]), {"result": "corrected", "result_on": "2026-11-20"}
    )
    case.refresh_from_db()
    assert case.status == S.IN_PROGRESS
    # a refused entry comes back as a message, the result unchanged
    response = client.post(
        reverse("cases:appeal_result", args=[case.pk, appeal.pk]),
        {"result": "upheld", "result_on": "2026-11-21"},
        follow=True,
    )
    assert "管理员" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.result == "corrected"


def test_another_agencys_staff_get_404_on_the_page(client: Client, world: World) -> None:
    case = replied(world)
    client.force_login(world.users["other_handler"])
    response = client.post(
        reverse("cases:appeal_record", args=[case.pk]),
        {"kind": "reconsideration", "body": "x", "filed_on": "2026-10-12"},
    )
    assert response.status_code == 404
    assert not CaseAppeal.objects.exists()


# -- API ---------------------------------------------------------------------------------------


def api(client: Client, world: World, who: str) -> Client:
    client.force_login(world.users[who])
    return client


def test_api_codes(client: Client, world: World) -> None:
    case = replied(world)
    url = f"/api/v1/staff/cases/{case.number}/appeals"
    body = {"kind": "reconsideration", "body": "青山市人民政府", "filed_on": "2026-10-10"}
    handler = api(Client(), world, "handler")
    created = handler.post(url, body, content_type="application/json")
    assert created.status_code == 201
    data = created.json()
    assert (data["result"], data["report_group"], data["report_column"]) == ("pending", "reconsideration", "pending")
    assert data["result_label"] == "尚未审结"
    listed = api(Client(), world, "registrar").get(url)
    assert listed.status_code == 200
    assert [a["id"] for a in listed.json()] == [data["id"]]
    assert api(Client(), world, "registrar").post(url, body, content_type="application/json").status_code == 403
    assert api(Client(), world, "other_handler").get(url).status_code == 404
    assert api(Client(), world, "other_handler").post(url, body, content_type="application/json").status_code == 404
    bad = handler.post(url, {**body, "filed_on": "2026-08-01"}, content_type="application/json")
    assert bad.status_code == 422
    assert "不能早于收到申请之日" in bad.json()["error"]["message"]
    assert handler.post(url, {**body, "filed_on": "not a date"}, content_type="application/json").status_code == 422
    result_url = f"{url}/{data['id']}/result"
    done = handler.post(result_url, {"result": "corrected", "result_on": "2026-11-20"}, content_type="application/json")
    assert done.status_code == 200
    assert done.json()["report_column"] == "corrected"
    again = handler.post(result_url, {"result": "upheld", "result_on": "2026-11-21"}, content_type="application/json")
    assert again.status_code == 409
    assert "管理员" in again.json()["error"]["message"]
    missing = handler.post(
        f"{url}/99999/result", {"result": "upheld", "result_on": "2026-11-21"}, content_type="application/json"
    )
    assert missing.status_code == 404
    fresh = assigned(world)
    unanswered = handler.post(f"/api/v1/staff/cases/{fresh.number}/appeals", body, content_type="application/json")
    assert unanswered.status_code == 409


# -- report table 四 ----------------------------------------------------------------------------


def test_counts_per_table_four_column(world: World) -> None:
    head = world.users["head"]
    case = replied(world)
    # 2026: a reconsideration upheld, one other, one still pending; a direct lawsuit corrected;
    # a lawsuit after reconsideration decided only next year — pending on 31 December
    upheld = record(world, case)
    services.appeal_set_result(upheld, actor=head, result="upheld", result_on=date(2026, 11, 1))
    other = record(world, case)
    services.appeal_set_result(other, actor=head, result="other", result_on=date(2026, 11, 2))
    record(world, case)
    direct = record(world, case, kind="litigation_direct")
    after = record(world, case, kind="litigation_after_reconsideration", follows=upheld, filed_on=date(2026, 11, 5))
    CaseAppeal.objects.filter(pk=after.pk).update(result="upheld", result_on=date(2027, 2, 1))
    services.appeal_set_result(direct, actor=head, result="corrected", result_on=date(2026, 11, 20))
    counts = appeal_counts(Case.objects.all(), 2026)
    assert counts == {
        "reconsideration": {"upheld": 1, "corrected": 0, "other": 1, "pending": 1, "total": 3},
        "litigation_direct": {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1},
        "litigation_after_reconsideration": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    }
    assert appeal_counts(Case.objects.all(), 2025)["reconsideration"]["total"] == 0
    assert appeal_counts(Case.objects.none(), 2026)["reconsideration"]["total"] == 0
