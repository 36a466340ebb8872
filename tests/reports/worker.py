"""Run the database queue's worker in a test: the real ``db_worker`` loop, in batch mode."""

from __future__ import annotations

from unittest import mock

from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult


def run_worker() -> int:
    """Run every queued task as ``gongkai db_worker --batch`` would; the number of tasks run.

    The worker closes "obsolete" connections between tasks; inside a test's transaction that
    would close the test's own connection, so that one call is skipped here (the transactional
    test in test_upload_queue.py runs the command itself, unpatched).
    """
    before = DBTaskResult.objects.exclude(status="READY").count()
    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections", return_value=None):
        worker.run()
    return DBTaskResult.objects.exclude(status="READY").count() - before
