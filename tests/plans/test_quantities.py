"""Quantities: values, units and comparators."""

from __future__ import annotations

from ipcity.plans.extract.quantities import Quantity, find_goals, parse_value_cell, split_unit_from_name
from ipcity.plans.extract.text import goals_in


def test_goal_numbers_with_units_and_comparators():
    goals = find_goals("有效商标达到3.5万件以上，融资额不低于 80 亿元，投诉处理时间不超过7天，差错率低于2%")
    assert [(g.value, g.unit, g.comparator) for g in goals] == [(3.5, "万件", ">="), (80, "亿元", ">="), (7, "天", "<="),
                                                                (2, "%", "<=")]


def test_a_span_of_time_is_a_goal_only_with_a_comparator():
    goals = find_goals("办结时间控制在60天以内，结案周期缩短至3个月，审查≤20个工作日")
    assert [(g.value, g.unit, g.comparator) for g in goals] == [(60, "天", "<="), (3, "个月", "<="),
                                                                (20, "个工作日", "<=")]
    assert find_goals("用3个月时间集中开展专项行动，30天内办结") == []


def test_the_longest_unit_wins():
    assert [(g.value, g.unit) for g in find_goals("累计培训2000人次，举办培训10期，服务300家次")] == \
        [(2000, "人次"), (10, "期"), (300, "家次")]


def test_years_codes_and_attributive_counts_are_no_goals():
    assert find_goals("到2030年全部完成，“12345”热线") == []
    assert [g.value for g in find_goals("形成2-3个拥有50件发明专利的专利池")] == [2]


def test_value_cells():
    cell = parse_value_cell("12.6万件")
    assert isinstance(cell, Quantity) and (cell.value, cell.unit) == (12.6, "万件")
    assert parse_value_cell("——") is None and parse_value_cell("") is None
    assert parse_value_cell("保持全省前列") == "保持全省前列"
    le = parse_value_cell("≤5")
    assert isinstance(le, Quantity) and le.comparator == "<="


def test_a_range_in_a_value_cell_is_its_lower_bound_and_a_span_of_years_no_figure():
    cell = parse_value_cell("30—35")
    assert isinstance(cell, Quantity) and (cell.value, cell.comparator) == (30, ">=")
    ranged = parse_value_cell("15-20家")
    assert isinstance(ranged, Quantity) and (ranged.value, ranged.unit) == (15, "家")
    assert parse_value_cell("2025—2027") is None


def test_figures_written_in_chinese_numerals_after_a_verb_and_percent_in_words():
    goals = find_goals("示范企业达到一百二十家，商标达到八件，比重达到百分之十以上，覆盖率不低于百分之75")
    assert [(g.value, g.unit, g.comparator) for g in goals] == [(120, "家", ">="), (8, "件", ">="), (10, "%", ">="),
                                                                (75, "%", ">=")]
    # the article 一 and numerals without a goal's verb are words
    assert find_goals("形成一批高价值专利，实施十大工程，达到一流水平") == []


def test_unit_written_in_the_name():
    assert split_unit_from_name("技术合同成交额（亿元）") == ("技术合同成交额", "亿元")
    assert split_unit_from_name("专利密集型产业增加值占比(%)") == ("专利密集型产业增加值占比", "%")
    assert split_unit_from_name("商标（含地理标志）") == ("商标（含地理标志）", None)


def test_goal_names_are_the_noun_phrase_before_the_verb():
    goals = goals_in("到2030年，全区专利授权量达到900件，新增版权登记2万件，科技型企业数量增幅超过15%。", strip_actions=False)
    assert [(g.name, g.quantity.value, g.quantity.unit, g.year) for g in goals] == [
        ("全区专利授权量", 900, "件", 2030), ("新增版权登记", 2, "万件", 2030), ("科技型企业数量增幅", 15, "%", 2030)]


def test_task_target_names_drop_the_action_verb():
    goals = goals_in("完成产业导航项目4项，设立800万元风险补偿资金", strip_actions=True)
    assert [(g.name, g.quantity.value, g.quantity.unit) for g in goals] == [
        ("产业导航项目", 4, "项"), ("风险补偿资金", 800, "万元")]


def test_thousands_separators_and_full_width_digits():
    from ipcity.plans import parse_text

    assert [(g.value, g.unit) for g in find_goals("合同备案数10,000件以上")] == [(10000, "件")]
    plan = parse_text("二、工作目标\n到2030年，专利拥有量达到１２件。")
    assert plan["indicators"][0]["targets"][0]["value"] == 12


def test_policies_and_orders_are_counted_in_dan():
    """``保单数达到120单``: 单 counts policies and orders (a probe's task target was lost without it)."""
    assert [(g.value, g.unit, g.comparator) for g in find_goals("知识产权保险保单数达到120单，服务订单不少于3000单")] == \
        [(120, "单", ">="), (3000, "单", ">=")]


def test_a_number_labelling_an_attachment_or_box_is_no_count():
    # 附件1所列目标: 1 labels the attachment (and 所 is no measure word there)
    assert find_goals("各项主要指标达到附件1所列目标") == []
    assert find_goals("按专栏2所列项目推进，建成示范园区3个")[0].value == 3
    assert [q.value for q in find_goals("达到附表1所列目标，新增贯标企业20家")] == [20]


def test_task_target_names_drop_the_verbs_that_bring_about_or_train():
    # 促成/达成 (bring about), 培养 (train, as 培育 grows): what is counted is the noun after them
    goals = goals_in("促成专利许可合同30项，达成转化项目12个，培养企业知识产权专员80名", strip_actions=True)
    assert [(g.name, g.quantity.value) for g in goals] == [("专利许可合同", 30), ("转化项目", 12), ("企业知识产权专员", 80)]


def test_a_figure_may_carry_its_own_year_after_the_verb():
    """``从2022年的40家增加到2025年的65家``: the year between verb and figure is the figure's own."""
    goals = find_goals("服务机构从2022年的40家增加到2025年的65家")
    assert [(g.value, g.year, g.verb) for g in goals] == [(40, 2022, ""), (65, 2025, "增加到")]
    assert [g.year for g in find_goals("到2025年达到65家")] == [None]


def test_a_range_that_writes_its_unit_twice_is_its_lower_bound():
    # ``3家至5家`` as ``3至5家``; 到 between two figures stays a from-to (``由12件提高到18件``)
    got = [(q.value, q.unit, q.comparator) for q in find_goals("培育服务机构3家至5家、示范机构5个—8个")]
    assert got == [(3, "家", ">="), (5, "个", ">=")]
    assert [q.value for q in find_goals("由12件提高到18件")] == [12, 18]


def test_a_figure_before_de_and_a_noun_is_the_bar_of_what_is_counted():
    # ``超2000件的县市区超过30个``: the first figure qualifies what the second counts (authored numbers)
    got = [(g.name, g.quantity.value, g.quantity.unit) for g in goals_in(
        "年专利申请量超1500件的乡镇超过12个，主营业务收入超10亿元的企业达到20家", strip_actions=False)]
    assert got == [("年专利申请量超1500件的乡镇", 12, "个"), ("主营业务收入超10亿元的企业", 20, "家")]
    # with no figure after it in its clause, a figure before 的 is still the goal (…突破1万件的目标)
    assert [q.value for q in find_goals("实现有效注册商标突破1万件的目标")] == [1]


def test_a_yearly_average_growth_leaves_no_adverb_in_the_name():
    got = [(g.name, g.quantity.value) for g in goals_in("作品登记量年平均增长18%，商标注册量平均增长9%",
                                                          strip_actions=False)]
    assert got == [("作品登记量", 18), ("商标注册量", 9)]
