"""Filters of the audit page templates: the words for a finding's severity and a file's type."""

from __future__ import annotations

from django import template

from ..audit_html import media_type_label as _media_type_label
from ..audit_html import severity_label as _severity_label
from ..findings import Severity

register = template.Library()


@register.filter
def severity_label(severity: Severity | str) -> str:
    return _severity_label(Severity(severity))


@register.filter
def media_type_label(media_type: str) -> str:
    return _media_type_label(media_type)
