"""Holiday schedules (节假日安排) per year, as the State Council's yearly notice sets them.

The pure calendar (gongkai.law.workdays.WorkingCalendar) is built from these tables by
``selectors.get_calendar``. A year without a schedule is not covered: every date in it is an
error ("2028年节假日安排尚未录入"), never a weekends-only guess.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

SATURDAY = 5


class HolidaySchedule(TimeStampedModel):
    """One year's arrangement (国务院办公厅关于X年部分节假日安排的通知)."""

    class Source(models.TextChoices):
        SEED = "seed", _("official schedule loaded at installation (chinese-calendar, checked)")
        MANUAL = "manual", _("entered by an administrator")

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(1999), MaxValueValidator(2100)]
    )
    notice = models.CharField(
        _("notice"), max_length=200, blank=True, help_text=_("Document number or title of the State Council notice.")
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.MANUAL)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("holiday schedule")
        verbose_name_plural = _("holiday schedules")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("%(year)s holiday schedule") % {"year": self.year}


class ScheduleDay(models.Model):
    """A rest day (放假) or a make-up working day (调休上班) set by the year's notice."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("rest day (holiday)")
        WORKDAY = "workday", _("make-up working day")

    schedule = models.ForeignKey(
        HolidaySchedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("holiday"), max_length=100, blank=True, help_text=_("e.g. 春节, 国庆节"))

    class Meta:
        verbose_name = _("schedule day")
        verbose_name_plural = _("schedule days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()

    def clean(self) -> None:
        super().clean()
        try:
            year: int | None = self.schedule.year
        except ObjectDoesNotExist:
            year = None
        problem = day_problem(year, self)
        if problem:
            raise ValidationError({"date": problem})


def day_problem(year: int | None, day: ScheduleDay) -> str | None:
    """What is wrong with one day of a year's schedule (None: nothing)."""
    if day.date is None:
        return None
    if year is not None and day.date.year != year:
        return str(
            _("%(date)s is not in %(year)s: enter it in that year's schedule.")
            % {"date": day.date.isoformat(), "year": year}
        )
    if day.kind == ScheduleDay.Kind.WORKDAY and day.date.weekday() < SATURDAY:
        return str(
            _("%(date)s is a weekday: a make-up working day is a Saturday or Sunday.") % {"date": day.date.isoformat()}
        )
    return None
