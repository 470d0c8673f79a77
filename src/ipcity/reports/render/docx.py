"""The document as .docx: docxtpl fills the (shipped or the office's own) Word template.

Tables are sub-documents built with python-docx in the template's own styles; charts are PNG
pictures rasterised from the same SVG the PDF draws as vectors (WeasyPrint → PDF → ``pdftoppm``
at 200 dpi): every Word version shows a PNG, while SVG in .docx needs Word 2016 or later and
LibreOffice/WPS render it unevenly, so the PNG is the robust choice for a document the office edits.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

from ipcity.reports import fonts
from ipcity.reports.document import Document
from ipcity.reports.render.docx_template import build_template, jinja_environment, set_font
from ipcity.text import without_xml_illegal

CHART_WIDTH_MM = 150


def chart_pngs(svgs: list[str]) -> list[bytes]:
    """Every chart as a PNG, in one WeasyPrint pass and one ``pdftoppm`` call (one page per chart)."""
    if not svgs:
        return []
    from weasyprint import HTML

    pages = "".join(f'<section style="page-break-after: always">{svg}</section>' for svg in svgs)
    html = (f"<html><head><style>{fonts.font_faces()} @page {{ size: 420pt 200pt; margin: 0 }} "
            f"body {{ margin: 0 }} svg {{ display: block; width: 420pt; height: 200pt }}</style></head>"
            f"<body>{pages}</body></html>")
    pdf = HTML(string=html).write_pdf()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "charts.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "200", str(path), str(Path(tmp) / "c")], check=True,
                       capture_output=True, timeout=120)
        files = sorted(Path(tmp).glob("c-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [f.read_bytes() for f in files][: len(svgs)]


def _table(tpl, block: dict):
    sub = tpl.new_subdoc()
    head, rows = block["head"], block["rows"]
    table = sub.add_table(rows=1 + len(rows), cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = block.get("widths") or [100 / len(head)] * len(head)
    for r, values in enumerate([head, *rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = Mm(156 * widths[c] / sum(widths))
            p = cell.paragraphs[0]
            p.paragraph_format.first_line_indent = Pt(0)
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(str(value))
            set_font(run, fonts.WORD["hei" if r == 0 else "fang"], 10.5)
    return sub


def _xml_safe(value):
    """The context without the control characters a .docx cannot hold: a name pasted with a bell or
    Word's vertical tab made python-docx refuse the whole document (the report FAILED; hostile30)."""
    if isinstance(value, str):
        return without_xml_illegal(value)
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_xml_safe(v) for v in value]
    if type(value) is tuple:
        return tuple(_xml_safe(v) for v in value)
    return value


def template_bytes(template: bytes | None) -> bytes:
    return template if template is not None else build_template()


def render_docx(doc: Document, template: bytes | None = None) -> bytes:
    from docxtpl import DocxTemplate, InlineImage

    tpl = DocxTemplate(io.BytesIO(template_bytes(template)))
    context = _xml_safe(doc.context())
    charts = [b for b in context["blocks"] if b["type"] == "chart"]
    for block, png in zip(charts, chart_pngs([b["svg"] for b in charts]), strict=True):
        block["image"] = InlineImage(tpl, io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
    for block in context["blocks"]:
        if block["type"] == "table":
            block["subdoc"] = _table(tpl, block)
    tpl.render(context, jinja_env=jinja_environment(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
