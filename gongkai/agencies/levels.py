"""Agency levels and which level may sit under which. Plain Python: no Django imports.

Governments form a strict hierarchy (province → city → county → township), with the
directly-administered exceptions China actually has (a county under a province, 省直管县; a
township under a city district is still "county"). Departments (部门) belong to a government or,
for sub-units, to another department.
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    DEPARTMENT = "department"


GOVERNMENT_RANK = {Level.PROVINCE: 1, Level.CITY: 2, Level.COUNTY: 3, Level.TOWNSHIP: 4}

# Words an administrator may type in a CSV or on the command line for each level.
LEVEL_ALIASES: dict[str, Level] = {
    **{level.value: level for level in Level},
    "省": Level.PROVINCE,
    "省级": Level.PROVINCE,
    "市": Level.CITY,
    "市级": Level.CITY,
    "地市": Level.CITY,
    "县": Level.COUNTY,
    "县级": Level.COUNTY,
    "区县": Level.COUNTY,
    "乡": Level.TOWNSHIP,
    "镇": Level.TOWNSHIP,
    "乡镇": Level.TOWNSHIP,
    "乡镇级": Level.TOWNSHIP,
    "街道": Level.TOWNSHIP,
    "部门": Level.DEPARTMENT,
}


def parse_level(text: str) -> Level | None:
    return LEVEL_ALIASES.get(text.strip().lower())


def placement_problem(level: Level, parent_level: Level | None) -> str | None:
    """Why an agency of ``level`` cannot sit under ``parent_level``; None when it can.

    The answer is a short code the caller turns into a message:
    ``department_needs_parent``, ``township_needs_parent``, ``parent_not_higher``.
    """
    if parent_level is None:
        if level is Level.DEPARTMENT:
            return "department_needs_parent"
        if level is Level.TOWNSHIP:
            return "township_needs_parent"
        return None
    if level is Level.DEPARTMENT:
        return None
    if parent_level is Level.DEPARTMENT:
        return "parent_not_higher"
    if GOVERNMENT_RANK[parent_level] >= GOVERNMENT_RANK[level]:
        return "parent_not_higher"
    return None
