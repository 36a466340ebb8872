"""Staff pages of the library: the table-二 figures (CSV, checked and previewed before saving) and
the Art. 26 timeliness report. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.scoping import AnyUser, scope
from gongkai.core.errors import DomainError

from . import permissions, selectors, services
from .figures_csv import decode, read_figures
from .forms import DocumentForm, ExemptForm, InterpretationForm, RelationForm
from .models import Document, DocumentAttachment, ProactiveFigures, PublicationState
from .timeliness import timeliness_report

MAX_UPLOAD = 1024 * 1024


def _editable_codes(user: AnyUser) -> set[str]:
    return set(permissions.agencies_user_may_edit(user).values_list("code", flat=True))


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    codes = _editable_codes(request.user)
    if not codes:
        raise Http404
    context: dict[str, object] = {
        "saved": ProactiveFigures.objects.filter(agency__code__in=codes)
        .select_related("agency")
        .order_by("-year", "agency__code")[:100]
    }
    if request.method == "POST":
        text = request.POST.get("csv", "")
        upload = request.FILES.get("file")
        if upload is not None:
            if upload.size is not None and upload.size > MAX_UPLOAD:
                context["problems"] = [_("The file is larger than 1 MB.")]
                return render(request, "documents/staff/figures.html", context)
            try:
                text = decode(upload.read())
            except ValueError as error:
                context["problems"] = [str(error)]
                return render(request, "documents/staff/figures.html", context)
        rows, problems = read_figures(text, known_agencies=codes)
        context.update({"rows": rows, "problems": problems, "csv": text})
        if not problems and rows and request.POST.get("confirm") == "1":
            try:
                count = services.figures_save(actor=request.user, rows=rows, via="web")
            except DomainError as error:
                context["problems"] = [error.message]
            else:
                messages.success(request, _("%(n)d rows saved.") % {"n": count})
                return redirect("documents_staff:figures")
    return render(request, "documents/staff/figures.html", context)


@login_required
def timeliness(request: HttpRequest) -> HttpResponse:
    agencies = list(scope(Agency.objects.filter(is_active=True), request.user, via="").order_by("path"))
    if not agencies:
        raise Http404
    today = timezone.localdate()
    try:
        start = date.fromisoformat(request.GET.get("from", "")) if request.GET.get("from") else date(today.year, 1, 1)
        end = date.fromisoformat(request.GET.get("to", "")) if request.GET.get("to") else today
    except ValueError:
        start, end = date(today.year, 1, 1), today
        messages.error(request, _("Dates as YYYY-MM-DD; the report shows this year so far."))
    code = request.GET.get("agency", "")
    chosen = next((a for a in agencies if a.code == code), agencies[0])
    report = timeliness_report(chosen, start, end, today=today)
    context = {"agencies": agencies, "agency": chosen, "start": start, "end": end, "report": report}
    return render(request, "documents/staff/timeliness.html", context)


# -- the documents themselves ----------------------------------------------------------------------

PAGE = 30


def _kinds_for(agencies: list[Agency]) -> list[tuple[str, str]]:
    from django.db.models import Q

    from .models import DocumentKind

    rows = DocumentKind.objects.filter(Q(agency__isnull=True) | Q(agency__in=agencies)).order_by("agency_id", "code")
    seen: dict[str, str] = {}
    for kind in rows:
        seen.setdefault(kind.code, kind.name)
    return list(seen.items())


def _editable_agencies(user: AnyUser) -> list[Agency]:
    return list(permissions.agencies_user_may_edit(user))


def _staff_document(request: HttpRequest, pk: int) -> Document:
    from gongkai.agencies.scoping import get_in_scope

    return get_in_scope(selectors.staff_documents(request.user), request.user, pk=pk)


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator

    documents = selectors.staff_documents(request.user)
    state = request.GET.get("state", "")
    if state in PublicationState.values:
        documents = documents.filter(state=state)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        by_number = selectors.by_doc_number(documents, q)
        documents = by_number if by_number.exists() else documents.filter(title__icontains=q)
    page = Paginator(documents.order_by("-updated_at", "-pk"), PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "states": PublicationState.choices,
        "state": state,
        "q": q,
        "may_create": bool(_editable_agencies(request.user)),
    }
    return render(request, "documents/staff/list.html", context)


def _form(request: HttpRequest, agencies: list[Agency], initial: dict[str, object] | None = None) -> DocumentForm:
    return DocumentForm(
        request.POST or None,
        initial=initial,
        agencies=[(a.code, a.name) for a in agencies],
        kinds=_kinds_for(agencies),
    )


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    agencies = _editable_agencies(request.user)
    if not agencies:
        raise Http404
    form = _form(request, agencies)
    if request.method == "POST" and form.is_valid():
        agency = next(a for a in agencies if a.code == form.cleaned_data["agency"])
        saved = form.saved(
            lambda: services.document_create(actor=request.user, agency=agency, data=form.document_input())
        )
        if saved is not None:
            messages.success(request, _("Draft saved."))
            return redirect("documents_staff:detail", pk=saved.pk)
    return render(request, "documents/staff/form.html", {"form": form, "document": None})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request, pk)
    agencies = [document.agency]
    values = services.document_input(document)
    initial = {**{f: getattr(values, f) for f in values.__dataclass_fields__}, "agency": document.agency.code}
    form = _form(request, agencies, initial)
    if request.method == "POST" and form.is_valid():
        update = lambda: services.document_update(actor=request.user, document=document, data=form.document_input())  # noqa: E731
        if form.saved(update) is not None:
            messages.success(request, _("Changes saved."))
            return redirect("documents_staff:detail", pk=document.pk)
    return render(request, "documents/staff/form.html", {"form": form, "document": document})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request, pk)
    user = request.user
    editable = document.state in services.EDITABLE_STATES and permissions.can_edit_documents(user, document.agency)
    context = {
        "document": document,
        "status": document.effective_status(timezone.localdate()),
        "editable": editable,
        "may_revise": document.state == PublicationState.PUBLISHED
        and permissions.can_edit_documents(user, document.agency),
        "may_exempt": permissions.can_exempt_interpretation(user, document.agency) and document.is_policy,
        "blockers": selectors.publication_blockers(document),
        "acts_on": document.acts_on.select_related("target"),
        "acted_on_by": document.acted_on_by.select_related("source"),
        "interpretations": document.interpretations.all(),
        "attachments": document.attachments.all(),
        "interpretation_form": InterpretationForm(),
        "relation_form": RelationForm(),
        "exempt_form": ExemptForm(),
    }
    return render(request, "documents/staff/detail.html", context)


def _after(request: HttpRequest, document: Document, done: str, call: Callable[[], object]) -> HttpResponse:
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
        details = error.details if isinstance(error.details, dict) else {}
        for text in details.values():
            messages.error(request, str(text))
    else:
        messages.success(request, done)
    return redirect("documents_staff:detail", pk=document.pk)


@login_required
@require_POST
def document_interpret(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request, pk)
    form = InterpretationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the interpretation: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("documents_staff:detail", pk=document.pk)
    data = form.cleaned_data
    return _after(
        request,
        document,
        _("Interpretation added."),
        lambda: services.interpretation_add(
            actor=request.user,
            document=document,
            title=data["title"],
            kind=data["kind"],
            body=data["body"] or "",
            url=data["url"] or "",
            published_on=data["published_on"],
        ),
    )


@login_required
@require_POST
def document_relate(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request, pk)
    form = RelationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the relation: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("documents_staff:detail", pk=document.pk)
    text = form.cleaned_data["target"].strip()
    reachable = selectors.staff_documents(request.user) | selectors.public_documents()
    target = selectors.by_doc_number(reachable, text).first() or reachable.filter(index_number=text).first()
    if target is None:
        messages.error(request, _("No document with the 文号 or 索引号 “%(text)s” within your reach.") % {"text": text})
        return redirect("documents_staff:detail", pk=document.pk)
    return _after(
        request,
        document,
        _("Relation recorded."),
        lambda: services.document_relate(
            actor=request.user,
            source=document,
            target=target,
            kind=form.cleaned_data["kind"],
            on=form.cleaned_data["on"],
        ),
    )


@login_required
@require_POST
def document_attach_files(request: HttpRequest, pk: int) -> HttpResponse:
    from .attachments import document_attach

    document = _staff_document(request, pk)
    files = [(f.name or "附件", f.read()) for f in request.FILES.getlist("files")]
    return _after(
        request,
        document,
        _("Files added."),
        lambda: document_attach(actor=request.user, document=document, files=files),
    )


@login_required
@require_POST
def document_revise(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request, pk)
    try:
        revised = services.document_revise(actor=request.user, document=document)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("documents_staff:detail", pk=document.pk)
    messages.success(request, _("A new version is drafted from the published one."))
    return redirect("documents_staff:detail", pk=revised.pk)


@login_required
@require_POST
def document_exempt(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document(request, pk)
    reason = request.POST.get("reason", "")
    return _after(
        request,
        document,
        _("Exemption recorded."),
        lambda: services.document_exempt_interpretation(actor=request.user, document=document, reason=reason),
    )


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    """A document's file: staff in reach for any state; the public for published documents (public view)."""
    from django.http import HttpResponse as Response

    from gongkai.core.storage import read_bytes

    document = _staff_document(request, pk)
    attachment = document.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return _file_response(Response, attachment, read_bytes(attachment.file.name, sha256=attachment.sha256))


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
}


def _file_response(cls: type[HttpResponse], attachment: DocumentAttachment, data: bytes) -> HttpResponse:
    from urllib.parse import quote

    response = cls(data, content_type=CONTENT_TYPES.get(attachment.media_type, "application/octet-stream"))
    response["Content-Disposition"] = f"attachment; filename=\"file\"; filename*=UTF-8''{quote(attachment.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
