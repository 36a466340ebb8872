"""The attachments section of the staff case page: ``{% load case_attachments %}{% attachments_section case %}``."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.files.caps import megabytes

from .. import permissions
from ..models import Case
from ..services import MAX_FILES, case_attachments, max_attachment_bytes

register = template.Library()

KIND_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "ofd": "OFD", "png": "PNG", "jpeg": "JPEG", "gif": "GIF"}


@register.inclusion_tag("cases/_attachments.html", takes_context=True)
def attachments_section(context: dict[str, Any], case: Case) -> dict[str, Any]:
    user = context["request"].user
    return {
        "case": case,
        "attachments": [(a, KIND_LABELS.get(a.media_type, a.media_type)) for a in case_attachments(case)],
        "may_download": permissions.can_see_personal_data(user, case),
        "may_upload": permissions.can_handle_case(user, case) or permissions.can_register_case(user, case.agency),
        "max_files": MAX_FILES,
        "max_size": megabytes(max_attachment_bytes()),
        "csrf_token": context.get("csrf_token"),
    }
