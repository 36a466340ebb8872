"""Applicant particulars: identity numbers by their check digits, phones by their form."""

from __future__ import annotations

import pytest

from gongkai.cases import validation
from gongkai.cases.numbering import format_number, pattern_problem

VALID_RIC = "11010519491231002X"  # the worked example of GB 11643-1999
VALID_USCC = "913700001630600086"  # check digit by GB 32100-2015


@pytest.mark.parametrize(
    ("id_type", "number", "problem"),
    [
        ("resident_id", VALID_RIC, None),
        ("resident_id", VALID_RIC.lower(), None),  # a lower-case x is the same check digit
        ("resident_id", "110105 19491231 002X", None),  # spaces as people type them
        ("resident_id", "110105194912310021", "校验位"),
        ("resident_id", "110105194913310021", "出生日期"),  # check digit right, 13th month
        ("resident_id", "1101051949", "18位"),
        ("unified_social_credit_code", VALID_USCC, None),
        ("unified_social_credit_code", VALID_USCC[:-1] + "7", "校验位"),
        ("unified_social_credit_code", "12345", "18位"),
        ("passport", "E12345678", None),
        ("passport", "E1", "护照"),
        ("other", "港澳通行证C12345678", None),
        ("resident_id", "", "请填写"),
    ],
)
def test_identity_numbers(id_type: str, number: str, problem: str | None) -> None:
    found = validation.id_number_problem(id_type, number)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("13800138000", True),
        ("+8613800138000", True),
        ("138 0013 8000", True),
        ("0531-86061234", True),
        ("(010) 6512 3456", True),
        ("12345", False),
        ("23800138000", False),
        ("", True),
    ],
)
def test_phone_numbers(phone: str, ok: bool) -> None:
    assert (validation.phone_problem(phone) is None) is ok


def test_the_document_must_fit_the_kind_of_applicant() -> None:
    assert validation.id_type_fits_kind("natural_person", "unified_social_credit_code")
    assert validation.id_type_fits_kind("commercial", "resident_id")
    assert validation.id_type_fits_kind("commercial", "unified_social_credit_code") is None


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("{agency_short}申〔{year}〕{seq:04d}号", None),
        ("{agency_code}-{year}-{seq}", None),
        ("{agency_short}申{seq}", "{year}"),
        ("{agency_short}申〔{year}〕", "{seq}"),
        ("{name}{year}{seq}", "未知的字段"),
        ("{year}{seq", "花括号"),
        ("{year}{seq:x!}", "无法使用"),
    ],
)
def test_number_patterns(pattern: str, problem: str | None) -> None:
    found = pattern_problem(pattern)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_the_default_pattern_gives_the_usual_number() -> None:
    number = format_number(
        "{agency_short}申〔{year}〕{seq:04d}号", agency_short="青山市政府", agency_code="c", year=2026, seq=7
    )
    assert number == "青山市政府申〔2026〕0007号"
