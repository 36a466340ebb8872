"""Letter pages: the staff download and preview (scoped through the case), and the applicant's
download from the status page — a POST with the case number and query code, so the code never
appears in an address a proxy logs."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.agencies.scoping import get_in_scope
from gongkai.cases import selectors as case_selectors
from gongkai.cases.api import LOOKUPS, find_by_number_and_code, lookup_limit
from gongkai.cases.models import Case
from gongkai.core.errors import DomainError, NotFound, ValidationFailed
from gongkai.law.letters import LetterKind

from . import selectors, services
from .downloads import attachment, letter_download
from .drafting import draft_letter
from .rendering import render_html, render_pdf

PREVIEW_KINDS = {k.value for k in LetterKind} - {LetterKind.RECEIPT.value}


def _case(request: HttpRequest, pk: int) -> Case:
    return get_in_scope(case_selectors.staff_cases(request.user), request.user, pk=pk)


@login_required
def staff_download(request: HttpRequest, pk: int, letter_id: int, fmt: str) -> HttpResponse:
    return letter_download(selectors.staff_letter(request.user, _case(request, pk), letter_id), fmt)


@login_required
def staff_preview(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    """The letter as it would be issued today from the case's current facts (the reply: the
    drafted outcome and reasons). Nothing is stored."""
    case = _case(request, pk)
    if kind not in PREVIEW_KINDS | {LetterKind.RECEIPT.value}:
        raise NotFound(_("No such kind of letter."))
    data = {"party": request.GET.get("party", "")[:200], "reasons": request.GET.get("reasons", "")[:2000]}
    if kind != LetterKind.THIRD_PARTY_NOTICE.value:
        data = {k: v for k, v in data.items() if v}
    draft = draft_letter(case, LetterKind(kind), data=data, issued_on=timezone.localdate())
    if fmt == "pdf":
        return attachment(render_pdf(draft), fmt="pdf", filename=f"{case.number}-{draft.title}-预览")
    if fmt != "html":
        raise NotFound(_("No such format."))
    nonce = str(getattr(request, "csp_nonce", ""))
    return HttpResponse(render_html(draft, nonce=nonce))


class ThirdPartyNoticeForm(forms.Form):
    party = forms.CharField(label=gettext_lazy("Third party"), max_length=200)
    reasons = forms.CharField(label=gettext_lazy("What is disclosed, and why"), widget=forms.Textarea)


@login_required
@require_POST
def staff_third_party_notice(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    try:
        services.letter_issue_third_party_notice(
            actor=request.user,
            case=case,
            party=request.POST.get("party", ""),
            reasons=request.POST.get("reasons", ""),
            via="web",
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The notice to the third party was issued."))
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def staff_record_delivery(request: HttpRequest, pk: int, letter_id: int) -> HttpResponse:
    case = _case(request, pk)
    letter = selectors.staff_letter(request.user, case, letter_id)
    try:
        services.letter_record_delivery(
            actor=request.user,
            letter=letter,
            delivery=request.POST.get("delivery", ""),
            tracking_number=request.POST.get("tracking_number", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The delivery was recorded."))
    return redirect("cases:detail", pk=case.pk)


class ApplicantDownloadForm(forms.Form):
    number = forms.CharField(max_length=80)
    code = forms.CharField(max_length=64)
    letter = forms.IntegerField(required=False, min_value=1)
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("docx", "DOCX")], required=False)


def _applicant_case(request: HttpRequest, form: ApplicantDownloadForm) -> Case | HttpResponse:
    if not form.is_valid():
        raise ValidationFailed(_("Enter the case number and the query code."))
    if LOOKUPS.reached(request, lookup_limit()):
        return render(request, "cases/status.html", {"limited": True, "form": None}, status=429)
    case = find_by_number_and_code(form.cleaned_data["number"].strip(), form.cleaned_data["code"])
    if case is None:
        LOOKUPS.record(request)
        raise NotFound(_("No application with this number and query code."))
    return case


@require_POST
def applicant_download(request: HttpRequest) -> HttpResponse:
    form = ApplicantDownloadForm(request.POST)
    found = _applicant_case(request, form)
    if isinstance(found, HttpResponse):
        return found
    letter = selectors.applicant_letter(found, form.cleaned_data.get("letter") or 0)
    return letter_download(letter, form.cleaned_data.get("format") or "pdf")


@require_POST
def applicant_receipt(request: HttpRequest) -> HttpResponse:
    """The receipt with the query code, made now from the code the applicant sends (never stored)."""
    form = ApplicantDownloadForm(request.POST)
    found = _applicant_case(request, form)
    if isinstance(found, HttpResponse):
        return found
    fmt = form.cleaned_data.get("format") or "pdf"
    data = services.receipt_with_code(found, form.cleaned_data["code"], fmt)
    return attachment(data, fmt=fmt, filename=f"{found.number}-登记回执")
