"""What each role may reach, and the Django Group that carries its permissions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .models import Role


class Access(StrEnum):
    VIEW = "view"  # read an agency's data
    ACT = "act"  # handle its work: register, handle, reply
    APPROVE = "approve"  # sign off what needs the office head: replies, extensions
    SUPERVISE = "supervise"  # oversee from above: audit reports, press for action (督办)
    MANAGE = "manage"  # set up agencies, offices and staff


@dataclass(frozen=True)
class Reach:
    access: frozenset[Access]
    subtree: bool  # also every agency below the member's agency


ROLE_REACH: dict[str, Reach] = {
    Role.REGISTRAR: Reach(frozenset({Access.VIEW, Access.ACT}), subtree=False),
    Role.HANDLER: Reach(frozenset({Access.VIEW, Access.ACT}), subtree=False),
    Role.HEAD: Reach(frozenset({Access.VIEW, Access.ACT, Access.APPROVE}), subtree=False),
    Role.ADMINISTRATOR: Reach(frozenset({Access.VIEW, Access.SUPERVISE, Access.MANAGE}), subtree=True),
    Role.SUPERVISOR: Reach(frozenset({Access.VIEW, Access.SUPERVISE}), subtree=True),
    Role.EDITOR: Reach(frozenset({Access.VIEW, Access.ACT}), subtree=False),
    Role.REVIEWER: Reach(frozenset({Access.VIEW, Access.ACT}), subtree=False),
}

# The agencies app's Django permissions per role ("app_label.codename"). Other apps declare theirs in
# their AppConfig's ``role_permissions`` (gongkai.core.extensions collects them).
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
    ],
    # The audit log is read in the workspace (/staff/audit/), scoped to the user's agencies; the
    # Django admin's unscoped AuditEvent list stays with superusers.
    Role.SUPERVISOR: ["agencies.view_agency", "agencies.view_disclosureoffice"],
    Role.EDITOR: ["agencies.view_agency", "agencies.view_disclosureoffice"],
    Role.REVIEWER: ["agencies.view_agency", "agencies.view_disclosureoffice"],
}
