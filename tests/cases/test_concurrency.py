"""50 applications submitted at once get 50 distinct, gap-free numbers (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from gongkai.cases.models import Case
from gongkai.cases.services import ApplicantInput, ApplicationInput, case_submit_online
from tests.factories import AgencyFactory

SUBMISSIONS = 50


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_gap_free_numbers() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL here (the SQLite test database is in memory)")
    agency = AgencyFactory(code="conc", name="并发市人民政府", short_name="并发市政府", level="city")
    start = threading.Barrier(SUBMISSIONS)
    errors: list[BaseException] = []

    def submit(index: int) -> None:
        try:
            start.wait(30)
            case_submit_online(
                agency=agency,
                application=ApplicationInput(
                    applicant=ApplicantInput(
                        "natural_person", f"申请人{index}", "passport", f"E{index:08d}", "13800138000"
                    ),
                    description=f"第{index}项政府信息",
                    delivery_form="electronic",
                    delivery_method="online",
                ),
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    seqs = sorted(Case.objects.filter(agency=agency).values_list("seq", flat=True))
    assert seqs == list(range(1, SUBMISSIONS + 1))
    assert Case.objects.filter(agency=agency).values("number").distinct().count() == SUBMISSIONS
