"""Cases as the tests need them, made through the services (so numbers, events and audit are real)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from gongkai.cases import services
from gongkai.cases.models import Case
from gongkai.cases.services import ApplicantInput, ApplicationInput
from tests.conftest import World

BEIJING = ZoneInfo("Asia/Shanghai")


def application(**changes: Any) -> ApplicationInput:
    applicant = ApplicantInput(
        kind="natural_person",
        name="张三",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="13800138000",
        address="青山市人民路1号",
    )
    fields: dict[str, Any] = {
        "applicant": applicant,
        "description": "2025年本市老旧小区改造项目清单及资金安排",
        "delivery_form": "electronic",
        "delivery_method": "online",
    }
    fields.update(changes)
    return ApplicationInput(**fields)


def arrived(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=BEIJING)


def registered(world: World, day: date = date(2026, 9, 1), **changes: Any) -> Case:
    return services.case_register(
        actor=world.users["registrar"],
        agency=world.city,
        application=application(**changes),
        channel="in_person",
        received_at=arrived(day),
    ).case


def assigned(world: World, day: date = date(2026, 9, 1)) -> Case:
    case = registered(world, day)
    return services.case_assign(actor=world.users["registrar"], case=case, handler=world.users["handler"], on=day)
