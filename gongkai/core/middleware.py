"""Render domain errors raised in views as a Chinese error page with the right status."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

from .errors import DomainError


def render_domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    wants_json = "application/json" in request.headers.get("Accept", "")
    if wants_json:
        return JsonResponse(error.payload(), status=error.status, json_dumps_params={"ensure_ascii": False})
    response = TemplateResponse(
        request, "portal/error.html", {"status": error.status, "error": error}, status=error.status
    )
    return response.render()


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DomainError):
            return render_domain_error(request, exception)
        return None
