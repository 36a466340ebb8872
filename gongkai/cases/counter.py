"""Counter and postal intake by a registrar (Art. 29, 31): the form and the page at /staff/cases/new/.

The registrar picks the agency (those they register for), how the application came in, when it
arrived and, where Art. 31 needs it, the day it was signed for or confirmed; the service derives
the legal receipt date. The form carries a key made when it was shown, so that sending it twice
(a double click, a reload) registers one case.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import DomainError, ValidationFailed

from . import permissions, services
from .forms import ApplicationForm
from .models import ChannelChoice

DATETIME_INPUT = "%Y-%m-%dT%H:%M"
RECEIPT_FIELDS = ("agency", "channel", "received_at", "signed_for_on", "confirmed_on", "oral")
COUNTER_FIELDS = ("channel", "received_at")  # the service's problem keys that are this form's own fields


class CounterForm(ApplicationForm):
    agency = forms.ChoiceField(label=_("agency"))
    channel = forms.ChoiceField(label=_("channel"), choices=ChannelChoice.choices, initial=ChannelChoice.IN_PERSON)
    received_at = forms.DateTimeField(
        label=_("arrived at"),
        input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
        help_text=_("When the application was handed in or delivered."),
    )
    signed_for_on = forms.DateField(
        label=_("signed for on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Post that needs a signature: the day it was signed for (Art. 31 (2)); default the day it arrived."
        ),
    )
    confirmed_on = forms.DateField(
        label=_("confirmed with the applicant on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Ordinary letter, fax, online or other: the day the office confirmed it with the applicant (Art. 31)."
        ),
    )
    oral = forms.BooleanField(
        label=_("oral application written down by the office"),
        required=False,
        help_text=_("The applicant asked orally and the office filled in the form for them (Art. 29 ¶1)."),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    field_order = list(RECEIPT_FIELDS)

    def __init__(self, *args: Any, agencies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)
        agency.choices = agencies
        if len(agencies) == 1:
            agency.initial = agencies[0][0]

    def receipt_part(self) -> list[forms.BoundField]:
        return [self[name] for name in RECEIPT_FIELDS]

    def application_part(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if field.name not in RECEIPT_FIELDS]

    def show_problems(self, problems: dict[str, str]) -> None:
        super().show_problems({k: v for k, v in problems.items() if k not in COUNTER_FIELDS})
        for key in COUNTER_FIELDS:
            if key in problems:
                self.add_error(key, problems[key])


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    """Register an application received at the counter, by post, fax or otherwise."""
    agencies = {a.code: a for a in permissions.agencies_user_may_register_for(request.user)}
    if not agencies:
        raise Http404
    choices = [(code, agency.name) for code, agency in agencies.items()]
    if request.method != "POST":
        initial = {"submission_key": uuid.uuid4().hex, "received_at": timezone.localtime().replace(second=0)}
        form = CounterForm(initial=initial, agencies=choices)
        return render(request, "cases/new.html", {"form": form})
    form = CounterForm(request.POST, agencies=choices)
    if form.is_valid():
        data = form.cleaned_data
        try:
            submitted = services.case_register(
                actor=request.user,
                agency=agencies[data["agency"]],
                application=form.application(),
                channel=data["channel"],
                received_at=data["received_at"],
                signed_for_on=data["signed_for_on"],
                confirmed_on=data["confirmed_on"],
                oral=data["oral"],
                idempotency_key=data["submission_key"],
                via="web",
            )
        except ValidationFailed as error:
            details = error.details if isinstance(error.details, dict) else {}
            form.show_problems(details)
            if not details:
                form.add_error(None, error.message)
        except DomainError as error:
            form.add_error(None, error.message)
        else:  # the query code is shown this once: the receipt page is the answer
            return render(request, "cases/registered.html", {"submitted": submitted, "case": submitted.case})
    return render(request, "cases/new.html", {"form": form})
