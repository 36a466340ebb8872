"""Background work of the reports app (django-tasks; the database queue, run by ``gongkai db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def audit_upload(upload_id: int) -> str:
    """Audit a queued upload of reports (``services.report_upload_run``); its status as the task's result."""
    from .services import report_upload_run

    return report_upload_run(upload_id=upload_id).status
