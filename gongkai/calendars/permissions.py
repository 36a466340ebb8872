"""Who may change the holiday calendars: small yes/no functions for views, API and services alike.

The State Council's schedule applies to the whole country, so only platform administrators —
superusers and the administrators of a root agency (an agency with no parent) — may create,
change, confirm or delete a national year, and only they see drafts. A region's own rest days
(藏历新年 …) are kept by the administrators of the region's subtree (or of an agency above it).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import can_manage_agency, is_platform_admin
from gongkai.agencies.scoping import AnyUser
from gongkai.core.permissions import require


def can_edit_national_calendar(user: AnyUser) -> bool:
    """Create, change, confirm or delete a year of the national schedule."""
    return is_platform_admin(user)


def can_view_drafts(user: AnyUser) -> bool:
    """See the years that are entered but not confirmed (the clock never uses them)."""
    return is_platform_admin(user)


def can_edit_regional_calendar(user: AnyUser, agency: Agency) -> bool:
    """Add or remove the regional rest days of ``agency``'s subtree."""
    return can_manage_agency(user, agency)


def require_national(user: AnyUser) -> None:
    require(
        can_edit_national_calendar(user),
        _(
            "Only platform administrators (the administrators of the top-level agency) may change the "
            "national holiday schedule."
        ),
    )


def require_regional(user: AnyUser, agency: Agency) -> None:
    require(
        can_edit_regional_calendar(user, agency),
        _("Only the administrators of %(agency)s or of an agency above it may change its regional holidays.")
        % {"agency": agency.name},
    )
