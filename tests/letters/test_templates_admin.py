"""Agency administrators edit their letter templates; the agencies below inherit; issued letters stay."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.law.letters import LetterKind
from gongkai.letters.drafting import body_template
from gongkai.letters.models import Letter, LetterTemplate
from gongkai.letters.services import letter_content
from gongkai.letters.templates_admin import template_reset, template_save, template_slots
from tests.conftest import World

from .helpers import docx_text, squeeze
from .test_letters import _replied

pytestmark = pytest.mark.django_db
BODY = "{{ agency }}收到您的申请（{{ number }}）。本机关特别提示：请保存本回执。"


def test_every_slot_is_listed_with_what_applies(world: World) -> None:
    slots = template_slots(world.city)
    assert len(slots) == len(LetterKind) + 21  # each kind for every variant, and the reply once per outcome row
    assert not any(slot.own for slot in slots)


def test_an_administrator_saves_for_the_agency_and_those_below_inherit(world: World) -> None:
    template_save(actor=world.users["admin"], agency=world.city, kind="receipt", variant="", title="", body=BODY)
    assert body_template(LetterKind.RECEIPT, "", world.city)[1] == BODY
    assert body_template(LetterKind.RECEIPT, "", world.county)[1] == BODY  # below: inherited
    assert body_template(LetterKind.RECEIPT, "", world.other_city)[1] != BODY
    assert AuditEvent.objects.filter(action="letter.template_saved").count() == 1
    assert template_reset(actor=world.users["admin"], agency=world.city, kind="receipt", variant="")
    assert body_template(LetterKind.RECEIPT, "", world.city)[1] != BODY
    assert not template_reset(actor=world.users["admin"], agency=world.city, kind="receipt", variant="")


def test_only_administrators_and_only_valid_templates(world: World) -> None:
    with pytest.raises(PermissionDenied):
        template_save(actor=world.users["head"], agency=world.city, kind="receipt", variant="", title="", body=BODY)
    with pytest.raises(ValidationFailed) as refused:
        template_save(
            actor=world.users["admin"], agency=world.city, kind="receipt", variant="", title="", body="{% if %}"
        )
    assert "body" in refused.value.details
    with pytest.raises(ValidationFailed):
        template_save(actor=world.users["admin"], agency=world.city, kind="receipt", variant="", title="", body=" ")
    assert not LetterTemplate.objects.exists()


def test_an_issued_letter_keeps_its_bytes_after_the_template_changes(world: World) -> None:
    case = _replied(world)
    letter = Letter.objects.get(case=case, kind="reply")
    before = letter_content(letter, "docx")
    template_save(
        actor=world.users["admin"],
        agency=world.city,
        kind="reply",
        variant="withheld_state_secret",
        title="",
        body="全新的答复正文。",
    )
    letter.refresh_from_db()
    assert letter_content(letter, "docx") == before
    assert "全新的答复正文" not in squeeze(docx_text(before))
    later = _replied(world)
    assert "全新的答复正文" in squeeze(docx_text(letter_content(Letter.objects.get(case=later, kind="reply"), "docx")))


def test_the_pages(world: World) -> None:
    admin = Client()
    admin.force_login(world.users["admin"])
    index = admin.get("/staff/letters/templates/", {"agency": "city"}).content.decode()
    assert "/staff/letters/templates/city/receipt/-/" in index
    page = admin.get("/staff/letters/templates/city/reply/withheld_state_secret/")
    assert page.status_code == 200
    admin.post("/staff/letters/templates/city/receipt/-/", {"title": "", "body": BODY})
    assert LetterTemplate.objects.get(agency=world.city, kind="receipt").body == BODY
    bad = admin.post("/staff/letters/templates/city/receipt/-/", {"title": "", "body": "{% endif %}"}).content.decode()
    assert "{% endif %}" in bad or "{%" in bad
    assert admin.get("/staff/letters/templates/city/nonsense/-/").status_code == 404
    head: Any = Client()
    head.force_login(world.users["head"])
    assert head.get("/staff/letters/templates/").status_code == 404
