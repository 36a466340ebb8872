"""Who may do what with published annual reports (see gongkai.core.permissions for the pattern)."""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import can_manage_agency, can_supervise
from gongkai.agencies.scoping import AnyUser


def can_upload_reports(user: AnyUser, agency: Agency) -> bool:
    """Upload reports of ``agency``'s subtree for audit: its supervisors and administrators, and those above."""
    return agency.is_active and can_supervise(user, agency)


def can_import_history(user: AnyUser, agency: Agency) -> bool:
    """Keep one of ``agency``'s past reports for the year-on-year checks: its administrators."""
    return agency.is_active and can_manage_agency(user, agency)
