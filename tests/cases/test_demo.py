"""The demo office: every kind of state, made through the services, loaded once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from gongkai.cases.models import Case, CaseAppeal, CaseStatus

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_living_office_once() -> None:
    call_command("demo", verbosity=0)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {
        CaseStatus.RECEIVED,
        CaseStatus.IN_PROGRESS,
        CaseStatus.AWAITING_CORRECTION,
        CaseStatus.CONSULTING,
        CaseStatus.AWAITING_PAYMENT,
        CaseStatus.REPLY_DRAFTED,
        CaseStatus.REPLIED,
        CaseStatus.CLOSED,
        CaseStatus.WITHDRAWN,
    } <= statuses
    count = Case.objects.count()
    assert count == 13
    # appeals with each result of report table 四; the corrected one reopened its case
    assert set(CaseAppeal.objects.values_list("result", flat=True)) == {"upheld", "corrected", "other", "pending"}
    reopened = CaseAppeal.objects.get(result="corrected").case
    assert reopened.status == CaseStatus.IN_PROGRESS
    assert reopened.events.filter(action="reopen").exists()
    assert Case.objects.exclude(clock_problem="").exclude(due_provisional=True).count() == 0  # every clock computed
    call_command("demo", verbosity=0)
    assert Case.objects.count() == count
    assert CaseAppeal.objects.count() == 4
