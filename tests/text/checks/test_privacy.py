import pytest
from stdnum import luhn

from gongkai.text.checks import find_personal_data, mask

VALID_ID = "11010519491231002X"  # the GB 11643 example number
CARD = "622202123456789012" + luhn.calc_check_digit("622202123456789012")


def kinds(text):
    return [(finding.category, text[finding.start : finding.end]) for finding in find_personal_data(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"申请人身份证号{VALID_ID}。", [("resident_id", VALID_ID)]),
        ("身份证号110105194912310021。", []),  # wrong check digit
        ("编号123456789012345678。", []),  # 18 random digits
        ("联系电话13812345678", [("mobile", "13812345678")]),
        ("联系电话138-1234-5678", [("mobile", "138-1234-5678")]),
        ("联系电话+86 13812345678", [("mobile", "13812345678")]),
        ("联系电话0531-86068888", []),  # an office landline
        ("编号123812345678", []),  # 12 digits: not a mobile number
        (f"收款账号{CARD}", [("bank_card", CARD)]),
        (f"收款账号{CARD[:-1]}{(int(CARD[-1]) + 1) % 10}", []),  # fails the Luhn digit
        ("统一社会信用代码91370000163040123X", []),
        ("邮箱zhangsan@163.com", [("email", "zhangsan@163.com")]),
        ("邮箱sdzwgk@shandong.gov.cn", []),  # the office's published address
        ("家住济南市历下区文化东路12号3单元502室", [("address", "家住济南市历下区文化东路12号3单元502室")]),
        ("地址：济南市历下区省府前街1号", []),  # no room number: an office address
        ("地址：鹤岗市工农区育才路48号工农区政府办公楼302室", []),
    ],
)
def test_personal_data_is_found_and_validated(text, expected):
    assert kinds(text) == expected


def test_findings_are_masked_and_an_id_is_not_also_a_phone_or_card():
    [finding] = find_personal_data(f"号码{VALID_ID}")
    assert finding.found == "1101**********002X"
    assert mask("13812345678") == "138*****678"


def test_findings_come_in_text_order():
    text = f"电话13812345678，身份证{VALID_ID}"
    assert [finding.category for finding in find_personal_data(text)] == ["mobile", "resident_id"]
