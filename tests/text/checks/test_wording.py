import pytest

from gongkai.text.checks import Entry, Severity, WordingChecker, fold, starter_checker, starter_entries
from gongkai.text.checks.wording import read_entries


def found(text):
    return [(finding.found, finding.suggestion) for finding in starter_checker().check(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "深入学习贯彻习近平新时代中国特色社会主意思想",
            [("习近平新时代中国特色社会主意思想", "习近平新时代中国特色社会主义思想")],
        ),
        ("根据《中华人民共和国政府信息公开条列》第三十六条", [("政府信息公开条列", "政府信息公开条例")]),
        ("决定不与公开", [("不与公开", "不予公开")]),
        ("截止目前，共收到申请", [("截止目前", "截至目前")]),
        ("截止2024年12月31日", [("截止20", "截至20")]),
        ("原由国土资源部负责", [("国土资源部", "自然资源部")]),
        ("向台湾政府提出", [("台湾政府", "台湾当局")]),
        ("依据《中华人民共和国合同法》", [("《中华人民共和国合同法》", "《中华人民共和国民法典》")]),
    ],
)
def test_the_starter_dictionary_finds_known_errors(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "深入学习贯彻习近平新时代中国特色社会主义思想",
        "根据《中华人民共和国政府信息公开条例》第三十六条，决定不予公开。",
        "截至2024年12月31日，申请截止日期为12月31日。",
        "会同卫生部门、农业部门和文化部门",  # 卫生部, 农业部, 文化部 inside 部门
        "住房和城乡建设部、农业农村部、文化和旅游部",  # the current names contain no old one
        "原国土资源部、原环境保护部的职责",  # former names, said to be former
        "中共中央党校（国家行政学院）",
    ],
)
def test_correct_text_has_no_finding(text):
    assert found(text) == []


def test_traditional_and_full_width_spellings_are_found_at_their_place():
    text = "全文：習近平新時代中國特色社會主意思想。"
    [finding] = starter_checker().check(text)
    assert text[finding.start : finding.end] == "習近平新時代中國特色社會主意思想"
    assert finding.found == text[finding.start : finding.end]
    assert finding.severity is Severity.ERROR


def test_a_longer_term_wins_over_the_term_inside_it():
    [finding] = starter_checker().check("国家卫生和计划生育委员会")
    assert finding.found == "国家卫生和计划生育委员会"


def test_the_starter_dictionary_is_sound():
    entries = starter_entries()
    assert len(entries) >= 300
    folded_terms = [fold(entry.term).text for entry in entries]
    assert len(set(folded_terms)) == len(folded_terms), "a term is listed twice"
    checker = starter_checker()
    for entry in entries:
        assert entry.term != entry.suggestion
        # the suggested form must not itself be flagged, or accepting it would loop
        assert checker.check(entry.suggestion) == [], entry
        assert any(finding.found == entry.term for finding in checker.check(entry.term)), entry
    assert {entry.category for entry in entries} == {"political", "legal", "typo", "agency", "law", "wording"}


def test_an_administrators_entry_overrides_the_starter_one_and_the_whitelist_applies():
    checker = WordingChecker(
        [*starter_entries(), Entry("typo", Severity.ERROR, "截止目前", "截至目前")], ["截止目前为止"]
    )
    assert [(f.found, f.severity) for f in checker.check("截止目前")] == [("截止目前", Severity.ERROR)]
    assert checker.check("截止目前为止") == []


def test_read_entries_refuses_a_short_row():
    with pytest.raises(ValueError, match="row 1"):
        read_entries(["typo\terror\t只有三列"])
    with pytest.raises(ValueError, match="fatal"):
        read_entries(["typo\tfatal\t错词\t正词"])  # unknown severity


def test_an_empty_dictionary_finds_nothing():
    assert WordingChecker([]).check("不与公开") == []
