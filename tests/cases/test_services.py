"""The case services: intake, numbering, idempotency, every step and every illegal one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from gongkai.calendars.recompute import registered_recomputers
from gongkai.calendars.selectors import get_calendar
from gongkai.cases import services
from gongkai.cases.models import Case, CaseEvent, CaseStatus
from gongkai.cases.recompute import recompute_open_cases
from gongkai.cases.services import ApplicantInput
from gongkai.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.law.workdays import WorkingCalendar, YearSchedule
from tests.conftest import World

from .builders import application, arrived, assigned, registered

pytestmark = pytest.mark.django_db

S = CaseStatus


# -- intake ------------------------------------------------------------------------------------


def test_an_online_application_is_numbered_and_waits_for_confirmation(world: World) -> None:
    submitted = services.case_submit_online(agency=world.city, application=application())
    case = submitted.case
    assert submitted.created
    assert case.number == f"{world.city.name}申〔{timezone.localdate().year}〕0001号"
    assert case.status == S.RECEIVED
    assert case.received_on is None
    assert case.due_on is None
    assert services.query_code_matches(case, submitted.query_code)
    assert services.query_code_matches(case, submitted.query_code.lower())
    assert not services.query_code_matches(case, "WRONGCODE2")
    assert submitted.query_code not in case.query_code_digest
    assert AuditEvent.objects.filter(action="case.received", object_id=str(case.pk)).count() == 1


def test_accepting_an_online_application_fixes_its_receipt_date_and_due_date(world: World) -> None:
    case = services.case_submit_online(
        agency=world.city, application=application(), now=arrived(date(2026, 9, 30))
    ).case
    case = services.case_accept(actor=world.users["registrar"], case=case, on=date(2026, 10, 9))
    assert case.status == S.IN_PROGRESS
    assert case.received_on == date(2026, 10, 9)
    assert "第（三）项" in case.receipt_basis
    # 20 working days after 9 October 2026 (国庆节 over; 10 October a make-up Saturday? no: counted by the schedule)
    assert case.due_on == get_calendar().add_working_days(date(2026, 10, 9), 20)


def test_the_same_key_gives_the_same_case_with_a_new_code(world: World) -> None:
    first = services.case_submit_online(agency=world.city, application=application(), idempotency_key="k-1")
    again = services.case_submit_online(agency=world.city, application=application(), idempotency_key="k-1")
    assert again.case.pk == first.case.pk
    assert not again.created
    assert Case.objects.count() == 1
    again.case.refresh_from_db()
    assert services.query_code_matches(again.case, again.query_code)
    assert not services.query_code_matches(again.case, first.query_code)  # only the last code shown works
    with pytest.raises(Conflict):
        services.case_submit_online(
            agency=world.city, application=application(description="另一项信息"), idempotency_key="k-1"
        )


def test_a_double_click_gives_one_case(world: World) -> None:
    first = services.case_submit_online(agency=world.city, application=application())
    second = services.case_submit_online(agency=world.city, application=application())
    other = services.case_submit_online(agency=world.city, application=application(description="另一项信息"))
    assert second.case.pk == first.case.pk
    assert other.case.pk != first.case.pk
    assert other.case.number.endswith("0002号")


def test_numbers_are_gap_free_when_a_registration_rolls_back(world: World) -> None:
    registered(world)

    def register_then_fail() -> None:
        with transaction.atomic():
            registered(world, description="回滚的申请")
            raise RuntimeError("the surrounding work failed")

    with pytest.raises(RuntimeError):
        register_then_fail()
    third = registered(world, description="第三项")
    assert sorted(Case.objects.values_list("seq", flat=True)) == [1, 2]
    assert third.number.endswith("〔2026〕0002号")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": "  "}, "description"),
        ({"delivery_form": "fax"}, "delivery_form"),
        ({"delivery_method": "email"}, "applicant.email"),  # e-mail delivery without an address
        (
            {"applicant": ApplicantInput("natural_person", "李四", "resident_id", "110105194912310021", "13800138000")},
            "applicant.id_number",
        ),
        (
            {"applicant": ApplicantInput("commercial", "某公司", "resident_id", "11010519491231002X", "13800138000")},
            "applicant.id_number",
        ),
        (
            {"applicant": ApplicantInput("natural_person", "李四", "resident_id", "11010519491231002X")},
            "applicant.phone",
        ),  # no way to reach the applicant
        (
            {"applicant": ApplicantInput("martian", "李四", "resident_id", "11010519491231002X", "13800138000")},
            "applicant.kind",
        ),
    ],
)
def test_bad_applications_are_refused_field_by_field_and_nothing_is_saved(
    world: World, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.case_submit_online(agency=world.city, application=application(**changes))
    assert field in refused.value.details
    assert Case.objects.count() == 0


def test_registration_needs_a_registrar_or_the_head(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.case_register(
            actor=world.users["handler"],
            agency=world.city,
            application=application(),
            channel="in_person",
            received_at=arrived(date(2026, 9, 1)),
        )
    with pytest.raises(PermissionDenied):  # a registrar of another agency
        services.case_register(
            actor=world.users["registrar"],
            agency=world.county,
            application=application(),
            channel="in_person",
            received_at=arrived(date(2026, 9, 1)),
        )


def test_a_letter_counts_from_the_day_it_was_signed_for(world: World) -> None:
    case = services.case_register(
        actor=world.users["registrar"],
        agency=world.city,
        application=application(),
        channel="post",
        received_at=arrived(date(2026, 9, 1)),
        signed_for_on=date(2026, 9, 2),
    ).case
    assert case.received_on == date(2026, 9, 2)
    assert case.status == S.IN_PROGRESS


def test_an_ordinary_letter_without_confirmation_is_refused_in_chinese(world: World) -> None:
    with pytest.raises(ValidationFailed, match="确认"):
        services.case_register(
            actor=world.users["registrar"],
            agency=world.city,
            application=application(),
            channel="ordinary_letter",
            received_at=arrived(date(2026, 9, 1)),
        )


# -- the whole path ----------------------------------------------------------------------------


def test_correction_then_partial_reply_approved_by_the_head(world: World) -> None:
    handler, head = world.users["handler"], world.users["head"]
    case = assigned(world)  # received 1 September 2026: due 20 working days later
    assert case.due_on == date(2026, 9, 29)
    case = services.case_request_correction(
        actor=handler, case=case, correction_due=date(2026, 9, 18), text="请说明所需信息的年份", on=date(2026, 9, 4)
    )
    assert case.status == S.AWAITING_CORRECTION
    assert case.due_on is None
    case = services.case_receive_correction(actor=handler, case=case, on=date(2026, 9, 10))
    assert case.due_on == get_calendar().add_working_days(date(2026, 9, 10), 20)  # starts again (Art. 30)
    case = services.case_draft_reply(
        actor=handler,
        case=case,
        outcome="partially_disclosed",
        reasons="部分内容涉及第三方商业秘密",
        on=date(2026, 9, 20),
    )
    with pytest.raises(PermissionDenied):
        services.case_approve_reply(actor=handler, case=case, on=date(2026, 9, 21))
    case = services.case_approve_reply(actor=head, case=case, on=date(2026, 9, 21))
    case = services.case_issue_reply(actor=handler, case=case, on=date(2026, 9, 22))
    assert case.status == S.REPLIED
    assert case.clock_state == "closed"
    case = services.case_close(actor=handler, case=case, on=date(2026, 9, 22))
    assert case.status == S.CLOSED
    assert case.outcome == "partially_disclosed"
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions == [
        "received",
        "accept",
        "assign",
        "request_correction",
        "receive_correction",
        "draft_reply",
        "approve_reply",
        "issue_reply",
        "close",
    ]


def test_an_extension_needs_the_head_and_moves_the_due_date(world: World) -> None:
    case = assigned(world)
    with pytest.raises(PermissionDenied):
        services.case_extend(
            actor=world.users["handler"], case=case, working_days=20, reason="需协调多个部门", on=date(2026, 9, 20)
        )
    case = services.case_extend(
        actor=world.users["head"], case=case, working_days=20, reason="需协调多个部门", on=date(2026, 9, 20)
    )
    assert case.due_on == get_calendar().add_working_days(date(2026, 9, 29), 20)
    with pytest.raises(ValidationFailed):
        services.case_extend(actor=world.users["head"], case=case, working_days=21, reason="再延", on=date(2026, 9, 21))


def test_an_extension_after_the_due_date_is_refused(world: World) -> None:
    case = assigned(world)
    with pytest.raises(InvalidTransition, match="答复期限已过"):
        services.case_extend(actor=world.users["head"], case=case, working_days=10, reason="迟了", on=date(2026, 10, 9))


def test_no_correction_in_time_closes_as_abandoned(world: World) -> None:
    handler = world.users["handler"]
    case = assigned(world)
    case = services.case_request_correction(
        actor=handler, case=case, correction_due=date(2026, 9, 18), text="请补充", on=date(2026, 9, 4)
    )
    case = services.case_close(actor=handler, case=case)
    assert case.status == S.CLOSED
    assert case.outcome == "other_no_correction"


def test_a_withdrawal_ends_in_row_six_three(world: World) -> None:
    case = services.case_withdraw(actor=world.users["registrar"], case=assigned(world), reason="申请人书面撤回")
    assert case.status == S.WITHDRAWN
    assert case.outcome == "other"


def _draft(world: World, case: Case) -> Case:
    return services.case_draft_reply(actor=world.users["handler"], case=case, outcome="disclosed", on=date(2026, 9, 3))


STEPS: dict[str, Callable[[World, Case], Case]] = {
    "approve_reply": lambda w, c: services.case_approve_reply(actor=w.users["head"], case=c, on=date(2026, 9, 3)),
    "issue_reply": lambda w, c: services.case_issue_reply(actor=w.users["head"], case=c, on=date(2026, 9, 3)),
    "receive_correction": lambda w, c: services.case_receive_correction(
        actor=w.users["head"], case=c, on=date(2026, 9, 3)
    ),
    "end_consultation": lambda w, c: services.case_end_consultation(actor=w.users["head"], case=c, on=date(2026, 9, 3)),
    "receive_payment": lambda w, c: services.case_receive_payment(actor=w.users["head"], case=c, on=date(2026, 9, 3)),
    "close": lambda w, c: services.case_close(actor=w.users["head"], case=c, on=date(2026, 9, 3)),
    "draft_reply": lambda w, c: _draft(w, c),
}
# From a case just assigned (in progress), these steps are not possible.
ILLEGAL_FROM_IN_PROGRESS = [
    "approve_reply",
    "issue_reply",
    "receive_correction",
    "end_consultation",
    "receive_payment",
    "close",
]


@pytest.mark.parametrize("step", ILLEGAL_FROM_IN_PROGRESS)
def test_illegal_steps_raise_invalid_transition_and_change_nothing(world: World, step: str) -> None:
    case = assigned(world)
    before = (case.status, CaseEvent.objects.filter(case=case).count(), AuditEvent.objects.count())
    with pytest.raises(InvalidTransition):
        STEPS[step](world, case)
    case.refresh_from_db()
    assert (case.status, CaseEvent.objects.filter(case=case).count(), AuditEvent.objects.count()) == before


def test_a_replied_case_cannot_be_drafted_again(world: World) -> None:
    case = _draft(world, assigned(world))
    with pytest.raises(InvalidTransition):
        _draft(world, case)


def test_a_correction_is_asked_for_once(world: World) -> None:
    handler = world.users["handler"]
    case = assigned(world)
    case = services.case_request_correction(
        actor=handler, case=case, correction_due=date(2026, 9, 18), text="一", on=date(2026, 9, 2)
    )
    case = services.case_receive_correction(actor=handler, case=case, on=date(2026, 9, 3))
    with pytest.raises(InvalidTransition, match="只能要求补正一次"):
        services.case_request_correction(
            actor=handler, case=case, correction_due=date(2026, 9, 30), text="二", on=date(2026, 9, 4)
        )


def test_only_the_assigned_handler_works_the_case(world: World) -> None:
    case = registered(world)  # not assigned
    with pytest.raises(PermissionDenied):
        services.case_draft_reply(actor=world.users["handler"], case=case, outcome="disclosed")
    with pytest.raises(PermissionDenied):
        services.case_draft_reply(actor=world.users["county_handler"], case=case, outcome="disclosed")


def test_steps_are_entered_in_date_order(world: World) -> None:
    case = assigned(world, date(2026, 9, 10))
    with pytest.raises(ValidationFailed):
        services.case_draft_reply(actor=world.users["handler"], case=case, outcome="disclosed", on=date(2026, 9, 9))


# -- the clock and the calendar ----------------------------------------------------------------


def test_cases_are_registered_with_the_calendar_recompute(world: World) -> None:
    assert "cases" in registered_recomputers()


def test_a_calendar_change_moves_the_stored_due_date(world: World) -> None:
    case = assigned(world)
    assert case.due_on == date(2026, 9, 29)
    real = get_calendar()
    # The real 2026 schedule with one more rest day, Tuesday 15 September, before the due date.
    holidays = frozenset(_holidays(real, 2026)) | {date(2026, 9, 15)}
    calendar_2026 = WorkingCalendar([YearSchedule(2026, holidays, frozenset(_workdays(real, 2026)))])
    report = recompute_open_cases(calendar_2026)
    case.refresh_from_db()
    assert (report.checked, report.changed) == (1, 1)
    assert case.due_on == date(2026, 9, 30)


def _holidays(calendar: WorkingCalendar, year: int) -> list[date]:
    days = [date.fromordinal(o) for o in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1)]
    return [d for d in days if d.weekday() < 5 and not calendar.is_working_day(d)]


def _workdays(calendar: WorkingCalendar, year: int) -> list[date]:
    days = [date.fromordinal(o) for o in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1)]
    return [d for d in days if d.weekday() >= 5 and calendar.is_working_day(d)]


def test_a_due_date_in_an_unloaded_year_is_provisional_not_refused() -> None:
    from gongkai.cases.clock import evaluate
    from gongkai.law.clock import Event, EventType

    only_2026 = WorkingCalendar([YearSchedule(2026)])
    extended = (Event(EventType.EXTENDED, date(2026, 12, 10), working_days=20),)
    result = evaluate(date(2026, 12, 1), extended, date(2026, 12, 10), only_2026)
    assert result.provisional
    assert result.state is not None
    assert result.state.due is not None
    assert result.state.due.year == 2027
    assert "2027年节假日安排尚未录入" in result.problem
    assert "暂定" in result.problem
    plain = evaluate(date(2026, 11, 2), (), date(2026, 11, 3), only_2026)
    assert not plain.provisional
    assert plain.problem == ""
