"""The back office of pre-publication review: the dictionaries and the patrol are the platform
administrators'; an agency's administrator gets 403, other staff the login page; every change of a
dictionary is audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.core.errors import PermissionDenied
from gongkai.core.models import AuditEvent
from gongkai.publishing import services
from gongkai.publishing.checking import dictionary
from gongkai.publishing.models import WhitelistEntry, WordingEntry
from gongkai.text.checks import check_text
from tests.conftest import World
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

ENTRY = {
    "category": "typo",
    "severity": "warning",
    "term": "营商坏境",
    "suggestion": "营商环境",
    "note": "",
    "active": "on",
}
PAGES = [
    "admin:publishing_wordingentry_changelist",
    "admin:publishing_wordingentry_add",
    "admin:publishing_whitelistentry_changelist",
    "admin:publishing_whitelistentry_add",
    "admin:publishing_patrolrun_changelist",
    "admin:publishing_patrolrun_add",
    "admin:publishing_checkfinding_changelist",
]


def _found(text: str) -> list[str]:
    return [finding.found for finding in check_text(text, dictionary().checker)]


def test_the_platform_administrator_keeps_the_dictionaries_and_every_change_is_audited(
    client: Client, world: World
) -> None:
    client.force_login(world.users["admin"])  # the administrator of the top-level agency
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:publishing_wordingentry_changelist") in index
    for name in PAGES[:-1]:
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("admin:publishing_checkfinding_changelist")).status_code == 403  # unscoped: superusers

    assert client.post(reverse("admin:publishing_wordingentry_add"), ENTRY).status_code == 302
    entry = WordingEntry.objects.get(term="营商坏境")
    added = AuditEvent.objects.get(action="dictionary.added")
    assert added.actor == world.users["admin"]
    assert added.details["dictionary"] == "wording"
    assert added.details["changes"]["suggestion"] == [None, "营商环境"]
    assert _found("优化营商坏境") == ["营商坏境"]

    change = reverse("admin:publishing_wordingentry_change", args=[entry.pk])
    assert client.post(change, {**ENTRY, "suggestion": "优化营商环境"}).status_code == 302
    changed = AuditEvent.objects.get(action="dictionary.changed")
    assert changed.details["changes"] == {"suggestion": ["营商环境", "优化营商环境"]}

    assert (
        client.post(
            reverse("admin:publishing_whitelistentry_add"), {"phrase": "优化营商坏境", "note": "", "active": "on"}
        ).status_code
        == 302
    )
    assert AuditEvent.objects.filter(action="dictionary.added", details__dictionary="whitelist").count() == 1
    assert _found("优化营商坏境") == []  # the whitelist applies

    other = WordingEntry.objects.create(category="typo", severity="notice", term="坏境", suggestion="环境")
    response = client.post(
        reverse("admin:publishing_wordingentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk, other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not WordingEntry.objects.filter(pk__in=[entry.pk, other.pk]).exists()
    deleted = AuditEvent.objects.filter(action="dictionary.deleted").order_by("sequence")
    assert sorted(event.details["entry"] for event in deleted) == ["坏境", "营商坏境"]
    assert deleted[0].details["was"]["suggestion"] in {"优化营商环境", "环境"}
    whitelisted = WhitelistEntry.objects.get(phrase="优化营商坏境")
    assert (
        client.post(
            reverse("admin:publishing_whitelistentry_delete", args=[whitelisted.pk]), {"post": "yes"}
        ).status_code
        == 302
    )
    assert AuditEvent.objects.filter(action="dictionary.deleted").count() == 3


def test_an_agency_administrator_gets_403_and_other_staff_the_login(client: Client, world: World) -> None:
    city_admin = UserFactory(username="city_admin")
    grant(city_admin, world.city, Role.ADMINISTRATOR)
    city_admin.refresh_from_db()
    assert city_admin.is_staff  # the back office for the agency's own reference data
    client.force_login(city_admin)
    assert client.get(reverse("admin:index")).status_code == 200
    assert "publishing" not in client.get(reverse("admin:index")).content.decode()
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 403, name
    assert client.post(reverse("admin:publishing_wordingentry_add"), ENTRY).status_code == 403
    assert not WordingEntry.objects.filter(term="营商坏境").exists()
    with pytest.raises(PermissionDenied):
        services.dictionary_save(actor=city_admin, entry=WordingEntry(category="typo", severity="warning", term="x"))
    with pytest.raises(PermissionDenied):
        services.patrol_enqueue(actor=city_admin)

    for name in ("handler", "head"):
        client.force_login(world.users[name])
        response = client.get(reverse("admin:publishing_wordingentry_changelist"))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("admin:login"))
