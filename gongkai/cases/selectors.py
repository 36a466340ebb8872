"""Every read of cases. Staff reads go through ``gongkai.agencies.scoping``; the lists the
workspace, the API and ``gongkai cases`` show are the same querysets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from django.db.models import F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Access
from gongkai.agencies.scoping import AnyUser, get_in_scope, scope
from gongkai.calendars.selectors import get_calendar
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.law.clock import ClockStateName
from gongkai.law.errors import LawError
from gongkai.law.outcomes import OUTCOME_BY_CODE
from gongkai.text.fold_search import fold
from gongkai.text.width import normalise_width

from .models import OPEN_STATUSES, ApplicantKindChoice, Case, CasePress, CaseStatus, ChannelChoice
from .states import CASE_STATES


def _base() -> models.QuerySet[Case]:
    return Case.objects.select_related("agency", "applicant", "handler")


def staff_cases(user: AnyUser | None) -> models.QuerySet[Case]:
    """The cases ``user`` may see (``None``: the system operator at the console sees all)."""
    return _base() if user is None else scope(_base(), user)


def in_subtree(cases: models.QuerySet[Case], agency: Agency) -> models.QuerySet[Case]:
    return cases.filter(agency__path__startswith=agency.path)


def open_cases(cases: models.QuerySet[Case]) -> models.QuerySet[Case]:
    return cases.filter(status__in=OPEN_STATUSES)


def overdue(cases: models.QuerySet[Case], today: date | None = None) -> models.QuerySet[Case]:
    """Open cases whose clock runs and whose due date has passed."""
    today = today or timezone.localdate()
    return open_cases(cases).filter(clock_state=ClockStateName.RUNNING, due_on__lt=today)


def due_within(cases: models.QuerySet[Case], working_days: int, today: date | None = None) -> models.QuerySet[Case]:
    """Open, running cases due from today up to ``working_days`` working days ahead."""
    if working_days < 0:
        raise ValidationFailed("天数不能为负数。")
    today = today or timezone.localdate()
    try:
        last = get_calendar().add_working_days(today, working_days)
    except LawError as problem:
        raise ValidationFailed(problem.message) from problem
    return open_cases(cases).filter(clock_state=ClockStateName.RUNNING, due_on__gte=today, due_on__lte=last)


def staff_case(user: AnyUser | None, number: str) -> Case:
    """One case by number, within the user's reach (else ``NotFound``, the same for a missing one)."""
    if user is None:
        found = _base().filter(number=number).first()
        if found is None:
            raise NotFound(f"没有编号为“{number}”的申请。")
        return found
    return get_in_scope(_base(), user, number=number)


def case_row(case: Case) -> dict[str, Any]:
    """A case as every list shows it (workspace, API, ``gongkai cases list``)."""
    return {
        "number": case.number,
        "agency": case.agency.code,
        "status": case.status,
        "status_label": CASE_STATES.label(case.status),
        "received_on": case.received_on.isoformat() if case.received_on else None,
        "due": case.due_on.isoformat() if case.due_on else None,
        "due_provisional": case.due_provisional,
        "clock_state": case.clock_state or None,
        "handler": case.handler.get_username() if case.handler else None,
        "applicant": case.applicant.name,
    }


def case_timeline(case: Case) -> list[dict[str, object]]:
    return [
        {"on": e.on.isoformat(), "action": e.action, "by": e.actor_label, "data": e.data, "note": e.note}
        for e in case.events.order_by("on", "at", "id")
    ]


# The workspace's lists (and the ``view`` filter of the staff API): name → label.
VIEWS: dict[str, Any] = {
    "open": gettext_lazy("Open"),
    "mine": gettext_lazy("Mine"),
    "unassigned": gettext_lazy("Unassigned"),
    "due_soon": gettext_lazy("Due within 5 working days"),
    "overdue": gettext_lazy("Overdue"),
    "paused": gettext_lazy("Paused"),
    "correction": gettext_lazy("Awaiting correction"),
    "by_outcome": gettext_lazy("By outcome"),
    "all": gettext_lazy("All"),
}
DUE_SOON_DAYS = 5

# Sortable columns: name → the fields they order by (ascending; "-name" descends).
SORTS = ("number", "received", "due", "status")
_STATUS_ORDER = models.Case(
    *[When(status=value, then=Value(i)) for i, value in enumerate(CaseStatus.values)],
    default=Value(len(CaseStatus.values)),
    output_field=models.IntegerField(),
)


