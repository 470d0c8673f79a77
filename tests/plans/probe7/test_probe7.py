"""The seventh blind probe: four authored documents in layouts not met before.

The documents were written blind to the parser's rules and scored before any fix (``NOTES.md`` has
those figures and every judgment call of the gold). The file that counts is each document in its
real format (``render.py``: a 红头文件 PDF as WPS exports it, with its plan's 附件1 indicator table
and 附件2 task table over page breaks without their headers repeated; a county plan in Word whose
tasks are given units by a 各部门职责分工 section; an old government page of ``<center>``, ``<font>``
and ``<span>`` runs; a plan copied out of a PDF as text, its lines broken every 30 characters and
its page numbers left in). Both are scored with the shared ``plan_score.py`` and must keep what the
parser now reaches on every document and column.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber

from ipcity.plans import parse_file
from tests.plans.probe7.render import render_all  # noqa: F401  (conftest's `rendered` writes through it)
from tests.plans.probe_scores import ProbeChecks

HERE = Path(__file__).parent
PAGE_NUMBER = re.compile(r"^\s*[—-]\s*\d+\s*[—-]\s*$")


class TestProbe7(ProbeChecks):
    # What the parser reaches on every document and column, from text and in the real formats, after
    # the rules learnt from this probe (before them: TOTAL task_f1 0.917, dept_f1 0.731, lead_ok
    # 0.719, task_targets_f1 0.812, reporting_f1 0.950; in the real formats also ind_f1 0.985 and
    # meta_ok 0.958, see NOTES.md).
    folder = HERE
    lines = (25, 150)

    def gold_text(self, doc: Path) -> str:
        """The copied PDF's page numbers, which cut a unit's name, aside."""
        return "\n".join(ln for ln in doc.read_text(encoding="utf-8").splitlines() if not PAGE_NUMBER.match(ln))


def test_the_red_head_document_is_dated_by_its_signature_and_its_groups_are_no_tags(rendered):
    plan = parse_file(rendered["a_huaipi_redhead.pdf"])
    # the 版记's 印发 date (4月12日) is when the office printed it, not the date of issue
    assert plan["issued_on"] == "2023-04-10" and plan["doc_number"] == "槐政办〔2023〕12号"
    assert len(plan["indicators"]) == 9 and all(i["tags"] == [] for i in plan["indicators"])
    assert all(len(i["targets"]) == 3 for i in plan["indicators"])  # 年均增速 is no target


def test_the_duties_section_gives_units_and_is_no_task(parsed):
    plan = parsed["b_chengzhu_duties"]
    assert [t["ref"] for t in plan["tasks"]] == ["二/1", "二/2", "二/3", "三/4", "三/5", "三/6", "四/7", "四/8", "四/9"]
    assert all(t["departments"] for t in plan["tasks"])


def test_word_draws_the_sub_item_numbers_and_the_pdf_repeats_no_table_header(rendered):
    with zipfile.ZipFile(rendered["b_chengzhu_duties.docx"]) as package:
        body = package.read("word/document.xml").decode("utf-8")
        numbering = package.read("word/numbering.xml").decode("utf-8")
    assert "①" not in body and "(1)" not in body and "decimalEnclosedCircle" in numbering
    with pdfplumber.open(rendered["a_huaipi_redhead.pdf"]) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    carried = next(k for k, text in enumerate(pages) if "知识产权公共服务网点（个）" in text)
    assert "指标名称" in pages[carried - 1] and "指标名称" not in pages[carried]
    assert "— 2 —" in pages[1] and "抄送：" in pages[-1]


def test_the_old_page_and_the_copied_text_are_laid_out_as_they_come(rendered):
    page = rendered["c_liaoyuan_oldpage.html"].read_text(encoding="utf-8")
    assert "<center>" in page and "<h1" not in page and page.count("<span") > 150 and "【" in page
    copied = rendered["d_kotan_pdfcopy.txt"].read_text(encoding="utf-8").splitlines()
    assert max(len(ln) for ln in copied) <= 32 and sum(bool(PAGE_NUMBER.match(ln)) for ln in copied) == 2
