"""Checks of an applicant's particulars, each message in Chinese (no Django: plain functions).

Resident identity numbers by their check digit (GB 11643-1999) and unified social credit codes by
theirs (GB 32100-2015), with python-stdnum's ``cn.ric`` and ``cn.uscc``; mainland phone numbers by
their form (mobile 1XXXXXXXXXX, landline with area code).
"""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(?:\d{1,6})?$")  # area code, number, optional extension digits
_PASSPORT = re.compile(r"^[A-Z0-9]{5,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_id(id_type: str, number: str) -> str:
    """The identity number as compared and stored: no spaces, upper case (the X check digit)."""
    return re.sub(r"[\s\u3000-]", "", number).upper()


def id_number_problem(id_type: str, number: str) -> str | None:
    value = normalise_id(id_type, number)
    if not value:
        return "请填写证件号码。"
    if id_type == "resident_id":
        try:
            ric.validate(value)
        except stdnum_errors.InvalidChecksum:
            return "居民身份证号码的校验位不正确，请核对。"
        except stdnum_errors.ValidationError:
            return "居民身份证号码应为18位（最后一位可为X），且出生日期、地区代码有效。"
        return None
    if id_type == "unified_social_credit_code":
        try:
            uscc.validate(value)
        except stdnum_errors.InvalidChecksum:
            return "统一社会信用代码的校验位不正确，请核对。"
        except stdnum_errors.ValidationError:
            return "统一社会信用代码应为18位数字或大写字母。"
        return None
    if id_type == "passport":
        return None if _PASSPORT.match(value) else "护照号码应为5至20位字母或数字。"
    if id_type == "other":
        return None if len(value) <= 64 else "证件号码过长。"
    return "请选择证件类型。"


def phone_problem(phone: str) -> str | None:
    value = re.sub(r"[\s\-()（）]", "", phone)
    if not value:
        return None
    if _MOBILE.match(value) or _LANDLINE.match(value):
        return None
    return "电话号码格式不正确：手机号为11位（1开头），固定电话请带区号（如 0531-12345678）。"


def email_problem(email: str) -> str | None:
    if not email:
        return None
    return None if _EMAIL.match(email) and len(email) <= 254 else "电子邮箱格式不正确。"


def id_type_fits_kind(kind: str, id_type: str) -> str | None:
    """A natural person shows a personal document; an organisation its credit code (or other)."""
    if kind == "natural_person" and id_type == "unified_social_credit_code":
        return "自然人请填写居民身份证、护照等个人证件。"
    if kind != "natural_person" and id_type in {"resident_id", "passport"}:
        return "法人或其他组织请填写统一社会信用代码（或其他证照号码）。"
    return None


def mobile_number(phone: str) -> str | None:
    """The 11-digit mainland mobile number in ``phone`` (for text messages), or None (a landline, none)."""
    value = re.sub(r"[\s\-()（）]", "", phone)
    if not _MOBILE.match(value):
        return None
    return value[-11:]
