"""文号 parsing and normalisation (GB/T 9704-2012 7.2.4) on real document numbers and junk."""

from __future__ import annotations

import pytest

from gongkai.text.docnumber import DocNumber, normalise_doc_number, parse_doc_number


@pytest.mark.parametrize(
    ("written", "prefix", "year", "serial"),
    [
        ("国办发〔2019〕23号", "国办发", 2019, 23),
        ("鲁政办发〔2024〕2号", "鲁政办发", 2024, 2),
        ("国办函〔2020〕109号", "国办函", 2020, 109),
        ("鲁政字[2023]15号", "鲁政字", 2023, 15),
        ("国办秘函〔2019〕19号", "国办秘函", 2019, 19),
        ("国办公开办函〔2021〕30号", "国办公开办函", 2021, 30),
        ("国发(2019)1号", "国发", 2019, 1),  # half-width parentheses
        ("国发（2019）1号", "国发", 2019, 1),  # full-width parentheses
        ("鲁政发［2022］8号", "鲁政发", 2022, 8),  # full-width square brackets
        ("鲁政办字【2021】57号", "鲁政办字", 2021, 57),  # lenticular brackets
        ("鲁政办发 〔 2024 〕 2 号", "鲁政办发", 2024, 2),  # spaces everywhere
        ("鲁政办发〔２０２４〕２号", "鲁政办发", 2024, 2),  # full-width digits
        ("济政发〔2020〕第3号", "济政发", 2020, 3),  # 第…号
        ("青政办发〔2023〕007号", "青政办发", 2023, 7),  # leading zeros
        ("国务院令第", None, None, None),
    ],
)
def test_parse_real_numbers(written: str, prefix: str | None, year: int | None, serial: int | None) -> None:
    parsed = parse_doc_number(written)
    if prefix is None:
        assert parsed is None
    else:
        assert parsed == DocNumber(prefix=prefix, year=year or 0, serial=serial or 0)


@pytest.mark.parametrize(
    "written",
    ["鲁政字[2023]15号", "鲁政字〔2023〕15号", "鲁政字(2023)15号", "鲁政字【2023】第15号", "鲁政字 ［2023］ 15 号"],
)
def test_variants_normalise_to_one_form(written: str) -> None:
    assert normalise_doc_number(written) == "鲁政字〔2023〕15号"


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "无",
        "关于印发通知",
        "〔2019〕23号",  # no issuer prefix
        "国办发2019年23号",  # no brackets
        "国办发〔19〕23号",  # two-digit year
        "国办发〔2019〕号",  # no serial
        "国办发〔2019〕23",  # no 号
        "国办发〔1800〕23号",  # impossible year
        "国办发〔2019〕0号",  # serial 0
        "国办发〔2019〕23号关于",  # trailing text
    ],
)
def test_junk_does_not_parse(junk: str) -> None:
    assert parse_doc_number(junk) is None


def test_unparsed_text_normalises_to_itself_without_spaces() -> None:
    assert normalise_doc_number(" 国务院令 第 722 号 ") == "国务院令第722号"
    assert normalise_doc_number(None) == ""
