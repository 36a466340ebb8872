"""Render domain errors raised in views as a Chinese error page with the right status; request-wide upload limits;
staff pages kept out of caches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from gongkai.files.caps import megabytes

from .errors import DomainError, NotFound, ValidationFailed


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


# --- request-wide limits ---------------------------------------------------------------------


class RequestRefused(DomainError):
    """A request past a request-wide limit (its body, its files, its fields)."""

    status = 413


_HEADER_MAX = 16 * 1024  # a part's headers (Django's parser takes at most 10 KB of them)
_READ = 64 * 1024


class Utf8PartHeaders:
    """A multipart body whose part headers that are not UTF-8 are decoded as GB18030 and sent on as UTF-8.

    Django decodes part headers as UTF-8 and skips a header line it cannot decode, so a file whose
    name an old Windows client sent in GBK would silently vanish from the upload. Only the header
    block after each boundary is looked at (and re-encoded when it is not UTF-8); file contents
    pass through unchanged.
    """

    def __init__(self, stream: Any, boundary: bytes) -> None:
        self._stream = stream
        self._delimiter = b"--" + boundary
        self._pending = b""
        self._ready = bytearray()
        self._eof = False
        self.decoded = 0  # header lines decoded as GB18030

    def read(self, size: int | None = -1) -> bytes:
        while not self._eof and (size is None or size < 0 or len(self._ready) < size):
            chunk = self._stream.read(_READ)
            self._eof = not chunk
            self._take(self._pending + chunk)
        count = len(self._ready) if size is None or size < 0 else min(size, len(self._ready))
        out = bytes(self._ready[:count])
        del self._ready[:count]
        return out

    def readline(self, size: int | None = -1) -> bytes:
        while not self._eof and b"\n" not in self._ready and (size is None or size < 0 or len(self._ready) < size):
            chunk = self._stream.read(_READ)
            self._eof = not chunk
            self._take(self._pending + chunk)
        end = self._ready.find(b"\n") + 1 or len(self._ready)
        if size is not None and size >= 0:
            end = min(end, size)
        out = bytes(self._ready[:end])
        del self._ready[:end]
        return out

    def _take(self, data: bytes) -> None:
        start = 0
        while True:
            at = data.find(self._delimiter, start)
            if at < 0:
                keep = len(data) if self._eof else max(start, len(data) - len(self._delimiter))
                break
            end = data.find(b"\r\n\r\n", at, at + _HEADER_MAX)
            if end < 0:
                if not self._eof and len(data) - at < _HEADER_MAX:
                    keep = at  # the headers are not all here yet
                    break
                end = at + len(self._delimiter)  # no headers (the closing boundary): pass it on
                self._ready += data[start:end]
            else:
                self._ready += data[start:at]
                self._ready += self._utf8(data[at:end])
            start = end
        self._ready += data[start:keep]
        self._pending = data[keep:]

    def _utf8(self, block: bytes) -> bytes:
        lines = block.split(b"\r\n")
        for index, line in enumerate(lines):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                lines[index] = line.decode("gb18030", errors="replace").encode("utf-8")
                self.decoded += 1
        return b"\r\n".join(lines)


def _refusal(request: HttpRequest, error: DomainError) -> HttpResponse:
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(error.payload(), status=error.status, json_dumps_params={"ensure_ascii": False})
    return render_domain_error(request, error)


class RequestLimitsMiddleware:
    """Requests past the request-wide limits get a Chinese page (web) or the JSON error (API), not a bare 400.

    A multipart body larger than ``GONGKAI_UPLOAD_MAX_REQUEST_BYTES``, or any other body larger than
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``, is refused unread (413). A multipart body is parsed here, before
    any view or the CSRF check reads it, so that Django's own limits (more files than
    ``DATA_UPLOAD_MAX_NUMBER_FILES``, too many or too large form fields) are answered the same way;
    file names sent in GBK are decoded on the way (:class:`Utf8PartHeaders`). Must come after the
    authentication middleware (the page shows the user menu) and before anything that reads POST.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("POST", "PUT", "PATCH"):
            error = self._refused(request)
            if error is not None:
                return _refusal(request, error)
        return self.get_response(request)

    def _refused(self, request: HttpRequest) -> DomainError | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.content_type == "multipart/form-data"
        limit = settings.GONGKAI_UPLOAD_MAX_REQUEST_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return self._too_large(limit, kind="upload" if multipart else "body")
        if multipart:
            boundary = (request.content_params or {}).get("boundary", "")
            stream = getattr(request, "_stream", None)  # WSGIRequest's body, not yet read
            if boundary and stream is not None and not getattr(request, "_read_started", False):
                request._stream = Utf8PartHeaders(stream, boundary.encode("ascii", "ignore"))  # type: ignore[assignment]
        if not multipart and request.content_type != "application/x-www-form-urlencoded":
            return None
        try:
            request.POST  # noqa: B018  parse now, within the limits
            request.FILES  # noqa: B018
        except TooManyFilesSent:
            return RequestRefused(
                _("Too many files: at most %(max)d files may be uploaded at once.")
                % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FILES},
                code="too_many_files",
                details={"max": settings.DATA_UPLOAD_MAX_NUMBER_FILES},
            )
        except MultiPartParserError:
            return ValidationFailed(
                _("The upload is not a valid multipart form (its boundary or parts are malformed)."),
                code="malformed_multipart",
            )
        except TooManyFieldsSent:
            return RequestRefused(_("The form has too many fields."), code="too_many_fields")
        except RequestDataTooBig:
            return self._too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, kind="fields")
        return None

    def _too_large(self, limit: int, *, kind: str) -> DomainError:
        if kind == "upload":
            message = _("The upload is too large: one upload may be at most %(size)s. Upload the files in parts.")
        elif kind == "fields":
            message = _("The request is too large: its form data (besides files) may be at most %(size)s.")
        else:
            message = _("The request is too large: it may be at most %(size)s.")
        return RequestRefused(message % {"size": megabytes(limit)}, code="request_too_large", details={"max": limit})


class StaffNoStoreMiddleware:
    """``Cache-Control: no-store`` (and private) on staff pages: nothing of them stays in a browser's
    or proxy's cache, so the back button after log-out or a shared computer shows nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = tuple(settings.GONGKAI_NO_STORE_PATHS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(self.prefixes):
            add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        return response


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any /api/ address no operation matches: the API's JSON 404, not the portal's page."""
    return JsonResponse(
        NotFound(_("No such API address.")).payload(), status=404, json_dumps_params={"ensure_ascii": False}
    )
