"""Staff pages: my messages (the workspace channel), and the failure list for the administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import is_platform_admin
from gongkai.core.errors import DomainError

from .models import Channel, Notification, NotificationStatus
from .services import mark_read, notification_retry

PAGE_SIZE = 50


def _user_id(request: HttpRequest) -> int:
    pk = request.user.pk  # login_required: a saved user
    assert pk is not None
    return int(pk)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.filter(user_id=_user_id(request), channel=Channel.WORKSPACE).select_related("case")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    unread = rows.filter(read_at__isnull=True).count()
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "unread": unread, "may_see_failures": is_platform_admin(request.user)},
    )


@login_required
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    ids = [int(value) for value in request.POST.getlist("id") if value.isdigit()]
    if request.POST.get("all"):
        ids = list(
            Notification.objects.filter(
                user_id=_user_id(request), channel=Channel.WORKSPACE, read_at__isnull=True
            ).values_list("pk", flat=True)
        )
    changed = mark_read(request.user, ids)
    messages.success(request, _("%(n)d messages marked as read.") % {"n": changed})
    return redirect("notifications:inbox")


@login_required
def failed(request: HttpRequest) -> HttpResponse:
    if not is_platform_admin(request.user):
        raise Http404
    rows = Notification.objects.exclude(channel=Channel.WORKSPACE).filter(status=NotificationStatus.FAILED)
    page = Paginator(rows.select_related("agency", "case"), PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = Notification.objects.filter(status=NotificationStatus.QUEUED).count()
    return render(request, "notifications/failed.html", {"page": page, "waiting": waiting})


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_platform_admin(request.user):
        raise Http404
    row = Notification.objects.filter(pk=pk).first()
    if row is None:
        raise Http404
    try:
        notification_retry(actor=request.user, row=row, via="web")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The message is queued again."))
    return redirect("notifications:failed")
