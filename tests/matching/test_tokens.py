"""The terms of Chinese technical text: jieba words plus the bigrams inside long words."""

from __future__ import annotations

from ipcity.matching.tokens import terms, words


def test_long_words_add_their_bigrams_and_boilerplate_is_dropped():
    got = terms("本发明公开了一种去离子水的制备方法")
    assert "去离子水" in got
    assert {"去离", "离子", "子水"} <= set(got)
    for boilerplate in ("本发明", "公开", "一种", "的", "方法"):
        assert boilerplate not in got
    assert "制备" in got


def test_two_character_words_are_not_split_again():
    assert terms("导热材料") == ["导热", "材料"]


def test_terms_repeat_as_often_as_they_occur():
    assert terms("导热导热，导热。").count("导热") == 3


def test_numbers_and_punctuation_are_not_terms_but_model_codes_are():
    got = terms("超声处理30min，加入KH550，温度80℃。")
    assert "kh550" in got
    assert not any(t in got for t in ("30min", "80", "，", "。", "℃"))


def test_words_has_no_bigrams():
    assert "离子" not in words("去离子水") and "去离子水" in words("去离子水")


def test_empty_text():
    assert terms("") == [] and words("") == []


def test_the_titles_and_its_is_no_shared_word():
    # Field test: a need for 背板材料及其层压工艺 was matched to 一种多层板及其制备方法 with the reason
    # 共同词：材料、及其、层压、工艺; 及其 ("and its") is in nearly every patent title.
    assert "及其" not in words("一种光伏背板材料及其层压工艺") and "及其" not in terms("一种多层板及其制备方法")
    assert "层压" in words("一种光伏背板材料及其层压工艺")
