"""report-layout.md (GB/T 9704-2012, the checkable rules): the elements of a 情况通报's first page,
measured in the PDF with pdfplumber. The page and grid rules (A4, text block, 22 × 28, page
numbers) are measured on the demo's annual report in tests/web/reports/test_pdf_layout.py.

Distances are in mm from the top of the text block (37 mm from the top of the page); a text
line's top and bottom are its characters' em box (pdfplumber's ``top``/``bottom``). Tolerance
1 mm, the spec's type-area tolerance.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict

import pdfplumber
import pytest

from ipcity.reports.document import Document, cn_date
from ipcity.reports.render.pdf import render_pdf
from tests.web.reports import layout

MM = layout.MM
TOL = 1.0  # mm
LEFT, RIGHT = 28.0, 184.0  # page 1 (odd): binding margin 28 mm on the left, 26 mm on the right
LINE = 28.9 / MM  # one line of the grid, in mm (28.9 pt ≈ 10.2 mm)


@pytest.fixture(scope="module")
def first_page():
    doc = Document(kind="bulletin", title="关于2026年第一季度工作进展的情况通报", addressee="各成员单位：",
                   signature="示例市知识产权局", date=cn_date(dt.date(2026, 1, 5)),
                   masthead="知识产权强市建设工作情况通报", doc_number="强市办〔2026〕7号")
    doc.h(1, "一、报送情况")
    doc.h(2, "（一）按时报送")
    doc.h(3, "1.按时报送单位")
    doc.p("正文段落。")
    page = pdfplumber.open(io.BytesIO(render_pdf(doc))).pages[0]
    rows: dict[float, list[dict]] = defaultdict(list)
    for c in page.chars:
        if c["text"].strip():
            rows[round(c["top"], 1)].append(c)
    lines = {"".join(c["text"] for c in cs): sorted(cs, key=lambda c: c["x0"]) for _, cs in sorted(rows.items())}
    return page, lines


def _top(chars):  # mm below the top of the text block
    return min(c["top"] for c in chars) / MM - 37


def _bottom(chars):
    return max(c["bottom"] for c in chars) / MM - 37


def _centre(chars):
    return (chars[0]["x0"] + chars[-1]["x1"]) / 2 / MM


def _red(color) -> bool:
    return bool(color) and len(color) == 3 and color[0] > 0.6 and color[1] < 0.2 and color[2] < 0.2


def test_masthead_centred_red_xiaobiaosong_top_35_mm_below_the_block(first_page):
    # "centred, red, 小标宋; its top edge 35 mm below the top of the text block"
    _page, lines = first_page
    mast = lines["知识产权强市建设工作情况通报"]
    assert _top(mast) == pytest.approx(35, abs=TOL)
    assert _centre(mast) == pytest.approx((LEFT + RIGHT) / 2, abs=TOL)
    assert all(_red(c["non_stroking_color"]) for c in mast)
    assert all("Serif-CJK-SC-Bold" in c["fontname"] for c in mast)  # the 小标宋 stand-in


def test_document_number_two_lines_below_the_masthead_centred_16pt(first_page):
    # "机关代字〔2026〕7号 … two lines below the masthead, 三号仿宋, centred": two empty lines of
    # 28.9 pt between the masthead's bottom and the number's line (±1 mm for the line's leading)
    _page, lines = first_page
    number, mast = lines["强市办〔2026〕7号"], lines["知识产权强市建设工作情况通报"]
    assert all(c["size"] == pytest.approx(16, abs=0.01) and "ReportFang" in c["fontname"] for c in number)
    assert _centre(number) == pytest.approx((LEFT + RIGHT) / 2, abs=TOL)
    assert _top(number) - _bottom(mast) == pytest.approx(2 * LINE, abs=TOL + 0.2)


def test_red_rule_4_mm_below_the_document_number_the_full_156_mm(first_page):
    # "4 mm below the document number, the full 156 mm"
    page, lines = first_page
    number = lines["强市办〔2026〕7号"]
    (rule,) = [r for r in page.rects + page.lines if _red(r.get("non_stroking_color") or r.get("stroking_color"))]
    assert rule["top"] / MM - 37 - _bottom(number) == pytest.approx(4, abs=TOL)
    assert (rule["x0"] / MM, rule["x1"] / MM) == (pytest.approx(LEFT, abs=0.3), pytest.approx(RIGHT, abs=0.3))


def test_title_22pt_centred_two_lines_below_the_red_rule(first_page):
    page, lines = first_page
    title = lines["关于2026年第一季度工作进展的情况通报"]
    (rule,) = [r for r in page.rects + page.lines if _red(r.get("non_stroking_color") or r.get("stroking_color"))]
    assert all(c["size"] == pytest.approx(22, abs=0.01) for c in title)
    assert _centre(title) == pytest.approx((LEFT + RIGHT) / 2, abs=TOL)
    # two empty lines, then the title's line (its 22 pt text sits in a 28.9 pt line: ≤ 3.5 mm more)
    gap = _top(title) - rule["bottom"] / MM + 37
    assert 2 * LINE - TOL <= gap <= 2 * LINE + 3.5


def test_addressee_flush_left_ending_in_a_full_width_colon(first_page):
    _page, lines = first_page
    addressee = lines["各成员单位："]
    assert addressee[0]["x0"] / MM == pytest.approx(LEFT, abs=0.3)
    assert addressee[-1]["text"] == "："


def test_heading_levels_in_hei_kai_fang_all_16pt(first_page):
    # 一、 黑体 (Noto Sans CJK SC), （一） 楷体 (LXGW WenKai), 1. 仿宋 (FandolFang)
    _page, lines = first_page
    for text, face in (("一、报送情况", "Sans-CJK"), ("（一）按时报送", "WenKai"), ("1.按时报送单位", "ReportFang")):
        assert all(c["size"] == pytest.approx(16, abs=0.01) and face in c["fontname"] for c in lines[text]), text


def test_body_is_16pt_fang_in_black(first_page):
    _page, lines = first_page
    body = lines["正文段落。"]
    assert all(c["size"] == pytest.approx(16, abs=0.01) and "ReportFang" in c["fontname"] for c in body)
    assert all(tuple(c["non_stroking_color"] or (0,)) in ((0,), (0, 0, 0), (0.0, 0.0, 0.0)) for c in body)


def test_date_four_characters_in_from_the_right_arabic_no_zero_padding(first_page):
    # "4 characters in from the right; Arabic numerals, no zero padding (2026年1月5日)"
    _page, lines = first_page
    assert "2026年1月5日" in lines
    date = lines["2026年1月5日"]
    assert RIGHT - date[-1]["x1"] / MM == pytest.approx(4 * 16 / MM, abs=TOL)


@pytest.mark.parametrize(("day", "text"), [((2026, 1, 5), "2026年1月5日"), ((2025, 12, 31), "2025年12月31日"),
                                            ((2026, 10, 1), "2026年10月1日")])
def test_cn_date_has_no_zero_padding(day, text):
    assert cn_date(dt.date(*day)) == text


def test_the_bulletin_document_number_has_the_full_year_and_no_leading_zero():
    # 机关代字〔2026〕7号: the year in full in 六角括号, the number without leading zeros or 第
    from ipcity.reports.compose import _bulletin

    snapshot = {"program": {"issuer": "示例市人民政府", "is_sample": False, "title": "方案", "region": "示例市"},
                "round": {"title": "2026年第一季度", "number": 7, "due_date": "2026-03-31"}, "year": 2026,
                "as_of_date": "2026-04-02", "counts": dict.fromkeys(("red", "yellow", "green", "blue", "grey"), 0),
                "on_time": [], "late": [], "missing": [], "not_due": [], "accepted": [], "returned": [],
                "sections": [], "departments": [], "scorecard": [], "red_cells": [],
                "method": dict.fromkeys(("timeliness", "late_penalty", "returns", "return_penalty",
                                         "completeness"), 0)}
    assert _bulletin(snapshot).doc_number == "强市办〔2026〕7号"


def test_the_bulletin_document_number_has_the_year_it_is_issued():
    # Field test: the bulletin on a round reporting 2025, issued on 2026-12-07, was numbered
    # 强市办〔2025〕1号 under the date 2026年12月7日; a 发文字号 carries the year of issue.
    from ipcity.reports.compose import _bulletin

    snapshot = {"program": {"issuer": "长兴县人民政府办公室", "is_sample": False, "title": "方案", "region": "长兴县"},
                "round": {"title": "2025年度工作进展报送", "number": 1, "due_date": "2026-12-21"}, "year": 2025,
                "as_of_date": "2026-12-07", "counts": dict.fromkeys(("red", "yellow", "green", "blue", "grey"), 0),
                "on_time": [], "late": [], "missing": [], "not_due": [], "accepted": [], "returned": [],
                "sections": [], "departments": [], "scorecard": [], "red_cells": [],
                "method": dict.fromkeys(("timeliness", "late_penalty", "returns", "return_penalty",
                                         "completeness"), 0)}
    document = _bulletin(snapshot)
    # 长兴县 is a county: its 机关代字 is the 强县 programme's (强县办), not a city's
    assert document.doc_number == "强县办〔2026〕1号" and document.date == "2026年12月7日"


def _annual_with_sections(titles: list[str]):
    from ipcity.reports.compose import _annual

    snapshot = {"program": {"issuer": "示例市人民政府", "is_sample": False, "title": "方案", "region": "示例市"},
                "year": 2025, "as_of_date": "2026-01-05", "year_counts": [], "outlook_counts": [],
                "indicators": [], "completion": 50, "problems": [], "behind_indicators": [], "behind_tasks": [],
                "sections": [{"title": t, "count": 0, "done": 0, "completion": 0, "tasks": []} for t in titles]}
    return [b["text"] for b in _annual(snapshot).blocks if b["type"] == "h2"]


def test_a_section_heading_is_renumbered_without_eating_its_own_first_characters():
    # Heading levels (一、 → （一） → 1. → （1）): a plan's section heading is printed at the second
    # level with the report's own （n）, its plan numbering replaced once. Characters of the title
    # itself that happen to be numerals (一体化, 2025年, 十大) stay. Authored headings.
    # Blind second pass (session 29): before the fix the whole leading run of numeral characters
    # was stripped (（二）2025年专利导航工程 → （二）年专利导航工程).
    assert _annual_with_sections(["一、一体化推进知识产权保护", "（一）2025年专利导航工程",
                                  "（二）十大产业知识产权联盟", "3.三年行动计划"]) == [
        "（一）一体化推进知识产权保护", "（二）2025年专利导航工程", "（三）十大产业知识产权联盟", "（四）三年行动计划"]


def test_a_section_known_only_by_its_numbering_is_named_as_that_part_of_the_plan():
    # A section whose heading was not found in the plan's text is titled by its ref ("三/（一）"
    # without the slash). The numbering alone carries no title, and a bare "（一）" is no heading
    # (the layout's levels each carry words), so the report names the part of the plan.
    assert _annual_with_sections(["三（一）", "四"]) == ["（一）方案三（一）项下任务", "（二）方案四项下任务"]


@pytest.mark.parametrize("title", [
    "关于知识产权强市建设2026年第一季度的情况通报",  # the year at the break: was 10 / 12
    "关于知识产权强市建设2026年第3轮的情况通报",
    "的第一季度工作情况通报示例市第一季度关于第3轮第一季度示例市高价值发明专利",  # was 13 / 11.5 / 12
    "示例市国家知识产权强市建设试点城市工作方案2026年知识产权发展与保护状况白皮书",
])
def test_a_wrapped_title_is_a_trapezoid_whatever_falls_at_the_break(title):
    # Title: "wrapped as a trapezoid or diamond". Lines no longer than the one above (the shape
    # the renderer keeps), as few as fit, none over 18 characters of 22 pt, and a run of
    # digits never split. Authored titles; half-width characters count ½.
    from ipcity.reports.document import _width, title_lines

    lines = title_lines(title)
    widths = [_width(line) for line in lines]
    assert "".join(lines) == title
    assert len(lines) == -(-_width(title) // 18)
    assert all(w <= 18 for w in widths)
    assert all(a >= b for a, b in zip(widths, widths[1:], strict=False)), (lines, widths)
    assert all(not (a[-1].isdigit() and b[0].isdigit()) for a, b in zip(lines, lines[1:], strict=False))


def test_second_level_numbers_go_on_past_99():
    # Heading levels: （一）… numbers every indicator of the annual report; a programme with more
    # than 99 indicators used to stop the report with an IndexError at （一百）.
    from ipcity.reports.document import cn_number

    assert [cn_number(n) for n in (1, 10, 12, 21, 99, 100, 101, 110, 115, 120, 999)] == [
        "一", "十", "十二", "二十一", "九十九", "一百", "一百零一", "一百一十", "一百一十五", "一百二十", "九百九十九"]
