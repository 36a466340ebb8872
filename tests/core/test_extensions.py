"""Apps wire themselves through their AppConfig; the shell collects what they declare."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.agencies.groups import ensure_role_groups, group_name, wanted_permissions
from gongkai.api.urls import api
from gongkai.calendars.recompute import RecomputeReport, recompute_due_dates, registered_recomputers
from gongkai.calendars.selectors import get_calendar
from gongkai.core import extensions

# Every page and API path as it was before the apps declared their own wiring (issue 8 item 6).
# Apps may add URLs; none of these may move, change name or disappear.
PAGES = {
    "": "portal:home",
    "agencies/<str:code>/": "portal:agency",
    "clock/": "calendars:calculator",
    "clock/calendar/": "calendars:calendar",
    "clock/calendar/<int:year>/": "calendars:calendar_year",
    "staff/reports/": "reports:list",
    "staff/reports/upload/": "reports:upload",
    "staff/reports/history/": "reports:history",
    "staff/reports/<int:pk>/": "reports:detail",
    "staff/reports/<int:pk>/file/": "reports:file",
    "staff/login/": "workspace:login",
    "staff/logout/": "workspace:logout",
    "staff/": "workspace:dashboard",
    "staff/agencies/": "workspace:agencies",
    "staff/agencies/<str:code>/": "workspace:agency",
    "staff/audit/": "workspace:audit",
    "api/v1/openapi.json": "api-1.0.0:openapi-json",
    "api/v1/docs": "api-1.0.0:openapi-view",
    "api/v1/health": "api-1.0.0:health",
    "api/v1/agencies": "api-1.0.0:agency_list",
    "api/v1/agencies/<code>": "api-1.0.0:agency_detail",
    "api/v1/staff/me": "api-1.0.0:me",
    "api/v1/staff/agencies/<code>": "api-1.0.0:staff_agency",
    "api/v1/clock": "api-1.0.0:clock_evaluate",
    "api/v1/reports": "api-1.0.0:report_list",
    "api/v1/reports/<int:report_id>": "api-1.0.0:report_detail",
    "api/v1/reports/audit": "api-1.0.0:report_audit",
}

OPERATIONS = {
    ("GET", "/api/v1/health"): "gongkai_api_urls_health",
    ("GET", "/api/v1/agencies"): "gongkai_api_urls_agency_list",
    ("GET", "/api/v1/agencies/{code}"): "gongkai_api_urls_agency_detail",
    ("GET", "/api/v1/staff/me"): "gongkai_api_urls_me",
    ("GET", "/api/v1/staff/agencies/{code}"): "gongkai_api_urls_staff_agency",
    ("POST", "/api/v1/clock"): "gongkai_calendars_api_clock_evaluate",
    ("GET", "/api/v1/reports"): "gongkai_reports_api_report_list",
    ("GET", "/api/v1/reports/{report_id}"): "gongkai_reports_api_report_detail",
    ("POST", "/api/v1/reports/audit"): "gongkai_reports_api_report_audit",
    ("GET", "/api/v1/search"): "search_documents",
    ("GET", "/api/v1/search/suggest"): "search_suggest",
}


def _routes(resolver: URLResolver, prefix: str = "", namespace: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.update(_routes(entry, prefix + str(entry.pattern), inner))
        elif isinstance(entry, URLPattern) and entry.name:
            found.setdefault(prefix + str(entry.pattern), namespace + entry.name)
    return found


def test_every_page_keeps_its_path_and_name() -> None:
    routes = _routes(get_resolver())
    assert {route: routes.get(route) for route in PAGES} == PAGES


def test_every_api_operation_keeps_its_path_and_id() -> None:
    schema = api.get_openapi_schema()
    found = {
        (method.upper(), path): operation["operationId"]
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
    assert {key: found.get(key) for key in OPERATIONS} == OPERATIONS
    # the domain apps' routers come after the shell's own endpoints, in app order (as before)
    order = [path for path in schema["paths"] if path in {"/api/v1/agencies", "/api/v1/clock", "/api/v1/reports"}]
    assert order == ["/api/v1/agencies", "/api/v1/clock", "/api/v1/reports"]


def test_a_nested_prefix_is_matched_before_the_shell_that_contains_it() -> None:
    prefixes = [str(entry.pattern) for entry in extensions.url_includes()]
    assert prefixes.index("staff/reports/") < prefixes.index("staff/")
    assert prefixes[-1] == ""  # the portal's root comes last
    assert reverse("reports:list") == "/staff/reports/"


def test_the_apps_declare_their_wiring() -> None:
    assert apps.get_app_config("reports").urls == ("staff/reports/", "gongkai.reports.urls")  # type: ignore[attr-defined]
    assert [prefix for prefix, _ in extensions.api_routers()] == [
        "/clock",
        "/applications",
        "/staff/cases",
        "/staff/cases",
        "/staff",
        "/documents",
        "/staff/documents",
        "/applications",
        "/staff/cases",
        "/staff/documents",
        "/search",
        "/reports",
    ]


calls: list[str] = []


def fake_recomputer(calendar: Any) -> RecomputeReport:
    calls.append(type(calendar).__name__)
    return RecomputeReport("fake", checked=3, changed=1)


def test_a_declared_recomputer_runs_when_the_calendar_changes(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    monkeypatch.setattr(
        apps.get_app_config("reports"),
        "recomputers",
        {"fake": "tests.core.test_extensions.fake_recomputer"},
        raising=False,
    )
    calls.clear()
    assert "fake" in registered_recomputers()
    reports = recompute_due_dates(get_calendar())
    assert [(r.name, r.checked, r.changed) for r in reports if r.name == "fake"] == [("fake", 3, 1)]
    assert calls == ["WorkingCalendar"]


def test_declared_role_permissions_reach_the_role_groups(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    monkeypatch.setattr(
        apps.get_app_config("reports"),
        "role_permissions",
        {"supervisor": ["reports.view_publishedreport", "agencies.view_agency"]},
        raising=False,
    )
    wanted = wanted_permissions()
    assert wanted["supervisor"].count("agencies.view_agency") == 1  # merged, not doubled
    assert "reports.view_publishedreport" in wanted["supervisor"]
    ensure_role_groups()
    held = set(Group.objects.get(name=group_name("supervisor")).permissions.values_list("codename", flat=True))
    assert "view_publishedreport" in held
    assert "view_agency" in held
