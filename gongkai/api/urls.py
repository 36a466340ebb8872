"""API v1. Endpoints are thin: parse, call one selector or service, return a schema."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.responses import Status

from gongkai.agencies import selectors
from gongkai.agencies.models import Agency
from gongkai.core.api_auth import staff_auth
from gongkai.core.errors import DomainError
from gongkai.core.extensions import api_routers

from .rendering import OrjsonRenderer
from .schemas import AgencyOut, AgencyQuery, ErrorOut, HealthOut, MembershipOut, MeOut, OfficeOut, PageQuery

#: The errors every operation may answer, all with the ``ErrorOut`` body: which apply to an
#: operation follows from it (401/403 need auth, 404 a path parameter, 409 a write).
ERROR_DESCRIPTIONS = {
    400: "请求有误（如参数或文件不合要求）",
    401: "未登录",
    403: "无权操作，或 CSRF 校验未通过",
    404: "对象不存在或不在您的范围内",
    409: "与当前状态冲突",
    422: "请求数据不合格式",
}


class GongkaiAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema declares the error responses of every operation."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        declare_errors(schema)
        return schema


def _errors_of(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    codes = [400, 422]
    if operation.get("security"):
        codes += [401, 403]
    if "{" in path:
        codes.append(404)
    if method != "get":
        codes.append(409)
    return sorted(codes)


def declare_errors(schema: dict[str, Any]) -> None:
    reference = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in _errors_of(path, method, operation):
                responses.setdefault(
                    code,
                    {"description": ERROR_DESCRIPTIONS[code], "content": {"application/json": {"schema": reference}}},
                )


api = GongkaiAPI(
    title="公开 Gongkai API",
    version="1.0.0",
    description=(
        '政府信息公开平台接口（v1）。出错时一律返回 `{"error": {"code", "message", "details"}}`。'
        "列表接口分页：`limit`（默认 100，最多 500）与 `offset`，总数在响应头 `X-Total-Count`，"
        '下一页地址在响应头 `Link`（rel="next"）。'
    ),
    renderer=OrjsonRenderer(),
    urls_namespace="api-1.0.0",
    # The bundled Swagger UI files ("ninja" in INSTALLED_APPS), never a CDN: 政务外网 has no internet.
    docs=Swagger(settings={"persistAuthorization": False}),
)


def _error(request: HttpRequest, status: int, code: str, message: str, details: object = None) -> HttpResponse:
    body: dict[str, object] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return api.create_response(request, {"error": body}, status=status)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.payload(), status=exc.status)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, 422, "invalid", _("The request data is invalid."), details=exc.errors)


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    if request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer "):
        return _error(
            request,
            401,
            "unauthenticated",
            _("The API token is not valid: it is unknown, revoked, or its user is inactive."),
        )
    return _error(request, 401, "unauthenticated", _("Please log in first."))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "http_error", str(exc))


def agency_out(agency: Agency) -> AgencyOut:
    office = getattr(agency, "office", None) if hasattr(agency, "office") else None
    return AgencyOut(
        code=agency.code,
        name=agency.name,
        short_name=agency.short_name,
        level=agency.level,
        level_label=str(agency.get_level_display()),
        parent_code=agency.parent.code if agency.parent else None,
        office=OfficeOut.from_orm(office) if office else None,
    )


@api.get("/health", response={200: HealthOut, 503: HealthOut}, tags=["system"], summary="服务状态")
def health(request: HttpRequest) -> Status[HealthOut]:
    """One ``SELECT 1`` on the database connection: no table is read, so it answers while the portal is busy."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return Status(503, HealthOut(status="unavailable", database=connection.vendor))
    return Status(200, HealthOut(status="ok", database=connection.vendor))


@api.get("/agencies", response=list[AgencyOut], tags=["agencies"], summary="机关目录（公开，分页）")
def agency_list(
    request: HttpRequest, response: HttpResponse, page: Query[PageQuery], q: Query[AgencyQuery]
) -> list[AgencyOut]:
    """Agencies in tree order, ``limit`` at a time from ``offset``; the total in ``X-Total-Count``.
    With ``q``: the agencies whose name or short name contains it, or whose pinyin (full or
    initials, e.g. ``sdsrmzf``) starts with it, best match first."""
    agencies: Sequence[Agency] | QuerySet[Agency]
    agencies = selectors.find_public_agencies(q.q) if q.q.strip() else selectors.public_agencies()
    total = len(agencies) if isinstance(agencies, list) else agencies.count()
    response["X-Total-Count"] = str(total)
    if page.offset + page.limit < total:
        url = request.build_absolute_uri(request.path)
        search = f"&q={quote(q.q)}" if q.q.strip() else ""
        response["Link"] = f'<{url}?limit={page.limit}&offset={page.offset + page.limit}{search}>; rel="next"'
    return [agency_out(a) for a in agencies[page.offset : page.offset + page.limit]]


@api.get(
    "/agencies/{code}",
    response={200: AgencyOut, 404: ErrorOut},
    tags=["agencies"],
    summary="单个机关（公开）",
)
def agency_detail(request: HttpRequest, code: str) -> AgencyOut:
    return agency_out(selectors.public_agency(code))


@api.get(
    "/staff/me",
    response={200: MeOut, 401: ErrorOut},
    auth=staff_auth,
    tags=["staff"],
    summary="当前工作人员",
)
def me(request: HttpRequest) -> MeOut:
    user = request.user
    memberships = [
        MembershipOut(
            agency_code=m.agency.code,
            agency_name=m.agency.name,
            role=m.role,
            role_label=str(m.get_role_display()),
        )
        for m in selectors.memberships_of(user)
    ]
    return MeOut(username=user.get_username(), full_name=getattr(user, "first_name", ""), memberships=memberships)


@api.get(
    "/staff/agencies/{code}",
    response={200: AgencyOut, 401: ErrorOut, 404: ErrorOut},
    auth=staff_auth,
    tags=["staff"],
    summary="工作人员可见的机关",
)
def staff_agency(request: HttpRequest, code: str) -> AgencyOut:
    return agency_out(selectors.staff_agency(request.user, code))


# Domain apps keep their routers next to their services and declare them on their AppConfig
# (``api_router``); the API shell mounts them.
for _prefix, _router in api_routers():
    api.add_router(_prefix, _router)
