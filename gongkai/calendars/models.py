"""Holiday schedules (节假日安排) per year, as the State Council's yearly notice sets them.

The pure calendar (gongkai.law.workdays.WorkingCalendar) is built from these tables by
``selectors.get_calendar``. A year without a *confirmed* schedule is not covered: every date in
it is an error ("2028年节假日安排尚未录入"), never a weekends-only guess. A year is entered as a
draft (seen by platform administrators only, never by the clock) and is used once a platform
administrator confirms it, which needs the year to pass ``gongkai.law.holidays.check_year``.

Regional rest days (``RegionalHoliday``: 藏历新年, 古尔邦节 …) are set by a region's government for
the agencies of its subtree; the clock adds them on top of the national schedule for cases of
those agencies only.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel
from gongkai.core.states import StateMachine

SATURDAY = 5
MAX_REGIONAL_PERIOD_DAYS = 31


class ScheduleStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    CONFIRMED = "confirmed", _("confirmed")


#: draft → confirmed. A confirmed year stays confirmed: a correction replaces its days (after a
#: diff and a confirmation step) and raises its version; it never falls back to draft, which would
#: take the year away from the clock.
SCHEDULE_STATES = StateMachine(
    _("holiday schedule"), ScheduleStatus, {ScheduleStatus.DRAFT: [ScheduleStatus.CONFIRMED]}
)


class HolidaySchedule(TimeStampedModel):
    """One year's arrangement (国务院办公厅关于X年部分节假日安排的通知)."""

    class Source(models.TextChoices):
        SEED = "seed", _("the State Council's published notice, loaded at installation and checked")
        MANUAL = "manual", _("entered by a platform administrator from the State Council's notice")

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(1999), MaxValueValidator(2100)]
    )
    notice = models.CharField(
        _("notice"), max_length=200, blank=True, help_text=_("Document number or title of the State Council notice.")
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.MANUAL)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ScheduleStatus.choices, default=ScheduleStatus.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised by every change: a form of an older version is refused.")
    )

    class Meta:
        verbose_name = _("holiday schedule")
        verbose_name_plural = _("holiday schedules")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("%(year)s holiday schedule") % {"year": self.year}

    @property
    def is_confirmed(self) -> bool:
        return self.status == ScheduleStatus.CONFIRMED


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


class RegionalHoliday(TimeStampedModel):
    """Rest days a regional government adds for its own agencies (e.g. 藏历新年 in 西藏).

    ``agency`` is the root of the subtree the days apply to (the region's government); they apply
    to it and to every agency below it, on top of the national schedule, and only in years whose
    national schedule is confirmed (a region does not make an unloaded year known).
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="regional_holidays"
    )
    name = models.CharField(_("holiday"), max_length=100, help_text=_("e.g. 藏历新年, 古尔邦节"))
    start = models.DateField(_("first rest day"))
    end = models.DateField(_("last rest day"))
    notice = models.CharField(_("notice"), max_length=200, help_text=_("Title or document number of the notice."))
    source_url = models.URLField(_("address of the notice"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("regional holiday")
        verbose_name_plural = _("regional holidays")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="regional_holiday_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"
