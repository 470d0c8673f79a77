"""The terms of Chinese technical text: jieba words plus the bigrams inside long words."""

from __future__ import annotations

from ipcity.matching.tokens import cut, search_terms, terms, words


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


def test_search_terms_cut_the_same_characters_alike_in_a_need_and_a_patent():
    # B23 of the evaluation set wrote 也想把旧砂用起来: jieba's HMM makes 砂用 a word, and cuts 旧砂
    # whole in one abstract (铸造旧砂再生) but 旧 / 砂 in another. The dictionary alone cuts 旧, 砂 in all three.
    need = "也想把旧砂用起来"
    assert "砂" not in terms(need) and "旧砂" in terms("铸造旧砂再生")
    for patent in ("铸造旧砂再生", "对旧砂进行再生处理"):
        assert {"旧", "砂"} <= set(search_terms(need)) & set(search_terms(patent))


def test_search_terms_add_the_dictionary_words_inside_a_long_word():
    # Bigrams come from either cut; the search mode adds the longer dictionary words inside (离子水).
    assert {"去离子水", "离子水", "离子"} <= set(search_terms("去离子水的制备"))
    assert "离子水" not in terms("去离子水的制备")


def test_the_explanation_keeps_the_ordinary_cut():
    # What counts as a word the firm wrote (cut().words) is not widened by the search mode.
    text = cut("老师傅凭经验，缩松要补焊")
    assert text.words == words("老师傅凭经验，缩松要补焊") and "师傅" not in text.words
    assert text.terms == terms("老师傅凭经验，缩松要补焊")
