from datetime import date

import pytest

from gongkai.law.errors import YearNotLoaded
from gongkai.law.proactive import proactive_due, proactive_timeliness

from .official import CAL

D = date.fromisoformat


@pytest.mark.parametrize(
    ("formed", "due"),
    [
        ("2024-09-20", "2024-10-23"),  # National Day 2024 with the 9-29 and 10-12 make-up days
        ("2024-02-01", "2024-03-05"),  # Spring Festival 2024
        ("2025-12-10", "2026-01-08"),  # year end, 2026-01-04 worked
    ],
)
def test_art_26_twenty_working_days(formed: str, due: str) -> None:
    assert proactive_due(D(formed), CAL) == D(due)


def test_another_period_set_by_law() -> None:
    assert proactive_due(D("2024-09-30"), CAL, working_days=1) == D("2024-10-08")


def test_timeliness() -> None:
    on_time = proactive_timeliness(D("2024-09-20"), D("2024-10-23"), D("2024-11-01"), CAL)
    assert (on_time.late, on_time.working_days_late) == (False, 0)
    late = proactive_timeliness(D("2024-09-20"), D("2024-10-25"), D("2024-11-01"), CAL)
    assert (late.late, late.working_days_late) == (True, 2)
    unpublished = proactive_timeliness(D("2024-09-20"), None, D("2024-10-28"), CAL)
    assert (unpublished.late, unpublished.working_days_late) == (True, 3)


def test_unloaded_year() -> None:
    with pytest.raises(YearNotLoaded):
        proactive_due(D("2026-12-28"), CAL)


@pytest.mark.parametrize(
    ("base", "policy", "interpretations", "exempt", "blocked"),
    [
        ("normative", True, 0, "", True),
        ("rule", True, 0, "", True),
        ("normative", True, 1, "", False),
        ("normative", True, 0, "内容为机构调整，无需解读", False),
        ("normative", True, 0, "  ", True),
        ("normative", False, 0, "", False),
        ("other", True, 0, "", False),  # a notice is not a policy document in the sense of 三同步
    ],
)
def test_synchronous_interpretation(base: str, policy: bool, interpretations: int, exempt: str, blocked: bool) -> None:
    from gongkai.law.proactive import interpretation_missing, interpretation_required

    assert interpretation_required(base, policy) is (policy and base in ("rule", "normative"))
    reason = interpretation_missing(base, policy, interpretations, exempt)
    assert (reason is not None) is blocked
    if reason:
        assert "国办发〔2016〕80号" in reason
