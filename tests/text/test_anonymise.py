"""Personal data out of request texts, for the case library."""

from __future__ import annotations

import pytest

from gongkai.text.anonymise import ADDRESS, CARD, EMAIL, ID_NUMBER, NAME, PHONE, anonymise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("身份证号11010519491231002X，申请公开拆迁补偿方案", f"身份证号{ID_NUMBER}，申请公开拆迁补偿方案"),
        ("身份证号110105194912310021（校验位不对也要去掉）", f"身份证号{ID_NUMBER}（校验位不对也要去掉）"),
        ("旧证号110105491231002", f"旧证号{ID_NUMBER}"),
        ("联系电话：138-0013-8000", f"联系电话：{PHONE}"),
        ("手机+86 13800138000", f"手机{PHONE}"),
        ("座机0531-86061234转802", f"座机{PHONE}"),
        ("邮箱zhang.san@example.com", f"邮箱{EMAIL}"),
        ("补偿款打入6222 0212 3456 7890 123", f"补偿款打入{CARD}"),
        ("住青山市人民路12号3单元502室的房屋征收决定", f"住{ADDRESS}的房屋征收决定"),
        ("本人王小明申请公开", f"本人{NAME}申请公开"),
        ("姓名：欧阳娜娜，身份证", f"姓名：{NAME}，身份证"),
    ],
)
def test_each_kind_is_removed(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


def test_known_names_and_addresses_go_everywhere() -> None:
    result = anonymise("张三与张三的邻居就青山市绿水路1号的土地征收", names=["张三"], addresses=["青山市绿水路1号"])
    assert result.text == f"{NAME}与{NAME}的邻居就{ADDRESS}的土地征收"
    assert result.removed == {NAME: 2, ADDRESS: 1}


@pytest.mark.parametrize(
    "text",
    [
        "2025年青山市老旧小区改造项目清单及资金安排",
        "鲁政办发〔2024〕2号文件全文",
        "我是青山市居民，申请公开2024年度财政预算",
        "请提供政府办公楼302室会议纪要",
        "本人申请公开第12号公告",
    ],
)
def test_requests_without_personal_data_are_left_alone(text: str) -> None:
    assert anonymise(text).text == text
