"""Render the ninth probe's documents in the formats they really come in (authored fixtures).

Each ``X.txt`` is the document's text as a reader should give it back (``d`` is itself the real
format's text); the file that is scored is the one written here:

- ``a_chengyue_province.docx``: a **provincial** plan behind its notice; a **目录** as Word builds it
  (a ``TOC`` field whose entries are ``TOC 1`` paragraphs, title, a right tab stop **with a dotted
  leader**, page number); the appendix's task table in a **landscape section** of its own, a
  **responsibility matrix** (one column per unit, ``●`` lead / ``○`` partner in the cells) with
  its legend ``注：●为牵头单位，○为配合单位。`` under it;
- ``b_weipu_footnotes.html``: a government page whose indicator table marks some names with a
  superscript ``<sup>*</sup>`` and carries its **footnotes** (``注：1. 带*的为约束性指标…；2. …``) in a
  small paragraph under it; relative goals in prose (``较2024年增长50%``, ``比上年提高2个百分点``);
- ``c_liugang_subtasks.pdf``: tasks ``1.`` headings with **sub-tasks ``1.1``, ``1.2``** each closed
  by its list; ``每月最后一个工作日前`` reporting;
- ``d_yuanping_gbk.txt``: Word's "save as plain text" on a Chinese Windows: **GBK**, **CRLF** line
  ends, paragraphs indented with **full-width spaces**, tables as tab-separated lines, units of a
  list set apart by full-width spaces.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

from tests.plans.probe_scores import render_into
from tests.plans_read.docx_builder import new_document
from tests.plans_read.pdf_builder import write_pdf
from tests.plans_variants.render import GOV_PAGE

HERE = Path(__file__).parent
TOC_LINE = re.compile(r"^(.+?)…+(\d+)$")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def lines_of(stem: str) -> list[str]:
    raw = (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    return [line if "\t" in line else line.strip() for line in raw if line.strip()]


def _field_char(paragraph, kind: str, instruction: str = "") -> None:
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
    if instruction:
        code = paragraph.add_run()
        code._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve">{instruction}</w:instrText>'))
        paragraph.add_run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))


def _toc_entry(document, title: str, page: str, first: bool, last: bool) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(15.5), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    if first:
        _field_char(paragraph, "begin", ' TOC \\o "1-2" \\h \\z \\u ')
    paragraph.add_run(title)
    paragraph.add_run("\t")
    paragraph.add_run(page)
    if last:
        _field_char(paragraph, "end")


def write_province_docx(stem: str, path: Path) -> None:
    """Notice, page break, the plan's title and its 目录 field, the body; the 附件 in a landscape section."""
    document = new_document()
    lines = lines_of(stem)
    k = 0
    while k < len(lines):
        line = lines[k]
        if TOC_LINE.match(line):
            end = k
            while end < len(lines) and TOC_LINE.match(lines[end]):
                end += 1
            for j in range(k, end):
                title, page = TOC_LINE.match(lines[j]).groups()  # type: ignore[union-attr]
                _toc_entry(document, title, page, j == k, j == end - 1)
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            k = end
            continue
        if line == "附件":  # the appendix opens a landscape section of its own
            section = document.add_section(WD_SECTION.NEW_PAGE)
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
            document.add_paragraph(line)
        elif "\t" in line:
            end = k
            while end < len(lines) and "\t" in lines[end]:
                end += 1
            rows = [row.split("\t") for row in lines[k:end]]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = value
                    if r > 0 and 2 <= c < len(row) - 1:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    for run in cell.paragraphs[0].runs:
                        run.font.size = Pt(9)
            k = end
            continue
        elif k == 0 or line.startswith("澄岳省知识产权强省") or line == "重点任务责任分工表":
            document.add_paragraph(line, style="Title")
        elif re.match(r"^[一二三四五六七八九十]+、", line):
            document.add_paragraph(line, style="Heading 1")
        elif DATE.match(line) or (k + 1 < len(lines) and DATE.match(lines[k + 1])):
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if DATE.match(line):
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif line.replace("　", "") == "目录":
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            document.add_paragraph(line)
        k += 1
    document.save(str(path))


def write_footnoted_html(stem: str, path: Path) -> None:
    """Body paragraphs in the page's article; the table's starred names as ``<sup>*</sup>``."""
    lines = lines_of(stem)
    body, k = [], 1
    while k < len(lines):
        line = lines[k]
        if "\t" in line:
            end = k
            while end < len(lines) and "\t" in lines[end]:
                end += 1
            rows = [row.split("\t") for row in lines[k:end]]
            cells = []
            for r, row in enumerate(rows):
                tag = "th" if r == 0 else "td"
                out = [html.escape(v[:-1]) + "<sup>*</sup>" if v.endswith("*") else html.escape(v) for v in row]
                cells.append("<tr>" + "".join(f"<{tag}>{v}</{tag}>" for v in out) + "</tr>")
            body.append("<table border='1' cellspacing='0' cellpadding='4' style='width:90%;margin:auto'>"
                        + "".join(cells) + "</table>")
            k = end
            continue
        if line.startswith("表1"):
            body.append(f"<p style='text-align:center'><strong>{html.escape(line)}</strong></p>")
        elif line.startswith("注："):
            body.append(f"<p style='font-size:12px;text-indent:0'>{html.escape(line)}</p>")
        elif DATE.match(line) or (k + 1 < len(lines) and DATE.match(lines[k + 1])):
            body.append(f"<p style='text-align:right'>{html.escape(line)}</p>")
        else:
            body.append(f"<p style='text-indent:2em'>{html.escape(line)}</p>")
        k += 1
    page = GOV_PAGE.format(title=html.escape(lines[0]), views=1024, body="\n".join(body))
    path.write_text(page, encoding="utf-8")


def write_subtask_pdf(stem: str, path: Path) -> None:
    """``1.`` headings bold and flush left, ``1.1`` sub-tasks indented under them."""
    lines = lines_of(stem)
    parts = [f"<h1>{html.escape(lines[0])}</h1>"]
    for k, line in enumerate(lines[1:], start=1):
        if re.match(r"^\d\. ", line):
            parts.append(f"<p class='noindent'><b>{html.escape(line)}</b></p>")
        elif re.match(r"^\d\.\d ", line):
            parts.append(f"<p style='text-indent:0;padding-left:2em'>{html.escape(line)}</p>")
        elif DATE.match(line) or (k + 1 < len(lines) and DATE.match(lines[k + 1])):
            parts.append(f"<p style='text-align:right'>{html.escape(line)}</p>")
        else:
            parts.append(f"<p>{html.escape(line)}</p>")
    write_pdf(path, "".join(parts))


def write_gbk_text(stem: str, path: Path) -> None:
    text = (HERE / f"{stem}.txt").read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", "\r\n").encode("gbk"))


RENDERINGS = {
    "a_chengyue_province.docx": write_province_docx,
    "b_weipu_footnotes.html": write_footnoted_html,
    "c_liugang_subtasks.pdf": write_subtask_pdf,
    "d_yuanping_gbk.txt": write_gbk_text,
}


def render_all(out: Path) -> dict[str, Path]:
    return render_into(RENDERINGS, out)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1]))
