"""Every package of gongkai/ has its place in the layers that import-linter enforces (make lint)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def test_every_package_is_in_a_layer() -> None:
    layers = _contracts()["layers"]["layers"]
    assert isinstance(layers, list)
    placed = {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}
    packages = {f"gongkai.{path.parent.name}" for path in (ROOT / "gongkai").glob("*/__init__.py")}
    assert packages - placed == set(), "add the new package to the layers contract in pyproject.toml"
    assert placed - packages == set()


def test_the_pure_packages_are_the_bottom_layers() -> None:
    contracts = _contracts()
    pure = set(contracts["pure"]["source_modules"])  # type: ignore[arg-type]
    assert pure == {"gongkai.law", "gongkai.text", "gongkai.files"}
    assert {"django", "ninja"} <= set(contracts["pure"]["forbidden_modules"])  # type: ignore[arg-type]
