"""The legal receipt date of an application (收到申请之日), which starts the reply clock.

《政府信息公开条例》(2019) 第三十一条:
(一) 当面提交的, 以提交之日为收到申请之日;
(二) 以邮寄方式提交的, 以行政机关签收之日为收到申请之日; 以平常信函等无需签收的邮寄方式提交的,
     政府信息公开工作机构应当于收到申请的当日与申请人进行确认, 确认之日为收到申请之日;
(三) 通过互联网渠道或者政府信息公开工作机构的传真提交的, 以双方确认之日为收到申请之日.

Where no working contact was given, the clock starts when contact is restored (practice of
国办公开办函〔2015〕207号): that is a confirmation on a later day, recorded the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .errors import LawError


class Channel(StrEnum):
    """How an application reached the office."""

    ONLINE = "online"  # 在线 (互联网渠道)
    IN_PERSON = "in_person"  # 当面
    POST = "post"  # 邮寄 (需签收)
    ORDINARY_LETTER = "ordinary_letter"  # 平常信函 (无需签收)
    FAX = "fax"  # 传真 (工作机构的传真)
    OTHER = "other"  # 其他


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.ONLINE: "在线提交",
    Channel.IN_PERSON: "当面提交",
    Channel.POST: "邮寄（需签收）",
    Channel.ORDINARY_LETTER: "平常信函",
    Channel.FAX: "传真",
    Channel.OTHER: "其他方式",
}

ARTICLE = "《条例》第三十一条"


class ReceiptError(LawError):
    code = "invalid_receipt"


@dataclass(frozen=True)
class Receipt:
    """The legal receipt date and the words that say why (``basis``, with its article)."""

    on: date
    basis: str


def legal_receipt_date(
    channel: Channel,
    received_on: date,
    *,
    signed_for_on: date | None = None,
    confirmed_on: date | None = None,
) -> Receipt:
    """The day the application counts as received (Art. 31), from the channel and its dates.

    ``received_on`` is the day it arrived (handed in, delivered, submitted online); a signed-for
    letter counts from ``signed_for_on`` (default: the day it arrived), letters without
    signature, online and fax applications from ``confirmed_on``, the day office and applicant
    confirmed it. Raises ``ReceiptError`` (Chinese) when a needed date is missing or before the
    application arrived.
    """
    if channel is Channel.IN_PERSON:
        return Receipt(received_on, f"当面提交，以提交之日为收到申请之日（{ARTICLE}第（一）项）")
    if channel is Channel.POST:
        day = signed_for_on or received_on
        _not_before(day, received_on, "签收日期")
        return Receipt(day, f"邮寄提交，以签收之日为收到申请之日（{ARTICLE}第（二）项）")
    if channel in (Channel.ORDINARY_LETTER, Channel.ONLINE, Channel.FAX, Channel.OTHER):
        if confirmed_on is None:
            raise ReceiptError(
                f"{CHANNEL_LABELS[channel]}的申请，须先与申请人确认，以确认之日为收到申请之日（{ARTICLE}）；请填写确认日期。"
            )
        _not_before(confirmed_on, received_on, "确认日期")
        item = "（二）" if channel is Channel.ORDINARY_LETTER else "（三）"
        if channel is Channel.OTHER:
            return Receipt(confirmed_on, f"以与申请人确认之日为收到申请之日（参照{ARTICLE}）")
        return Receipt(confirmed_on, f"{CHANNEL_LABELS[channel]}，以确认之日为收到申请之日（{ARTICLE}第{item}项）")
    raise ReceiptError(f"未知的提交方式：{channel}")


def _not_before(day: date, received_on: date, what: str) -> None:
    if day < received_on:
        raise ReceiptError(f"{what}{day.isoformat()}早于申请到达之日{received_on.isoformat()}，请核对。")
