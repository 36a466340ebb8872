"""The reply clock reproduces, byte for byte, the results recorded before its speed-up.

fixtures/clock_cases.json holds 500 random cases (fixed seed; see fixtures/make_clock_cases.py)
with the ``as_dict()`` result or the error (class, code, Chinese message) that the clock gave
at commit c0bdbd5. Any difference in a date, count, flag, warning or step text fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .fixtures.make_clock_cases import evaluate

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).resolve().parent / "fixtures" / "clock_cases.json").read_text(encoding="utf-8")
)


def test_the_fixture_covers_every_outcome() -> None:
    kinds = {case["result"].get("state") or case["result"]["error"]["code"] for case in CASES}
    assert kinds == {
        "running",
        "paused",
        "awaiting_correction",
        "abandoned_no_correction",
        "abandoned_fee_unpaid",
        "closed",
        "impossible_order",
        "invalid_input",
        "year_not_loaded",
    }
    assert sum(bool(case["result"].get("warnings")) for case in CASES) >= 10


@pytest.mark.parametrize("index", range(len(CASES)))
def test_the_clock_gives_the_recorded_result(index: int) -> None:
    case = CASES[index]
    assert evaluate(case) == case["result"]
