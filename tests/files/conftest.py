"""Fixtures for the source loaders: the seed documents (tests/fixtures/seeds)."""

from __future__ import annotations

import pytest

from tests.seed_documents import seed_path


@pytest.fixture
def seed_bytes() -> object:
    """``seed_bytes("001")`` → the bytes of seed 001."""

    def read(number: str) -> bytes:
        return seed_path(number).read_bytes()

    return read
