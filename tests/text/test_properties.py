"""Properties of the whole repair: it never changes digits, official labels or real parentheses."""

from __future__ import annotations

import opencc
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pypinyin import Style, pinyin

from gongkai.law.applicants import APPLICANT_LABELS, ORGANISATION_HEADING
from gongkai.law.outcomes import GROUP_LABELS, T3_ROW_LABELS
from gongkai.text import is_reading_of, remove_pinyin_annotations, repair_text

# Labels of annual-report.md besides the table 三 rows: section titles, table 二 and 四 wording.
SPEC_LABELS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "三、本年度办理结果",
    "四、结转下年度继续办理",
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
    "第二十条第(一)项",
    "第二十条第(五)项",
    "第二十条第(六)项",
    "第二十条第(八)项",
    "第二十条第(九)项",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额(单位:万元)",
    "规章",
    "行政规范性文件",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "处理决定数量",
    "其他对外管理服务事项",
    "政府集中采购",
    "采购项目数量",
    "采购总金额",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "申请人情况",
)
OFFICIAL_LABELS = tuple(
    dict.fromkeys(
        (
            *T3_ROW_LABELS.values(),
            *GROUP_LABELS.values(),
            *APPLICANT_LABELS.values(),
            ORGANISATION_HEADING,
            *SPEC_LABELS,
        )
    )
)

_S2T = opencc.OpenCC("s2t.json")

FULL_WIDTH_DIGITS = "０１２３４５６７８９"
HAN = "发發统統计計机機关關国國务務院令第号號报報告单單位万萬元年件一二三四五六七八九十总總体體情况況公开開"
ALPHABET = "0123456789" + FULL_WIDTH_DIGITS + HAN + "abcfgijnotuxzāáǎàīǐ" + ",，、。；;：:()（）|?!“”《》<>/.-%　 \n"


def _digits(text: str) -> list[str]:
    return [str(int(ch)) for ch in text if ch.isdigit()]


@settings(max_examples=400)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_repair_never_changes_digits(text: str) -> None:
    assert _digits(repair_text(text).text) == _digits(text)


@pytest.mark.parametrize("label", OFFICIAL_LABELS)
def test_official_labels_are_left_as_they_are(label: str) -> None:
    result = repair_text(label)
    assert result.text == label
    assert result.changes == ()


@pytest.mark.parametrize("label", OFFICIAL_LABELS)
def test_official_labels_come_back_from_traditional_with_pinyin(label: str) -> None:
    """The labels as damaged in seeds 001/003: traditional, every character annotated with its reading."""
    traditional = _S2T.convert(label)
    parts = []
    for char in traditional:
        reading = pinyin(char, style=Style.TONE)[0][0]
        parts.append(f"{char}({reading})" if is_reading_of(char, reading) else char)
    damaged = "".join(parts)
    assert damaged.count("(") > label.count("(")
    assert repair_text(damaged).text == label


@settings(max_examples=200)
@given(
    st.sampled_from(OFFICIAL_LABELS),
    st.text(alphabet=HAN + "0123456789 ", max_size=12),
    st.text(alphabet=HAN + "0123456789 ", max_size=12),
)
def test_official_labels_survive_in_any_context(label: str, before: str, after: str) -> None:
    assert label in repair_text(before + label + after).text


@settings(max_examples=300)
@given(
    st.sampled_from(HAN),
    st.one_of(
        st.from_regex(r"[一二三四五六七八九十]{1,3}", fullmatch=True),
        st.from_regex(r"[0-9]{1,4}", fullmatch=True),
        st.text(alphabet=HAN + "0123456789:,", min_size=1, max_size=10),
        st.sampled_from(["app", "xls", "pdf", "docx", "含上年结转6件", "单位:万元", "国务院令第711号"]),
    ),
)
def test_ordinary_parenthesised_text_stays(char: str, content: str) -> None:
    for opening, closing in (("(", ")"), ("（", "）")):
        text = f"{char}{opening}{content}{closing}"
        assert remove_pinyin_annotations(text).text == text


@settings(max_examples=300)
@given(st.sampled_from(HAN), st.from_regex(r"[a-zāáǎàīǐ]{1,6}", fullmatch=True))
def test_latin_in_parentheses_stays_unless_it_is_the_reading(char: str, content: str) -> None:
    assume(not is_reading_of(char, content))
    text = f"{char}({content})"
    assert remove_pinyin_annotations(text).text == text
