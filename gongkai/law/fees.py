"""Information processing fees (信息处理费), 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号).

Regulation Art. 42: an agency may charge only when the quantity or frequency of an applicant's
requests clearly exceeds a reasonable range. 109号 sets two methods; the agency picks one per
application, never both:

- per application (按件计收, 109号第四条), counted per applicant per calendar month:
  1–10 free; 11–30 at 100 元 each; from the 31st, each further band of 10 costs 100 元 more per
  application (31–40 at 200, 41–50 at 300, …). 35 in a month → 20 × 100 + 5 × 200 = 3 000 元.
- per page (按量计收, 109号第五条), for paper copies, e-mail and copied data:
  1–30 pages free; 31–100 at 10 元/page; 101–200 at 20 元/page; above 200 at 40 元/page.
  250 pages → 70 × 10 + 100 × 20 + 50 × 40 = 4 700 元.

Amounts are whole yuan (the standards are whole yuan).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

BASIS = "国办函〔2020〕109号"


class FeeMethod(StrEnum):
    PER_APPLICATION = "per_application"  # 按件计收
    PER_PAGE = "per_page"  # 按量计收


@dataclass(frozen=True)
class FeeBand:
    """One band of a tier table: items ``first``–``last`` (``last`` None: no upper end)."""

    first: int
    last: int | None
    unit_price: int  # 元 per application or per page
    count: int  # how many of the charged items fall in this band
    amount: int  # count × unit_price

    @property
    def label(self) -> str:
        upper = "以上" if self.last is None else f"–{self.last}"
        return f"{self.first}{upper}"


@dataclass(frozen=True)
class FeeResult:
    method: FeeMethod
    quantity: int
    amount: int  # 元
    bands: tuple[FeeBand, ...]  # every band the quantity reaches, free band included
    basis: str = BASIS

    @property
    def explanation(self) -> str:
        """The breakdown as the fee notice states it, e.g. "20×100元+5×200元=3000元"."""
        charged = [b for b in self.bands if b.unit_price and b.count]
        if not charged:
            return f"{self.quantity}{'件' if self.method is FeeMethod.PER_APPLICATION else '页'}，在免费范围内，不收费"
        parts = "+".join(f"{b.count}×{b.unit_price}元" for b in charged)
        return f"{parts}={self.amount}元"


# (first, last, unit price); per page, 109号第五条
PAGE_BANDS: tuple[tuple[int, int | None, int], ...] = ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))
APPLICATIONS_FREE = 10  # 109号第四条(一): 10 a month free
APPLICATIONS_FIRST_PAID_LAST = 30  # 11–30 at 100 元
APPLICATIONS_STEP = 10  # then bands of 10, each 100 元 dearer
APPLICATIONS_PRICE_STEP = 100


def _check(quantity: int) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        raise ValueError("quantity must be a non-negative integer")


def _band(first: int, last: int | None, price: int, quantity: int) -> FeeBand:
    top = quantity if last is None else min(last, quantity)
    count = max(0, top - first + 1)
    return FeeBand(first, last, price, count, count * price)


def per_page_fee(pages: int) -> FeeResult:
    """Fee for ``pages`` pages of one application (109号第五条, 按量计收)."""
    _check(pages)
    bands = tuple(_band(first, last, price, pages) for first, last, price in PAGE_BANDS if pages >= first)
    return FeeResult(FeeMethod.PER_PAGE, pages, sum(b.amount for b in bands), bands)


def application_band_price(number: int) -> int:
    """Price of the ``number``-th application of an applicant in a calendar month (109号第四条)."""
    if number <= APPLICATIONS_FREE:
        return 0
    if number <= APPLICATIONS_FIRST_PAID_LAST:
        return APPLICATIONS_PRICE_STEP
    return APPLICATIONS_PRICE_STEP * (2 + (number - APPLICATIONS_FIRST_PAID_LAST - 1) // APPLICATIONS_STEP)


def per_application_fee(applications_in_month: int) -> FeeResult:
    """Fee for an applicant's ``applications_in_month`` applications to one agency in one calendar
    month (109号第四条, 按件计收). One request with several items may be split, one item one
    application (109号第四条)."""
    _check(applications_in_month)
    n = applications_in_month
    bands: list[FeeBand] = []
    if n >= 1:
        bands.append(_band(1, APPLICATIONS_FREE, 0, n))
    if n > APPLICATIONS_FREE:
        bands.append(_band(APPLICATIONS_FREE + 1, APPLICATIONS_FIRST_PAID_LAST, APPLICATIONS_PRICE_STEP, n))
    first = APPLICATIONS_FIRST_PAID_LAST + 1
    while first <= n:
        last = first + APPLICATIONS_STEP - 1
        bands.append(_band(first, last, application_band_price(first), n))
        first = last + 1
    return FeeResult(FeeMethod.PER_APPLICATION, n, sum(b.amount for b in bands), tuple(bands))


def marginal_application_fee(already_this_month: int) -> int:
    """What one more application costs when the applicant already made ``already_this_month``."""
    _check(already_this_month)
    return application_band_price(already_this_month + 1)


def fee(method: FeeMethod, quantity: int) -> FeeResult:
    """One method per application, never both (109号第三条)."""
    return per_page_fee(quantity) if method is FeeMethod.PER_PAGE else per_application_fee(quantity)
