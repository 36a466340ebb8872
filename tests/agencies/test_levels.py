import pytest

from gongkai.agencies.levels import Level, parse_level, placement_problem

P, C, K, T, D = Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.DEPARTMENT


@pytest.mark.parametrize(
    ("level", "parent", "problem"),
    [
        (P, None, None),
        (C, None, None),  # a city-level installation may have the city as its root
        (K, None, None),
        (T, None, "township_needs_parent"),
        (D, None, "department_needs_parent"),
        (C, P, None),
        (K, P, None),  # 省直管县
        (K, C, None),
        (T, K, None),
        (T, C, None),
        (D, P, None),
        (D, K, None),
        (D, D, None),  # a department's sub-unit
        (P, P, "parent_not_higher"),
        (C, C, "parent_not_higher"),
        (C, K, "parent_not_higher"),
        (K, D, "parent_not_higher"),
        (P, C, "parent_not_higher"),
    ],
)
def test_placement(level: Level, parent: Level | None, problem: str | None) -> None:
    assert placement_problem(level, parent) == problem


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("province", P),
        ("省级", P),
        (" 市 ", C),
        ("县级", K),
        ("乡镇", T),
        ("街道", T),
        ("部门", D),
        ("CITY", C),
        ("区", None),
    ],
)
def test_parse_level(text: str, level: Level | None) -> None:
    assert parse_level(text) == level
