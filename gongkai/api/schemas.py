from __future__ import annotations

from typing import Any

from ninja import Field, Schema

#: The list endpoints' page size: the default and the most one request may ask for.
PAGE_DEFAULT = 100
PAGE_MAX = 500


class ErrorBody(Schema):
    code: str
    message: str
    details: Any | None = None


class PageQuery(Schema):
    limit: int = Field(PAGE_DEFAULT, ge=1, le=PAGE_MAX, description=f"每页条数（默认 {PAGE_DEFAULT}，最多 {PAGE_MAX}）")
    offset: int = Field(0, ge=0, le=10**9, description="从第几条开始（0 起）")


class AgencyQuery(Schema):
    q: str = Field("", max_length=50, description="按名称、简称或拼音（全拼或首字母，如 sdsrmzf）查找机关")


class ErrorOut(Schema):
    error: ErrorBody


class OfficeOut(Schema):
    name: str
    address: str
    postcode: str
    phone: str
    fax: str
    email: str
    hours: str


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    level: str
    level_label: str
    parent_code: str | None
    office: OfficeOut | None


class MembershipOut(Schema):
    agency_code: str
    agency_name: str
    role: str
    role_label: str


class MeOut(Schema):
    username: str
    full_name: str
    memberships: list[MembershipOut]


class HealthOut(Schema):
    status: str
    database: str
