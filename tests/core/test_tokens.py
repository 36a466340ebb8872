"""API tokens: made once, stored hashed, accepted as Bearer on the staff API, revocable, audited."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from gongkai.core.errors import Conflict, NotFound, ValidationFailed
from gongkai.core.models import ApiToken, AuditEvent
from gongkai.core.tokens import token_create, token_revoke, user_for_token
from tests.cases.builders import assigned
from tests.conftest import World

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_token_is_stored_only_as_its_hash_and_audited(world: World) -> None:
    row, token = token_create(actor=None, user=world.users["handler"], label="12345热线", via="test")
    assert token.startswith(f"gk_{row.prefix}_")
    assert len(token) > 40
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ApiToken.objects.values_list().get(pk=row.pk))
    event = AuditEvent.objects.get(action="token.created")
    assert event.details["prefix"] == row.prefix
    assert token not in str(event.details)
    assert user_for_token(token) == world.users["handler"]
    assert user_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert user_for_token("gk_nothing_here") is None


def test_bad_labels_and_inactive_users_are_refused(world: World) -> None:
    with pytest.raises(ValidationFailed):
        token_create(actor=None, user=world.users["handler"], label="长" * 101)
    user = world.users["handler"]
    user.is_active = False
    user.save()
    with pytest.raises(ValidationFailed):
        token_create(actor=None, user=user)


def test_bearer_works_on_the_staff_api_without_csrf(world: World) -> None:
    case = assigned(world)
    _, token = token_create(actor=None, user=world.users["handler"])
    client = Client(enforce_csrf_checks=True)
    listed = client.get("/api/v1/staff/cases", **bearer(token))
    assert listed.status_code == 200
    assert listed.json()["count"] == 1
    assert client.get(f"/api/v1/staff/cases/{case.number}", **bearer(token)).status_code == 200
    step = client.post(
        f"/api/v1/staff/cases/{case.number}/actions",
        {"action": "request_correction", "correction_due": "2026-09-18", "text": "请补充年份", "on": "2026-09-03"},
        content_type="application/json",
        **bearer(token),
    )
    assert step.status_code == 200, step.content
    # the token acts as its user: another agency's handler sees nothing of this case
    _, other = token_create(actor=None, user=world.users["other_handler"])
    assert client.get(f"/api/v1/staff/cases/{case.number}", **bearer(other)).status_code == 404


def test_revoked_unknown_and_inactive_tokens_get_401_in_chinese(world: World) -> None:
    row, token = token_create(actor=None, user=world.users["handler"])
    client = Client()
    assert client.get("/api/v1/staff/cases", **bearer(token)).status_code == 200
    token_revoke(actor=None, prefix=row.prefix)
    refused = client.get("/api/v1/staff/cases", **bearer(token))
    assert refused.status_code == 401
    assert "令牌" in refused.json()["error"]["message"]
    assert client.get("/api/v1/staff/cases", **bearer("gk_0000_x")).status_code == 401
    _, second = token_create(actor=None, user=world.users["head"])
    world.users["head"].is_active = False
    world.users["head"].save()
    assert client.get("/api/v1/staff/cases", **bearer(second)).status_code == 401
    with pytest.raises(Conflict):
        token_revoke(actor=None, prefix=row.prefix)
    with pytest.raises(NotFound):
        token_revoke(actor=None, prefix="nosuch")


def test_the_session_still_needs_csrf_for_posts(world: World) -> None:
    case = assigned(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["handler"])
    response = client.post(
        f"/api/v1/staff/cases/{case.number}/actions", {"action": "request_assistance"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_the_openapi_document_declares_the_bearer_scheme(client: Client) -> None:
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())


def test_the_command_prints_the_token_alone_and_revokes(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    out = StringIO()
    call_command("token", "create", world.users["handler"].username, "--name", "一网通办", stdout=out)
    token = out.getvalue().strip()
    assert "\n" not in token
    assert token.startswith("gk_")
    assert "只显示这一次" in capsys.readouterr().err
    assert user_for_token(token) == world.users["handler"]
    listing = StringIO()
    call_command("token", "list", stdout=listing)
    assert "一网通办" in listing.getvalue()
    assert token not in listing.getvalue()
    call_command("token", "revoke", token)  # the whole token names it too
    assert user_for_token(token) is None
    assert AuditEvent.objects.filter(action="token.revoked").count() == 1
