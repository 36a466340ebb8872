"""Every write to agencies, offices and staff. Keyword-only, one transaction, one audit event each.

``actor=None`` means the system itself acting for an operator at the command line (``via``
names the channel); such calls are trusted. A staff actor must be allowed to manage the
agency concerned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import Actor, record_event
from gongkai.core.errors import ValidationFailed, problems_error
from gongkai.core.permissions import require

from .groups import group_name
from .levels import Level, parse_level, placement_problem
from .models import Agency, DisclosureOffice, Membership, Role, agency_code_validator
from .permissions import can_manage_agency

if TYPE_CHECKING:
    from django.contrib.auth.models import User


OFFICE_FIELDS = ("name", "address", "postcode", "phone", "fax", "email", "hours")


def placement_message(problem: str) -> str:
    messages = {
        "department_needs_parent": _("A department must belong to a parent agency."),
        "township_needs_parent": _("A township must belong to a county-level government."),
        "parent_not_higher": _("The parent must be a government of a higher level."),
    }
    return messages[problem]


def _require_manage(actor: Actor, agency: Agency | None) -> None:
    if actor is None:
        return
    if agency is None:
        require(can_manage_agency(actor, None), _("Only a system administrator may create a top-level agency."))
    else:
        require(can_manage_agency(actor, agency), _("You may not manage %(agency)s.") % {"agency": agency.name})


def agency_problems(
    *, code: str, name: str, level: str, parent: Agency | None, existing: Agency | None = None
) -> list[str]:
    """Everything wrong with these values for a new agency (or for ``existing``), in Chinese."""
    problems: list[str] = []
    try:
        agency_code_validator(code)
    except ValidationError:
        problems.append(_("Agency code “%(code)s” is invalid: use 1–32 letters, digits, “-” or “_”.") % {"code": code})
    if not name.strip():
        problems.append(_("The agency name is empty."))
    elif len(name) > 100:
        problems.append(_("The agency name is longer than 100 characters."))
    parsed = parse_level(level)
    if parsed is None:
        problems.append(
            _("Unknown level “%(level)s”: use 省/市/县/乡镇/部门 or province/city/county/township/department.")
            % {"level": level}
        )
    else:
        problem = placement_problem(parsed, Level(parent.level) if parent else None)
        if problem:
            problems.append(placement_message(problem))
    if parent is not None and not parent.is_active:
        problems.append(_("The parent agency %(parent)s is inactive.") % {"parent": parent.name})
    if parent is not None and existing is None and not _path_fits_below(parent):
        problems.append(
            _("%(parent)s is too deep in the agency tree to have agencies below it.") % {"parent": parent.name}
        )
    return problems


def _path_fits_below(parent: Agency) -> bool:
    """Whether a new agency's tree path ("/1/4/9/", ids) below ``parent`` fits its column."""
    limit = int(Agency._meta.get_field("path").max_length or 255)
    next_id = (Agency.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    return len(parent.path) + len(str(next_id)) + 1 <= limit


def _set_path(agency: Agency) -> None:
    parent_path = agency.parent.path if agency.parent else "/"
    agency.path = f"{parent_path}{agency.pk}/"
    agency.depth = agency.parent.depth + 1 if agency.parent else 0
    agency.save(update_fields=["path", "depth"])


@transaction.atomic
def agency_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    level: str,
    parent: Agency | None = None,
    short_name: str = "",
    sort_order: int = 0,
    via: str | None = None,
) -> Agency:
    _require_manage(actor, parent)
    code, name, short_name = code.strip(), name.strip(), short_name.strip()
    problems = agency_problems(code=code, name=name, level=level, parent=parent)
    if Agency.objects.filter(code=code).exists():
        problems.append(_("Agency code “%(code)s” already exists.") % {"code": code})
    if problems:
        raise problems_error(problems)
    parsed = parse_level(level)
    assert parsed is not None
    agency = Agency.objects.create(
        code=code, name=name, short_name=short_name, level=parsed.value, parent=parent, sort_order=sort_order
    )
    _set_path(agency)
    record_event(
        actor=actor,
        action="agency.created",
        obj=agency,
        agency=agency,
        via=via,
        details={
            "code": code,
            "name": name,
            "level": parsed.value,
            "parent": parent.code if parent else None,
        },
    )
    return agency


