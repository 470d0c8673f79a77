"""The .docx: official font names in the East-Asian slot, mirrored margins, the 22-line grid,
page numbers ``— N —`` right on odd and left on even pages, charts and tables filled in."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from ipcity.reports.render.docx_template import build_template

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def annual(demo):
    return demo.built["annual", "docx"].content


def _slots(style) -> dict[str, str]:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return {slot: fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia")}


def test_fonts_in_the_east_asian_slot(annual):
    document = docx.Document(io.BytesIO(annual))
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312",
                "Heading 3": "仿宋_GB2312"}
    for name, font in expected.items():
        style = document.styles[name]
        assert _slots(style) == {"ascii": font, "hAnsi": font, "eastAsia": font}, name
        assert style.font.size.pt == (22 if name == "Title" else 16)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings][:2] == ["一、总体情况", "二、指标完成情况"]


def test_margins_mirrored_and_grid(annual):
    document = docx.Document(io.BytesIO(annual))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    settings = document.settings.element
    assert settings.find(qn("w:mirrorMargins")) is not None and settings.find(qn("w:evenAndOddHeaders")) is not None
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "578"  # 28.9 pt
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing.pt == pytest.approx(28.9)
    # 22 lines of 28.9 pt fill the 225 mm block; 28 characters of 16 pt + charSpace fill 156 mm.
    assert 22 * 28.9 == pytest.approx(Mm(225).pt, abs=3)
    assert 28 * (16 + int(grid.get(qn("w:charSpace"))) / 4096) == pytest.approx(Mm(156).pt, abs=0.5)


def test_page_numbers_odd_right_even_left(annual):
    document = docx.Document(io.BytesIO(annual))
    section = document.sections[0]
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.paragraph_format.alignment.name.lower() == alignment
        xml = paragraph._p.xml
        assert "PAGE" in xml and paragraph.text.replace(" ", "") == "——"  # the field sits between the dashes
        assert {r.font.size.pt for r in paragraph.runs if r.text} == {14}


def test_charts_and_tables_filled_in(annual, demo):
    document = docx.Document(io.BytesIO(annual))
    snapshot = demo.built["annual", "docx"].snapshot
    charted = sum(1 for r in snapshot["indicators"] if r["series"])
    assert len(document.inline_shapes) == charted > 0
    with zipfile.ZipFile(io.BytesIO(annual)) as archive:
        body = archive.read("word/document.xml").decode()
        assert all(name.endswith(".png") for name in archive.namelist() if name.startswith("word/media/"))
    assert "{{" not in body and "{%" not in body
    assert len(document.tables) >= 2 + len(snapshot["sections"])


def test_template_is_reproducible():
    def parts(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}  # times

    assert parts(build_template()) == parts(build_template())
