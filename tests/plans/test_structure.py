"""Structure rules: numbering schemes, sections, parts, 专栏 boxes and table layouts."""

from __future__ import annotations

from ipcity.plans.normalise import normalise
from ipcity.plans.numbering import cn_to_int, match_numbering
from ipcity.plans.structure import build


def test_numbering_schemes_and_tokens():
    cases = {"一、总体要求": ("cn", "一"), "（十二）加强保护": ("paren_cn", "（十二）"), "(四) 统筹运用": ("paren_cn", "(四)"),
             "3. 推进贯标": ("num", "3"), "14．强化执法": ("num", "14"), "(2)开展培训": ("paren_num", "(2)"),
             "②建设平台": ("circled", "②"), "第三章 重点任务": ("chapter章", "第三章")}
    for text, (scheme, token) in cases.items():
        numbering = match_numbering(text)
        assert numbering is not None and (numbering.scheme, numbering.token) == (scheme, token), text
    assert match_numbering("1.4") is None and match_numbering("2025年目标") is None and match_numbering("一是加强") is None
    assert cn_to_int("二十") == 20 and cn_to_int("十四") == 14 and cn_to_int("一百零五") == 105


def test_items_numbered_past_ninety_nine_are_items():
    """A list numbered straight through a long plan (or its appendix) goes past 99: item 100 was
    read as body text of item 99, and every task after it was lost without a word (walk 25). A
    three-digit label takes its separator (``100.``, ``(100)``, ``120、``); a figure at a line's
    start (``100 家企业…``, ``2025年``) is still none."""
    for text, (scheme, token) in {"100.实施专利导航": ("num", "100"), "105、开展培训": ("num", "105"),
                                  "120．强化执法": ("num", "120"), "(100)建设平台": ("paren_num", "(100)")}.items():
        numbering = match_numbering(text)
        assert numbering is not None and (numbering.scheme, numbering.token) == (scheme, token), text
    assert match_numbering("100 家企业完成贯标") is None and match_numbering("2025.目标") is None
    lines = "\n".join(f"{i}. 实施第{i}项工作。开展相关工作。（市市场监管局牵头）" for i in range(1, 106))
    doc = build(normalise("二、重点任务\n" + lines))
    assert [s.path() for s in doc.sections() if s.numbering][-2:] == [["二", "104"], ["二", "105"]]


def test_a_sub_item_numbered_under_its_item_is_a_scheme_but_a_figure_is_none():
    """``1.1 实施…`` (a provincial or district plan's sub-tasks): the token as written is the ref;
    a line opening with a figure (``1.5亿元``, ``2.6万件``) is no heading."""
    cases = {"1.1 实施专利质量提升计划": "1.1", "2.3、推动转化": "2.3", "3．2完善纠纷化解机制": "3.2", "1.2建设平台": "1.2"}
    for text, token in cases.items():
        numbering = match_numbering(text)
        assert numbering is not None and (numbering.scheme, numbering.token) == ("decimal", token), text
    assert match_numbering("1.5亿元以上的质押融资") is None and match_numbering("2.6万件") is None
    doc = build(normalise("二、重点任务\n1. 提升创造质量\n1.1 实施质量提升计划。内容。（责任单位：区市场监管局）\n"
                          "1.2 培育高价值专利。内容。（责任单位：区科技局）\n2. 促进运用\n2.1 拓宽融资渠道。内容。（责任单位：区财政局）"))
    assert [s.path() for s in doc.sections() if s.numbering] == [
        ["二"], ["二", "1"], ["二", "1", "1.1"], ["二", "1", "1.2"], ["二", "2"], ["二", "2", "2.1"]]


def test_sections_nest_by_scheme_and_take_their_part_from_headings():
    doc = build(normalise("一、发展目标\n到2030年，专利达到9件。\n二、主要任务\n（一）强化创造\n1. 培育高价值专利。内容。\n"
                          "2. 培育商标品牌。内容。\n（二）强化保护\n3. 强化司法保护。内容。\n三、保障措施\n（一）加强领导。内容。"))
    titles = [(s.path(), s.part) for s in doc.sections() if s.numbering]
    assert titles == [(["一"], "goals"), (["二"], "tasks"), (["二", "（一）"], "tasks"), (["二", "（一）", "1"], "tasks"),
                      (["二", "（一）", "2"], "tasks"), (["二", "（二）"], "tasks"), (["二", "（二）", "3"], "tasks"),
                      (["三"], "other"), (["三", "（一）"], "other")]


def test_a_box_keeps_its_own_numbered_items_and_ends_when_the_outer_numbering_goes_on():
    doc = build(normalise("三、重点任务\n（一）强化创造\n5. 推进导航。内容。\n专栏2 导航工程\n1. 产业导航。内容。\n"
                          "2. 企业导航。内容。\n6. 优化服务。内容。\n（二）强化保护"))
    task5 = next(s for s in doc.sections() if s.path() == ["三", "（一）", "5"])
    box = task5.children[0]
    assert box.is_box and [c.title for c in box.children] == ["产业导航", "企业导航"]
    assert [s.title for s in doc.sections() if s.path() == ["三", "（一）", "6"]] == ["优化服务"]


def test_tables_in_three_layouts():
    tabbed = build(normalise("二、目标\n指标\t单位\t2030年目标值\n专利\t件\t9"))
    assert tabbed.root.children[0].tables[0].rows == [["指标", "单位", "2030年目标值"], ["专利", "件", "9"]]
    per_line = build(normalise("二、目标\n指标名称\n\n2027年\n\n2030年\n\n专利拥有量\n\n3件\n\n9件\n\n三、任务"))
    assert per_line.root.children[0].tables[0].rows == [["指标名称", "2027年", "2030年"], ["专利拥有量", "3件", "9件"]]
    tab_lead = build(normalise("二、目标\n\t序号\n\t指标\n\t2024年\n\n现状值\n\t2030年\n\n\t1\n\t专利（件）\n\t2\n\t9\n"))
    assert tab_lead.root.children[0].tables[0].rows == [["序号", "指标", "2024年现状值", "2030年"],
                                                         ["1", "专利（件）", "2", "9"]]


def test_a_five_year_plan_without_task_heading_has_its_chapters_after_the_requirements_as_tasks():
    doc = build(normalise("一、发展基础\n内容。\n二、总体要求\n（一）发展目标\n内容。\n三、强化创造\n（三）培育专利\n内容。\n"
                          "四、实施保障\n（四）加强领导\n内容。"))
    parts = {s.title: s.part for s in doc.sections() if s.numbering}
    assert parts["强化创造"] == "tasks" and parts["培育专利"] == "tasks" and parts["加强领导"] == "other"
    assert parts["发展目标"] == "goals"
