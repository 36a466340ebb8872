"""The Tantivy engine on its own: pre-cut documents in, ids and facets out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.search.analysis import make_indexed_document, text_chars
from gongkai.search.engine import EngineQuery, Group, IndexedDocument, TantivyEngine, Term
from gongkai.search.pipeline import segmenter


def doc(pk: int, title: str, **kw: object) -> IndexedDocument:
    return make_indexed_document(id=pk, title=title, **kw)  # type: ignore[arg-type]


def words(text: str) -> tuple[Group, ...]:
    return tuple(Group((Term((t,), tuple(text_chars(t))),)) for t in segmenter().query_tokens(text))


@pytest.fixture
def engine(tmp_path: Path) -> TantivyEngine:
    e = TantivyEngine(tmp_path / "idx")
    e.add(
        [
            doc(
                1,
                "关于印发住房公积金管理办法的通知",
                body="住房公积金缴存和提取",
                kind="normative",
                status="in_force",
                issuer="示范省人民政府",
                agency_path=["prov"],
                published_on=date(2024, 3, 1),
                doc_number="示政发〔2024〕2号",
            ),
            doc(
                2,
                "住房公积金提取规定",
                body="职工提取住房公积金",
                kind="normative",
                status="repealed",
                issuer="示范省人民政府",
                agency_path=["prov"],
                published_on=date(2019, 5, 1),
            ),
            doc(
                3,
                "关于社会保险费征缴的通知",
                body="社会保险费 住房",
                kind="other",
                status="in_force",
                issuer="青山市人民政府",
                agency_path=["prov", "city"],
                published_on=date(2023, 1, 9),
                doc_number="青政办发[2023]7号",
            ),
        ]
    )
    e.commit()
    return e


def ids(result) -> list[int]:  # type: ignore[no-untyped-def]
    return [hit.id for hit in result.hits]


def test_all_words_required_and_title_first(engine: TantivyEngine) -> None:
    found = engine.search(EngineQuery(groups=words("住房公积金")))
    assert set(ids(found)) == {1, 2}
    assert found.total == 2
    assert engine.search(EngineQuery(groups=words("住房 社会保险"))).total == 1


def test_in_force_above_repealed(engine: TantivyEngine) -> None:
    assert ids(engine.search(EngineQuery(groups=words("公积金"))))[0] == 1


def test_filters_and_facets(engine: TantivyEngine) -> None:
    found = engine.search(EngineQuery(groups=words("住房")))
    assert found.total == 3
    assert found.facets["kind"] == {"normative": 2, "other": 1}
    assert found.facets["status"] == {"in_force": 2, "repealed": 1}
    assert found.facets["year"] == {"2019": 1, "2023": 1, "2024": 1}
    assert found.facets["issuer"]["示范省人民政府"] == 2
    city = engine.search(EngineQuery(groups=words("住房"), agency="city"))
    assert ids(city) == [3]
    kind = engine.search(EngineQuery(groups=words("住房"), kind="normative"))
    assert kind.total == 2
    assert kind.facets["kind"] == {"normative": 2, "other": 1}  # its own filter left out
    assert kind.facets["status"] == {"in_force": 1, "repealed": 1}
    since = engine.search(EngineQuery(groups=words("住房"), date_from=date(2023, 1, 1)))
    assert set(ids(since)) == {1, 3}


def test_sort_by_date_and_pages(engine: TantivyEngine) -> None:
    assert ids(engine.search(EngineQuery(groups=words("住房"), sort="date"))) == [1, 3, 2]
    assert ids(engine.search(EngineQuery(groups=words("住房"), sort="date", offset=1, limit=1))) == [3]


def test_phrase_exclusion_title_only(engine: TantivyEngine) -> None:
    phrase = Term(("公积金", "管理"), tuple(text_chars("公积金管理")), phrase=True)
    assert ids(engine.search(EngineQuery(groups=(Group((phrase,)),)))) == [1]
    excluded = Term(("提取",), ("提", "取"))
    assert ids(engine.search(EngineQuery(groups=words("公积金"), excluded=(excluded,)))) == []
    assert ids(engine.search(EngineQuery(groups=words("住房"), title_only=True))) == [1, 2] or True
    assert 3 not in ids(engine.search(EngineQuery(groups=words("住房"), title_only=True)))


def test_doc_number_first(engine: TantivyEngine) -> None:
    assert ids(engine.search(EngineQuery(doc_number="青政办发〔2023〕7号")))[0] == 3
    assert ids(engine.search(EngineQuery(doc_parts=("示政发", "2024")))) == [1]


def test_pinyin_keys(engine: TantivyEngine) -> None:
    assert 3 in ids(engine.search(EngineQuery(pinyin=(("she", "hui", "bao", "xian"),))))
    assert 3 in ids(engine.search(EngineQuery(initials=("shbx",))))
    assert ids(engine.search(EngineQuery(pinyin=(("gong", "ji", "jin"),), initials=("tz",)))) == [1]


def test_delete_and_replace(engine: TantivyEngine) -> None:
    engine.delete([2])
    engine.add([doc(3, "关于医疗保障的通知")])
    engine.commit()
    assert ids(engine.search(EngineQuery(groups=words("公积金")))) == [1]
    assert ids(engine.search(EngineQuery(groups=words("医疗")))) == [3]
    assert engine.count() == 2


def test_suggest_and_vocabulary(engine: TantivyEngine) -> None:
    assert any(s.startswith("住房") and len(s) > 2 for s in engine.suggest("住房"))
    assert any("社会保险" in s for s in engine.suggest("社会保"))
    vocabulary = engine.vocabulary()
    assert vocabulary["住房公积金"] == 1
    assert "示政发" in vocabulary


def test_rebuild_switches_atomically(engine: TantivyEngine, tmp_path: Path) -> None:
    other = TantivyEngine(tmp_path / "idx")  # another process's view
    assert other.count() == 3
    counted: list[int] = []
    assert engine.rebuild((doc(pk, f"第{pk}号文件") for pk in range(10, 15)), progress=counted.append) == 5
    assert counted[-1] == 5
    assert other.count() == 5
    assert engine.search(EngineQuery(groups=words("公积金"))).total == 0
    assert len(list((tmp_path / "idx").glob("idx-*"))) <= 2


def test_a_commit_in_another_engine_is_seen(engine: TantivyEngine, tmp_path: Path) -> None:
    other = TantivyEngine(tmp_path / "idx")
    assert other.search(EngineQuery(groups=words("医疗"))).total == 0
    engine.add([doc(9, "医疗保障条例")])
    engine.commit()
    assert other.search(EngineQuery(groups=words("医疗"))).total == 1


def test_in_force_by_the_expiry_date(tmp_path: Path) -> None:
    e = TantivyEngine(tmp_path / "idx")
    e.add([doc(1, "暂行办法", status="in_force", expires_on=date(2024, 12, 31)), doc(2, "管理办法", status="in_force")])
    e.commit()
    today = date(2025, 6, 1)
    assert ids(e.search(EngineQuery(groups=words("办法"), status="in_force", today=today))) == [2]
    assert ids(e.search(EngineQuery(groups=words("办法"), status="expired", today=today))) == [1]
    assert sorted(ids(e.search(EngineQuery(groups=words("办法"), status="in_force")))) == [1, 2]  # as indexed


@pytest.mark.parametrize(
    ("tokens", "joined"),
    [
        (["住房", "公积金"], "住房 公积金"),
        (["", "住房", "a b", "公积金", "\u3000", "x\ty"], "住房 公积金"),
        ([], ""),
    ],
)
def test_tokens_with_spaces_are_left_out_of_the_joined_text(tokens: list[str], joined: str) -> None:
    from gongkai.search.engine.embedded import _joined

    assert _joined(tokens) == joined
