"""Layouts of issue 11 that span several rules, on authored snippets (invented places and units),
and the machinery of the rules: registries, vocabulary, warnings beside the plan."""

from __future__ import annotations

import pytest

from ipcity.plans import parse_text
from ipcity.plans.numbering import match_numbering
from ipcity.plans.pipeline import (
    NO_PERIOD_WARNING,
    NO_REGION_WARNING,
    NO_TITLE_WARNING,
    all_registries,
    parse_text_with_warnings,
    read_and_parse,
)
from ipcity.plans.registry import Registry

COUNTY = """安平县知识产权强县建设工作方案（2024—2026年）

第一条 总体目标
到2026年，全县有效发明专利拥有量达到320件。

第二条 重点任务
（一）强化知识产权创造
1.推动高价值专利培育。建设15分钟知识产权服务圈，到2026年完成专利导航项目4项。
责任单位：县市场监督管理局（县知识产权局）和县科技局，完成时限：2026年底

第三条 实施步骤
（一）启动阶段（2024年3月—2024年5月）。制定方案。
（二）推进阶段（2024年6月—2025年12月）。全面实施。

第四条 保障措施
（一）加强组织领导。成立工作领导小组。
（二）强化督促考核。各成员单位于每年6月20日和12月10日前向县市场监督管理局报送工作进展。
"""


def test_article_numbering_is_a_top_level_scheme():
    numbering = match_numbering("第三条 实施步骤")
    assert numbering is not None and numbering.scheme == "chapter条" and numbering.ordinal == 3


def test_a_county_plan_numbered_by_articles():
    plan = parse_text(COUNTY)
    # phases and safeguards under 第三条/第四条 are no tasks; the one task is the 重点任务 item
    assert [t["ref"] for t in plan["tasks"]] == ["第二条/（一）/1"]
    task = plan["tasks"][0]
    assert task["departments"] == ["县市场监督管理局（县知识产权局）", "县科技局"]
    # 15分钟 is part of a name, not a target; the 4 projects are
    assert [(t["value"], t["unit"]) for t in task["targets"]] == [(4, "项")]
    assert [p["name"] for p in plan["phases"]] == ["启动阶段", "推进阶段"]
    assert [d["due"] for d in plan["reporting"]] == [{"month": 6, "day": 20}, {"month": 12, "day": 10}]
    assert plan["period"] == {"start": 2024, "end": 2026}
    assert [i["name"] for i in plan["indicators"]] == ["全县有效发明专利拥有量"]


def test_minutes_are_a_span_of_time_not_a_count():
    (task,) = parse_text("一、重点任务\n（一）建设15分钟知识产权服务圈，新建服务站点6个。")["tasks"]
    assert [(t["value"], t["unit"]) for t in task["targets"]] == [(6, "个")]


def test_warnings_travel_beside_the_plan_not_inside_it():
    text = "一、总体思路\n坚持创新驱动。\n到2026年，全县有效发明专利拥有量达到320件。\n"
    plan, warnings = parse_text_with_warnings(text)
    assert "warnings" not in plan
    # a snippet without a title: its region and its title are not found, and said so first
    assert warnings[:2] == [NO_REGION_WARNING, NO_TITLE_WARNING] and plan["region"] == "未识别"
    assert plan["title"] == "未命名方案"
    assert len(warnings) == 3 and "位置" in warnings[2] and "320件" in warnings[2]
    assert parse_text_with_warnings(COUNTY)[1] == []


def test_a_plan_without_years_or_region_keeps_their_places_and_says_so():
    # Not a guess from the title's first characters (关于印发… gave 关于), and no year invented.
    plan, warnings = parse_text_with_warnings("关于印发知识产权工作要点的通知\n一、重点任务\n（一）加强专利保护。（市场监管局负责）\n")
    assert plan["period"] == {"start": 0, "end": 0} and plan["region"] == "未识别"
    assert warnings[:2] == [NO_PERIOD_WARNING, NO_REGION_WARNING]


def test_read_and_parse_adds_the_parser_warnings_to_the_readers(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("二、保障措施\n经费来源\t金额\n财政专项\t200万元\n", encoding="utf-8")
    _, document = read_and_parse(path)
    assert any(w.startswith("未能识别的表格") for w in document.warnings)


def test_cli_prints_the_parser_warnings_on_stderr(tmp_path):
    from click.testing import CliRunner

    from ipcity.cli.main import cli

    path = tmp_path / "plan.txt"
    path.write_text("二、保障措施\n经费来源\t金额\n财政专项\t200万元\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", "parse", str(path)])
    assert result.exit_code == 0
    assert "未能识别的表格" in result.stderr and "未能识别的表格" not in result.stdout


