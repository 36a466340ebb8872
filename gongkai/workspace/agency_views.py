"""Staff pages that keep the agency tree: add agencies, change them, keep their disclosure offices.

Administrators manage the agencies of their subtree (superusers also add top-level ones). Thin:
parse the form, call one service (which checks again, writes, and records the audit event), show
its problems in the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.agencies import selectors, services
from gongkai.agencies.models import Agency, DisclosureOffice, Role
from gongkai.agencies.permissions import can_manage_agency
from gongkai.agencies.scoping import AnyUser
from gongkai.core.errors import PermissionDenied, ValidationFailed

from .agency_forms import AgencyChangeForm, AgencyCreateForm, OfficeForm


def add_targets(user: AnyUser) -> list[Agency]:
    """The agencies under which ``user`` may add agencies, at the top of each managed subtree."""
    administered = selectors.memberships_of(user).filter(role=Role.ADMINISTRATOR, agency__is_active=True)
    return [m.agency for m in administered]


def _require(user: AnyUser, agency: Agency | None) -> None:
    if can_manage_agency(user, agency):
        return
    if agency is None:
        raise PermissionDenied(_("Only a system administrator may create a top-level agency."))
    raise PermissionDenied(
        _("Only the administrators of %(agency)s or of an agency above it may change it.") % {"agency": agency.name}
    )


def _show_problem(form: AgencyCreateForm | AgencyChangeForm | OfficeForm, error: ValidationFailed) -> None:
    form.add_error(None, error.message)
    if isinstance(error.details, list):
        for line in error.details:
            form.add_error(None, str(line))


def _form_page(
    request: HttpRequest,
    form: AgencyCreateForm | AgencyChangeForm | OfficeForm,
    save: Callable[[dict[str, Any]], tuple[Agency, str]],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``save`` (one service) and return to the agency's page.

    ``save`` returns the agency to show and the success message. A refused service's problems go
    into the form, so nothing is lost and the page answers 400.
    """
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                agency, message = save(form.cleaned_data)
            except ValidationFailed as error:
                _show_problem(form, error)
            else:
                messages.success(request, message)
                return redirect("workspace:agency", code=agency.code)
        status = 400
    return render(request, template, {"form": form, **context}, status=status)


@login_required
def agency_add(request: HttpRequest, code: str | None = None) -> HttpResponse:
    parent = selectors.staff_agency(request.user, code) if code else None
    _require(request.user, parent)

    def save(data: dict[str, Any]) -> tuple[Agency, str]:
        agency = services.agency_create(actor=request.user, parent=parent, via="web", **data)
        return agency, _("Agency %(name)s added.") % {"name": agency.name}

    form = AgencyCreateForm(request.POST or None)
    return _form_page(request, form, save, "workspace/agency_add.html", {"parent": parent})


@login_required
def agency_change(request: HttpRequest, code: str) -> HttpResponse:
    agency = selectors.staff_agency(request.user, code)
    _require(request.user, agency)

    def save(data: dict[str, Any]) -> tuple[Agency, str]:
        services.agency_update(actor=request.user, agency=agency, via="web", **data)
        return agency, _("Agency %(name)s saved.") % {"name": agency.name}

    initial = {f: getattr(agency, f) for f in ("name", "short_name", "sort_order", "is_active")}
    form = AgencyChangeForm(request.POST or None, initial=initial)
    return _form_page(request, form, save, "workspace/agency_change.html", {"agency": agency})


@login_required
def office_change(request: HttpRequest, code: str) -> HttpResponse:
    agency = selectors.staff_agency(request.user, code)
    _require(request.user, agency)

    def save(data: dict[str, Any]) -> tuple[Agency, str]:
        services.office_save(actor=request.user, agency=agency, via="web", **data)
        return agency, _("Disclosure office of %(name)s saved.") % {"name": agency.name}

    office: DisclosureOffice | None = getattr(agency, "office", None)  # fetched with the agency
    initial = {f: getattr(office, f) for f in services.OFFICE_FIELDS} if office else {}
    form = OfficeForm(request.POST or None, initial=initial)
    context = {"agency": agency, "office": office}
    return _form_page(request, form, save, "workspace/office_change.html", context)
