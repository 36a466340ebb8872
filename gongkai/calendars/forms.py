"""The public reply-deadline calculator: a case (receipt date, "as of" date) and up to 8 events.

The forms only collect input. ``case_data`` turns it into exactly the JSON case that
``gongkai clock`` and ``POST /api/v1/clock`` read; the rules stay in ``gongkai.law.clock``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from gongkai.law.clock import EVENT_LABELS, EventType
from gongkai.law.clock.io import REQUIRED_FIELD

MAX_EVENTS = 8

# The extra field each event type needs, and which event type uses each extra field.
EXTRA_FIELDS: tuple[str, ...] = tuple(REQUIRED_FIELD.values())
USED_BY: dict[str, EventType] = {field: kind for kind, field in REQUIRED_FIELD.items()}


def _date_input(**attrs: str) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def _only_for(field: str) -> str:
    return str(_("only for “%(event)s”") % {"event": EVENT_LABELS[USED_BY[field]]})


only_for = lazy(_only_for, str)


class ClockForm(forms.Form):
    received = forms.DateField(
        label=_("Date the application was received"),
        help_text=_(
            "The legal receipt date (Regulation Art. 31): the day of receipt in person, the day the "
            "applicant signed for the letter, or the day the office confirmed an online application."
        ),
        widget=_date_input(),
    )
    today = forms.DateField(
        label=_("As of"),
        help_text=_("The day the deadline is computed for; today (Beijing time) unless you change it."),
        widget=_date_input(),
    )


class EventForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Event"),
        required=False,
        choices=[("", _("— none —")), *((kind.value, label) for kind, label in EVENT_LABELS.items())],
    )
    on = forms.DateField(label=_("Date"), required=False, widget=_date_input())
    correction_due = forms.DateField(
        label=_("Correction deadline"), required=False, help_text=only_for("correction_due"), widget=_date_input()
    )
    working_days = forms.IntegerField(
        label=_("Working days of the extension"),
        required=False,
        help_text=only_for("working_days"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    due = forms.DateField(
        label=_("Reply deadline stated"), required=False, help_text=only_for("due"), widget=_date_input()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw_type = data.get("type")
        if not raw_type:
            if any(data.get(name) is not None for name in ("on", *EXTRA_FIELDS)):
                self.add_error("type", _("Choose the event type, or clear this row."))
            return data
        kind = EventType(raw_type)
        if data.get("on") is None and "on" not in self.errors:
            self.add_error("on", _("Enter the date of the event."))
        needed = REQUIRED_FIELD.get(kind)
        for name in EXTRA_FIELDS:
            if name in self.errors:
                continue
            if name == needed and data.get(name) is None:
                self.add_error(name, _("Required for “%(event)s”.") % {"event": EVENT_LABELS[kind]})
            elif name != needed and data.get(name) is not None:
                self.add_error(
                    name, _("Leave this empty: it is only for “%(event)s”.") % {"event": EVENT_LABELS[USED_BY[name]]}
                )
        return data

    def event_data(self) -> dict[str, Any] | None:
        """The row as one event of the JSON case (None for an empty row)."""
        data = getattr(self, "cleaned_data", None)
        if not data or not data.get("type"):
            return None
        event: dict[str, Any] = {"type": data["type"], "on": data["on"].isoformat()}
        needed = REQUIRED_FIELD.get(EventType(data["type"]))
        if needed is not None:
            value = data[needed]
            event[needed] = value.isoformat() if isinstance(value, date) else value
        return event


EventFormSet = forms.formset_factory(
    EventForm, extra=MAX_EVENTS, max_num=MAX_EVENTS, absolute_max=MAX_EVENTS, validate_max=True
)


def management_data(prefix: str = "events") -> dict[str, str]:
    """The formset's management fields, fixed: the page always has ``MAX_EVENTS`` rows, so a
    short link (only the filled fields in the query string) is a complete submission."""
    return {
        f"{prefix}-TOTAL_FORMS": str(MAX_EVENTS),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": str(MAX_EVENTS),
    }


def case_data(form: ClockForm, events: forms.BaseFormSet) -> dict[str, Any]:
    """The JSON case of ``gongkai clock`` / ``POST /api/v1/clock`` for valid forms (rows in page order)."""
    rows = [row.event_data() for row in events.forms]
    return {
        "received": form.cleaned_data["received"].isoformat(),
        "today": form.cleaned_data["today"].isoformat(),
        "events": [row for row in rows if row is not None],
    }
