"""Playwright driving Debian's chromium (never a downloaded browser).

Without chromium the browser tests skip with a visible reason — except in CI, where they fail:
`.ci/run` installs chromium through scripts/system-deps.sh.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = "Debian chromium is not installed (run scripts/system-deps.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; Django's ORM calls in the test are synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def official_calendar(transactional_db: None) -> None:
    """The official holiday schedules, as the seed migration loads them.

    Browser tests run on a transactional database: the flush after each one also empties the tables
    that migrations seeded, so the next test loads them again through the migration's own code.
    """
    from django.apps import apps

    from gongkai.calendars.models import HolidaySchedule

    if not HolidaySchedule.objects.exists():
        migration = importlib.import_module("gongkai.calendars.migrations.0002_seed_official_schedules")
        migration.seed(apps, None)
        states = importlib.import_module("gongkai.calendars.migrations.0003_states_versions_regional")
        states.confirm_official_years(apps, None)


@pytest.fixture(autouse=True)
def library_seeds(transactional_db: None) -> None:
    """The document kinds and the review's starter dictionaries, as their seed migrations load
    them (emptied by the flush after each browser test, like the calendars above)."""
    from django.apps import apps

    from gongkai.documents.models import DocumentKind
    from gongkai.publishing.checking import invalidate
    from gongkai.publishing.models import WordingEntry

    if not DocumentKind.objects.exists():
        importlib.import_module("gongkai.documents.migrations.0002_seed_kinds").seed(apps, None)
    if not WordingEntry.objects.exists():
        importlib.import_module("gongkai.publishing.migrations.0002_seed_dictionaries").seed(apps, None)
        invalidate()  # the seed writes through the migration's models: no signal tells the checker


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
