"""The search folding shared by index and query: table cases, idempotence, the position map."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.text.docnumber import normalise_doc_number
from gongkai.text.fold_search import VARIANTS, fold, fold_map
from gongkai.text.simplify import to_simplified


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("", ""),
        ("   ", ""),
        ("政府信息公开", "政府信息公开"),
        # full-width letters, digits, punctuation and spaces
        ("２０２４年　政务公开", "2024年 政务公开"),
        ("ＡＰＰ（手机版）", "app(手机版)"),
        ("PDF Word OFD", "pdf word ofd"),
        # traditional → simplified, phrase-aware (乾隆 stays, 乾燥 does not)
        ("中華人民共和國政府資訊公開條例", "中华人民共和国政府资讯公开条例"),
        ("養老保險 社會保障卡", "养老保险 社会保障卡"),
        ("乾隆 乾燥", "乾隆 干燥"),
        # variant characters t2s keeps
        ("峯會 羣眾", "峰会 群众"),
        ("中华人民共和囯", "中华人民共和国"),
        ("二○二四年", "二〇二四年"),
        ("\uf901", "更"),  # CJK compatibility ideograph
        # invisible characters and whitespace
        ("公\u200b积\ufeff金", "公积金"),
        (" 社保\t\n 卡 ", "社保 卡"),
        # 文号 brackets, spaces, 第 and leading zeros
        ("鲁政办字［2024］52号", "鲁政办字〔2024〕52号"),
        ("鲁政办字[2024]52号", "鲁政办字〔2024〕52号"),
        ("鲁政办字【2024】52号", "鲁政办字〔2024〕52号"),
        ("鲁政办字（2024）52号", "鲁政办字〔2024〕52号"),
        ("鲁政办字 ( 2024 ) 第 052 号", "鲁政办字〔2024〕52号"),
        ("國辦發〔2019〕23號", "国办发〔2019〕23号"),
        ("见〔2024〕5号文", "见〔2024〕5号文"),
        ("鲁政发 [2024]5号", "鲁政发〔2024〕5号"),
        ("鲁政发\n\t〔2024〕5号", "鲁政发〔2024〕5号"),
        ("No. [2024]5号", "no. 〔2024〕5号"),  # no 机关代字 before: the space stays
        ("(2024年)", "(2024年)"),  # not a 文号
    ],
)
def test_fold_table(written: str, folded: str) -> None:
    assert fold(written) == folded
    assert fold_map(written).text == folded


@pytest.mark.parametrize(
    "written",
    ["鲁政字[2023]15号", "鲁政字〔2023〕15号", "鲁政字(2023)15号", "鲁政字【2023】第15号", "鲁政字［2023］015号"],
)
def test_doc_numbers_fold_to_the_normal_form(written: str) -> None:
    assert fold(written) == normalise_doc_number(written)


def test_variant_targets_are_stable() -> None:
    for before, after in VARIANTS.items():
        assert after not in VARIANTS, before
        assert to_simplified(after).text == after, before
        assert fold(before) == after


def test_position_map_points_at_the_original() -> None:
    original = "國辦發 ［２０１９］ 第023號　關於ＡＢＣ"
    folded = fold_map(original)
    assert folded.text == "国办发〔2019〕23号 关于abc"
    start = folded.text.index("2019")
    assert original[slice(*folded.span(start, start + 4))] == "２０１９"
    start = folded.text.index("23号")
    assert original[slice(*folded.span(start, start + 3))] == "23號"  # the leading zero is dropped
    start = folded.text.index("关于")
    assert original[slice(*folded.span(start, start + 2))] == "關於"


ALPHABET = (
    "政府信息公开條例國辦發號會乾隆燥峯囯○社保公积金養老保險"
    "０１２３４５６７８９0123456789ＡＢａｂABab"
    "〔〕[]（）()【】［］第号 　\t\n\u200b\ufeff,，。、-"
)


@settings(max_examples=400)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_fold_is_idempotent_and_maps_back(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    folded = fold_map(text)
    assert folded.text == once
    origins = [folded.start(index) for index in range(len(folded.text))]
    assert origins == sorted(set(origins))  # one original character each, in order
    assert all(0 <= index < len(text) for index in origins)
