"""factory_boy factories. Agencies are created through the service so paths and audit are real."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.services import agency_create, membership_grant
from gongkai.reports.models import PublishedReport
from gongkai.reports.services import report_upload

PASSWORD = "test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"工作人员{n}")

    @factory.post_generation
    def password(obj, create: bool, extracted: str | None, **kwargs: Any) -> None:
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save()


class AgencyFactory(factory.Factory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"ag{n}")
    name = factory.Sequence(lambda n: f"测试市人民政府{n}")
    level = "city"
    parent = None
    short_name = ""

    @classmethod
    def _create(cls, model_class: type[Agency], *args: Any, **kwargs: Any) -> Agency:
        return agency_create(actor=None, via="test", **kwargs)


def grant(user: Any, agency: Agency, role: Role) -> Membership:
    return membership_grant(actor=None, user=user, agency=agency, role=role, via="test")


def published_report(agency: Agency, content: bytes, *, name: str = "report.txt", actor: Any = None) -> PublishedReport:
    """A kept report of ``agency``, read and audited by the upload service as a real upload is."""
    saved = report_upload(actor=actor, agency=agency, files=[SimpleUploadedFile(name, content)], via="test")
    assert len(saved) == 1, "one file, one report"
    return saved[0]
