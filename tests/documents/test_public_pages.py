"""The public column: only published, proactive documents; filters; in force by date; links both ways."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.documents import services
from gongkai.documents.models import Document
from gongkai.documents.services import DocumentInput
from tests.conftest import World

pytestmark = pytest.mark.django_db

# Real documents (titles, 文号, dates as published by the Shandong provincial government).
OLD = DocumentInput(
    title="山东省人民政府办公厅关于印发山东省政府信息公开工作考核办法的通知",
    kind="normative",
    doc_number="鲁政办字〔2020〕25号",
    issuer="山东省人民政府办公厅",
    written_on=date(2020, 3, 2),
    published_on=date(2020, 3, 5),
    topic="政务公开",
)
NEW = DocumentInput(
    title="山东省人民政府关于废止和修改部分省政府规范性文件的决定",
    kind="normative",
    doc_number="鲁政字〔2024〕28号",
    issuer="山东省人民政府",
    written_on=date(2024, 2, 1),
    published_on=date(2024, 2, 5),
)


def published(world: World, data: DocumentInput, agency: Any = None) -> Document:
    return services.document_create(actor=None, agency=agency or world.city, data=data, state="published")


def test_the_column_lists_what_is_published_and_proactive(world: World, client: Client) -> None:
    shown = published(world, OLD)
    services.document_create(actor=None, agency=world.city, data=replace(OLD, title="草稿中的文件"))
    published(world, replace(OLD, title="依申请公开的文件", disclosure="on_request"))
    below = published(world, replace(OLD, title="县政府的文件"), agency=world.county)
    page = client.get(f"/gk/{world.city.code}/").content.decode()
    assert shown.title in page
    assert below.title in page  # the subtree
    assert "草稿中的文件" not in page
    assert "依申请公开的文件" not in page
    assert "政府信息公开指南" in page
    listing = client.get(f"/gk/{world.city.code}/documents/").content.decode()
    assert shown.title in listing
    assert "草稿中的文件" not in listing
    assert client.get(f"/gk/{world.county.code}/documents/").content.decode().count("县政府的文件") == 1


def test_filters_and_a_document_number_in_any_variant(world: World, client: Client) -> None:
    old = published(world, OLD)
    published(world, replace(NEW, kind="other"))
    base = f"/gk/{world.city.code}/documents/"
    assert old.title in client.get(base, {"q": "鲁政办字[2020]25号"}).content.decode()
    assert NEW.title not in client.get(base, {"q": "鲁政办字(2020)25号"}).content.decode()
    assert NEW.title not in client.get(base, {"kind": "normative"}).content.decode()
    assert old.title in client.get(base, {"year": "2020"}).content.decode()
    assert old.title not in client.get(base, {"year": "2024"}).content.decode()
    assert old.title in client.get(base, {"topic": "政务公开"}).content.decode()
    assert client.get(base, {"year": "abc", "status": "nonsense", "kind": "x" * 500}).status_code == 200


def test_a_repealed_document_links_to_the_repealing_one_and_back(world: World, client: Client) -> None:
    old = published(world, OLD)
    new = published(world, NEW)
    services.document_relate(actor=None, source=new, target=old, kind="repeals", on=date(2024, 2, 5))
    old_page = client.get(f"/gk/document/{old.pk}/").content.decode()
    assert "已废止" in old_page
    assert f"/gk/document/{new.pk}/" in old_page
    assert "鲁政字〔2024〕28号" in old_page
    new_page = client.get(f"/gk/document/{new.pk}/").content.decode()
    assert f"/gk/document/{old.pk}/" in new_page
    assert "<svg" in new_page  # the page's QR code
    in_force = client.get(f"/gk/{world.city.code}/normative/").content.decode()
    assert new.title in in_force
    assert old.title not in in_force


def test_an_expired_document_leaves_the_in_force_list_by_the_date_alone(world: World, client: Client) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    doc = published(world, replace(OLD, effective_on=date(2020, 3, 5), expires_on=yesterday))
    assert doc.title not in client.get(f"/gk/{world.city.code}/normative/").content.decode()
    assert "已失效" in client.get(f"/gk/document/{doc.pk}/").content.decode()


def test_unpublished_or_unknown_is_404(world: World, client: Client) -> None:
    draft = services.document_create(actor=None, agency=world.city, data=OLD)
    assert client.get(f"/gk/document/{draft.pk}/").status_code == 404
    assert client.get("/gk/document/999999/").status_code == 404
    assert client.get("/gk/no-such-agency/").status_code == 404


def test_the_body_is_shown_sanitised(world: World, client: Client) -> None:
    doc = published(world, replace(OLD, body="<p>各市人民政府：</p><script>alert(1)</script>"))
    page = client.get(f"/gk/document/{doc.pk}/").content.decode()
    assert "<p>各市人民政府：</p>" in page
    assert "alert(1)" not in page


def test_public_by_pk_keeps_only_public_documents(world: World) -> None:
    from gongkai.documents.selectors import public_by_pk, public_documents

    shown = published(world, DocumentInput(title="公开的文件", kind="other"))
    draft = services.document_create(actor=None, agency=world.city, data=DocumentInput(title="草稿", kind="other"))
    withheld = published(world, DocumentInput(title="依申请公开的文件", kind="other", disclosure="on_request"))
    found = public_by_pk([shown.pk, draft.pk, withheld.pk, 999_999])
    assert list(found) == [shown.pk]
    assert set(found) == set(
        public_documents().filter(pk__in=[shown.pk, draft.pk, withheld.pk]).values_list("pk", flat=True)
    )