def test_registry_runs_rules_by_priority_and_refuses_duplicates():
    registry: Registry = Registry("test.order", "a registry for this test", listed=False)
    registry.add("low", 1, lambda: "low")
    registry.add("high", 9, lambda: "high")
    assert [rule() for rule in registry] == ["high", "low"]
    with registry.without("high"):
        assert registry.names() == ["low"]
    assert registry.names() == ["high", "low"]
    assert "test.order" not in all_registries()
    with pytest.raises(ValueError):
        registry.add("low", 5, lambda: "again")


def test_every_stage_has_a_registry():
    stages = set(all_registries())
    assert {"normalise.noise", "normalise.join", "structure.table", "structure.part", "indicators.table",
            "departments.group", "departments.split", "tasks.section", "tasks.document", "schedule.due",
            "warnings"} <= stages


def test_a_signature_date_glued_to_the_next_pages_title_is_split():
    text = ("澄江市人民政府关于印发澄江市知识产权工作方案的通知\n澄江市人民政府\n"
            "2025年3月9日澄江市知识产权工作方案（2025—2027年）\n一、重点任务\n（一）建设运营中心。\n")
    plan = parse_text(text)
    assert plan["issued_on"] == "2025-03-09"
    assert plan["title"] == "澄江市知识产权工作方案（2025—2027年）"


def test_a_signature_before_the_appendix_is_read():
    text = ("澄江市知识产权工作方案（2025—2027年）\n一、重点任务\n（一）建设运营中心。\n"
            "澄江市人民政府\n2025年3月9日\n附件\n重点任务分工表\n序号\t重点任务\t牵头单位\n1\t建设运营中心\t市科技局\n")
    plan = parse_text(text)
    assert (plan["issuer"], plan["issued_on"]) == ("澄江市人民政府", "2025-03-09")


def test_a_top_level_goals_heading_with_years_gives_the_period():
    plan = parse_text("澄江市知识产权工作方案\n一、2025—2027年主要工作目标\n到2027年，著作权登记量达到3000件。\n")
    assert plan["period"] == {"start": 2025, "end": 2027}


def test_yearly_performance_assessment_is_a_yearly_duty():
    plan = parse_text("四、保障措施\n（一）强化考核。将知识产权工作纳入区政府年度绩效考核。\n")
    assert [d["due"] for d in plan["reporting"]] == [{"every_months": 12}]


def test_a_bracket_left_open_at_a_break_goes_on_to_the_next_line():
    text = ("三、保障措施\n（一）建立统计监测制度。健全知识产权统计指标体系。（责任单位：澄江市统计局，完成时限：\n\n"
            "2025年底）\n")
    (task,) = parse_text(text)["tasks"]
    assert task["departments"] == ["澄江市统计局"]


def test_an_empty_lead_cell_of_a_word_table_stays_empty(tmp_path):
    """Word's reader repeats a merged cell in every row it spans, so an empty 牵头单位 cell there is
    empty: the row's lead is its first unit (the format's rule), not the lead of the row above,
    which a text copy of a merged cell would need (``merged_lead_cell``)."""
    from docx import Document as WordDocument

    rows = [["序号", "重点任务", "牵头单位", "责任单位"],
            ["1", "完善知识产权政策体系", "市市场监管局", "市财政局"],
            ["2", "强化知识产权司法保护", "", "市中级人民法院、市人民检察院"]]
    document = WordDocument()
    document.add_paragraph("桐原市知识产权强市建设工作方案（2025—2027年）")
    document.add_paragraph("一、重点任务")
    table = document.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    plan, _document = read_and_parse(path)
    leads = {t["title"]: t["lead"] for t in plan["tasks"]}
    assert leads == {"完善知识产权政策体系": ["市市场监管局"], "强化知识产权司法保护": ["市中级人民法院"]}
    # the same rows as text: the empty cell is read as the merged cell it would be in a copy
    text = "\n".join(["桐原市知识产权强市建设工作方案（2025—2027年）", "一、重点任务", *("\t".join(r) for r in rows)])
    assert parse_text(text)["tasks"][1]["lead"] == ["市市场监管局"]
