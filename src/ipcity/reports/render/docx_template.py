"""The shipped Word template, generated with python-docx (reproducible: same code, same template).

``python -m ipcity.reports.render.docx_template OUT.docx`` writes it, so the office can start
its own from it. It is one template for every kind: docxtpl fills it from the composed document
(``title``, ``blocks``…, see ``FIELDS``). Layout per GB/T 9704-2012: A4, mirrored margins
37/35 mm top/bottom, 28 mm binding (inside), 26 mm outside; 16 pt 仿宋_GB2312 on a document grid
of 22 lines (28.9 pt pitch, also as exact line spacing) of 28 characters; headings in 黑体 and
楷体_GB2312, the title in 22 pt 方正小标宋简体; page numbers ``— N —`` in 14 pt 宋体, right on odd
pages and left on even pages, one character in. The East-Asian font slot (``w:eastAsia``) is set
on every style and on the document defaults, so Word never falls back to a Japanese face.
"""

from __future__ import annotations

import io
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ipcity.reports.fonts import WORD

LINE_PITCH = 28.9  # pt: 225 mm / 22 lines, as measured (docs/reports.md)
BODY = 16
RED = RGBColor(0xD4, 0x00, 0x00)
# What a template may use (the top-level names of the context); each block has type, text,
# caption, head, rows, and for tables ``subdoc``, for charts ``image``.
FIELDS = ("kind", "title", "blocks", "addressee", "signature", "date", "masthead", "doc_number")


def jinja_environment():
    """The one Jinja environment a Word template is parsed and rendered in: the sandbox (no
    attribute that starts with ``_``, no unsafe call, ranges capped), autoescaped, and without a
    loader, so that an office's template, which is code the server runs, reaches nothing but the
    report's fields (reports.templates_check refuses the rest at upload)."""
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True)


def set_font(rpr_owner, name: str, size: float | None = None) -> None:
    """Name the font in every slot (Latin and East-Asian) through oxml; python-docx's ``Font.name``
    sets only the Latin ones."""
    font = rpr_owner.font
    font.name = name
    if size is not None:
        font.size = Pt(size)
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def _exact(fmt, pitch: float = LINE_PITCH) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _defaults(doc) -> None:
    """Document defaults: 仿宋_GB2312 in every slot (the rPrDefault), zh-CN."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), WORD["fang"])
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    set_font(normal, WORD["fang"], BODY)
    _exact(normal.paragraph_format)
    normal.paragraph_format.first_line_indent = Pt(2 * BODY)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = False
    for level, face in ((1, "hei"), (2, "kai"), (3, "fang")):
        style = doc.styles[f"Heading {level}"]
        set_font(style, WORD[face], BODY)
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        _exact(style.paragraph_format)
        style.paragraph_format.first_line_indent = Pt(2 * BODY)
        style.paragraph_format.keep_with_next = True
    title = doc.styles["Title"]
    set_font(title, WORD["xbs"], 22)
    title.font.bold = False
    title.font.color.rgb = RGBColor(0, 0, 0)
    pf = title.paragraph_format
    _exact(pf, 36)  # a 22 pt line needs more than the body pitch; the grid snaps it to two lines
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf.space_before, pf.space_after = Pt(LINE_PITCH), Pt(LINE_PITCH)
    pf.first_line_indent = Pt(0)
    # Remove the theme's border under Title in python-docx's default template.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    caption = doc.styles["Caption"]
    set_font(caption, WORD["hei"], 12)
    caption.font.bold = False
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    _exact(caption.paragraph_format, 18)
    table = doc.styles["Table Grid"]
    set_font(table, WORD["fang"], 10.5)


def _grid_and_margins(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)  # inside / outside under mirrored margins
    section.footer_distance = Mm(22)  # the page number's top about 7 mm below the text block
    section.header_distance = Mm(15)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH * 20)))  # twentieths of a point: 578
    # charSpace: the extra width per character in 1/4096 pt over the font size, so that 28
    # characters fill 156 mm (442.2 pt → 15.79 pt per character: -0.21 pt × 4096).
    grid.set(qn("w:charSpace"), str(round((Mm(156).pt / 28 - BODY) * 4096)))
    settings = doc.settings.element
    for tag in ("w:mirrorMargins", "w:evenAndOddHeaders"):
        if settings.find(qn(tag)) is None:
            settings.append(OxmlElement(tag))


def _page_number(paragraph) -> None:
    """``— N —`` with a PAGE field, 14 pt 宋体."""
    def run(text: str = ""):
        r = paragraph.add_run(text)
        set_font(r, WORD["song"], 14)
        return r

    run("— ")
    begin, instr, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, end):
        run()._r.append(element)
    run(" —")


def _footers(doc) -> None:
    section = doc.sections[0]
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    odd.paragraph_format.first_line_indent = Pt(0)
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    even.paragraph_format.first_line_indent = Pt(0)
    _page_number(even)


def _tag(doc, text: str) -> None:
    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Pt(0)


def _body(doc) -> None:
    _tag(doc, "{%p if masthead %}")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.space_before = Mm(35)
    _exact(p.paragraph_format, 40)
    r = p.add_run("{{ masthead }}")
    set_font(r, WORD["xbs"], 30)
    r.font.color.rgb = RED
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.space_before = Pt(2 * LINE_PITCH)
    p.add_run("{{ doc_number }}")
    rule = doc.add_paragraph()  # the red rule: a bottom border 4 mm below the number
    rule.paragraph_format.first_line_indent = Pt(0)
    _exact(rule.paragraph_format, Mm(4).pt)
    ppr = rule._p.get_or_add_pPr()
    borders, bottom = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "0"), ("w:color", "D40000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    _tag(doc, "{%p endif %}")
    doc.add_paragraph("{{ title }}", style="Title")
    _tag(doc, "{%p if addressee %}")
    p = doc.add_paragraph("{{ addressee }}")
    p.paragraph_format.first_line_indent = Pt(0)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for b in blocks %}")
    _tag(doc, '{%p if b.type == "h1" %}')
    doc.add_paragraph("{{ b.text }}", style="Heading 1")
    _tag(doc, '{%p elif b.type == "h2" %}')
    doc.add_paragraph("{{ b.text }}", style="Heading 2")
    _tag(doc, '{%p elif b.type == "h3" %}')
    doc.add_paragraph("{{ b.text }}", style="Heading 3")
    _tag(doc, '{%p elif b.type == "p" %}')
    doc.add_paragraph("{{ b.text }}")
    _tag(doc, '{%p elif b.type == "table" %}')
    _tag(doc, "{%p if b.caption %}")
    doc.add_paragraph("{{ b.caption }}", style="Caption")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{{p b.subdoc }}")
    _tag(doc, '{%p elif b.type == "chart" %}')
    p = doc.add_paragraph("{{ b.image }}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    doc.add_paragraph("{{ b.caption }}", style="Caption")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    for field, space in (("signature", LINE_PITCH), ("date", 0)):
        p = doc.add_paragraph("{{ %s }}" % field)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.right_indent = Pt(4 * BODY)  # the date 4 characters in from the right
        p.paragraph_format.space_before = Pt(space)


def build_template() -> bytes:
    """The default template as .docx bytes."""
    doc = Document()
    doc.core_properties.author = "ipcity"
    doc.core_properties.title = "ipcity report template"
    _defaults(doc)
    _styles(doc)
    _grid_and_margins(doc)
    _footers(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _body(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()



if __name__ == "__main__":  # pragma: no cover - a maintenance command
    with open(sys.argv[1], "wb") as fh:
        fh.write(build_template())
