"""Shared fixtures. ``world`` is a small agency tree with a staff user for every role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test.utils import override_settings

from gongkai.agencies.models import Agency, Role

from .factories import AgencyFactory, UserFactory, grant


@pytest.fixture(autouse=True, scope="session")
def media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Stored files (gongkai.core.storage) go to a folder of the test session, not var/media."""
    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(root)):
        yield root


@dataclass
class World:
    province: Agency  # 省政府
    province_dept: Agency  # 省直部门
    city: Agency  # 市政府
    city_dept: Agency  # 市直部门
    county: Agency  # 县政府 (under the city)
    other_city: Agency  # a sibling city: nobody in the city may see it
    users: dict[str, Any]


@pytest.fixture
def world(db: None) -> World:
    province = AgencyFactory(code="prov", name="示范省人民政府", level="province")
    province_dept = AgencyFactory(code="prov-dept", name="示范省司法厅", level="department", parent=province)
    city = AgencyFactory(code="city", name="青山市人民政府", level="city", parent=province)
    city_dept = AgencyFactory(code="city-dept", name="青山市教育局", level="department", parent=city)
    county = AgencyFactory(code="county", name="绿水县人民政府", level="county", parent=city)
    other_city = AgencyFactory(code="other-city", name="白云市人民政府", level="city", parent=province)
    users = {
        "admin": UserFactory(username="prov_admin"),
        "supervisor": UserFactory(username="prov_supervisor"),
        "city_supervisor": UserFactory(username="city_supervisor"),
        "registrar": UserFactory(username="city_registrar"),
        "handler": UserFactory(username="city_handler"),
        "head": UserFactory(username="city_head"),
        "county_handler": UserFactory(username="county_handler"),
        "other_handler": UserFactory(username="other_handler"),
        "nobody": UserFactory(username="no_roles"),
    }
    grant(users["admin"], province, Role.ADMINISTRATOR)
    grant(users["supervisor"], province, Role.SUPERVISOR)
    grant(users["city_supervisor"], city, Role.SUPERVISOR)
    grant(users["registrar"], city, Role.REGISTRAR)
    grant(users["handler"], city, Role.HANDLER)
    grant(users["head"], city, Role.HEAD)
    grant(users["county_handler"], county, Role.HANDLER)
    grant(users["other_handler"], other_city, Role.HANDLER)
    return World(province, province_dept, city, city_dept, county, other_city, users)
