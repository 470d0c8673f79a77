"""Responsibility lists, split by shape and position (invented unit names)."""

from __future__ import annotations

from ipcity.plans.extract.departments import find_lists, split_departments


def units(content: str) -> list[str]:
    return split_departments(content)[0]


def test_separators_and_trailing_duty_words():
    assert units("区商务委、区科技局，各镇人民政府等按职责分工负责") == ["区商务委", "区科技局", "各镇人民政府"]
    assert units("区财政局负责") == ["区财政局"]


def test_the_others_an_etc_stands_for_are_no_unit():
    # ``（…、中央宣传部等部门负责）`` (real national plans write it so): the named unit, not 等部门
    assert units("区财政局、区知识产权局、区委宣传部等部门负责") == ["区财政局", "区知识产权局", "区委宣传部"]
    assert units("县科技局等有关单位负责") == ["县科技局"]


def test_nested_brackets_stay_inside_their_unit():
    assert units("州市场监管局(州知识产权局)、州林草局（州林业局）,各县、市人民政府(州高新区管委会,下同)等按职责分工负责") == [
        "州市场监管局(州知识产权局)", "州林草局（州林业局）", "各县、市人民政府(州高新区管委会,下同)"]


def test_a_level_fragment_joins_the_unit_after_it():
    assert units("区文旅委、各县、区人民政府等按职责分工负责") == ["区文旅委", "各县、区人民政府"]


def test_units_run_together_are_split_where_a_unit_ending_meets_a_unit_start():
    assert units("区统计局区大数据局等按职责分工负责") == ["区统计局", "区大数据局"]
    assert units("产业联盟各成员单位各县、区人民政府等按职责分工负责") == ["产业联盟各成员单位", "各县、区人民政府"]
    assert units("工作领导小组各成员单位按职责分工负责") == ["工作领导小组各成员单位"]
    assert units("区经济和信息化委员会、区人力资源和社会保障局负责") == ["区经济和信息化委员会", "区人力资源和社会保障局"]


def test_line_breaks_separate_whole_units_and_mend_broken_ones():
    assert units("区法院，区检察院\n区公安分局等按职责分工负责") == ["区法院", "区检察院", "区公安分局"]
    assert units("区\n教委、区卫健委按\n职责分工负责") == ["区教委", "区卫健委"]
    assert units("区税务局\n海口海关（筹）等按职责分工负责") == ["区税务局", "海口海关（筹）"]


def test_a_stray_full_stop_separates_and_yu_joins_two_units():
    assert units("区发改委。区科技局负责") == ["区发改委", "区科技局"]
    assert units("区市场监管局牵头，有关部门与各街道办事处按职责分工负责") == ["区市场监管局", "有关部门", "各街道办事处"]


def test_lead_is_the_unit_marked_qiantou_or_else_the_first():
    assert split_departments("区科技局、区教委牵头，区财政局配合")[1] == ["区科技局", "区教委"]
    assert split_departments("区科技局、区教委负责")[1] == ["区科技局"]


def test_a_typo_hui_after_a_bracket_is_dropped_but_not_a_committee_ending():
    assert units("区科技局(区知识产权局)会按职责分工负责") == ["区科技局(区知识产权局)"]
    assert units("区科技局、区贸促会按职责分工负责") == ["区科技局", "区贸促会"]


def test_find_lists_only_takes_bracketed_duty_lists():
    text = "建设网点（含县、区）。引进人才（详见附件）。推进工作。〔区科技局、区财政局按职责分工负责〕"
    found = find_lists(text)
    assert len(found) == 1 and found[0].departments == ["区科技局", "区财政局"]
    assert text[found[0].start] == "〔" and found[0].end == len(text)
    mixed = find_lists("推进。（区委宣传部按职责分工负责)")
    assert mixed[0].departments == ["区委宣传部"]
