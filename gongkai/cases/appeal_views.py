"""Staff pages: record a reconsideration or lawsuit of a case and enter its result (the section
``cases/_appeals.html`` of the case page). Thin: parse the form, call one service, redirect."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.agencies.scoping import get_in_scope
from gongkai.core.errors import DomainError, NotFound

from . import selectors
from .models import AppealKindChoice, AppealResultChoice, Case, CaseAppeal
from .services.appeals import appeal_record, appeal_set_result


class AppealRecordForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=AppealKindChoice.choices)
    body = forms.CharField(label=gettext_lazy("Body or court"), max_length=200)
    body_number = forms.CharField(
        label=gettext_lazy("Case number of the body or court"), max_length=100, required=False
    )
    filed_on = forms.DateField(label=gettext_lazy("Filed on"))
    follows = forms.IntegerField(label=gettext_lazy("Reconsideration it follows"), required=False)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=5000)


class AppealResultForm(forms.Form):
    result = forms.ChoiceField(
        label=gettext_lazy("Appeal result"),
        choices=[(v, label) for v, label in AppealResultChoice.choices if v != AppealResultChoice.PENDING],
    )
    result_on = forms.DateField(label=gettext_lazy("Result on"))
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=5000)


def _case(request: HttpRequest, pk: int) -> Case:
    return get_in_scope(selectors.staff_cases(request.user), request.user, pk=pk)


def _appeal(case: Case, appeal_id: int) -> CaseAppeal:
    found = CaseAppeal.objects.filter(case=case, pk=appeal_id).first()
    if found is None:
        raise NotFound(_("This case has no reconsideration or lawsuit %(id)s.") % {"id": appeal_id})
    return found


def _form_errors(request: HttpRequest, form: forms.Form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        for error in errors:
            messages.error(request, f"{label}: {error}")


@login_required
@require_POST
def appeal_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = AppealRecordForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("cases:detail", pk=case.pk)
    data = form.cleaned_data
    try:
        follows = _appeal(case, data["follows"]) if data["follows"] else None
        appeal_record(
            case,
            actor=request.user,
            kind=data["kind"],
            body=data["body"],
            filed_on=data["filed_on"],
            body_number=data["body_number"],
            follows=follows,
            note=data["note"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The reconsideration or lawsuit is recorded."))
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def appeal_result_view(request: HttpRequest, pk: int, appeal_id: int) -> HttpResponse:
    case = _case(request, pk)
    appeal = _appeal(case, appeal_id)
    form = AppealResultForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("cases:detail", pk=case.pk)
    data = form.cleaned_data
    try:
        appeal = appeal_set_result(
            appeal, actor=request.user, result=data["result"], result_on=data["result_on"], note=data["note"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The result is recorded."))
        if appeal.result == AppealResultChoice.CORRECTED:
            messages.info(request, _("The case is reopened: a new reply is due."))
    return redirect("cases:detail", pk=case.pk)
