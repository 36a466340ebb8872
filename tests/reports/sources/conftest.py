"""Fixtures for the source loaders: the seed documents (shared/seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"


@pytest.fixture
def seed_bytes() -> object:
    """``seed_bytes("001")`` → the bytes of seed 001."""
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds is not beside the checkout")

    def read(number: str) -> bytes:
        (path,) = SEEDS.glob(f"{number}_*.txt")
        return path.read_bytes()

    return read
