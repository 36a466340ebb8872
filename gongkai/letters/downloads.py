"""The one way a letter's bytes leave the server: an attachment, never cached by a proxy."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from .models import Letter
from .services import CONTENT_TYPES, letter_content


def attachment(data: bytes, *, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{fmt}") or "attachment"
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def letter_download(letter: Letter, fmt: str) -> HttpResponse:
    return attachment(letter_content(letter, fmt), fmt=fmt, filename=f"{letter.case.number}-{letter.title}")
