"""Unit tests of the rules added for documents unlike the seeds, each on an invented snippet."""

from __future__ import annotations

from ipcity.plans import parse_text
from ipcity.plans.extract.departments import find_lists, split_departments
from ipcity.plans.extract.issuers import tail_signature
from ipcity.plans.extract.phases import phase_of
from ipcity.plans.extract.reporting import duties_in
from ipcity.plans.extract.text import goals_in


def test_a_signature_at_the_end_of_the_document_gives_issuer_and_date():
    lines = ["三、保障措施", "加强组织领导。", "某某县人民政府", "2024年3月15日"]
    assert tail_signature(lines) == ("某某县人民政府", "2024-03-15")
    assert tail_signature(["某某县人民政府", "二〇二四年三月五日", ""]) == ("某某县人民政府", "2024-03-05")


def test_a_lone_date_or_a_date_in_a_sentence_at_the_end_is_no_signature():
    assert tail_signature(["加强组织领导。", "2024年3月15日"]) == (None, None)
    assert tail_signature(["某某县人民政府", "于2024年3月15日前完成。"]) == (None, None)


def test_a_plan_signed_at_its_end_takes_its_metadata_from_there():
    text = ("某某县知识产权工作方案（2024—2026年）\n\n一、工作目标\n\n到2026年，有效发明专利达到300件。\n\n"
            "二、保障措施\n\n加强领导。\n\n某某县人民政府\n\n2024年3月15日\n")
    plan = parse_text(text)
    assert (plan["issuer"], plan["issued_on"]) == ("某某县人民政府", "2024-03-15")


def test_month_ends_joined_to_one_yearly_duty_are_each_a_duty():
    duties = duties_in("各单位于每年6月底和12月底前报送工作进展情况")
    assert [d.due for d in duties] == [{"month": 6, "day": 30}, {"month": 12, "day": 31}]
    assert [d.what for d in duties] == ["报送工作进展情况"] * 2


def test_a_year_end_deadline_is_december_of_that_year():
    assert [d.due for d in duties_in("2025年底前开展总结评估")] == [{"date": "2025-12"}]


def test_a_bare_yearly_phrase_is_a_duty_only_with_a_reporting_verb():
    assert duties_in("县财政每年安排知识产权专项资金") == []
    assert [d.due for d in duties_in("每年向县政府报告工作情况")] == [{"every_months": 12}]


def test_the_who_of_a_duty_is_the_unit_opening_its_own_clause():
    duties = duties_in("各单位按时报送材料，区市场监管局于2025年10月前开展评估")
    assert [(d.who, d.due) for d in duties] == [("区市场监管局", {"date": "2025-10"})]


def test_units_after_hui_tong_are_partners_not_the_subject():
    # 会同 (together with) names who helps; the unit that answers for the work (对…负总责) acts.
    [duty] = duties_in("各项目牵头单位对项目组织实施负总责，会同配合单位于2025年10月底前制定实施细则")
    assert (duty.who, duty.what) == ("各项目牵头单位", "制定实施细则")
    [alone] = duties_in("会同有关部门于2025年10月前开展评估")
    assert alone.who is None
    [lead] = duties_in("县知识产权局要会同各成员单位于每年12月10日前报送年度总结")
    assert lead.who == "县知识产权局"


def test_a_monthly_duty_reads_its_verb_phrase_after_the_day():
    assert [d.what for d in duties_in("各责任单位于每月5日前报送上月工作进展")] == ["报送上月工作进展"]


def test_an_ordinal_stage_label_is_not_part_of_the_phase_name():
    phase = phase_of("第一阶段：动员部署（2023年5月—2023年6月）")
    assert phase is not None and (phase.name, phase.start, phase.end) == ("动员部署", "2023-05", "2023-06")
    bare = phase_of("第二阶段（2023年7月—2025年4月）")
    assert bare is not None and bare.name == "第二阶段"


def test_labels_run_together_with_the_unit_before_them_still_separate_groups():
    units, lead = split_departments("牵头单位：市市场监管局（知识产权局）配合单位：市公安局、市司法局")
    assert units == ["市市场监管局（知识产权局）", "市公安局", "市司法局"]
    assert lead == ["市市场监管局（知识产权局）"]


def test_a_bracket_after_a_line_break_annotates_the_unit_before_it():
    units, _ = split_departments("市商务局、各镇人民政府\n（街道办事处）")
    assert units == ["市商务局", "各镇人民政府（街道办事处）"]
    # a break after a whole unit still separates two units
    assert split_departments("市商务局\n市农业农村局")[0] == ["市商务局", "市农业农村局"]


def test_goals_listed_with_fenbie_each_get_their_own_name():
    goals = goals_in("发明专利和有效注册商标拥有量分别达到1200件、3.2万件", strip_actions=False)
    assert [(g.name, g.quantity.value, g.quantity.unit) for g in goals] == [
        ("发明专利拥有量", 1200, "件"), ("有效注册商标拥有量", 3.2, "万件")]


def test_a_growth_clause_without_subject_borrows_the_goal_before_it_in_the_sentence():
    goals = goals_in("质押融资额突破10亿元，年均增长15%以上。专利申请年均增长10%", strip_actions=False)
    assert [(g.name, g.quantity.value, g.quantity.unit) for g in goals] == [
        ("质押融资额", 10, "亿元"), ("质押融资额", 15, "%"), ("专利申请", 10, "%")]
    # not across sentences: a subjectless growth after 。 has no name to borrow
    assert [g.name for g in goals_in("质押融资额突破10亿元。年均增长15%", strip_actions=False)] == ["质押融资额"]


def test_a_category_row_that_lost_its_tabs_stays_inside_its_table():
    text = ("某市知识产权工作方案（2024—2026年）\n\n一、工作目标\n\n序号\t指标名称\t单位\t2023年\t2026年\n"
            "一、创造质量\n1\t发明专利拥有量\t件\t5\t8\n二、运用效益\n2\t质押融资额\t亿元\t2\t5\n\n"
            "二、重点任务\n\n1.加强专利导航。开展导航项目。（市市场监管局负责）\n")
    plan = parse_text(text)
    assert [(i["name"], i["targets"][0]["value"]) for i in plan["indicators"]] == [("发明专利拥有量", 8), ("质押融资额", 5)]
    assert [t["ref"] for t in plan["tasks"]] == ["二/1"]


def test_labels_in_square_brackets_are_labels_not_lists():
    text = "1.加强专利导航。开展导航项目。【牵头单位】市市场监管局【配合单位】市科技局、市工信局"
    lists = find_lists(text)
    assert [(r.departments, r.lead) for r in lists] == [(["市市场监管局", "市科技局", "市工信局"], ["市市场监管局"])]
    assert text[lists[0].start:lists[0].end].startswith("【牵头单位】")


def test_a_stage_named_after_its_dates():
    phase = phase_of("2024年1月至3月为启动部署阶段，制定方案")
    assert phase is not None and (phase.name, phase.start, phase.end) == ("启动部署阶段", "2024-01", "2024-03")


def test_a_caption_or_a_blank_line_between_two_tables_is_no_category_row():
    text = ("某市知识产权工作方案（2024—2026年）\n\n一、工作目标\n\n指标名称\t单位\t2026年\n发明专利拥有量\t件\t8\n"
            "表2 主要约束性指标\n指标名称\t单位\t2026年\n结案周期\t天\t≤30\n")
    tags = {i["name"]: i["tags"] for i in parse_text(text)["indicators"]}
    assert tags == {"发明专利拥有量": [], "结案周期": ["约束性"]}
