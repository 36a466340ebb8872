"""The review API (/api/v1/staff/documents/{id}/…): submit, sign off, findings, withdraw — with
409 for an illegal step, 403 for a role that may not, 404 outside reach, 422 for bad fields."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.core.models import AuditEvent
from gongkai.core.tokens import token_create
from gongkai.documents.models import LibrarySettings
from gongkai.publishing.models import CheckFinding, ReviewSignoff

from .conftest import Desk

pytestmark = pytest.mark.django_db

BODY = "<p>根据《中华人民共和国政府信息公开条列》，现予公开。</p>"


def _token(user: Any) -> str:
    return token_create(actor=None, user=user)[1]


class Api:
    def __init__(self, user: Any) -> None:
        self.headers = {"Authorization": f"Bearer {_token(user)}"}
        self.client = Client()

    def get(self, url: str, params: dict[str, str] | None = None) -> Any:
        return self.client.get(f"/api/v1/staff/documents{url}", params or {}, headers=self.headers)

    def post(self, url: str, body: Any = None) -> Any:
        return self.client.post(
            f"/api/v1/staff/documents{url}", body or {}, content_type="application/json", headers=self.headers
        )


def _message(response: Any) -> str:
    return str(response.json()["error"]["message"])


def test_submit_sign_off_resolve_and_publish(desk: Desk) -> None:
    document = desk.draft(body=BODY)
    editor = Api(desk.editor)
    first, second, third = (Api(user) for user in desk.reviewers)
    submitted = editor.post(f"/{document.pk}/submit")
    assert submitted.status_code == 200, submitted.content
    review = submitted.json()
    assert review["state"] == "first_review"
    assert review["state_label"] == "初审中"
    assert (review["round"], review["signoffs_required"], review["signoffs_done"]) == (1, 3, 0)
    assert review["open_findings"] == {"error": 1}
    assert review["blockers"]
    assert "政府信息公开条列" in review["blockers"][0]
    again = editor.post(f"/{document.pk}/submit")
    assert again.status_code == 409
    assert "草稿" in _message(again)

    findings = editor.get(f"/{document.pk}/findings").json()
    assert [(f["category"], f["severity"], f["status"]) for f in findings] == [("legal", "error", "open")]
    finding = findings[0]
    assert finding["found"] == "政府信息公开条列"
    assert finding["suggestion"] == "政府信息公开条例"
    assert "政府信息公开条例" in finding["message"]
    assert finding["attachment"] is None

    signed = editor.post(f"/{document.pk}/signoffs", {"decision": "approved"})
    assert signed.status_code == 403  # an editor without the reviewer role
    signed = first.post(f"/{document.pk}/signoffs", {"decision": "approved", "comment": "初审同意"})
    assert signed.status_code == 201, signed.content
    assert signed.json()["state"] == "second_review"
    assert signed.json()["rounds"][0]["signoffs"][0]["comment"] == "初审同意"
    twice = first.post(f"/{document.pk}/signoffs", {"decision": "approved"})
    assert twice.status_code == 403
    assert "不同" in _message(twice)
    assert second.post(f"/{document.pk}/signoffs", {"decision": "approved"}).status_code == 201

    blocked = third.post(f"/{document.pk}/signoffs", {"decision": "approved"})
    assert blocked.status_code == 409
    assert "政府信息公开条列" in _message(blocked)
    assert not ReviewSignoff.objects.filter(document=document, stage="final_review").exists()

    url = f"/{document.pk}/findings/{finding['id']}"
    no_reason = editor.post(url, {"action": "dismiss", "reason": " "})
    assert no_reason.status_code == 422
    assert "理由" in _message(no_reason)
    dismissed = editor.post(url, {"action": "dismiss", "reason": "引用原文，不予修改"})
    assert dismissed.status_code == 200, dismissed.content
    assert dismissed.json()["status"] == "dismissed"
    assert dismissed.json()["reason"] == "引用原文，不予修改"
    assert dismissed.json()["resolved_by"] == desk.editor.get_username()
    assert editor.post(url, {"action": "accept"}).status_code == 409  # resolved already
    assert AuditEvent.objects.filter(action="finding.dismissed").exists()
    assert editor.get(f"/{document.pk}/findings", {"status": "open"}).json() == []

    published = third.post(f"/{document.pk}/signoffs", {"decision": "approved", "comment": "终审同意"})
    assert published.status_code == 201
    assert published.json()["state"] == "published"
    assert published.json()["rounds"][0]["outcome"] == "published"
    assert AuditEvent.objects.filter(action="document.published", object_id=str(document.pk)).exists()
    late = first.post(f"/{document.pk}/signoffs", {"decision": "approved"})
    assert late.status_code == 409  # not in review any more


def test_return_and_bad_fields(desk: Desk) -> None:
    document = desk.draft()
    editor, reviewer = Api(desk.editor), Api(desk.reviewers[0])
    assert reviewer.post(f"/{document.pk}/signoffs", {"decision": "approved"}).status_code == 409  # a draft
    assert editor.post(f"/{document.pk}/submit").status_code == 200
    for body in (
        {"decision": "rejected"},
        {"decision": "approved", "extra": 1},
        {"decision": "approved", "comment": "长" * 2001},
        {},
    ):
        response = reviewer.post(f"/{document.pk}/signoffs", body)
        assert response.status_code == 422, body
        assert response.json()["error"]["message"]
    silent = reviewer.post(f"/{document.pk}/signoffs", {"decision": "returned", "comment": ""})
    assert silent.status_code == 422
    assert "退回" in _message(silent)
    returned = reviewer.post(f"/{document.pk}/signoffs", {"decision": "returned", "comment": "第二段表述不准确"})
    assert returned.status_code == 201
    assert returned.json()["state"] == "draft"
    assert returned.json()["rounds"][0]["outcome"] == "returned"
    assert ReviewSignoff.objects.get(document=document).comment == "第二段表述不准确"


def test_withdraw(desk: Desk) -> None:
    LibrarySettings.objects.create(agency=desk.world.city, review_signoffs=1)
    document = desk.draft()
    editor, reviewer = Api(desk.editor), Api(desk.reviewers[0])
    assert reviewer.post(f"/{document.pk}/withdraw", {"reason": "有误"}).status_code == 409  # not published
    editor.post(f"/{document.pk}/submit")
    assert reviewer.post(f"/{document.pk}/signoffs", {"decision": "approved"}).json()["state"] == "published"
    assert reviewer.post(f"/{document.pk}/withdraw", {}).status_code == 422
    blank = reviewer.post(f"/{document.pk}/withdraw", {"reason": "  "})
    assert blank.status_code == 422
    assert "撤回" in _message(blank)
    assert editor.post(f"/{document.pk}/withdraw", {"reason": "有误"}).status_code == 403
    withdrawn = reviewer.post(f"/{document.pk}/withdraw", {"reason": "附件含有个人信息"})
    assert withdrawn.status_code == 200
    assert withdrawn.json()["state"] == "withdrawn"
    assert AuditEvent.objects.get(action="document.withdrawn").details["reason"] == "附件含有个人信息"
    assert reviewer.post(f"/{document.pk}/withdraw", {"reason": "再撤"}).status_code == 409
    assert editor.post(f"/{document.pk}/submit").json()["state"] == "first_review"


def test_reach_and_roles(desk: Desk) -> None:
    document = desk.draft(body=BODY)
    editor = Api(desk.editor)
    editor.post(f"/{document.pk}/submit")
    finding = CheckFinding.objects.get(document=document)
    other = Api(desk.world.users["other_handler"])  # another city's
    for response in (
        other.get(f"/{document.pk}/review"),
        other.get(f"/{document.pk}/findings"),
        other.post(f"/{document.pk}/submit"),
        other.post(f"/{document.pk}/signoffs", {"decision": "approved"}),
        other.post(f"/{document.pk}/findings/{finding.pk}", {"action": "accept"}),
        other.post(f"/{document.pk}/withdraw", {"reason": "有误"}),
        editor.get("/999999/review"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    handler = Api(desk.world.users["handler"])  # the city's, neither editor nor reviewer
    assert handler.get(f"/{document.pk}/review").status_code == 403
    assert handler.post(f"/{document.pk}/findings/{finding.pk}", {"action": "accept"}).status_code == 403
    another = desk.draft(title="另一份通知")
    assert editor.post(f"/{another.pk}/findings/{finding.pk}", {"action": "accept"}).status_code == 404
    assert Client().get(f"/api/v1/staff/documents/{document.pk}/review").status_code == 401
    review = editor.get(f"/{document.pk}/review").json()
    assert review["rounds"][0]["submitted_by"] == desk.editor.get_username()


def test_the_session_works_too(desk: Desk, client: Client) -> None:
    document = desk.draft()
    client.force_login(desk.editor)
    response = client.post(f"/api/v1/staff/documents/{document.pk}/submit", content_type="application/json")
    assert response.status_code == 200
    assert client.get(f"/api/v1/staff/documents/{document.pk}/review").json()["state"] == "first_review"
