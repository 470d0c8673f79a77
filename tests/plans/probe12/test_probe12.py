"""The twelfth blind probe: four authored documents in genres and wordings not met before.

The documents were written blind to the parser's rules and scored before any fix (``NOTES.md`` has
those figures and every judgment call of the gold). The file that counts is each document in its
real format (``render.py``: a 保护 plan as a Word 97–2003 .doc whose indicator table dates each goal
in a 完成时限 column and whose tasks name 主责/协同单位; a bureau's 年度工作计划 as RTF with goals
written ``name（预期性）：value``, a 牵头领导/责任科室 task table and quarterly stages; a 专利转化运用 plan
in Word whose 年度目标任务分解 table holds the goals by year, with footnote marks and a 指标说明 annex;
a 修订版 PDF with its 修订说明 table and its number in the 版记). Both are scored with the shared
``plan_score.py`` and must keep what the parser now reaches on every document and column.
"""

from __future__ import annotations

from pathlib import Path

from ipcity.plans import parse_file
from ipcity.plans.pipeline import read_and_parse
from tests.plans.probe12.render import render_all  # noqa: F401  (conftest's `rendered` writes through it)
from tests.plans.probe_scores import ProbeChecks

HERE = Path(__file__).parent
# The readers' note on every file LibreOffice converted (kept on purpose: the office checks it).
CONVERTED = ("旧版 Word（.doc）文件已转换为 .docx 后读取：请对照原文核对表格和编号",
             "RTF 文件已转换为 .docx 后读取：请对照原文核对表格和编号")


class TestProbe12(ProbeChecks):
    # What the parser reaches on every document and column, from text and in the real formats, after
    # the rules learnt from this probe (before them, at 61ac0fd, in the real formats: TOTAL ind_f1
    # 0.727, targets_ok 0.458, task_f1 0.926, dept_f1 0.500, lead_ok 0.500, meta_ok 0.875, phases_f1
    # 0.750; see NOTES.md).
    folder = HERE
    lines = (25, 150)
    reader_notes = CONVERTED


def _both(parsed, rendered, stem: str, ext: str) -> list[dict]:
    return [parsed[stem], parse_file(rendered[f"{stem}.{ext}"])]


def test_a_deadline_column_dates_each_goal_and_lead_units_are_named_by_their_label(parsed, rendered):
    for plan in _both(parsed, rendered, "a_keqiao_protection", "doc"):
        years = {i["name"]: [t["year"] for t in i["targets"]] for i in plan["indicators"]}
        assert years["专利侵权纠纷行政裁决案件结案周期"] == [2025] and years["知识产权维权援助申请办结率"] == [2026]
        assert {i["name"]: i["tags"] for i in plan["indicators"]}["海外知识产权纠纷应对指导服务企业数"] == ["累计"]
        first = plan["tasks"][0]
        assert first["departments"] == ["市知识产权保护中心", "市科技局", "市工业和信息化局"]
        assert first["lead"] == ["市知识产权保护中心"]


def test_the_old_word_and_rtf_files_are_read_through_their_conversion(rendered):
    for name, note in (("a_keqiao_protection.doc", CONVERTED[0]), ("b_feixi_annual.rtf", CONVERTED[1])):
        plan, result = read_and_parse(rendered[name])
        assert result.format == "docx" and note in result.warnings
        assert plan["title"].startswith(("珂峤市知识产权快速协同保护体系建设实施方案", "榧溪县市场监督管理局"))


def test_an_annual_plan_of_a_bureau(parsed, rendered):
    for plan in _both(parsed, rendered, "b_feixi_annual", "rtf"):
        assert plan["region"] == "榧溪县" and plan["period"] == {"start": 2025, "end": 2025}
        assert [(i["name"], i["tags"]) for i in plan["indicators"]][:2] == [
            ("发明专利授权量", ["预期性"]), ("每万人口高价值发明专利拥有量", ["预期性"])]
        assert not any("副局长" in d for t in plan["tasks"] for d in t["departments"])
        assert plan["tasks"][1]["departments"] == ["商标广告科", "农产品质量安全股"]
        assert [(p["name"], p["start"], p["end"]) for p in plan["phases"]] == [
            ("一季度", "2025-01", "2025-03"), ("二季度", "2025-04", "2025-06"),
            ("三季度", "2025-07", "2025-09"), ("四季度", "2025-10", "2025-12")]


def test_a_yearly_breakdown_of_goals_is_no_task_table_and_the_notes_give_nothing(parsed, rendered):
    for plan in _both(parsed, rendered, "c_yunling_conversion", "docx"):
        assert len(plan["indicators"]) == 6 and len(plan["tasks"]) == 6
        assert all(t["ref"].startswith("二/") for t in plan["tasks"])
        by_name = {i["name"]: i for i in plan["indicators"]}
        assert [t["value"] for t in by_name["专利开放许可实施达成数"]["targets"]] == [2, 5, 8]
        assert by_name["专利密集型产品备案数"]["tags"] == ["累计"]
        assert not any("①" in i["name"] or "②" in i["name"] for i in plan["indicators"])


def test_a_revised_edition_keeps_its_mark_and_its_number_from_the_imprint(parsed, rendered):
    for plan in _both(parsed, rendered, "d_tanbu_revised", "pdf"):
        assert plan["title"] == "檀埠区知识产权强区建设工作方案（2024—2026年）（2025年修订版）"
        assert plan["doc_number"] == "檀政办发〔2025〕9号"
        assert [t["value"] for i in plan["indicators"] for t in i["targets"]] == [2600, 19.5, 28, 16, 65]
        assert len(plan["tasks"]) == 5
