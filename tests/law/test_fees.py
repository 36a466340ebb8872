import pytest

from gongkai.law.fees import (
    FeeMethod,
    fee,
    marginal_application_fee,
    per_application_fee,
    per_page_fee,
)


def test_spec_example_per_application() -> None:
    result = per_application_fee(35)
    assert result.amount == 3000
    assert [(b.label, b.unit_price, b.count, b.amount) for b in result.bands] == [
        ("1–10", 0, 10, 0),
        ("11–30", 100, 20, 2000),
        ("31–40", 200, 5, 1000),
    ]
    assert result.explanation == "20×100元+5×200元=3000元"
    assert "109号" in result.basis


def test_spec_example_per_page() -> None:
    result = per_page_fee(250)
    assert result.amount == 4700
    assert [(b.label, b.count, b.amount) for b in result.bands] == [
        ("1–30", 30, 0),
        ("31–100", 70, 700),
        ("101–200", 100, 2000),
        ("201以上", 50, 2000),
    ]


@pytest.mark.parametrize(
    ("n", "amount"),
    [(0, 0), (1, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300), (50, 7000), (51, 7400)],
)
def test_per_application_tiers(n: int, amount: int) -> None:
    assert per_application_fee(n).amount == amount


@pytest.mark.parametrize(
    ("pages", "amount"), [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)]
)
def test_per_page_tiers(pages: int, amount: int) -> None:
    assert per_page_fee(pages).amount == amount


@pytest.mark.parametrize("n", range(80))
def test_marginal_prices_add_up(n: int) -> None:
    assert per_application_fee(n + 1).amount - per_application_fee(n).amount == marginal_application_fee(n)


def test_free_quantity_says_so_and_one_method_per_call() -> None:
    assert per_page_fee(30).explanation == "30页，在免费范围内，不收费"
    assert fee(FeeMethod.PER_PAGE, 250).amount == 4700
    assert fee(FeeMethod.PER_APPLICATION, 35).amount == 3000


@pytest.mark.parametrize("bad", [-1, True, 2.5])
def test_bad_quantity(bad: object) -> None:
    with pytest.raises(ValueError, match="non-negative"):
        per_page_fee(bad)  # type: ignore[arg-type]
