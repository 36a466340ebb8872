"""Similar requests for the repeat check."""

from __future__ import annotations

from gongkai.text.similar import comparable, similar_requests

EARLIER = [
    (1, "申请公开2025年青山市老旧小区改造项目清单及资金安排"),
    (2, "请提供青山市2025年度老旧小区改造项目清单、资金安排情况。"),
    (3, "申请公开青山市人民路拆迁补偿安置方案"),
    (4, "2024年度部门预算"),
    (5, "请公开"),
]


def test_the_same_request_in_other_words_is_found() -> None:
    found = similar_requests("青山市2025年老旧小区改造项目清单和资金安排", EARLIER)
    assert {s.key for s in found} == {1, 2}
    assert found[0].score >= found[1].score


def test_a_different_request_is_not() -> None:
    assert similar_requests("青山市2025年公立医院药品采购目录", EARLIER) == []


def test_stock_phrases_and_punctuation_do_not_count() -> None:
    assert comparable("申请公开：青山市、2025年！") == "青山市2025年"
    assert similar_requests("申请公开", EARLIER) == []  # nothing left to compare
