"""Staff forms for keeping the agency tree: add a subordinate agency, change one, keep its office.

The forms only shape the input; the rules (tree placement, unique codes, who may) are the
services' (gongkai.agencies.services), which report problems in Chinese.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import AgencyLevel


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")  # Chinese labels take no colon
        super().__init__(*args, **kwargs)


class AgencyCreateForm(_Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "1–32 letters, digits, “-” or “_”; it cannot be changed later. E.g. the administrative division code."
        ),
    )
    name = forms.CharField(label=_("Agency name"), max_length=100)
    short_name = forms.CharField(label=_("Short name"), max_length=50, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=AgencyLevel.choices)
    sort_order = forms.IntegerField(
        label=_("Sort order"), min_value=0, initial=0, help_text=_("Smaller numbers come first among siblings.")
    )


class AgencyChangeForm(_Form):
    name = forms.CharField(label=_("Agency name"), max_length=100)
    short_name = forms.CharField(label=_("Short name"), max_length=50, required=False)
    sort_order = forms.IntegerField(
        label=_("Sort order"), min_value=0, help_text=_("Smaller numbers come first among siblings.")
    )
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        help_text=_("An inactive agency disappears from the public portal; its records are kept."),
    )


class OfficeForm(_Form):
    name = forms.CharField(label=_("Office name"), max_length=100)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": _("A postcode has six digits.")},
    )
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    fax = forms.CharField(label=_("Fax"), max_length=50, required=False)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages={"invalid": _("Enter a valid e-mail address, e.g. gkb@example.gov.cn.")},
    )
    hours = forms.CharField(label=_("Office hours"), max_length=200, required=False)
