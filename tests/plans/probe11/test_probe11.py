"""The eleventh blind probe: four authored documents in genres and wordings not met before.

The documents were written blind to the parser's rules and scored before any fix (``NOTES.md`` has
those figures and every judgment call of the gold). The file that counts is each document in its
real format (``render.py``: a city's 示范城市 creation plan in Word with a ``2023年（基期）`` column,
a ranking row and an annex dividing the goals among its districts; a 征求意见稿 on a consultation
page with its 公告 and 起草说明; a 政府公报 issue printed in two columns whose plan is the second
附件 after a leading group's roster; a county OFD whose tasks are a 任务清单 table with merged
主要目标 cells and whose stages are named years). Both are scored with the shared
``plan_score.py`` and must keep what the parser now reaches on every document and column.
"""

from __future__ import annotations

from pathlib import Path

from ipcity.plans import parse_file
from ipcity.plans.read import read_document
from tests.plans.probe11.render import render_all  # noqa: F401  (conftest's `rendered` writes through it)
from tests.plans.probe_scores import ProbeChecks

HERE = Path(__file__).parent


class TestProbe11(ProbeChecks):
    # What the parser reaches on every document and column, from text and in the real formats, after
    # the rules learnt from this probe (before them, at 34d7853, in the real formats: TOTAL ind_f1
    # 0.659, targets_ok 0.625, baseline_ok 0.708, task_f1 0.750, meta_ok 0.792, phases_f1 0.700,
    # reporting_f1 0.750; see NOTES.md).
    folder = HERE
    lines = (25, 150)


def test_a_ranking_is_a_goal_met_at_that_place_or_better(parsed):
    by_name = {i["name"]: i for i in parsed["a_jingshan_demo"]["indicators"]}
    ranking = by_name["知识产权综合发展指数全省排名"]
    assert ranking["unit"] == "位" and ranking["baseline"] == {"year": 2023, "value": 5}
    assert ranking["targets"] == [{"year": 2025, "value": 4, "comparator": "<="},
                                  {"year": 2027, "value": 3, "comparator": "<="}]
    prose = {i["name"]: i for i in parsed["b_lanzhi_draft"]["indicators"]}["知识产权保护工作年度考核全市排名"]
    assert prose["unit"] == "名" and prose["targets"] == [{"year": 2027, "value": 3, "comparator": "<="}]


def test_the_districts_shares_are_no_indicators_of_the_city(parsed):
    plan = parsed["a_jingshan_demo"]
    assert len(plan["indicators"]) == 6
    assert not any(t["value"] in (15.2, 9.8, 7.5, 40, 22) for i in plan["indicators"] for t in i["targets"])


def test_a_draft_for_comment_is_not_issued_and_its_explanation_gives_nothing(parsed):
    plan = parsed["b_lanzhi_draft"]
    assert (plan["issuer"], plan["doc_number"], plan["issued_on"]) == (None, None, None)
    assert plan["title"] == "澜沚区知识产权强区建设实施方案（2025—2027年）"
    assert len(plan["indicators"]) == 6 and len(plan["tasks"]) == 6 and plan["phases"] == []


def test_a_gazette_in_two_columns_reads_as_the_text(rendered):
    text = read_document(rendered["c_tingli_gazette.pdf"]).text
    paragraphs = [p for p in text.split("\n") if p]
    written = [p for p in (HERE / "c_tingli_gazette.txt").read_text(encoding="utf-8").splitlines()
               if p.startswith(("1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "到2027年"))]
    assert all(p in paragraphs for p in written)
    plan = parse_file(rendered["c_tingli_gazette.pdf"])
    assert plan["title"] == "汀澧市知识产权强市建设三年行动计划（2025—2027年）"
    assert not any("许文博" in t["title"] or "组长" in t["title"] for t in plan["tasks"])


def test_a_task_list_table_and_named_years(parsed, rendered):
    for plan in (parsed["d_ruoao_tasklist"], parse_file(rendered["d_ruoao_tasklist.ofd"])):
        assert [t["ref"] for t in plan["tasks"]] == ["三/1.1", "三/1.2", "三/1.3", "三/2.1", "三/2.2", "三/3.1", "三/3.2"]
        assert len(plan["indicators"]) == 5  # the 主要目标 cells restate the goals part's
        assert [(p["name"], p["start"], p["end"]) for p in plan["phases"]] == [
            ("启动年", "2025-01", "2025-12"), ("攻坚年", "2026-01", "2026-12"), ("巩固提升年", "2027-01", "2027-12")]
