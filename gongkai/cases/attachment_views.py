"""Staff pages for a case's attachments: the office adds files; those who may see personal data
download them. The list is on the case page (``{% attachments_section case %}``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai.agencies.scoping import get_in_scope
from gongkai.core.errors import DomainError
from gongkai.files.sniff import ATTACHMENT_CONTENT_TYPES

from . import selectors, services
from .forms import AttachmentForm
from .models import AttachmentSource, Case


def _case(request: HttpRequest, pk: int) -> Case:
    return get_in_scope(selectors.staff_cases(request.user), request.user, pk=pk)


@login_required
@require_POST
def case_attach(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
        return redirect("cases:detail", pk=case.pk)
    try:
        kept = services.case_attach(
            case, actor=request.user, files=form.cleaned_data["attachments"], source=AttachmentSource.OFFICE, via="web"
        )
    except DomainError as error:
        messages.error(request, error.message)
        for problem in error.details if isinstance(error.details, list) else []:
            messages.error(request, str(problem))
    else:
        messages.success(request, _("%(count)d files attached.") % {"count": len(kept)})
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    """The file as received, as a download (never shown inline: it came from outside)."""
    case = _case(request, pk)
    attachment = get_object_or_404(case.attachments, pk=attachment_id)
    data = services.attachment_bytes(attachment, user=request.user, via="web")  # PermissionDenied: the 403 page
    content_type = ATTACHMENT_CONTENT_TYPES.get(attachment.media_type, "application/octet-stream")
    response = HttpResponse(data, content_type=content_type)
    name = services.download_name(attachment)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response
