"""The legal receipt date by channel (《条例》第三十一条)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.law.receipt import Channel, ReceiptError, legal_receipt_date

ARRIVED = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("channel", "signed", "confirmed", "expected", "item"),
    [
        (Channel.IN_PERSON, None, None, ARRIVED, "第（一）项"),
        (Channel.POST, None, None, ARRIVED, "第（二）项"),  # signed for on arrival
        (Channel.POST, date(2026, 3, 3), None, date(2026, 3, 3), "第（二）项"),
        (Channel.ORDINARY_LETTER, None, date(2026, 3, 4), date(2026, 3, 4), "第（二）项"),
        (Channel.ONLINE, None, date(2026, 3, 5), date(2026, 3, 5), "第（三）项"),
        (Channel.FAX, None, ARRIVED, ARRIVED, "第（三）项"),
    ],
)
def test_the_receipt_date_follows_the_channel(
    channel: Channel, signed: date | None, confirmed: date | None, expected: date, item: str
) -> None:
    receipt = legal_receipt_date(channel, ARRIVED, signed_for_on=signed, confirmed_on=confirmed)
    assert receipt.on == expected
    assert f"《条例》第三十一条{item}" in receipt.basis


@pytest.mark.parametrize("channel", [Channel.ONLINE, Channel.FAX, Channel.ORDINARY_LETTER, Channel.OTHER])
def test_channels_counted_from_the_confirmation_need_its_date(channel: Channel) -> None:
    with pytest.raises(ReceiptError, match="确认之日"):
        legal_receipt_date(channel, ARRIVED)


def test_a_confirmation_before_arrival_is_refused() -> None:
    with pytest.raises(ReceiptError, match="早于申请到达之日"):
        legal_receipt_date(Channel.ONLINE, ARRIVED, confirmed_on=date(2026, 3, 1))
    with pytest.raises(ReceiptError, match="签收日期"):
        legal_receipt_date(Channel.POST, ARRIVED, signed_for_on=date(2026, 3, 1))


def test_other_channels_follow_the_article_by_analogy() -> None:
    receipt = legal_receipt_date(Channel.OTHER, ARRIVED, confirmed_on=ARRIVED)
    assert receipt.on == ARRIVED
    assert "参照《条例》第三十一条" in receipt.basis
