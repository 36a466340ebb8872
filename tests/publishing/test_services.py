"""Pre-publication review: submission with the checks, sign-offs by different people, the
configured number of sign-offs, return, blocked publication (open error, 三同步), findings, withdrawal."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents import services as doc_services
from gongkai.documents.models import Document, LegalStatus, LibrarySettings
from gongkai.documents.services import DocumentInput
from gongkai.publishing import services
from gongkai.publishing.checking import body_text
from gongkai.publishing.models import CheckFinding, FindingStatus, ReviewSignoff

from .conftest import Desk

pytestmark = pytest.mark.django_db


def _state(document: Document) -> str:
    document.refresh_from_db()
    return document.state


def _approve_all(desk: Desk, document: Document, count: int = 3) -> None:
    for reviewer in desk.reviewers[:count]:
        services.review(actor=reviewer, document=document, decision="approved", comment="同意")


def test_three_signoffs_by_different_people_publish(desk: Desk) -> None:
    document = desk.draft()
    services.submit_for_review(actor=desk.editor, document=document)
    assert _state(document) == "first_review"
    first, second, third = desk.reviewers
    services.review(actor=first, document=document, decision="approved", comment="初审同意")
    assert _state(document) == "second_review"
    with pytest.raises(PermissionDenied, match="不同"):
        services.review(actor=first, document=document, decision="approved")
    assert _state(document) == "second_review"
    services.review(actor=second, document=document, decision="approved")
    assert _state(document) == "final_review"
    services.review(actor=third, document=document, decision="approved", comment="终审同意")
    document.refresh_from_db()
    assert document.state == "published"
    assert document.published_on is not None
    assert [s.stage for s in ReviewSignoff.objects.filter(document=document)] == [
        "first_review",
        "second_review",
        "final_review",
    ]
    assert ReviewSignoff.objects.get(stage="first_review").comment == "初审同意"
    assert AuditEvent.objects.filter(action="document.published", object_id=str(document.pk)).exists()


def test_the_submitter_cannot_review(desk: Desk) -> None:
    from gongkai.agencies.models import Role
    from tests.factories import grant

    head = desk.world.users["head"]  # the head edits and reviews
    document = desk.draft()
    services.submit_for_review(actor=head, document=document)
    with pytest.raises(PermissionDenied, match="提交"):
        services.review(actor=head, document=document, decision="approved")
    grant(desk.editor, desk.world.city, Role.REVIEWER)
    services.review(actor=desk.editor, document=document, decision="approved")  # not the submitter this time
    assert _state(document) == "second_review"


def test_an_editor_without_the_reviewer_role_cannot_sign_off(desk: Desk) -> None:
    document = desk.draft()
    services.submit_for_review(actor=desk.editor, document=document)
    with pytest.raises(PermissionDenied):
        services.review(actor=desk.world.users["handler"], document=document, decision="approved")
    with pytest.raises(PermissionDenied):
        services.submit_for_review(actor=desk.reviewers[0], document=desk.draft())


@pytest.mark.parametrize(("signoffs", "path"), [(1, []), (2, ["final_review"])])
def test_the_agency_sets_the_number_of_signoffs(desk: Desk, signoffs: int, path: list[str]) -> None:
    LibrarySettings.objects.create(agency=desk.world.city, review_signoffs=signoffs)
    document = desk.draft()
    services.submit_for_review(actor=desk.editor, document=document)
    seen = []
    for reviewer in desk.reviewers[:signoffs]:
        services.review(actor=reviewer, document=document, decision="approved")
        seen.append(_state(document))
    assert seen == [*path, "published"]


def test_return_sends_the_document_back_to_the_draft_with_the_comment(desk: Desk) -> None:
    document = desk.draft()
    services.submit_for_review(actor=desk.editor, document=document)
    services.review(actor=desk.reviewers[0], document=document, decision="approved")
    with pytest.raises(ValidationFailed):
        services.review(actor=desk.reviewers[1], document=document, decision="returned", comment=" ")
    services.review(actor=desk.reviewers[1], document=document, decision="returned", comment="第二段表述不准确")
    assert _state(document) == "draft"
    assert ReviewSignoff.objects.get(decision="returned").comment == "第二段表述不准确"
    # a new round: the same reviewers may sign again
    services.submit_for_review(actor=desk.editor, document=document)
    _approve_all(desk, document)
    assert _state(document) == "published"


def test_an_open_error_finding_blocks_publication_until_resolved(desk: Desk) -> None:
    document = desk.draft(body="<p>根据《中华人民共和国政府信息公开条列》，现予公开。</p>")
    services.submit_for_review(actor=desk.editor, document=document)
    finding = CheckFinding.objects.get(document=document, category="legal")
    assert finding.severity == "error"
    _approve_all(desk, document, 2)
    with pytest.raises(InvalidTransition, match="政府信息公开条列"):
        services.review(actor=desk.reviewers[2], document=document, decision="approved")
    assert _state(document) == "final_review"
    assert not ReviewSignoff.objects.filter(stage="final_review").exists()  # nothing kept of the refused one
    with pytest.raises(ValidationFailed, match="理由"):
        services.finding_resolve(actor=desk.editor, finding=finding, action="dismiss", reason="")
    services.finding_resolve(actor=desk.editor, finding=finding, action="dismiss", reason="引用原文，不予修改")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DISMISSED
    assert finding.reason == "引用原文，不予修改"
    assert finding.resolved_by == desk.editor
    services.review(actor=desk.reviewers[2], document=document, decision="approved")
    assert _state(document) == "published"


def test_a_dismissal_survives_a_resubmission(desk: Desk) -> None:
    document = desk.draft(body="<p>根据《中华人民共和国政府信息公开条列》。</p>")
    services.submit_for_review(actor=desk.editor, document=document)
    finding = CheckFinding.objects.get(document=document, category="legal")
    services.finding_resolve(actor=desk.reviewers[0], finding=finding, action="dismiss", reason="原文引用")
    services.review(actor=desk.reviewers[0], document=document, decision="returned", comment="补充依据")
    services.submit_for_review(actor=desk.editor, document=document)
    again = CheckFinding.objects.get(document=document, category="legal")
    assert again.status == FindingStatus.DISMISSED
    assert again.reason == "原文引用"


def test_the_three_synchronies_block_a_policy_document_without_interpretation(desk: Desk) -> None:
    document = desk.draft(kind="normative", is_policy=True)
    services.submit_for_review(actor=desk.editor, document=document)
    _approve_all(desk, document, 2)
    with pytest.raises(InvalidTransition, match="解读"):
        services.review(actor=desk.reviewers[2], document=document, decision="approved")
    doc_services.interpretation_add(actor=desk.editor, document=document, title="《通知》政策解读", body="解读正文")
    services.review(actor=desk.reviewers[2], document=document, decision="approved")
    assert _state(document) == "published"


def test_publication_applies_the_relations(desk: Desk) -> None:
    old = desk.draft(title="旧通知")
    old.state = "published"
    old.save()
    new = desk.draft(title="新通知")
    doc_services.document_relate(actor=desk.editor, source=new, target=old, kind="repeals", on=date(2024, 1, 1))
    services.submit_for_review(actor=desk.editor, document=new)
    _approve_all(desk, new)
    old.refresh_from_db()
    assert old.status == LegalStatus.REPEALED


def test_findings_sit_at_their_place_after_normalisation(desk: Desk) -> None:
    body = (
        "<p>依據《政府信息公開條列》辦理。</p>"
        "<p>联系人身份证号11010519491231002X，另一号码110105194912310021不是身份证号。</p>"
    )
    document = desk.draft(body=body)
    services.submit_for_review(actor=desk.editor, document=document)
    text = body_text(document.body)
    rows = {row.category: row for row in CheckFinding.objects.filter(document=document)}
    assert set(rows) == {"legal", "resident_id"}
    legal = rows["legal"]
    assert text[legal.start : legal.end] == "政府信息公開條列"  # the traditional original, mapped back
    assert legal.suggestion == "政府信息公开条例"
    resident = rows["resident_id"]
    assert text[resident.start : resident.end] == "11010519491231002X"
    assert "11010519491231002X" not in resident.found  # masked in the findings table


def test_withdraw_needs_a_reviewer_and_a_reason(desk: Desk) -> None:
    document = desk.draft()
    services.submit_for_review(actor=desk.editor, document=document)
    _approve_all(desk, document)
    with pytest.raises(ValidationFailed):
        services.withdraw(actor=desk.reviewers[0], document=document, reason="")
    with pytest.raises(PermissionDenied):
        services.withdraw(actor=desk.editor, document=document, reason="有误")
    services.withdraw(actor=desk.reviewers[0], document=document, reason="附件含有个人信息")
    assert _state(document) == "withdrawn"
    event = AuditEvent.objects.get(action="document.withdrawn")
    assert event.details["reason"] == "附件含有个人信息"
    with pytest.raises(InvalidTransition):
        services.withdraw(actor=desk.reviewers[0], document=document, reason="再撤")
    services.submit_for_review(actor=desk.editor, document=document)  # a withdrawn document goes back to review
    assert _state(document) == "first_review"


def test_a_draft_is_not_reviewed(desk: Desk) -> None:
    with pytest.raises(InvalidTransition):
        services.review(actor=desk.reviewers[0], document=desk.draft(), decision="approved")


def test_body_text_keeps_the_text_and_unescapes() -> None:
    assert body_text("<p>甲&amp;乙</p><p>丙</p>") == "甲&乙\n丙"
    _ = DocumentInput  # the input type the desk uses
