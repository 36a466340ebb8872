"""The seed documents (tests/fixtures/seeds): real published reports used as fixtures."""

from __future__ import annotations

from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent / "fixtures" / "seeds"


def seed_path(number: str) -> Path:
    """The seed file whose name starts with ``number`` ("000" … "004")."""
    (path,) = SEEDS_DIR.glob(f"{number}_*.txt")
    return path


def seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))
