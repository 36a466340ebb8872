"""Staff pages where an agency's administrators edit its letter templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Access
from gongkai.agencies.scoping import agencies_for
from gongkai.core.errors import DomainError, ValidationFailed
from gongkai.law.letters import LetterKind
from gongkai.law.outcomes import OUTCOME_BY_CODE

from .models import LetterKindChoice
from .templates_admin import template_reset, template_save, template_slots


def _managed(request: HttpRequest) -> list[Agency]:
    # One query: the active agencies the user manages (no per-agency permission check in a loop).
    return list(agencies_for(request.user, Access.MANAGE).filter(is_active=True).order_by("path"))


def _agency(request: HttpRequest, code: str) -> Agency:
    found = next((a for a in _managed(request) if a.code == code), None)
    if found is None:
        raise Http404
    return found


def _label(kind: str, variant: str) -> str:
    label = str(dict(LetterKindChoice.choices).get(kind, kind))
    return f"{label} · {OUTCOME_BY_CODE[variant].full_label}" if variant else label


@login_required
def index(request: HttpRequest) -> HttpResponse:
    agencies = _managed(request)
    if not agencies:
        raise Http404
    code = request.GET.get("agency", "")
    agency = next((a for a in agencies if a.code == code), agencies[0])
    slots = [(slot, _label(slot.kind.value, slot.variant)) for slot in template_slots(agency)]
    return render(request, "letters/templates_index.html", {"agencies": agencies, "agency": agency, "slots": slots})


@login_required
def edit(request: HttpRequest, code: str, kind: str, variant: str = "") -> HttpResponse:
    agency = _agency(request, code)
    variant = "" if variant == "-" else variant
    slot = next((s for s in template_slots(agency) if s.kind.value == kind and s.variant == variant), None)
    if slot is None:
        raise Http404
    context = {"agency": agency, "slot": slot, "label": _label(kind, variant), "title": slot.title, "body": slot.body}
    if request.method == "POST":
        if request.POST.get("reset"):
            try:
                template_reset(actor=request.user, agency=agency, kind=kind, variant=variant)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The agency's own template is removed; the one above applies again."))
            return redirect(f"{request.path}")
        title, body = request.POST.get("title", ""), request.POST.get("body", "")
        try:
            template_save(actor=request.user, agency=agency, kind=kind, variant=variant, title=title, body=body)
        except ValidationFailed as error:
            context.update({"title": title, "body": body, "problems": error.details or {}, "problem": error.message})
        except DomainError as error:
            context.update({"title": title, "body": body, "problem": error.message})
        else:
            messages.success(
                request, _("Template saved: letters issued from now on use it; issued letters stay as issued.")
            )
            return redirect(f"{request.path}")
    context["kinds"] = [k.value for k in LetterKind]
    return render(request, "letters/template_edit.html", context)