@dataclass(frozen=True)
class CaseFilters:
    """The workspace's list and filters as parsed from a GET form or the API's query string."""

    view: str = "all"
    agency: Agency | None = None
    status: str = ""
    channel: str = ""
    applicant_kind: str = ""
    outcome: str = ""
    received_from: date | None = None
    received_to: date | None = None
    q: str = ""
    sort: str = "due"
    overdue: bool = False
    due_within: int | None = None
    problems: dict[str, str] = field(default_factory=dict)

    def query(self, **changes: str) -> dict[str, str]:
        """The filters as GET parameters (for links: another sort, another page)."""
        params = {
            "view": self.view,
            "agency": self.agency.code if self.agency else "",
            "status": self.status,
            "channel": self.channel,
            "applicant_kind": self.applicant_kind,
            "outcome": self.outcome,
            "received_from": self.received_from.isoformat() if self.received_from else "",
            "received_to": self.received_to.isoformat() if self.received_to else "",
            "q": self.q,
            "sort": self.sort,
        }
        params.update(changes)
        return {key: value for key, value in params.items() if value}


def _clean(value: object) -> str:
    return str(value if value is not None else "").strip()[:100].replace("\x00", "")


def _choice(raw: str, allowed: Any, field_name: str, problems: dict[str, str]) -> str:
    if raw and raw not in allowed:
        problems[field_name] = _("Unknown value “%(value)s”.") % {"value": raw[:40]}
        return ""
    return raw


