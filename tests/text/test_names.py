import pytest

from gongkai.text.names import CONTAINS, EXACT, INITIALS, NAME_PREFIX, PINYIN_PREFIX, fold_query, match_rank, name_keys

PROVINCE = name_keys("山东省人民政府", "山东省政府")
SHAN_XIAN = name_keys("单县人民政府", "单县")


@pytest.mark.parametrize(
    ("query", "keys", "rank"),
    [
        ("山东省人民政府", PROVINCE, EXACT),
        ("山东省政府", PROVINCE, EXACT),  # the short name
        ("山东", PROVINCE, NAME_PREFIX),
        ("sdsrmzf", PROVINCE, INITIALS),
        ("SDS", PROVINCE, INITIALS),
        ("ｓｄｓ", PROVINCE, INITIALS),  # full-width letters from a Chinese input method
        ("shandong", PROVINCE, PINYIN_PREFIX),
        ("shan dong", PROVINCE, PINYIN_PREFIX),
        ("人民政府", PROVINCE, CONTAINS),
        ("renmin", PROVINCE, CONTAINS),
        ("shanxian", SHAN_XIAN, PINYIN_PREFIX),  # 单 read shàn in the place name, not dān
        ("济南", PROVINCE, None),
        ("jinan", PROVINCE, None),
        ("rm", PROVINCE, None),  # two letters inside a pinyin string are no match
        ("  ", PROVINCE, None),
    ],
)
def test_match_rank(query, keys, rank):
    assert match_rank(query, keys) == rank


def test_fold_query():
    assert fold_query(" Ｓｄ 省·政府 ") == "sd省政府"
