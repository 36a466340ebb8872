"""Background work of the notifications app (django-tasks; the database queue, ``gongkai db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_notification(notification_id: int) -> str:
    """Send one queued notification (``services.deliver``); its status as the task's result."""
    from .services import deliver

    return deliver(notification_id)
