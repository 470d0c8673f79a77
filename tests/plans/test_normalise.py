"""Normalisation rules, on invented snippets."""

from __future__ import annotations

from ipcity.plans.normalise import clean_lines, is_page_number, normalise


def texts(text: str) -> list[str]:
    return [line.text for line in normalise(text)]


def test_page_numbers_are_dropped():
    assert is_page_number("— 3 —") and is_page_number("- 12 -") and is_page_number("第 4 页 共 9 页")
    assert not is_page_number("3") and not is_page_number("——")
    assert texts("一、总体目标\n\n— 7 —\n\n到2030年，专利达到9件。") == ["一、总体目标", "到2030年，专利达到9件。"]


def test_image_marker_and_the_ocr_garbage_after_it_are_dropped():
    text = "（一）工作重点\n[image: pic1.png]QX RTWZ —KL PQRST\nAB CDEF GH. IJ KLM NOP\n\n（二）下一节"
    assert texts(text) == ["（一）工作重点", "（二）下一节"]


def test_private_use_characters_and_markdown_marks_are_removed():
    assert texts("## 二、发展目标\n**（一）加强领导。**各单位要\ue082落实。") == ["二、发展目标", "（一）加强领导。各单位要落实。"]


def test_emoji_of_an_article_are_removed_but_not_a_written_zero_or_circled_numbers():
    assert texts("🔹有效发明专利达到900件；\n✨ 往期推荐 ✨\n二○二五年三月\n①加强保护") == [
        "有效发明专利达到900件；", "往期推荐", "二○二五年三月", "①加强保护"]


def test_a_line_broken_mid_sentence_is_joined_and_remembers_the_break():
    lines = normalise("1. 推进专利转化。支持高校院所开展专利开放许可，推动成果向中小企业转\n\n化，提升转化效率。（市科技局负责）")
    assert len(lines) == 1
    assert "向中小企业转化，提升" in lines[0].text
    assert lines[0].breaks == [len("1. 推进专利转化。支持高校院所开展专利开放许可，推动成果向中小企业转")]


def test_a_character_repeated_at_a_page_break_is_dropped_but_not_a_doubled_city_prefix():
    joined = texts("（市发展改革委、市财政局、市商务局、市知\n\n知识产权局等按职责分工负责）")
    assert joined == ["（市发展改革委、市财政局、市商务局、市知识产权局等按职责分工负责）"]
    doubled = texts("（市发展改革委、市财政局、市商务局、市农业农村局、市\n\n市场监管局等按职责分工负责）")
    assert "市市场监管局" in doubled[0]


def test_headings_short_lines_and_table_rows_are_not_joined():
    text = "（一）知识产权创造质量显著提高\n\n万人发明专利拥有量达到12件\n\n指标\t单位\t2030年\n专利\t件\t9"
    assert texts(text) == ["（一）知识产权创造质量显著提高", "万人发明专利拥有量达到12件", "指标\t单位\t2030年", "专利\t件\t9"]


def test_offsets_point_into_the_input():
    text = "## 一、总体要求\n\n坚持**质量**第一。"
    for line in clean_lines(text):
        assert "".join(text[o] for o in line.offsets) == line.text


def test_spaces_a_mirror_site_lost_to_question_marks_are_removed_at_a_line_end():
    # a signature and its date set right with spaces that a re-encoding turned into ``?``; one
    # question mark closing a sentence (a FAQ's ``是什么?``) is the text's own
    text = "蘅溪市人民政府 澄岳省知识产权局? ? ? ??\n2025年7月30日? ??\n一、什么是数据知识产权?"
    assert texts(text) == ["蘅溪市人民政府 澄岳省知识产权局", "2025年7月30日", "一、什么是数据知识产权?"]
    for line in clean_lines(text):
        assert "".join(text[o] for o in line.offsets) == line.text


def test_pinyin_readings_a_mirror_site_writes_after_characters_are_removed():
    # a converter's gloss (``产(chǎn)``) with its tone mark; a bracket of Latin letters without one
    # (an abbreviation, a list label) is the text's own
    text = "知识产(chǎn)权(quán)强省建设(shè)\n专利合作条约(PCT)申请量(a)项"
    assert texts(text) == ["知识产权强省建设", "专利合作条约(PCT)申请量(a)项"]
    for line in clean_lines(text):
        assert "".join(text[o] for o in line.offsets) == line.text
