"""The ninth blind probe: four authored documents in layouts not met before.

The documents were written blind to the parser's rules and scored before any fix (``NOTES.md`` has
those figures and every judgment call of the gold). The file that counts is each document in its
real format (``render.py``: a provincial plan in Word with a 目录 field and its task table a
responsibility matrix of ``●``/``○`` in a landscape section; a city's page whose indicator table
marks names with a superscript ``*`` explained by a note under it; a district PDF whose tasks are
``1.1``/``1.2`` sub-items under ``1.`` headings; a county plan saved as GBK text with CRLF and
full-width spaces). Both are scored with the shared ``plan_score.py`` and must keep what the parser
now reaches on every document and column.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ipcity.plans import parse_file
from tests.plans.probe9.render import render_all  # noqa: F401  (conftest's `rendered` writes through it)
from tests.plans.probe_scores import ProbeChecks

HERE = Path(__file__).parent


class TestProbe9(ProbeChecks):
    # What the parser reaches on every document and column, from text and in the real formats, after
    # the rules learnt from this probe (before them: TOTAL task_f1 0.700, dept_f1 0.700, lead_ok
    # 0.700, task_targets_f1 0.688, meta_ok 0.958, reporting_f1 0.950, in both; see NOTES.md).
    folder = HERE
    lines = (25, 150)
    reader_notes = ("文件编码按 gb18030 读取",)  # the GBK text file says how it was read, on purpose


def test_the_provincial_matrix_gives_each_task_its_marked_units(rendered):
    plan = parse_file(rendered["a_chengyue_province.docx"])
    assert plan["region"] == "澄岳省" and len(plan["tasks"]) == 10
    second = next(t for t in plan["tasks"] if t["title"] == "推动高校和科研机构专利转化运用")
    assert second["lead"] == ["省科技厅", "省教育厅"]
    assert second["departments"] == ["省市场监管局（省知识产权局）", "省科技厅", "省教育厅", "省工业和信息化厅", "各设区市人民政府"]
    assert {"month": 2, "day": 28} in [r["due"] for r in plan["reporting"]]


def test_a_footnoted_table_tags_its_rows_and_its_mark_leaves_the_names(parsed, rendered):
    for plan in (parsed["b_weipu_footnotes"], parse_file(rendered["b_weipu_footnotes.html"])):
        tags = {i["name"]: i["tags"] for i in plan["indicators"] if i["source"] == "table"}
        assert tags["每万人口高价值发明专利拥有量"] == ["约束性"] and tags["有效商标注册量"] == ["预期性"]
        assert "累计值" in tags["知识产权质押融资登记金额"]
        assert not any("*" in i["name"] or i["name"].endswith("每年") for i in plan["indicators"])


def test_sub_tasks_are_refs_under_their_items(rendered):
    plan = parse_file(rendered["c_liugang_subtasks.pdf"])
    assert [t["ref"] for t in plan["tasks"]][:3] == ["二/1/1.1", "二/1/1.2", "二/1/1.3"]
    assert plan["tasks"][0]["title"] == "实施专利质量提升计划"


def test_the_renderings_are_laid_out_as_real_ones(rendered):
    with zipfile.ZipFile(rendered["a_chengyue_province.docx"]) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert 'w:leader="dot"' in body and "TOC \\o" in body and 'w:orient="landscape"' in body and "●" in body
    page = rendered["b_weipu_footnotes.html"].read_text(encoding="utf-8")
    assert "<sup>*</sup>" in page and "注：1. 带*的为约束性指标" in page
    raw = rendered["d_yuanping_gbk.txt"].read_bytes()
    assert b"\r\n" in raw and "　　".encode("gbk") in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
