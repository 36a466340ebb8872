import pytest

from gongkai.text.checks import check_text, find_impossible_dates, find_malformed_doc_numbers
from gongkai.text.checks.formats import chinese_number


@pytest.mark.parametrize(
    ("text", "found", "suggestion"),
    [
        ("依据鲁政办发[2024]2号", "鲁政办发[2024]2号", "鲁政办发〔2024〕2号"),
        ("根据国办公开办函【2019】60号", "国办公开办函【2019】60号", "国办公开办函〔2019〕60号"),
        ("鲁政字（2023）15号", "鲁政字（2023）15号", "鲁政字〔2023〕15号"),
        ("国办发〔2019〕第23号", "国办发〔2019〕第23号", "国办发〔2019〕23号"),
        ("国办发〔2019〕023号", "国办发〔2019〕023号", "国办发〔2019〕23号"),
        ("鲁政发〔24〕2号", "鲁政发〔24〕2号", ""),
        ("印发2号和国办发〔2019〕 23号", "国办发〔2019〕 23号", "国办发〔2019〕23号"),
    ],
)
def test_malformed_document_numbers(text, found, suggestion):
    [finding] = find_malformed_doc_numbers(text)
    assert (finding.found, finding.suggestion) == (found, suggestion)
    assert text[finding.start : finding.end] == found
    assert "GB/T 9704-2012" in finding.note


@pytest.mark.parametrize("text", ["国办发〔2019〕23号", "鲁政办发〔2024〕2号", "第（2023）15号不是文号"])
def test_standard_numbers_are_not_reported(text):
    assert find_malformed_doc_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("2024年2月29日", False),
        ("2023年2月29日", True),
        ("2024年13月1日", True),
        ("2024年4月31日", True),
        ("二〇二四年二月三十日", True),
        ("二〇二四年十二月三十一日", False),
        ("2019年 5 月 15 日", False),
    ],
)
def test_impossible_dates(text, bad):
    assert bool(find_impossible_dates(text)) is bad


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("二〇二四", "十", "十二", "三十一", "二十", "7", "百")] == [
        2024,
        10,
        12,
        31,
        20,
        7,
        None,
    ]


def test_check_text_runs_every_check_in_text_order():
    text = "截止目前，鲁政办发[2024]2号规定，电话13812345678，2023年2月30日"
    assert [finding.check.value for finding in check_text(text)] == ["wording", "format", "privacy", "format"]
