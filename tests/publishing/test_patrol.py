"""The patrol: today's dictionaries over the published documents; only new findings are kept."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse

from gongkai.documents.models import Document, DocumentAttachment
from gongkai.publishing import services
from gongkai.publishing.models import CheckFinding, PatrolRun, PatrolStatus, WordingEntry

from .conftest import Desk

pytestmark = pytest.mark.django_db

BODY = "<p>本市推进放管服改革，优化营商坏境。</p>"


def _published(desk: Desk, body: str = BODY, **kw: Any) -> Document:
    document = desk.draft(body=body, **kw)
    services.submit_for_review(actor=desk.editor, document=document)
    for reviewer in desk.reviewers:
        services.review(actor=reviewer, document=document, decision="approved")
    document.refresh_from_db()
    assert document.state == "published"
    return document


def test_a_new_dictionary_entry_finds_old_pages(desk: Desk) -> None:
    document = _published(desk)
    DocumentAttachment.objects.create(
        document=document,
        file="documents/a.pdf",
        name="附件.pdf",
        media_type="pdf",
        size=1,
        text="附件：营商坏境评价",
        uploaded_at=document.created_at,
    )
    before = CheckFinding.objects.filter(document=document).count()
    out = StringIO()
    call_command("patrol", "--quiet", stdout=out)
    assert CheckFinding.objects.filter(document=document).count() == before  # nothing new yet
    WordingEntry.objects.create(category="typo", severity="error", term="营商坏境", suggestion="营商环境")
    out = StringIO()
    call_command("patrol", "--agency", "city", "--quiet", stdout=out)
    new = CheckFinding.objects.filter(document=document, found_by="patrol").order_by(
        F("attachment_id").asc(nulls_first=True)
    )
    assert [(row.attachment_id is None, row.found, row.suggestion) for row in new] == [
        (True, "营商坏境", "营商环境"),
        (False, "营商坏境", "营商环境"),
    ]
    assert new[0].start == "本市推进放管服改革，优化".__len__()
    report = out.getvalue()
    assert "青山市人民政府（city）\t1\t2\t0\t0" in report
    # a second patrol finds nothing new
    reports = services.patrol(actor=None)
    assert [(r.code, r.documents, r.new["error"]) for r in reports] == [("city", 1, 0)]


def test_the_patrol_only_reads_the_agency_asked_for(desk: Desk) -> None:
    _published(desk)
    assert services.patrol(actor=None, agency=desk.world.other_city) == []
    with pytest.raises(Exception, match="other"):
        call_command("patrol", "--agency", "nowhere-other", "--quiet", stdout=StringIO())


def test_an_administrator_starts_the_patrol_from_the_back_office(desk: Desk, client: Client, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _published(desk)
    WordingEntry.objects.create(category="typo", severity="warning", term="营商坏境", suggestion="营商环境")
    root = get_user_model().objects.create_superuser("root", "root@example.cn", "x" * 12)
    client.force_login(root)
    response = client.post(reverse("admin:publishing_patrolrun_add"), {"agency": ""})
    assert response.status_code == 302
    run = PatrolRun.objects.get()
    assert run.status == PatrolStatus.DONE
    assert run.report == [
        {"code": "city", "name": "青山市人民政府", "documents": 1, "new": {"error": 0, "warning": 1, "notice": 0}}
    ]
    page = client.get(reverse("admin:publishing_patrolrun_change", args=[run.pk]))
    assert page.status_code == 200


def test_a_dictionary_change_rebuilds_the_checker(desk: Desk) -> None:
    from gongkai.publishing.checking import dictionary

    first = dictionary()
    assert dictionary() is first  # cached
    entry = WordingEntry.objects.create(category="typo", severity="notice", term="坏境", suggestion="环境")
    second = dictionary()
    assert second.version != first.version
    entry.active = False
    entry.save()
    assert dictionary().version == first.version


def test_gongkai_documents_patrol_is_the_same_patrol(desk: Desk) -> None:
    document = _published(desk)
    WordingEntry.objects.create(category="typo", severity="error", term="营商坏境", suggestion="营商环境")
    out = StringIO()
    call_command("documents", "patrol", "--agency", "city", "--quiet", stdout=out)
    assert "青山市人民政府（city）\t1\t1\t0\t0" in out.getvalue()
    assert CheckFinding.objects.filter(document=document, found_by="patrol").count() == 1
