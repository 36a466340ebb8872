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
    agency = forms.ChoiceField(
        label=_("Region"),
        required=False,
        help_text=_("Agencies of a region with rest days of its own (e.g. 藏历新年) count them too."),
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)
        agency.choices = [("", _("national schedule only")), *(regions or [])]
        if not regions:
            del self.fields["agency"]


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


# The staff page that enters a year as the notice writes it ---------------------------------------

PERIOD_ROWS = 10  # rest periods: the seven festivals, a combined period or two, and room to spare
MAKEUP_ROWS = 10  # make-up working days


class ScheduleForm(forms.Form):
    """A year's notice: its title, and (optionally) its pasted text to parse into the rows below."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reviewed = forms.CharField(widget=forms.HiddenInput, required=False)
    notice = forms.CharField(
        label=_("Notice"),
        max_length=200,
        required=False,
        help_text=_("Title or document number, e.g. 国务院办公厅关于2027年部分节假日安排的通知."),
    )
    notice_text = forms.CharField(
        label=_("Text of the notice"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Paste the State Council's notice and choose “Read the notice”: its periods fill the rows below."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class PeriodForm(forms.Form):
    name = forms.CharField(label=_("Holiday"), max_length=100, required=False)
    start = forms.DateField(label=_("First rest day"), required=False, widget=_date_input())
    end = forms.DateField(label=_("Last rest day"), required=False, widget=_date_input())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name, start, end = data.get("name", "").strip(), data.get("start"), data.get("end")
        if not (name or start or end):
            return data
        if start is None and "start" not in self.errors:
            self.add_error("start", _("Enter the first rest day."))
        if end is None and "end" not in self.errors:
            self.add_error("end", _("Enter the last rest day (the first, for a single day)."))
        if not name:
            self.add_error("name", _("Enter the holiday's name as the notice writes it."))
        if start and end and end < start:
            self.add_error("end", _("The last rest day is before the first."))
        return data


class MakeupForm(forms.Form):
    date = forms.DateField(label=_("Make-up working day"), required=False, widget=_date_input())
    name = forms.CharField(label=_("For the holiday"), max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("name", "").strip() and data.get("date") is None and "date" not in self.errors:
            self.add_error("date", _("Enter the date of the make-up working day, or clear the row."))
        return data


PeriodFormSet = forms.formset_factory(
    PeriodForm, extra=PERIOD_ROWS, max_num=PERIOD_ROWS, absolute_max=PERIOD_ROWS, validate_max=True
)
MakeupFormSet = forms.formset_factory(
    MakeupForm, extra=MAKEUP_ROWS, max_num=MAKEUP_ROWS, absolute_max=MAKEUP_ROWS, validate_max=True
)


def fixed_management(data: Any, prefix: str, rows: int) -> None:
    """Fix a formset's management fields in ``data`` (a QueryDict copy): the page always has ``rows`` rows."""
    data[f"{prefix}-TOTAL_FORMS"] = str(rows)
    data[f"{prefix}-INITIAL_FORMS"] = "0"
    data[f"{prefix}-MIN_NUM_FORMS"] = "0"
    data[f"{prefix}-MAX_NUM_FORMS"] = str(rows)


class RegionalHolidayForm(forms.Form):
    name = forms.CharField(
        label=_("Holiday"), max_length=100, help_text=_("As the regional notice writes it, e.g. 藏历新年.")
    )
    start = forms.DateField(label=_("First rest day"), widget=_date_input())
    end = forms.DateField(label=_("Last rest day"), widget=_date_input())
    notice = forms.CharField(
        label=_("Notice"), max_length=200, help_text=_("Title or document number of the regional government's notice.")
    )
    source_url = forms.URLField(label=_("Address of the notice"), max_length=500, required=False, assume_scheme="https")
