"""Fixtures of the calendar tests: a complete 2027 (test data), platform and county administrators."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.calendars import services
from gongkai.law.holidays import MakeupDay, RestPeriod
from tests.factories import UserFactory, grant

from .notice_2027 import MAKEUPS_2027, PERIODS_2027


def days_2027() -> list[services.DayInput]:
    return services.days_from_periods(
        [RestPeriod(*row) for row in PERIODS_2027], [MakeupDay(*row) for row in MAKEUPS_2027]
    )


@pytest.fixture
def platform_admin(world: Any) -> Any:
    """The administrator of 示范省人民政府, the root of the test tree: a platform administrator."""
    return world.users["admin"]


@pytest.fixture
def county_admin(world: Any) -> Any:
    user = UserFactory(username="county_admin")
    grant(user, world.county, Role.ADMINISTRATOR)
    return user


@pytest.fixture
def superuser(db: None) -> Any:
    user = UserFactory(username="root")
    user.is_staff = user.is_superuser = True
    user.save()
    return user
