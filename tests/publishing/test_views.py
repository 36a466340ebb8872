"""The review pages: scope (404 for another agency), roles (403 for non-reviewers), the inline
marks escaped, the forms."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.documents.models import DocumentAttachment
from gongkai.publishing import services
from gongkai.publishing.models import CheckFinding
from gongkai.publishing.views import marked_body

from .conftest import Desk

pytestmark = pytest.mark.django_db


def test_reviewers_see_the_queue_and_the_page_with_marks(desk: Desk, client: Client) -> None:
    document = desk.draft(body="<p>&lt;script&gt;alert(1)&lt;/script&gt;依照政府信息公开条列办理</p>")
    services.submit_for_review(actor=desk.editor, document=document)
    client.force_login(desk.reviewers[0])
    queue = client.get(reverse("publishing:queue")).content.decode()
    assert reverse("publishing:document", args=[document.pk]) in queue
    page = client.get(reverse("publishing:document", args=[document.pk])).content.decode()
    finding = CheckFinding.objects.get(document=document, category="legal")
    assert f'<mark id="finding-{finding.pk}"' in page
    assert ">政府信息公开条列<span" in page
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'name="decision" value="approved"' in page


def test_the_body_is_shown_as_html_with_the_findings_marked_in_place(desk: Desk, client: Client) -> None:
    body = "<p>A&amp;B：依照<strong>政府信息</strong>公开条列办理。</p><ul><li>联系电话：<em>13812345678</em></li></ul>"
    document = desk.draft(body=body)
    DocumentAttachment.objects.create(
        document=document,
        file="documents/a.pdf",
        name="附件一.pdf",
        media_type="pdf",
        size=1,
        text="第一页\n" + "前文" * 30 + "联系人邮箱 zhang.san@example.cn 后文" + "后文" * 30,
        uploaded_at=document.created_at,
    )
    services.submit_for_review(actor=desk.editor, document=document)
    legal = CheckFinding.objects.get(document=document, category="legal")
    mobile = CheckFinding.objects.get(document=document, category="mobile")
    email = CheckFinding.objects.get(document=document, category="email")
    client.force_login(desk.reviewers[0])
    page = client.get(reverse("publishing:document", args=[document.pk])).content.decode()
    body_html = page[page.index('<div class="checked-body">') : page.index("</div>", page.index("checked-body"))]
    # the body's own markup stays; the mark crosses <strong> as two marks, the id on the first
    assert "<p>A&amp;B：依照<strong>" in body_html
    assert f'<strong><mark id="finding-{legal.pk}" class="finding error open" title="' in body_html
    assert '>政府信息</mark></strong><mark class="finding error open"' in body_html
    assert '>公开条列<span class="visually-hidden">' in body_html
    assert f'<em><mark id="finding-{mobile.pk}" class="finding' in body_html
    assert "<li>" in body_html
    # the list beside links each mark
    assert f'<a href="#finding-{legal.pk}">' in page
    assert f'<a href="#finding-{mobile.pk}">' in page
    # the attachment's findings with their context, per file
    assert "附件一.pdf" in page
    assert f'<mark id="finding-{email.pk}" class="finding' in page
    assert "…" + "前文" * 12 + f'联系人邮箱 <mark id="finding-{email.pk}"' in page
    assert "zhang.san@example.cn</mark> 后文" in page


def test_marked_body_is_sanitised_again() -> None:
    row = CheckFinding(pk=7, check_name="wording", category="typo", severity="error", start=0, end=2, found="条列")
    row.suggestion = '"><img src=x onerror=alert(1)>'
    html = marked_body("<p>条列<script>alert(1)</script></p>", [row])
    assert '<mark id="finding-7" class="finding error open"' in html
    assert "onerror" not in html.replace("onerror=alert(1)&gt;", "")
    assert "<script" not in html
    assert "<img" not in html


def test_another_agency_gets_404_and_a_non_reviewer_403(desk: Desk, client: Client) -> None:
    document = desk.draft()
    services.submit_for_review(actor=desk.editor, document=document)
    url = reverse("publishing:document", args=[document.pk])
    client.force_login(desk.world.users["other_handler"])
    assert client.get(url).status_code == 404
    client.force_login(desk.world.users["handler"])  # the city's, neither editor nor reviewer
    assert client.get(url).status_code == 403
    response = client.post(reverse("publishing:review", args=[document.pk]), {"decision": "approved"})
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.state == "first_review"


def test_the_editor_submits_and_reviewers_sign_off_through_the_forms(desk: Desk, client: Client) -> None:
    document = desk.draft(body="<p>依照政府信息公开条列办理</p>")
    client.force_login(desk.editor)
    page = client.get(reverse("publishing:document", args=[document.pk])).content.decode()
    assert reverse("publishing:submit", args=[document.pk]) in page
    client.post(reverse("publishing:submit", args=[document.pk]))
    document.refresh_from_db()
    assert document.state == "first_review"
    finding = CheckFinding.objects.get(document=document, category="legal")
    response = client.post(reverse("publishing:finding", args=[finding.pk]), {"action": "dismiss", "reason": ""})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == "open"
    client.post(reverse("publishing:finding", args=[finding.pk]), {"action": "accept"})
    finding.refresh_from_db()
    assert finding.status == "accepted"
    for reviewer in desk.reviewers:
        client.force_login(reviewer)
        client.post(reverse("publishing:review", args=[document.pk]), {"decision": "approved", "comment": "同意"})
    document.refresh_from_db()
    assert document.state == "published"
    page = client.get(reverse("publishing:document", args=[document.pk])).content.decode()
    assert reverse("publishing:withdraw", args=[document.pk]) in page
    assert page.count("同意") >= 3


def test_the_navigation_links_the_desk_for_editors_and_reviewers_only(desk: Desk, client: Client) -> None:
    link = f'href="{reverse("publishing:queue")}"'
    client.force_login(desk.reviewers[0])
    assert link in client.get(reverse("publishing:queue")).content.decode()
    client.force_login(desk.world.users["handler"])
    page = client.get(reverse("publishing:queue"))
    assert page.status_code == 200  # an empty queue
    assert link not in page.content.decode()
