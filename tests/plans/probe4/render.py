"""Render the fourth probe's documents in the formats they really come in (authored fixtures).

Each ``X.txt`` is the document's text as a reader should give it back; the file that is scored is
the one written here, in its real format and layout:

- ``a_lanxi_opinions.docx``: the ``一、`` headings are numbered by their **paragraph style** (the
  numbering lives in the Heading 1 style definition, the paragraph has no ``w:numPr``); the task
  items ``1.``…``11.`` by a second Word list that runs on across the ``（一）…（四）`` sections,
  whose ``（一）`` labels are **typed** in the text (mixed, as people type them);
- ``b_heyuan_special.docx``: the indicator table sits **inside a text box** (``mc:AlternateContent``
  with the DrawingML text box and its VML fallback, as Word saves it, so the box's text is in the
  file twice), and the 专栏 is a one-cell frame table holding a **nested table**;
- ``c_lanwan_district.html``: a government page laid out with **tables**, the article's lines
  separated by ``<br>`` inside one cell, the 专栏 table nested in that cell, and a 附件 **link
  list** at its end;
- ``d_zhetang_county.pdf``: the task table's **two-line header** (``责任分工`` spanning
  ``牵头单位 | 配合单位``), ruled, with a running header and page numbers.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.plans.probe_scores import render_into
from tests.plans_read.docx_builder import add_numbering, new_document, numbered_paragraph
from tests.plans_read.pdf_builder import write_pdf
from tests.plans_variants.render import GOV_PAGE

HERE = Path(__file__).parent
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
ITEM = re.compile(r"^\d{1,2}[.．]\s*")
WPS = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:v="urn:schemas-microsoft-com:vml"')


def lines_of(stem: str) -> list[str]:
    return [line.strip() for line in (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def table_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line indexes of each run of tab-separated rows."""
    runs, start = [], None
    for k, line in enumerate(lines + [""]):
        if "\t" in line and start is None:
            start = k
        elif "\t" not in line and start is not None:
            runs.append((start, k - 1))
            start = None
    return runs


