"""Shared set-up of the review tests: an editor and three reviewers of the city, a document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.documents import services as doc_services
from gongkai.documents.models import Document
from gongkai.documents.services import DocumentInput
from gongkai.publishing.checking import invalidate
from tests.conftest import World
from tests.factories import UserFactory, grant


@pytest.fixture(autouse=True)
def fresh_dictionary() -> Iterator[None]:
    """Each test builds the checker from its own database (rolled back after each test)."""
    invalidate()
    yield
    invalidate()


@dataclass
class Desk:
    world: World
    editor: Any
    reviewers: list[Any]

    def draft(self, body: str = "<p>本机关依法公开政府信息。</p>", **kw: Any) -> Document:
        data = DocumentInput(title=kw.pop("title", "青山市人民政府关于做好政务公开工作的通知"), body=body, **kw)
        return doc_services.document_create(actor=self.editor, agency=self.world.city, data=data)


@pytest.fixture
def desk(world: World) -> Desk:
    editor = UserFactory(username="city_editor")
    grant(editor, world.city, Role.EDITOR)
    reviewers = []
    for number in range(1, 4):
        reviewer = UserFactory(username=f"city_reviewer{number}")
        grant(reviewer, world.city, Role.REVIEWER)
        reviewers.append(reviewer)
    return Desk(world, editor, reviewers)