@transaction.atomic
def agency_update(
    *,
    actor: Actor,
    agency: Agency,
    name: str | None = None,
    short_name: str | None = None,
    sort_order: int | None = None,
    is_active: bool | None = None,
    via: str | None = None,
) -> Agency:
    _require_manage(actor, agency)
    wanted = {"name": name, "short_name": short_name, "sort_order": sort_order, "is_active": is_active}
    changes: dict[str, list[Any]] = {}
    for field, value in wanted.items():
        if value is None:
            continue
        if isinstance(value, str):
            value = value.strip()
        if field == "name" and not value:
            raise ValidationFailed(_("The agency name is empty."))
        old = getattr(agency, field)
        if old != value:
            changes[field] = [old, value]
            setattr(agency, field, value)
    if changes:
        agency.save(update_fields=[*changes, "updated_at"])
        record_event(actor=actor, action="agency.updated", obj=agency, agency=agency, via=via, details=changes)
    return agency


@transaction.atomic
def office_save(
    *,
    actor: Actor,
    agency: Agency,
    name: str | None = None,
    address: str | None = None,
    postcode: str | None = None,
    phone: str | None = None,
    fax: str | None = None,
    email: str | None = None,
    hours: str | None = None,
    via: str | None = None,
) -> DisclosureOffice:
    """Create or update the agency's disclosure office; a contact field left ``None`` keeps its value."""
    _require_manage(actor, agency)
    given = {"name": name, "address": address, "postcode": postcode, "phone": phone, "fax": fax}
    given |= {"email": email, "hours": hours}
    fields = {field: value for field, value in given.items() if value is not None}
    office = DisclosureOffice.objects.filter(agency=agency).first()
    created = office is None
    if office is None:
        office = DisclosureOffice(agency=agency)
    changes: dict[str, list[str]] = {}
    for field, value in fields.items():
        value = (value or "").strip()
        old = getattr(office, field)
        if old != value:
            changes[field] = [old, value]
            setattr(office, field, value)
    if not office.name:
        raise ValidationFailed(_("The disclosure office needs a name."))
    try:
        office.full_clean(exclude=["agency"])
    except ValidationError as exc:
        raise ValidationFailed(
            "；".join(str(m) for messages in exc.message_dict.values() for m in messages),
            details=exc.message_dict,
        ) from exc
    if created or changes:
        office.save()
        record_event(
            actor=actor,
            action="office.created" if created else "office.updated",
            obj=office,
            agency=agency,
            via=via,
            details=changes,
        )
    return office


def _sync_role_groups(user: User) -> None:
    """Role groups follow the memberships; administrators also get the back office (Django admin)
    for the reference data they keep, e.g. the holiday schedules. Superusers keep theirs."""
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    wanted = {group_name(role) for role in roles}
    role_groups = Group.objects.filter(name__in=[group_name(role) for role in Role.values])
    user.groups.remove(*[g for g in role_groups if g.name not in wanted])
    user.groups.add(*[g for g in role_groups if g.name in wanted])
    back_office = user.is_superuser or Role.ADMINISTRATOR in roles
    if user.is_staff != back_office:
        user.is_staff = back_office
        user.save(update_fields=["is_staff"])


@transaction.atomic
def staff_create(
    *,
    actor: Actor,
    username: str,
    full_name: str,
    password: str,
    agency: Agency,
    roles: list[str],
    email: str = "",
    via: str | None = None,
) -> User:
    """Create a staff account holding ``roles`` in ``agency``."""
    _require_manage(actor, agency)
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValidationFailed(_("The user name “%(username)s” is taken.") % {"username": username})
    bad_roles = [r for r in roles if r not in Role.values]
    if bad_roles or not roles:
        raise ValidationFailed(_("Choose at least one valid role."))
    user = user_model(username=username, first_name=full_name, email=email, is_staff=False)
    user.set_password(password)
    user.save()
    record_event(actor=actor, action="staff.created", obj=user, agency=agency, via=via, details={"username": username})
    for role in roles:
        membership_grant(actor=actor, user=user, agency=agency, role=role, via=via)
    return user


@transaction.atomic
def membership_grant(*, actor: Actor, user: User, agency: Agency, role: str, via: str | None = None) -> Membership:
    _require_manage(actor, agency)
    if role not in Role.values:
        raise ValidationFailed(_("Unknown role “%(role)s”.") % {"role": role})
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        _sync_role_groups(user)
        record_event(
            actor=actor,
            action="membership.granted",
            obj=membership,
            agency=agency,
            via=via,
            details={"user": user.username, "role": role},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, membership: Membership, via: str | None = None) -> None:
    _require_manage(actor, membership.agency)
    user, agency, role = membership.user, membership.agency, membership.role
    record_event(
        actor=actor,
        action="membership.revoked",
        obj=membership,
        agency=agency,
        via=via,
        details={"user": user.username, "role": role},
    )
    membership.delete()
    _sync_role_groups(user)
