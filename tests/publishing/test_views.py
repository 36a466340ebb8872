"""The review pages: scope (404 for another agency), roles (403 for non-reviewers), the inline
marks escaped, the forms."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.publishing import services
from gongkai.publishing.models import CheckFinding
from gongkai.publishing.views import marked_text

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


def test_marks_are_escaped_and_placed_by_position() -> None:
    row = CheckFinding(pk=7, check_name="wording", category="typo", severity="error", start=3, end=5, found="<b>")
    row.suggestion = '"><img>'
    html = marked_text("ab<<b>c&", [row])
    assert html.startswith("ab&lt;<mark")
    assert '<mark id="finding-7" class="finding error open" title="' in html
    assert "&quot;&gt;&lt;img&gt;" in html  # the suggestion, escaped inside the title
    assert html.count("</mark>") == 1
    assert "<img>" not in html
    assert "<b>" not in html
    assert html.endswith("&gt;c&amp;")


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