def _table_xml(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    grid = "".join('<w:gridCol w:w="1400"/>' for _ in range(width))
    body = "".join("<w:tr>" + "".join(
        f"<w:tc><w:tcPr><w:tcW w:w=\"1400\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>{html.escape(c)}</w:t></w:r></w:p></w:tc>"
        for c in row + [""] * (width - len(row))) + "</w:tr>" for row in rows)
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>"
            f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>")


def write_style_numbered_docx(stem: str, path: Path) -> None:
    """一、 numbered by the Heading 1 style; 1. by a list of their own that runs across sections."""
    document = new_document()
    headings = add_numbering(document, [("chineseCounting", "%1、")], abstract_id=91)
    items = add_numbering(document, [("decimal", "%1.")], abstract_id=92)
    style = document.styles["Heading 1"].element
    style.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{headings.num_id}"/></w:numPr>'))
    for line in lines_of(stem):
        if HEADING.match(line):
            document.add_paragraph(HEADING.sub("", line), style="Heading 1")
        elif ITEM.match(line):
            numbered_paragraph(document, ITEM.sub("", line), items.num_id, 0)
        else:
            document.add_paragraph(line)
    document.save(str(path))


def _text_box(rows: list[list[str]]) -> str:
    """A floating text box holding a table, as Word saves it: DrawingML with a VML fallback."""
    content = f"<w:txbxContent>{_table_xml(rows)}<w:p/></w:txbxContent>"
    return (f'<w:p {nsdecls("w")} {WPS}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0" '
            'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="5400000" cy="1800000"/><wp:wrapTopAndBottom/><wp:docPr id="7" name="文本框 7"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            f'<v:shape id="文本框 7" type="#_x0000_t202" style="width:425pt;height:142pt"><v:textbox>{content}'
            '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')


def write_boxed_docx(stem: str, path: Path) -> None:
    """The first table in a text box; a 专栏 caption and its table nested in a one-cell frame table."""
    lines = lines_of(stem)
    runs = dict(table_runs(lines))
    document = new_document()
    body = document.element.body
    k, boxed = 0, False
    while k < len(lines):
        if k in runs:
            rows = [line.split("\t") for line in lines[k:runs[k] + 1]]
            if not boxed:
                body.find(qn("w:sectPr")).addprevious(parse_xml(_text_box(rows)))
                boxed = True
            else:
                caption = document.paragraphs[-1]
                frame = document.add_table(rows=1, cols=1)
                frame.style = "Table Grid"
                cell = frame.cell(0, 0)
                cell.paragraphs[0].text = caption.text
                caption._p.getparent().remove(caption._p)
                cell._tc.append(parse_xml(_table_xml(rows).replace("<w:tbl>", f'<w:tbl {nsdecls("w")}>', 1)))
                cell._tc.append(parse_xml(f'<w:p {nsdecls("w")}/>'))
            k = runs[k] + 1
            continue
        document.add_paragraph(lines[k])
        k += 1
    document.save(str(path))


def _html_rows(rows: list[list[str]]) -> str:
    return "<table border='1' cellspacing='0'>" + "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>"


def write_layout_table_html(stem: str, path: Path) -> None:
    """The article as ``<br>``-separated lines in a layout table's cell; the 附件 as links."""
    lines = lines_of(stem)
    runs = dict(table_runs(lines))
    title = lines[0]
    parts, k = [], 0
    attachments = next(i for i, line in enumerate(lines) if line.startswith("附件"))
    while k < attachments:
        if k in runs:
            parts.append(_html_rows([line.split("\t") for line in lines[k:runs[k] + 1]]))
            k = runs[k] + 1
            continue
        parts.append("&nbsp;&nbsp;&nbsp;&nbsp;" + html.escape(lines[k]) + "<br>")
        k += 1
    first, *rest = lines[attachments:]
    label, _, name = first.partition("：")
    links = [name] + rest
    parts.append(f"{html.escape(label)}：" + "<br>".join(
        f"<a href='/u/cms/2024/04/{n}.docx'>{html.escape(text)}</a>" for n, text in enumerate(links, start=1)))
    article = ("<table width='100%' cellpadding='0' cellspacing='0'><tr><td class='left' width='180'>"
               "<a>政策文件</a><br><a>规划计划</a><br><a>通知公告</a></td><td class='content'>"
               "<table width='100%'><tr><td class='bt' align='center'>" + html.escape(title) + "</td></tr>"
               "<tr><td class='zw'>" + "".join(parts) + "</td></tr></table></td></tr></table>")
    page = GOV_PAGE.format(title=html.escape(title), views=213, body=article)
    path.write_text(page, encoding="utf-8")


def _two_line_header_table(rows: list[list[str]]) -> str:
    """The first two rows are the header: ``责任分工`` spans the two unit columns of the row below."""
    top, sub, body = rows[0], rows[1], rows[2:]
    head = []
    for c, value in enumerate(top):
        if not value:
            continue
        if c + 1 < len(top) and not top[c + 1]:
            head.append(f"<th colspan='2'>{html.escape(value)}</th>")
        else:
            head.append(f"<th rowspan='2'>{html.escape(value)}</th>")
    second = "".join(f"<th>{html.escape(v)}</th>" for v in sub if v)
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in body)
    return f"<table><thead><tr>{''.join(head)}</tr><tr>{second}</tr></thead><tbody>{cells}</tbody></table>"


def write_two_line_header_pdf(stem: str, path: Path) -> None:
    raw = [line for line in (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line.strip() if "\t" not in line else line for line in raw]
    runs = dict(table_runs(lines))
    parts, k = [f"<h1>{html.escape(lines[0])}</h1>"], 1
    while k < len(lines):
        if k in runs:
            parts.append(_two_line_header_table([line.split("\t") for line in lines[k:runs[k] + 1]]))
            k = runs[k] + 1
            continue
        parts.append(f"<p>{html.escape(lines[k])}</p>")
        k += 1
    write_pdf(path, "".join(parts), header=path.stem)


RENDERINGS = {
    "a_lanxi_opinions.docx": write_style_numbered_docx,
    "b_heyuan_special.docx": write_boxed_docx,
    "c_lanwan_district.html": write_layout_table_html,
    "d_zhetang_county.pdf": write_two_line_header_pdf,
}


def render_all(out: Path) -> dict[str, Path]:
    return render_into(RENDERINGS, out)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1]))
