"""API v1. Endpoints are thin: parse, call one selector or service, return a schema."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import django_auth

from gongkai.agencies import selectors
from gongkai.agencies.models import Agency
from gongkai.core.errors import DomainError
from gongkai.core.extensions import api_routers

from .rendering import OrjsonRenderer
from .schemas import AgencyOut, ErrorOut, HealthOut, MembershipOut, MeOut, OfficeOut

api = NinjaAPI(
    title="公开 Gongkai API",
    version="1.0.0",
    description="政府信息公开平台接口（v1）。",
    renderer=OrjsonRenderer(),
    urls_namespace="api-1.0.0",
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


@api.get("/health", response=HealthOut, tags=["system"], summary="服务状态")
def health(request: HttpRequest) -> HealthOut:
    return HealthOut(status="ok", database=connection.vendor)


@api.get("/agencies", response=list[AgencyOut], tags=["agencies"], summary="机关目录（公开）")
def agency_list(request: HttpRequest) -> list[AgencyOut]:
    return [agency_out(a) for a in selectors.public_agencies()]


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
    auth=django_auth,
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
    auth=django_auth,
    tags=["staff"],
    summary="工作人员可见的机关",
)
def staff_agency(request: HttpRequest, code: str) -> AgencyOut:
    return agency_out(selectors.staff_agency(request.user, code))


# Domain apps keep their routers next to their services and declare them on their AppConfig
# (``api_router``); the API shell mounts them.
for _prefix, _router in api_routers():
    api.add_router(_prefix, _router)