def _day(raw: str, field_name: str, problems: dict[str, str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        problems[field_name] = _("Not a date (YYYY-MM-DD): “%(value)s”.") % {"value": raw[:40]}
        return None


FILTER_LABELS: dict[str, Any] = {
    "view": gettext_lazy("list"),
    "agency": gettext_lazy("agency"),
    "status": gettext_lazy("status"),
    "channel": gettext_lazy("channel"),
    "applicant_kind": gettext_lazy("applicant kind"),
    "outcome": gettext_lazy("outcome"),
    "received_from": gettext_lazy("received from"),
    "received_to": gettext_lazy("received to"),
    "sort": gettext_lazy("sort"),
    "due_within": gettext_lazy("due within"),
}


def parse_filters(user: AnyUser | None, params: Mapping[str, Any], *, default_view: str = "all") -> CaseFilters:
    """Read the filters from ``params`` (GET parameters or the API's query). Never raises: a
    bad value is left out and named in ``problems`` (Chinese), for the page to show and the API
    to answer 422 with (``raise_problems``)."""
    problems: dict[str, str] = {}
    view = _choice(_clean(params.get("view")) or default_view, VIEWS, "view", problems) or default_view
    agency = None
    code = _clean(params.get("agency"))
    if code:
        found = Agency.objects.filter(code=code).first()
        if found is None or (user is not None and not scope(Agency.objects.filter(pk=found.pk), user, via="").exists()):
            problems["agency"] = _("No agency “%(code)s” within your reach.") % {"code": code[:40]}
        else:
            agency = found
    status = _choice(_clean(params.get("status")), CaseStatus.values, "status", problems)
    channel = _choice(_clean(params.get("channel")), ChannelChoice.values, "channel", problems)
    kind = _choice(_clean(params.get("applicant_kind")), ApplicantKindChoice.values, "applicant_kind", problems)
    outcome = _choice(_clean(params.get("outcome")), OUTCOME_BY_CODE, "outcome", problems)
    received_from = _day(_clean(params.get("received_from")), "received_from", problems)
    received_to = _day(_clean(params.get("received_to")), "received_to", problems)
    if received_from and received_to and received_from > received_to:
        problems["received_to"] = _("The end of the period is before its start.")
    sort = _clean(params.get("sort")) or "due"
    if sort.removeprefix("-") not in SORTS:
        problems["sort"] = _("Sort by one of: %(columns)s.") % {"columns": "、".join(SORTS)}
        sort = "due"
    due_within_value = params.get("due_within")
    due_within_days: int | None = None
    if due_within_value not in (None, ""):
        try:
            due_within_days = int(str(due_within_value))
        except ValueError:
            problems["due_within"] = _("Not a whole number: “%(value)s”.") % {"value": str(due_within_value)[:40]}
        else:
            if due_within_days < 0:
                problems["due_within"] = _("The number of days cannot be negative.")
                due_within_days = None
    overdue_flag = str(params.get("overdue", "")).lower() in {"1", "true", "on", "yes"}
    return CaseFilters(
        view=view,
        agency=agency,
        status=status,
        channel=channel,
        applicant_kind=kind,
        outcome=outcome,
        received_from=received_from,
        received_to=received_to,
        q=_clean(params.get("q")),
        sort=sort,
        overdue=overdue_flag,
        due_within=due_within_days,
        problems=problems,
    )


def raise_problems(filters: CaseFilters) -> None:
    """``ValidationFailed`` (422) naming every bad filter, in Chinese; nothing when all are good."""
    if filters.problems:
        names = "、".join(str(FILTER_LABELS.get(key, key)) for key in filters.problems)
        raise ValidationFailed(_("Check the filters: %(fields)s.") % {"fields": names}, details=dict(filters.problems))


def in_view(cases: models.QuerySet[Case], view: str, user: AnyUser | None) -> models.QuerySet[Case]:
    """One of the workspace's lists (``VIEWS``)."""
    if view == "open":
        return open_cases(cases)
    if view == "mine":
        return open_cases(cases).filter(handler_id=getattr(user, "pk", None))
    if view == "unassigned":
        return open_cases(cases).filter(handler__isnull=True)
    if view == "due_soon":
        return due_within(cases, DUE_SOON_DAYS)
    if view == "overdue":
        return overdue(cases)
    if view == "paused":
        return open_cases(cases).filter(status__in=[CaseStatus.CONSULTING, CaseStatus.AWAITING_PAYMENT])
    if view == "correction":
        return open_cases(cases).filter(status=CaseStatus.AWAITING_CORRECTION)
    if view == "by_outcome":
        return cases.exclude(outcome="")
    return cases


def _ordering(sort: str, view: str) -> list[Any]:
    descending = sort.startswith("-")
    column = sort.removeprefix("-")
    expression: Any = {
        "number": F("number"),
        "received": F("received_on"),
        "due": F("due_on"),
        "status": _STATUS_ORDER,
    }[column]
    first = expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
    order = [first, "number", "pk"] if column != "number" else [first, "pk"]
    if view == "by_outcome":  # grouped by the report's rows, in the report's order
        order = [_outcome_order(), *order]
    return order


def _outcome_order() -> Any:
    return models.Case(
        *[When(outcome=code, then=Value(i)) for i, code in enumerate(OUTCOME_BY_CODE)],
        default=Value(len(OUTCOME_BY_CODE)),
        output_field=models.IntegerField(),
    )


def filter_cases(user: AnyUser | None, filters: CaseFilters) -> models.QuerySet[Case]:
    """The cases of ``filters`` within ``user``'s reach, in the chosen order — the one list the
    workspace page, ``GET /api/v1/staff/cases`` and ``gongkai cases list`` show. Raises
    ``ValidationFailed`` when a list needs a calendar that is not loaded (five working days ahead)."""
    cases = in_view(staff_cases(user), filters.view, user)
    if filters.agency is not None:
        cases = in_subtree(cases, filters.agency)
    conditions = {
        "status": filters.status,
        "channel": filters.channel,
        "applicant__kind": filters.applicant_kind,
        "outcome": filters.outcome,
        "received_on__gte": filters.received_from,
        "received_on__lte": filters.received_to,
    }
    cases = cases.filter(**{key: value for key, value in conditions.items() if value})
    if filters.overdue:
        cases = overdue(cases)
    if filters.due_within is not None:
        cases = due_within(cases, filters.due_within)
    if filters.q:
        cases = matching_words(cases, filters.q, ("applicant__name", "description"), number_field="number")
    return cases.order_by(*_ordering(filters.sort, filters.view))


_NUMBER_BRACKETS = str.maketrans({**dict.fromkeys("[(［【（﹝", "〔"), **dict.fromkeys("])］】）﹞", "〕")})


def matching_words(
    cases: models.QuerySet[Case], q: str, fields: tuple[str, ...], *, number_field: str | None = None
) -> models.QuerySet[Case]:
    """Staff search over the database: each word folded as the public search folds it (full-width,
    traditional characters), every word required in one of ``fields``; in ``number_field`` a word is
    matched with its brackets made 〔〕 and its zeros kept (case numbers keep ``0001``). A case list
    is small and scoped per agency, so the database serves it; the engine serves the public."""
    for raw in q.split():
        word = fold(raw)
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        if number_field:
            condition |= Q(**{f"{number_field}__icontains": normalise_width(raw).text.translate(_NUMBER_BRACKETS)})
        cases = cases.filter(condition)
    return cases


def outcome_counts(cases: models.QuerySet[Case]) -> list[tuple[str, str, int]]:
    """``(code, report row label, count)`` for each outcome of report table 三 (all rows, in
    order), counting ``cases``."""
    counted = dict(cases.exclude(outcome="").order_by().values_list("outcome").annotate(n=models.Count("id")))
    return [(code, o.full_label, counted.get(code, 0)) for code, o in OUTCOME_BY_CODE.items()]


# 督办: the supervision dashboard (``/staff/cases/supervision/``, ``GET /api/v1/staff/supervision``).


def supervised_agencies(user: AnyUser) -> models.QuerySet[Agency]:
    """The agencies ``user`` supervises (``Access.SUPERVISE``: their own and every one below), by tree."""
    return scope(Agency.objects.filter(is_active=True), user, via="", access=Access.SUPERVISE).order_by("path")


def supervision_rows(user: AnyUser, today: date | None = None) -> list[dict[str, Any]]:
    """Per agency the user supervises: its open cases (with the agencies under it, as the
    workspace list filtered by that agency shows them), those due within five working days, the
    overdue, the paused; and the agency's own unacknowledged presses — one aggregate query for the cases and
    one for the presses, whatever the number of agencies."""
    today = today or timezone.localdate()
    agencies = list(supervised_agencies(user))
    if not agencies:
        return []
    try:
        soon_last: date | None = get_calendar().add_working_days(today, DUE_SOON_DAYS)
    except LawError:
        soon_last = None  # the calendar does not reach that far: counted as none rather than guessed
    running = Q(clock_state=ClockStateName.RUNNING)
    due_soon = Q(running, due_on__gte=today, due_on__lte=soon_last) if soon_last is not None else Q(pk__in=[])
    counts = {
        row["agency_id"]: row
        for row in Case.objects.filter(agency__in=agencies, status__in=OPEN_STATUSES)
        .order_by()
        .values("agency_id")
        .annotate(
            open=models.Count("id"),
            due_soon=models.Count("id", filter=due_soon),
            overdue=models.Count("id", filter=Q(running, due_on__lt=today)),
            paused=models.Count("id", filter=Q(status__in=[CaseStatus.CONSULTING, CaseStatus.AWAITING_PAYMENT])),
        )
    }
    presses = dict(
        CasePress.objects.filter(agency__in=agencies, acknowledged_at__isnull=True)
        .order_by()
        .values_list("agency_id")
        .annotate(n=models.Count("id"))
    )
    top = min(len(a.ancestor_ids()) for a in agencies)
    keys = ("open", "due_soon", "overdue", "paused")
    rows = []
    for agency in agencies:
        # The agency with the agencies under it, as the workspace list's agency filter counts.
        below = [a.pk for a in agencies if a.path.startswith(agency.path)]
        row: dict[str, Any] = {
            "agency": agency,
            "code": agency.code,
            "name": agency.name,
            "depth": len(agency.ancestor_ids()) - top,
            **{key: sum(counts.get(pk, {}).get(key, 0) for pk in below) for key in keys},
            "open_presses": presses.get(agency.pk, 0),
        }
        rows.append(row)
    return rows


def open_presses_for(agency: Agency) -> models.QuerySet[CasePress]:
    """The presses on ``agency`` not yet acknowledged, newest first."""
    return CasePress.objects.filter(agency=agency, acknowledged_at__isnull=True).select_related("case", "pressed_by")


def open_presses_for_user(user: AnyUser) -> models.QuerySet[CasePress]:
    """The unacknowledged presses on the agencies ``user`` acts for (the banner of the workspace list)."""
    return scope(CasePress.objects.filter(acknowledged_at__isnull=True), user, access=Access.ACT).select_related(
        "agency", "case", "pressed_by"
    )


def presses_about(case: Case) -> models.QuerySet[CasePress]:
    return CasePress.objects.filter(case=case).select_related("pressed_by", "acknowledged_by")


def case_of_agency(agency: Agency, number: str) -> Case:
    """A case of ``agency`` by its number, for a press about it (``ValidationFailed`` when none)."""
    found = _base().filter(agency=agency, number=number.strip()).first()
    if found is None:
        raise ValidationFailed(
            _("%(agency)s has no case numbered “%(number)s”.") % {"agency": agency.name, "number": number[:80]},
            details={"case": number[:80]},
        )
    return found
