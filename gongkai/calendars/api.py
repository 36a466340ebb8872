"""API v1 for the reply clock (a ninja Router; mounted by gongkai.api as ``/clock``).

``POST /clock`` takes exactly the JSON case that ``gongkai clock`` reads on stdin and returns
exactly what it prints; bad input is HTTP 400 with the same ``{"error": {"code", "message"}}``.
Public: it is a calculator over the published holiday schedules and reads no case data.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from gongkai.core.errors import domain_error
from gongkai.law.clock import clock, parse_case
from gongkai.law.errors import LawError

from .selectors import clock_settings, get_calendar

router = Router(tags=["clock"])

_EXAMPLE = {
    "received": "2025-09-26",
    "today": "2025-10-20",
    "events": [{"type": "consultation_started", "on": "2025-09-29"}],
}


@router.post(
    "",
    summary="计算答复期限（输入输出与 gongkai clock 相同）",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"example": _EXAMPLE}}}},
)
def clock_evaluate(request: HttpRequest) -> dict[str, Any]:
    try:
        case = parse_case(request.body)
        state = clock(case.received, case.events, case.today, get_calendar(), clock_settings())
    except LawError as error:
        raise domain_error(error) from error
    return state.as_dict()
