"""The 主动公开事项目录 and the 指南: staff pages (``/staff/documents/catalogue/``, ``/staff/documents/guide/``)
and the public pages in the agency's column (``/gk/<code>/catalogue/``, ``/gk/<code>/guide/``).
Thin: parse, call one service (``catalogue``) or read, render."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies import selectors as agency_selectors
from gongkai.agencies.models import Agency
from gongkai.core.errors import DomainError, NotFound

from . import catalogue, permissions, selectors
from .caching import public_page
from .forms import CatalogueItemForm, CategoryForm, GuideForm
from .models import CatalogueCategory, CatalogueItem, DisclosureGuide

# -- staff ---------------------------------------------------------------------------------------


def _agencies(request: HttpRequest) -> list[Agency]:
    agencies = list(permissions.agencies_user_may_edit(request.user))
    if not agencies:
        raise Http404
    return agencies


def _chosen(request: HttpRequest, agencies: list[Agency]) -> Agency:
    code = request.GET.get("agency", "") or request.POST.get("agency", "")
    return next((a for a in agencies if a.code == code), agencies[0])


def _catalogue_url(agency: Agency) -> str:
    return f"{reverse('documents_staff:catalogue')}?agency={agency.code}"


def _categories(agency: Agency) -> list[CatalogueCategory]:
    items = CatalogueItem.objects.order_by("position", "pk").prefetch_related("documents")
    return list(
        CatalogueCategory.objects.filter(agency=agency)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("items", queryset=items))
    )


@login_required
def catalogue_page(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request)
    agency = _chosen(request, agencies)
    context = {
        "agencies": agencies,
        "agency": agency,
        "categories": _categories(agency),
        "category_form": CategoryForm(),
    }
    return render(request, "documents/staff/catalogue.html", context)


def _after(request: HttpRequest, agency: Agency, done: str, call: Callable[[], object]) -> HttpResponse:
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
        for text in (error.details if isinstance(error.details, dict) else {}).values():
            messages.error(request, str(text))
    else:
        messages.success(request, done)
    return redirect(_catalogue_url(agency))


def _own_category(agencies: list[Agency], pk: int) -> CatalogueCategory:
    category = CatalogueCategory.objects.select_related("agency").filter(pk=pk, agency__in=agencies).first()
    if category is None:
        raise Http404
    return category


def _own_item(agencies: list[Agency], pk: int) -> CatalogueItem:
    item = CatalogueItem.objects.select_related("agency", "category").filter(pk=pk, agency__in=agencies).first()
    if item is None:
        raise Http404
    return item


@login_required
@require_POST
def category_add(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request)
    agency = _chosen(request, agencies)
    form = CategoryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the category: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect(_catalogue_url(agency))
    data = form.cleaned_data
    return _after(
        request,
        agency,
        _("Category saved."),
        lambda: catalogue.category_save(
            actor=request.user, agency=agency, name=data["name"], position=data["position"]
        ),
    )


@login_required
@require_POST
def category_change(request: HttpRequest, pk: int) -> HttpResponse:
    category = _own_category(_agencies(request), pk)
    form = CategoryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the category: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect(_catalogue_url(category.agency))
    data = form.cleaned_data
    return _after(
        request,
        category.agency,
        _("Category saved."),
        lambda: catalogue.category_save(
            actor=request.user,
            agency=category.agency,
            category=category,
            name=data["name"],
            position=data["position"],
        ),
    )


@login_required
@require_POST
def category_delete(request: HttpRequest, pk: int) -> HttpResponse:
    category = _own_category(_agencies(request), pk)
    return _after(
        request,
        category.agency,
        _("Category deleted."),
        lambda: catalogue.category_delete(actor=request.user, category=category),
    )


def _item_form(request: HttpRequest, agency: Agency, initial: dict[str, object] | None = None) -> CatalogueItemForm:
    choices = [(c.pk, c.name) for c in CatalogueCategory.objects.filter(agency=agency).order_by("position", "pk")]
    return CatalogueItemForm(request.POST or None, initial=initial, categories=choices)


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request)
    agency = _chosen(request, agencies)
    if not CatalogueCategory.objects.filter(agency=agency).exists():
        messages.error(request, _("Add a category to the catalogue first."))
        return redirect(_catalogue_url(agency))
    category = request.GET.get("category", "")
    form = _item_form(
        request,
        agency,
        {"category": int(category)} if category.isascii() and category.isdigit() and len(category) < 12 else None,
    )
    if request.method == "POST" and form.is_valid():
        saved = form.saved(lambda: catalogue.item_create(actor=request.user, agency=agency, data=form.item_input()))
        if saved is not None:
            messages.success(request, _("Catalogue item saved."))
            return redirect(_catalogue_url(agency))
    return render(request, "documents/staff/catalogue_item.html", {"form": form, "agency": agency, "item": None})


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _own_item(_agencies(request), pk)
    initial: dict[str, object] = {
        name: getattr(item, name)
        for name in ("subject", "content", "legal_basis", "time_limit", "responsible_unit", "channel", "method")
    }
    initial.update(
        category=item.category_id, position=item.position, documents="\n".join(catalogue.item_references(item))
    )
    form = _item_form(request, item.agency, initial)
    if request.method == "POST" and form.is_valid():
        saved = form.saved(lambda: catalogue.item_update(actor=request.user, item=item, data=form.item_input()))
        if saved is not None:
            messages.success(request, _("Catalogue item saved."))
            return redirect(_catalogue_url(item.agency))
    return render(request, "documents/staff/catalogue_item.html", {"form": form, "agency": item.agency, "item": item})


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _own_item(_agencies(request), pk)
    return _after(
        request,
        item.agency,
        _("Catalogue item deleted."),
        lambda: catalogue.item_delete(actor=request.user, item=item),
    )


@login_required
def guide_edit(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request)
    agency = _chosen(request, agencies)
    guide = DisclosureGuide.objects.filter(agency=agency).first()
    form = GuideForm(request.POST or None, initial={"body": guide.body if guide else ""})
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.guide_save(actor=request.user, agency=agency, body=form.cleaned_data["body"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Guide saved."))
            return redirect(f"{reverse('documents_staff:guide')}?agency={agency.code}")
    context = {"agencies": agencies, "agency": agency, "guide": guide, "form": form, "office": _office(agency)}
    return render(request, "documents/staff/guide.html", context)


def _office(agency: Agency) -> object:
    from gongkai.agencies.models import DisclosureOffice

    return DisclosureOffice.objects.filter(agency=agency).first()


# -- public ---------------------------------------------------------------------------------------


def _public_agency(code: str) -> Agency:
    try:
        return agency_selectors.public_agency(code)
    except NotFound as error:
        raise Http404(error.message) from error


@public_page
def public_catalogue(request: HttpRequest, code: str) -> HttpResponse:
    """The agency's 主动公开事项目录 by category; each item with its published documents."""
    agency = _public_agency(code)
    published = selectors.public_documents().order_by("-published_on", "-pk")
    items = CatalogueItem.objects.order_by("position", "pk").prefetch_related(
        Prefetch("documents", queryset=published, to_attr="published")
    )
    categories = list(CatalogueCategory.objects.filter(agency=agency).order_by("position", "pk"))
    wanted = request.GET.get("category", "").strip()
    number = int(wanted) if wanted.isascii() and wanted.isdigit() and len(wanted) < 12 else None
    chosen = next((c for c in categories if c.pk == number), None)
    shown = [chosen] if chosen else categories
    by_category = {c.pk: c for c in shown}
    rows: dict[int, list[CatalogueItem]] = {c.pk: [] for c in shown}
    for item in items.filter(category__in=shown):
        rows[item.category_id].append(item)
    context = {
        "agency": agency,
        "categories": categories,
        "chosen": chosen,
        "unknown_category": bool(wanted) and chosen is None,
        "sections": [(by_category[pk], found) for pk, found in rows.items()],
        "total": sum(len(found) for found in rows.values()),
    }
    return render(request, "documents/catalogue.html", context)


@public_page
def public_guide(request: HttpRequest, code: str) -> HttpResponse:
    """The agency's 政府信息公开指南 with its office's contact data and last-updated date."""
    agency = _public_agency(code)
    context = {
        "agency": agency,
        "guide": DisclosureGuide.objects.filter(agency=agency).first(),
        "office": _office(agency),
        "has_catalogue": CatalogueItem.objects.filter(agency=agency).exists(),
    }
    return render(request, "documents/guide.html", context)
