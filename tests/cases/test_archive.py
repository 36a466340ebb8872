"""The archive: ended cases archived (at once, or after the setting's days), immutable until an
administrator reopens them; the library of anonymised precedents; the repeat check."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.cases import services
from gongkai.cases.library import LibraryFilters, library_cases, outcomes_citing, repeats_of
from gongkai.cases.models import Case, CaseEvent, CasePrecedent
from gongkai.cases.services import ApplicantInput
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from tests.conftest import World

from .builders import application, arrived, assigned

pytestmark = pytest.mark.django_db
DAY = date(2026, 9, 1)
ZHANG = ApplicantInput(
    kind="natural_person",
    name="张三",
    id_type="resident_id",
    id_number="11010519491231002X",
    phone="13800138000",
    email="zhang@example.cn",
    address="青山市人民路12号3单元502室",
)


def closed(world: World, description: str = "", agency: Any = None) -> Case:
    """A case answered and closed; in another agency than the city, by the system (no actor)."""
    own = agency is None
    handler = world.users["handler"] if own else None
    head = world.users["head"] if own else None
    registrar = world.users["registrar"] if own else None
    text = (
        description
        or "本人张三，身份证11010519491231002X，电话13800138000，"
        "申请公开我家（青山市人民路12号3单元502室）的征收补偿方案"
    )
    case = services.case_register(
        actor=registrar,
        agency=agency or world.city,
        application=application(applicant=ZHANG, description=text),
        channel="in_person",
        received_at=arrived(DAY),
    ).case
    case = services.case_assign(actor=registrar, case=case, handler=handler or world.users["other_handler"], on=DAY)
    case = services.case_draft_reply(
        actor=handler, case=case, outcome="withheld_third_party", reasons="涉及张三邻居的个人隐私（第十五条）", on=DAY
    )
    case = services.case_approve_reply(actor=head, case=case, on=DAY)
    case = services.case_issue_reply(actor=handler, case=case, on=DAY)
    return services.case_close(actor=handler, case=case, on=DAY)


def test_closing_archives_at_once_with_the_personal_data_removed(world: World) -> None:
    case = closed(world)
    assert case.archived_at is not None
    for secret in ("张三", "11010519491231002X", "13800138000", "人民路12号"):
        assert secret not in case.library_text
        assert secret not in case.library_reasons
    assert "征收补偿方案" in case.library_text
    assert "个人隐私" in case.library_reasons
    assert case.description.startswith("本人张三")  # the case itself keeps what was asked
    assert AuditEvent.objects.filter(action="case.archived", object_id=str(case.pk)).count() == 1


def test_an_archived_case_takes_no_step(world: World) -> None:
    case = closed(world)
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(InvalidTransition, match="已归档"):
        services.case_withdraw(actor=world.users["head"], case=case)
    assert CaseEvent.objects.filter(case=case).count() == events


def test_with_a_delay_the_archive_waits_for_the_sweep(world: World, settings: Any) -> None:
    settings.GONGKAI_ARCHIVE_AFTER_DAYS = 30
    case = closed(world)
    assert case.archived_at is None
    assert services.archive_due(timezone.now() + timedelta(days=29)) == 0
    assert services.archive_due(timezone.now() + timedelta(days=31)) == 1
    case.refresh_from_db()
    assert case.archived_at is not None
    assert services.archive_due(timezone.now() + timedelta(days=60)) == 0


def test_an_open_case_cannot_be_archived(world: World, settings: Any) -> None:
    with pytest.raises(InvalidTransition):
        services.case_archive(actor=world.users["head"], case=assigned(world))


def test_only_an_administrator_reopens_an_archived_case_with_a_reason(world: World) -> None:
    case = closed(world)
    with pytest.raises(PermissionDenied):
        services.case_unarchive(actor=world.users["head"], case=case, reason="录入有误")
    with pytest.raises(ValidationFailed):
        services.case_unarchive(actor=world.users["admin"], case=case, reason=" ")
    case = services.case_unarchive(actor=world.users["admin"], case=case, reason="答复日期录入有误")
    assert case.archived_at is None
    assert CaseEvent.objects.filter(case=case, action="unarchived").count() == 1
    assert AuditEvent.objects.filter(action="case.unarchived").get().details["reason"] == "答复日期录入有误"
    with pytest.raises(InvalidTransition):
        services.case_unarchive(actor=world.users["admin"], case=case, reason="again")


def test_the_library_finds_by_text_outcome_article_and_year_within_reach(world: World) -> None:
    case = closed(world)
    user = world.users["head"]
    assert list(library_cases(user, LibraryFilters(q="征收补偿"))) == [case]
    assert list(library_cases(user, LibraryFilters(q="张三"))) == []  # names are not in the library
    assert list(library_cases(user, LibraryFilters(outcome="withheld_third_party"))) == [case]
    assert list(library_cases(user, LibraryFilters(outcome="disclosed"))) == []
    assert list(library_cases(user, LibraryFilters(article="第十五条"))) == [case]
    assert list(library_cases(user, LibraryFilters(article="三十六"))) == []
    assert list(library_cases(user, LibraryFilters(year=2026))) == [case]
    assert list(library_cases(world.users["other_handler"], LibraryFilters())) == []
    assert list(library_cases(world.users["supervisor"], LibraryFilters())) == [case]  # from the province


@pytest.mark.parametrize(
    ("article", "codes"),
    [
        ("第三十八条", ["unavailable_needs_creation"]),
        ("38", ["unavailable_needs_creation"]),
        ("第九十九条", []),
        ("abc", []),
    ],
)
def test_outcomes_citing(article: str, codes: list[str]) -> None:
    assert outcomes_citing(article) == codes


def test_a_handler_links_a_precedent_once(world: World) -> None:
    precedent = closed(world)
    case = assigned(world)
    link = services.case_link_precedent(actor=world.users["handler"], case=case, precedent=precedent, note="同类征收")
    assert CasePrecedent.objects.get() == link
    with pytest.raises(InvalidTransition):
        services.case_link_precedent(actor=world.users["handler"], case=case, precedent=precedent)
    with pytest.raises(ValidationFailed):
        services.case_link_precedent(actor=world.users["handler"], case=case, precedent=assigned(world))  # not archived
    other = closed(world, agency=world.other_city)
    with pytest.raises(NotFound):
        services.case_link_precedent(actor=world.users["handler"], case=case, precedent=other)


def test_repeats_same_applicant_and_similar_text(world: World) -> None:
    first = closed(world, description="申请公开青山市2025年老旧小区改造项目清单及资金安排")
    li = ApplicantInput(
        kind="natural_person", name="李四", id_type="resident_id", id_number="440304199001011233", phone="13900139000"
    )
    other_person = services.case_submit_online(
        agency=world.city,
        application=application(applicant=li, description="请提供青山市2025年老旧小区改造项目清单和资金安排"),
    ).case
    unrelated = services.case_submit_online(
        agency=world.city, application=application(applicant=li, description="青山市公立医院药品采购目录")
    )
    case = services.case_register(
        actor=world.users["registrar"],
        agency=world.city,
        application=application(applicant=ZHANG, description="青山市2025年老旧小区改造项目清单和资金安排情况"),
        channel="in_person",
        received_at=arrived(DAY),
    ).case
    found = {r.case.pk: r for r in repeats_of(case, world.users["head"])}
    assert found[first.pk].same_applicant
    assert found[first.pk].score is not None
    assert not found[other_person.pk].same_applicant
    assert found[other_person.pk].score is not None
    assert unrelated.case.pk not in found
    assert repeats_of(case, world.users["other_handler"]) == []


def test_the_pages(world: World) -> None:
    precedent = closed(world)
    case = assigned(world)
    head = Client()
    head.force_login(world.users["head"])
    library = head.get("/staff/cases/library/", {"q": "征收"}).content.decode()
    assert precedent.number in library
    assert "张三" not in library
    page = head.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "相似" in page
    head.post(f"/staff/cases/{case.pk}/precedents/", {"precedent": precedent.number, "note": "同类"})
    assert CasePrecedent.objects.filter(case=case, precedent=precedent).exists()
    assert precedent.number in head.get(f"/staff/cases/{case.pk}/").content.decode()
    archived = head.get(f"/staff/cases/{precedent.pk}/").content.decode()
    assert "归档，不能再办理" in archived
    admin = Client()
    admin.force_login(world.users["admin"])
    admin.post(f"/staff/cases/{precedent.pk}/unarchive/", {"reason": "更正"})
    precedent.refresh_from_db()
    assert precedent.archived_at is None


def test_the_archive_command(world: World, settings: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    settings.GONGKAI_ARCHIVE_AFTER_DAYS = 0
    out = StringIO()
    call_command("cases", "archive", stdout=out)
    assert "0" in out.getvalue()
