"""axe-core (bundled by axe-playwright-python, nothing downloaded) on every page of the application.

The pages are found, not listed: a crawler follows the application's own links from the portal (as
a citizen) and from the workspace (as a platform administrator and as a handler), so a page added
later is checked without editing this test. The Django admin (Django's own pages) and the API's
Swagger page are left out; downloads and log-out are not followed.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.cases.builders import assigned
from tests.factories import PASSWORD, UserFactory, published_report
from tests.reports.report_text import report_text
from tests.reports.sample_reports import zhaoyuan_2023

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKIPPED_PREFIXES = ("/admin/", "/api/", "/staff/logout/", "/static/", "/media/")
MAX_PAGES = 60


def _violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in results.response["violations"]
    ]


def _links(page: Any, base: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        url, _fragment = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != base or parts.path.startswith(SKIPPED_PREFIXES):
            continue
        if parts.path.endswith((".csv", ".json", ".txt", ".pdf", ".docx", ".html")) or "download" in parts.path:
            continue
        found.append(url)
    return found


def _crawl(page: Any, base: str, start: str) -> tuple[list[str], list[str]]:
    """Visit every page reachable from ``start`` (up to MAX_PAGES); return (visited, violations)."""
    queue, seen, problems = [base + start], set(), []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a link to a file: the browser downloads, there is no page
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        problems.extend(_violations(page))
        queue.extend(link for link in _links(page, base) if link not in seen)
    return sorted(seen), problems


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/staff/")


@pytest.fixture
def kept_report(world: Any) -> None:
    report = zhaoyuan_2023()
    report.agency = "青山市人民政府"
    published_report(world.city, report_text(report).encode(), name="青山市2023年报.txt")
    assigned(world)  # a case in progress: its page shows the handler's step forms


def test_the_public_pages_have_no_axe_violations(live_server: Any, page: Any, world: Any) -> None:
    visited, problems = _crawl(page, live_server.url, "/")
    assert len(visited) >= 4, visited  # the portal, an agency, the calculator, the calendar at least
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("who", ["platform_admin", "handler"])
def test_the_staff_pages_have_no_axe_violations(
    live_server: Any, page: Any, world: Any, kept_report: None, who: str
) -> None:
    username = "axe_root" if who == "platform_admin" else world.users["handler"].username
    if who == "platform_admin":
        UserFactory(username=username, is_superuser=True, is_staff=True)
    _log_in(page, live_server.url, username)
    visited, problems = _crawl(page, live_server.url, "/staff/")
    assert len(visited) >= 5, visited
    assert problems == [], "\n".join(problems)


def test_the_login_and_error_pages_have_no_axe_violations(live_server: Any, page: Any, world: Any) -> None:
    problems: list[str] = []
    for path in ["/staff/login/", "/staff/password/forgot/", "/no-such-page/"]:
        page.goto(live_server.url + path)
        problems.extend(_violations(page))
    assert problems == [], "\n".join(problems)
