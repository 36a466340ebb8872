"""What each role may reach, and the Django Group that carries its permissions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .models import Role


class Access(StrEnum):
    VIEW = "view"  # read an agency's data
    ACT = "act"  # handle its work: register, handle, reply
    MANAGE = "manage"  # set up agencies, offices and staff


@dataclass(frozen=True)
class Reach:
    access: frozenset[Access]
    subtree: bool  # also every agency below the member's agency


ROLE_REACH: dict[str, Reach] = {
    Role.REGISTRAR: Reach(frozenset({Access.VIEW, Access.ACT}), subtree=False),
    Role.HANDLER: Reach(frozenset({Access.VIEW, Access.ACT}), subtree=False),
    Role.HEAD: Reach(frozenset({Access.VIEW, Access.ACT}), subtree=False),
    Role.ADMINISTRATOR: Reach(frozenset({Access.VIEW, Access.MANAGE}), subtree=True),
    Role.SUPERVISOR: Reach(frozenset({Access.VIEW}), subtree=True),
}

# Django permissions each role's Group holds ("app_label.codename"). Later apps add theirs here.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.REGISTRAR: ["agencies.view_agency", "agencies.view_disclosureoffice"],
    Role.HANDLER: ["agencies.view_agency", "agencies.view_disclosureoffice"],
    Role.HEAD: ["agencies.view_agency", "agencies.view_disclosureoffice"],
    Role.ADMINISTRATOR: [
        "agencies.view_agency",
        "agencies.add_agency",
        "agencies.change_agency",
        "agencies.view_disclosureoffice",
        "agencies.change_disclosureoffice",
        "agencies.view_membership",
        "agencies.add_membership",
        "agencies.delete_membership",
        # The national holiday schedule (Issue 3: "an administrator can edit" it in the back office):
        # enter a new year from the State Council's notice and correct its days. Deleting a whole
        # year stays with superusers: it makes every deadline reaching into that year an error.
        "calendars.view_holidayschedule",
        "calendars.add_holidayschedule",
        "calendars.change_holidayschedule",
        "calendars.view_scheduleday",
        "calendars.add_scheduleday",
        "calendars.change_scheduleday",
        "calendars.delete_scheduleday",
    ],
    # The audit log is read in the workspace (/staff/audit/), scoped to the user's agencies; the
    # Django admin's unscoped AuditEvent list stays with superusers.
    Role.SUPERVISOR: ["agencies.view_agency", "agencies.view_disclosureoffice"],
}
