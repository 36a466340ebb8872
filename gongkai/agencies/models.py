"""The agency tree, each agency's disclosure office, and staff memberships with roles."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .levels import Level


class AgencyLevel(models.TextChoices):
    PROVINCE = Level.PROVINCE.value, _("province")
    CITY = Level.CITY.value, _("city")
    COUNTY = Level.COUNTY.value, _("county")
    TOWNSHIP = Level.TOWNSHIP.value, _("township")
    DEPARTMENT = Level.DEPARTMENT.value, _("department")


agency_code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$",
    _("Use 1–32 letters, digits, “-” or “_”, starting with a letter or digit."),
)


class Agency(TimeStampedModel):
    """A 行政机关: a government at some level, or one of its departments.

    ``path`` is the materialised list of ancestor ids ("/1/4/9/"), maintained by the services,
    so that a subtree is one indexed prefix query.
    """

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[agency_code_validator])
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


class DisclosureOffice(TimeStampedModel):
    """The 政府信息公开工作机构 of an agency: the contact details letters and the portal print."""

    agency = models.OneToOneField(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="office")
    name = models.CharField(_("office name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hours = models.CharField(_("office hours"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("disclosure office")
        verbose_name_plural = _("disclosure offices")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """Staff roles. Each role is also a Django Group of the same name holding its permissions."""

    REGISTRAR = "registrar", _("registrar")
    HANDLER = "handler", _("handler")
    HEAD = "head", _("office head")
    ADMINISTRATOR = "administrator", _("administrator")
    SUPERVISOR = "supervisor", _("supervisor")
    EDITOR = "editor", _("editor")  # drafts documents for the library and the portal
    REVIEWER = "reviewer", _("reviewer")  # signs off documents before publication (三审)


class Membership(TimeStampedModel):
    """A user holds a role in an agency. One user may hold several roles and agencies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership_role"),
        ]
        ordering = ["agency__path", "role"]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
