from __future__ import annotations

from ninja import Schema


class ErrorBody(Schema):
    code: str
    message: str


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
