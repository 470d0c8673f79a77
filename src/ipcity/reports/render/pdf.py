"""The document as PDF with WeasyPrint: an HTML template and the GB/T 9704-2012 stylesheet."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from ipcity.reports import fonts
from ipcity.reports.document import Document

CSS_FILE = Path(__file__).resolve().parents[1] / "templates" / "reports" / "document.css"


def stylesheet() -> str:
    css = CSS_FILE.read_text(encoding="utf-8")
    for name, chain in (("__FANG__", fonts.FANG), ("__HEI__", fonts.HEI), ("__KAI__", fonts.KAI),
                        ("__XBS__", fonts.XBS), ("__SONG__", fonts.SONG)):
        css = css.replace(name, chain)
    return css


def render_html(doc: Document) -> str:
    return render_to_string("reports/document.html", {"doc": doc.context(), "css": stylesheet(),
                                                      "font_faces": fonts.font_faces()})


def render_pdf(doc: Document) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(doc), base_url=str(CSS_FILE.parent)).write_pdf()
