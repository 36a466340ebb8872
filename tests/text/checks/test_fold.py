from gongkai.text.checks import fold


def test_width_case_and_script_are_folded_one_to_one():
    folded = fold("習近平ＡＢＣ１２３，（國）")
    assert folded.text == "习近平abc123，（国）"  # full-width punctuation stays: Chinese typography
    assert folded.origin is None
    assert folded.span(3, 6) == (3, 6)


def test_invisible_characters_are_dropped_and_positions_map_back():
    original = "政府\u200b信息\ufeff公开"
    folded = fold(original)
    assert folded.text == "政府信息公开"
    start, end = folded.span(2, 6)
    assert original[start:end] == "信息\ufeff公开"


def test_plain_simplified_text_is_unchanged():
    text = "关于印发《山东省政府信息公开办法》的通知"
    assert fold(text).text == text
