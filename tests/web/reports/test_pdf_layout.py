"""The annual report of the demo programme as PDF, measured: GB/T 9704-2012's checkable rules."""

from __future__ import annotations

import pytest

from ipcity.reports.document import Document
from ipcity.reports.render.pdf import render_pdf

from . import layout

pytestmark = pytest.mark.django_db

RARE = "珺堃喆昇翀淏玥犇镕燚赟龑"


@pytest.fixture(scope="module")
def annual(demo):
    return demo.built["annual", "pdf"].content


def test_a4_pages(annual):
    pages = layout.pages(annual)
    assert len(pages) >= 3
    for page in pages:
        assert page.width == pytest.approx(layout.PAGE[0], abs=1) and page.height == pytest.approx(layout.PAGE[1], abs=1)


def test_every_body_character_inside_the_text_block(annual):
    for page in layout.pages(annual):
        left, top, right, bottom = layout.block(page.page_number)
        chars = layout.body_chars(page)
        assert chars, f"page {page.page_number} is empty"
        outside = [(c["text"], round(c["x0"] / layout.MM, 1), round(c["top"] / layout.MM, 1)) for c in chars
                   if c["x0"] < left - layout.TOL or c["x1"] > right + layout.TOL
                   or c["top"] < top - layout.TOL or c["bottom"] > bottom + layout.TOL]
        assert not outside, f"page {page.page_number}: outside the text block: {outside[:5]}"


def test_the_grid_22_lines_of_28_characters(annual):
    full_lines, pitches = 0, []
    for page in layout.pages(annual):
        left, _top, right, _bottom = layout.block(page.page_number)
        lines = layout.lines_of(layout.body_chars(page))
        assert len(lines) <= 22, f"page {page.page_number}: {len(lines)} lines of 16 pt text"
        for line in lines:
            text = "".join(c["text"] for c in line)
            assert layout.width_in_characters(line) <= 28, f"page {page.page_number}: {text}"
            full_lines += line[-1]["x1"] - left >= 0.97 * (right - left)
        # Consecutive lines of a paragraph are on the 28.9 pt pitch.
        pitches += [round(b[0]["bottom"] - a[0]["bottom"], 1) for a, b in zip(lines, lines[1:], strict=False)]
    assert pitches.count(28.9) >= 10
    assert full_lines >= 5  # justified paragraphs really fill the 28-character line


def test_page_numbers_right_on_odd_left_on_even(annual):
    for page in layout.pages(annual):
        number = layout.page_number_text(page)
        assert number is not None, f"page {page.page_number} has no number"
        text, (x0, x1, top) = number
        assert text.replace(" ", "") == f"—{page.page_number}—"
        left, _top, right, bottom = layout.block(page.page_number)
        assert top == pytest.approx(bottom + 7 * layout.MM, abs=2 * layout.MM)  # 7 mm below the block
        if page.page_number % 2:
            assert x1 == pytest.approx(right - 14, abs=3)  # right, one 14 pt character in
        else:
            assert x0 == pytest.approx(left + 14, abs=3)
        sizes = {round(c["size"]) for c in page.chars if c["top"] > bottom}
        assert sizes == {14}


def test_no_missing_glyph_in_the_report(annual):
    assert layout.missing_glyphs(annual) == []


def test_rare_name_characters_fall_back_never_missing():
    doc = Document(kind="annual", title="生僻字" + RARE[:4])
    doc.h(1, "一、" + RARE)
    doc.p("参会人员：" + "、".join(RARE) + "。")
    doc.table("表", ["姓名"], [[ch] for ch in RARE])
    pdf = render_pdf(doc)
    assert layout.missing_glyphs(pdf) == []
    drawn = {c["text"]: c["fontname"].split("+", 1)[-1] for page in layout.pages(pdf) for c in page.chars}
    assert set(RARE) <= set(drawn)
    # FandolFang lacks some of them: the chain's fallback really drew those.
    assert {drawn[ch] for ch in RARE} - {"ReportFang"}


def test_a_full_page_is_exactly_22_lines_of_28_characters():
    doc = Document(kind="annual", title="版心测试")
    text = "知识产权强市建设工作稳步推进各项任务按计划落实" * 6
    for _ in range(30):
        doc.p(text)
    pdf = render_pdf(doc)
    page = layout.pages(pdf)[1]  # page 2: body text only, from top to bottom
    lines = layout.lines_of(layout.body_chars(page))
    assert len(lines) == 22
    inner = [line for line in lines if line[0]["x0"] - layout.block(2)[0] < 1]  # not a first line (indented)
    assert inner and all(len(line) == 28 for line in inner[:-1])


def test_long_title_wraps_as_a_trapezoid():
    from ipcity.reports.document import _width, title_lines

    title = "示例市国家知识产权强市建设试点城市工作方案2026年知识产权发展与保护状况白皮书"
    lines = title_lines(title)
    assert "".join(lines) == title and len(lines) == 3
    assert all(_width(a) >= _width(b) for a, b in zip(lines, lines[1:], strict=False))  # digits count ½
    assert not any(line.endswith("202") for line in lines)  # a number is never split
    pdf = render_pdf(Document(kind="whitepaper", title=title))
    page = layout.pages(pdf)[0]
    rows = layout.lines_of(page.chars, size=22)
    assert ["".join(c["text"] for c in row) for row in rows] == lines
