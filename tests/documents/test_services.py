"""The library's services: create, change, 索引号, 文号 parts, relations and status, versions,
expiry by date, interpretations and the 三同步 rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents import selectors, services
from gongkai.documents.models import Document, DocumentKind, LibrarySettings
from gongkai.documents.services import DocumentInput
from tests.conftest import World
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

# Real documents of the Shandong provincial government (titles, 文号, dates as published).
PLAN = DocumentInput(
    title="山东省人民政府办公厅关于印发2024年山东省政务公开工作要点的通知",
    kind="normative",
    doc_number="鲁政办字［2024］52号",
    issuer="山东省人民政府办公厅",
    written_on=date(2024, 4, 19),
    published_on=date(2024, 4, 28),
)


@pytest.fixture
def editor(world: World) -> Any:
    user = UserFactory(username="city_editor")
    grant(user, world.city, Role.EDITOR)
    return user


def make(world: World, editor: Any, data: DocumentInput = PLAN, **kw: Any) -> Document:
    return services.document_create(actor=editor, agency=world.city, data=data, **kw)


def test_a_draft_gets_its_number_parts_and_an_index_number(world: World, editor: Any) -> None:
    doc = make(world, editor)
    assert doc.state == "draft"
    assert doc.doc_number == "鲁政办字［2024］52号"  # as written
    assert doc.doc_number_norm == "鲁政办字〔2024〕52号"
    assert (doc.doc_prefix, doc.doc_year, doc.doc_serial) == ("鲁政办字", 2024, 52)
    assert doc.index_number == "city/2024-00001"
    second = make(world, editor)
    assert second.index_number == "city/2024-00002"
    assert AuditEvent.objects.filter(action="document.created").count() == 2


def test_the_agency_sets_its_index_number_pattern(world: World, editor: Any) -> None:
    LibrarySettings.objects.create(
        agency=world.city, index_prefix="11370000004609397Q", index_pattern="{prefix}/{year}-{seq:06d}"
    )
    assert make(world, editor).index_number == "11370000004609397Q/2024-000001"


def test_a_given_index_number_is_kept_and_unique(world: World, editor: Any) -> None:
    from dataclasses import replace

    make(world, editor, replace(PLAN, index_number="X/2024-1"))
    with pytest.raises(Conflict):
        make(world, editor, replace(PLAN, index_number="X/2024-1"))


def test_the_number_is_found_in_any_bracket_variant(world: World, editor: Any) -> None:
    doc = make(world, editor)
    for text in (
        "鲁政办字〔2024〕52号",
        "鲁政办字[2024]52号",
        "鲁政办字（2024）52号",
        "鲁政办字(2024)第52号",
        "鲁政办字 〔2024〕 52 号",
    ):
        assert list(selectors.by_doc_number(Document.objects.all(), text)) == [doc], text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"kind": "no-such-kind"}, "kind"),
        ({"status": "alive"}, "status"),
        ({"disclosure": "withheld"}, "withheld_reason"),
        ({"art20_item": 16}, "art20_item"),
        ({"written_on": date(2024, 5, 1), "published_on": date(2024, 4, 1)}, "published_on"),
        ({"effective_on": date(2024, 5, 1), "expires_on": date(2024, 4, 1)}, "expires_on"),
    ],
)
def test_bad_fields_are_refused_with_nothing_saved(
    world: World, editor: Any, changes: dict[str, Any], field: str
) -> None:
    from dataclasses import replace

    with pytest.raises(ValidationFailed) as refused:
        make(world, editor, replace(PLAN, **changes))
    assert field in refused.value.details
    assert not Document.objects.exists()


def test_only_editors_and_the_head_write(world: World, editor: Any) -> None:
    with pytest.raises(PermissionDenied):
        make(world, world.users["handler"])
    assert make(world, world.users["head"]).pk


def test_the_body_is_sanitised(world: World, editor: Any) -> None:
    from dataclasses import replace

    doc = make(world, editor, replace(PLAN, body='<p onclick="x">各市人民政府<script>alert(1)</script></p>'))
    assert doc.body == "<p>各市人民政府</p>"


def test_a_published_document_is_changed_only_by_a_new_version(world: World, editor: Any) -> None:
    doc = make(world, editor, state="published")
    with pytest.raises(InvalidTransition):
        services.document_update(actor=editor, document=doc, data=PLAN)
    revised = services.document_revise(actor=editor, document=doc)
    assert revised.state == "draft"
    assert revised.previous_version == doc
    assert revised.index_number != doc.index_number
    with pytest.raises(InvalidTransition):
        services.document_revise(actor=editor, document=doc)


def test_repealing_a_published_document_changes_its_status_at_once(world: World, editor: Any) -> None:
    from dataclasses import replace

    old = make(world, editor, state="published")
    new = make(
        world,
        editor,
        replace(PLAN, title="关于废止部分规范性文件的决定", doc_number="鲁政字〔2025〕1号"),
        state="published",
    )
    services.document_relate(actor=editor, source=new, target=old, kind="repeals", on=date(2025, 1, 1))
    old.refresh_from_db()
    assert old.status == "repealed"
    assert list(old.acted_on_by.values_list("source_id", flat=True)) == [new.pk]
    assert list(new.acts_on.values_list("target_id", flat=True)) == [old.pk]
    with pytest.raises(InvalidTransition):
        services.document_relate(actor=editor, source=new, target=old, kind="repeals")


def test_a_draft_amends_only_once_published(world: World, editor: Any) -> None:
    from dataclasses import replace

    old = make(world, editor, state="published")
    draft = make(world, editor, replace(PLAN, title="关于修改……的决定"))
    services.document_relate(actor=editor, source=draft, target=old, kind="amends")
    old.refresh_from_db()
    assert old.status == "in_force"
    assert services.apply_relations(actor=editor, source=draft) == 1
    old.refresh_from_db()
    assert old.status == "amended"


def test_a_document_cannot_act_on_itself(world: World, editor: Any) -> None:
    doc = make(world, editor)
    with pytest.raises(ValidationFailed):
        services.document_relate(actor=editor, source=doc, target=doc, kind="repeals")


def test_past_its_expiry_date_a_document_is_expired_by_the_date_alone(world: World, editor: Any) -> None:
    from dataclasses import replace

    doc = make(
        world, editor, replace(PLAN, effective_on=date(2024, 5, 1), expires_on=date(2026, 4, 30)), state="published"
    )
    assert doc.effective_status(date(2026, 4, 30)) == "in_force"
    assert doc.effective_status(date(2026, 5, 1)) == "expired"
    docs = Document.objects.all()
    assert list(selectors.in_force(docs, date(2026, 4, 30))) == [doc]
    assert list(selectors.in_force(docs, date(2026, 5, 1))) == []
    assert list(selectors.with_status(docs, "expired", date(2026, 5, 1))) == [doc]


def test_an_agency_kind_counts_as_one_of_the_three(world: World, editor: Any) -> None:
    from dataclasses import replace

    DocumentKind.objects.create(code="bulletin", name="政务简报", base="other", agency=world.city)
    doc = make(world, editor, replace(PLAN, kind="bulletin"))
    assert doc.kind.base == "other"
    county_editor = UserFactory(username="county_editor")
    grant(county_editor, world.county, Role.EDITOR)
    below = services.document_create(actor=county_editor, agency=world.county, data=replace(PLAN, kind="bulletin"))
    assert below.kind.agency == world.city  # inherited down the tree
    with pytest.raises(ValidationFailed):
        services.document_create(actor=None, agency=world.other_city, data=replace(PLAN, kind="bulletin"))


def test_synchronous_interpretation_blocks_until_added_or_exempted(world: World, editor: Any) -> None:
    from dataclasses import replace

    doc = make(world, editor, replace(PLAN, is_policy=True))
    assert selectors.publication_blockers(doc)
    services.interpretation_add(
        actor=editor, document=doc, title="《2024年山东省政务公开工作要点》解读", body="一、起草背景……"
    )
    assert selectors.publication_blockers(doc) == []
    other = make(world, editor, replace(PLAN, is_policy=True))
    with pytest.raises(PermissionDenied):
        services.document_exempt_interpretation(actor=editor, document=other, reason="仅调整机构名称")
    with pytest.raises(ValidationFailed):
        services.document_exempt_interpretation(actor=world.users["head"], document=other, reason=" ")
    services.document_exempt_interpretation(actor=world.users["head"], document=other, reason="仅调整机构名称")
    other.refresh_from_db()
    assert selectors.publication_blockers(other) == []
    assert AuditEvent.objects.filter(action="document.interpretation_exempted").count() == 1


def test_an_interpretation_needs_a_text_or_a_link(world: World, editor: Any) -> None:
    doc = make(world, editor)
    with pytest.raises(ValidationFailed):
        services.interpretation_add(actor=editor, document=doc, title="解读")
    video = services.interpretation_add(
        actor=editor, document=doc, title="视频解读", kind="video", url="https://www.shandong.gov.cn/video/1.html"
    )
    assert video.kind == "video"


def test_public_documents_are_published_and_proactive_only(world: World, editor: Any) -> None:
    from dataclasses import replace

    make(world, editor)
    shown = make(world, editor, state="published")
    make(world, editor, replace(PLAN, disclosure="on_request"), state="published")
    assert list(selectors.public_documents()) == [shown]
