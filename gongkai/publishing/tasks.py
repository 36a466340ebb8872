"""Background work of pre-publication review (django-tasks; the database queue, run by ``gongkai db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_patrol(run_id: int) -> str:
    """Carry out a queued patrol (``services.patrol_run``); its status as the task's result."""
    from .services import patrol_run

    return patrol_run(run_id).status
