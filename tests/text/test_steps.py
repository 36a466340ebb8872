"""The single repair steps of gongkai.text, each on the damage seen in published reports."""

from __future__ import annotations

import pytest

from gongkai.text import (
    RepairKind,
    find_mojibake,
    is_reading_of,
    normalise_width,
    remove_pinyin_annotations,
    repair_punctuation,
    strip_markup,
    to_simplified,
)


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("關于印發(fā)", "關于印發"),
        ("統(tǒng)計", "統計"),
        ("機(jī)關(guān)", "機關"),
        ("轉(zhuǎn)發(fā)", "轉發"),  # a character with several readings
        ("數(shù)據(jù)", "數據"),
        ("發(fa)布", "發布"),  # plain reading, no tone mark
        ("發（fā）布", "發布"),  # full-width brackets
        ("发( fā )布", "发布"),  # simplified character, spaces inside
        ("綠(lǜ)色 綠(lv)色 綠(lü)色", "綠色 綠色 綠色"),
        ("FA發(FĀ)", "FA發"),  # upper case
    ],
)
def test_pinyin_annotations_are_removed(found: str, expected: str) -> None:
    result = remove_pinyin_annotations(found)
    assert result.text == expected
    assert all(change.kind is RepairKind.PINYIN for change in result.changes)
    assert len(result.changes) == found.count("(") + found.count("（")


@pytest.mark.parametrize(
    "text",
    [
        "(一)持續拓展主動公開廣度",
        "第二十條第(一)項",
        "《中華人民共和國政府信息公開條例》(國務院令第711號,以下簡稱《條例》)",
        "本年收費金額(單位:萬元)",
        "通過手機(app)申請,附件(xls)",
        "部分公開(區分處理的,只計這一情形,不計其他情形)",
        "發(guān)",  # a reading, but not of 發
        "計(a)",  # a single letter that is not a reading of 計
        "2023年(含上年結轉6件)",
        "(fā)開頭沒有漢字",
        "村(居)小微權力清單",
    ],
)
def test_real_parentheses_stay(text: str) -> None:
    result = remove_pinyin_annotations(text)
    assert result.text == text
    assert result.changes == ()


def test_is_reading_of_accepts_toned_and_plain_spellings() -> None:
    assert is_reading_of("發", "fā")
    assert is_reading_of("發", "fa")
    assert is_reading_of("規", "guī")
    assert is_reading_of("綠", "lǜ")
    assert is_reading_of("綠", "lv")
    assert not is_reading_of("發", "fá1")
    assert not is_reading_of("發", "guān")
    assert not is_reading_of("一", "app")


def test_width_makes_digits_letters_and_spaces_ascii() -> None:
    result = normalise_width("２０２３年ＡＢｃ　共１２件，（一）。")
    assert result.text == "2023年ABc 共12件，（一）。"  # full-width punctuation is left alone
    assert [(c.before, c.after) for c in result.changes] == [("２０２３", "2023"), ("ＡＢｃ　", "ABc "), ("１２", "12")]


def test_width_removes_invisible_characters() -> None:
    result = normalise_width("\ufeff一、\u200b总体\xa0情况")
    assert result.text == "一、总体 情况"
    assert len(result.changes) == 3


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("嚴格落實</span>制度", "嚴格落實制度"),
        ('<span style="font-size:16px">发布</span>', "发布"),
        ("第一行<br/>第二行<BR>", "第一行第二行"),
        ("<p class='x'>正文</p><o:p></o:p>", "正文"),
        ("说明<!-- 注释 -->结束", "说明结束"),
        ("A&amp;B&nbsp;C&#65292;D&#x4e00;", "A&B C，D一"),
        ("三審三?!?/span>制度", "三審三?!?制度"),  # a closing tag whose "<" was garbled
    ],
)
def test_markup_is_removed(found: str, expected: str) -> None:
    result = strip_markup(found)
    assert result.text == expected
    assert result.changes
    assert all(change.kind is RepairKind.MARKUP for change in result.changes)


@pytest.mark.parametrize(
    "text",
    [
        "關于印發<中華人民共和國政府信息公開工作年度報告格式>的通知",  # angle brackets as title marks
        "如果 a < b 且 b > c",
        "研发&设计 &foo; R&D",
        "和/或>",
    ],
)
def test_text_that_only_looks_like_markup_stays(text: str) -> None:
    assert strip_markup(text).text == text


def test_traditional_becomes_simplified_in_runs() -> None:
    result = to_simplified("本報告根據《條例》編制")
    assert result.text == "本报告根据《条例》编制"
    assert [(c.before, c.after) for c in result.changes] == [
        ("報", "报"),
        ("據", "据"),
        ("條", "条"),
        ("編", "编"),
    ]


def test_simplification_does_not_rewrite_mainland_vocabulary() -> None:
    for text in ("文件", "查询", "信息", "软件", "打印机"):
        result = to_simplified(text)
        assert result.text == text
        assert result.changes == ()


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("要求,,結合", "要求,結合"),
        ("要求，，结合", "要求，结合"),
        ("一,、總體情況", "一、總體情況"),
        ("編制發布本報告,。本年度", "編制發布本報告。本年度"),
        ("二十屆二中,、三中全會", "二十屆二中、三中全會"),
        ("職責,;二是", "職責;二是"),
        ("要求。,编制", "要求。编制"),
        ("、、", "、"),
        ("。。", "。"),
    ],
)
def test_doubled_and_stray_punctuation_is_repaired(found: str, expected: str) -> None:
    result = repair_punctuation(found)
    assert result.text == expected
    assert result.changes


@pytest.mark.parametrize(
    "text",
    ["等等……", "政务公开——新路径", "1,000件", "1.属于国家秘密", "http://www.example.cn/", "是否公开?!", "(一)予以公开"],
)
def test_ordinary_punctuation_stays(text: str) -> None:
    assert repair_punctuation(text).text == text


def test_mojibake_is_found_but_not_changed() -> None:
    text = "政府信息在線申請?zhí)顚懱崾尽罚⑻峁 嚴格落實“三審三?!制度 壞字\ufffd\ufffd了"
    result = find_mojibake(text)
    assert result.text == text
    assert len(result.changes) == 3
    assert all(change.kind is RepairKind.MOJIBAKE for change in result.changes)
    assert "申請?zh" in result.changes[0].before


def test_a_question_mark_ending_a_question_is_not_mojibake() -> None:
    assert find_mojibake("是否公开?我们认为应当公开。Why? 因为?").changes == ()
