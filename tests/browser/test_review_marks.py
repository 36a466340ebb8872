"""The review page in a real browser (issue 13 item 3): the body shown as it will be published,
each finding marked at its place (also across an element boundary), the list beside it linking
to each mark, and a finding dismissed with its reason from that list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_case_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "<p>依照<strong>政府信息</strong>公开条列办理。</p><p>联系电话：13812345678。</p>"


def test_a_reviewer_sees_the_findings_in_place(live_server: Any, page: Any, world: Any, artifacts: Path) -> None:
    from gongkai.agencies.models import Role
    from gongkai.documents import services as doc_services
    from gongkai.documents.services import DocumentInput
    from gongkai.publishing import services
    from gongkai.publishing.models import CheckFinding
    from tests.factories import UserFactory, grant

    editor = UserFactory(username="city_editor")
    grant(editor, world.city, Role.EDITOR)
    reviewer = UserFactory(username="city_reviewer")
    grant(reviewer, world.city, Role.REVIEWER)
    document = doc_services.document_create(
        actor=editor, agency=world.city, data=DocumentInput(title="青山市人民政府关于做好政务公开工作的通知", body=BODY)
    )
    services.submit_for_review(actor=editor, document=document)
    legal = CheckFinding.objects.get(document=document, category="legal")
    mobile = CheckFinding.objects.get(document=document, category="mobile")

    base = live_server.url
    log_in(page, base, "city_reviewer")
    page.goto(f"{base}/staff/publishing/{document.pk}/")
    body = page.locator(".checked-body")
    # the legal term runs across <strong>: two marks, the first (with the id) inside it
    assert body.locator("strong mark").evaluate("e => e.textContent") == "政府信息"
    assert body.locator(f"#finding-{legal.pk}").evaluate("e => e.textContent") == "政府信息"
    marked = body.locator("mark").evaluate_all("marks => marks.map(m => m.firstChild.textContent)")
    assert marked == ["政府信息", "公开条列", "13812345678"]
    assert body.locator(f"#finding-{mobile.pk}").evaluate("e => e.firstChild.textContent") == "13812345678"
    label = body.locator("mark .visually-hidden").first
    assert label.bounding_box()["width"] <= 1  # the message is there for screen readers, not in the way
    # the list stands beside the body and links to each mark
    aside = page.get_by_role("complementary", name="正文中的检查问题")
    body_box, aside_box = body.bounding_box(), aside.bounding_box()
    assert aside_box["x"] >= body_box["x"] + body_box["width"]
    aside.locator(f'a[href="#finding-{mobile.pk}"]').click()
    assert page.url.endswith(f"#finding-{mobile.pk}")
    assert page.locator(f"#finding-{mobile.pk}").evaluate("e => e.matches(':target')")
    page.screenshot(path=str(artifacts / "review-marks.png"), full_page=True)
    # dismissed from the list, with the reason
    row = aside.locator(f"#row-finding-{legal.pk}")
    row.get_by_label("理由").fill("引用原文，不予修改")
    row.get_by_role("button", name="忽略").click()
    page.wait_for_load_state()
    assert "引用原文，不予修改" in page.locator(f"#row-finding-{legal.pk}").inner_text()
    assert "dismissed" in (page.locator(f"#finding-{legal.pk}").get_attribute("class") or "")
