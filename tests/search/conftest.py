"""Fixtures of the search tests: every test gets its own index directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test.utils import override_settings


@pytest.fixture(autouse=True)
def search_dir(tmp_path: Path) -> Iterator[Path]:
    """``GONGKAI_SEARCH_DIR`` in a fresh temporary directory (and the service's engine reopened)."""
    from gongkai.search import service

    path = tmp_path / "search"
    with override_settings(GONGKAI_SEARCH_DIR=str(path)):
        service.reset_engine()
        yield path
    service.reset_engine()
