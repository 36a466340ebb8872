"""API v1 for letters.

- ``GET /applications/{number}/letters/{id}`` with header ``X-Query-Code`` (``?format=pdf|docx``,
  default pdf) — a letter sent to the applicant, as issued. A wrong code, a missing case and a
  letter of another case give the same 404; failed look-ups count toward the status look-up's limit.
- ``GET /staff/cases/{number}/letters/{id}?format=docx|pdf`` — any letter of a case in the
  user's reach (404 outside it).
The case's letters are listed in ``GET /applications/{number}`` (``letters``) and on the pages.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Schema

from gongkai.cases.api import LOOKUPS, TooManyAttempts, find_by_number_and_code, lookup_limit
from gongkai.core.api_auth import staff_auth
from gongkai.core.errors import NotFound

from . import selectors
from .downloads import letter_download

public_router = Router(tags=["applications"])
staff_router = Router(auth=staff_auth, tags=["staff cases"])

_FILE_RESPONSE: dict[str, Any] = {
    "responses": {
        200: {
            "description": "文书原件（按签发时保存的字节，附 SHA-256）",
            "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                    "schema": {"type": "string", "format": "binary"}
                },
            },
        }
    }
}


class FormatIn(Schema):
    format: str = "pdf"


@public_router.get(
    "/{number}/letters/{letter_id}",
    summary="申请人下载本机关出具的文书",
    auth=None,
    openapi_extra=_FILE_RESPONSE,
)
def applicant_letter(
    request: HttpRequest,
    number: str,
    letter_id: int,
    params: Query[FormatIn],
    x_query_code: str = Header("", alias="X-Query-Code"),
) -> HttpResponse:
    if LOOKUPS.reached(request, lookup_limit()):
        raise TooManyAttempts(_("Too many failed look-ups from your address. Please try again in ten minutes."))
    case = find_by_number_and_code(number, x_query_code)
    if case is None:
        LOOKUPS.record(request)
        raise NotFound(_("No application with this number and query code."))
    return letter_download(selectors.applicant_letter(case, letter_id), params.format)


@staff_router.get(
    "/{number}/letters/{letter_id}",
    summary="下载案件的文书（签发原件）",
    openapi_extra=_FILE_RESPONSE,
)
def staff_letter(request: HttpRequest, number: str, letter_id: int, params: Query[FormatIn]) -> HttpResponse:
    return letter_download(selectors.staff_letter(request.user, number, letter_id), params.format)
