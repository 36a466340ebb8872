"""In a real browser the Content-Security-Policy blocks nothing our pages need (issue 9 item 10)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/clock/", "/staff/login/", "/admin/login/", "/api/v1/docs"]


def test_no_page_violates_the_policy(live_server: Any, page: Any, world: Any) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    # the API docs really rendered from the bundled Swagger UI (no CDN reachable here)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info", timeout=15000)
    assert violations == []
