"""Render the fifth probe's documents in the formats they really come in (authored fixtures).

Each ``X.txt`` is the document's text as a reader should give it back; the file that is scored is
the one written here, in its real format and layout:

- ``a_yuling_workpoints.docx``: a 工作要点 saved with **tracked changes** left in (a figure of the
  goals replaced, ``w:del`` then ``w:ins``; a unit struck from one list and one added to another;
  a whole task paragraph deleted, its paragraph mark included), a **comment** on a task and a
  **footnote** on the goals (its note text is no part of the plan);
- ``b_hongchuan_notice.docx``: a **通知 with the plan as 附件** (the notice, its signature, a page
  break, ``附件``, the plan); the indicator table's header is **three rows of merged cells**
  (``目标值`` spanning ``年度目标 | 期末目标``, which span the year cells below; ``基期值`` over
  ``2024年``; the other header cells merged down all three rows);
- ``c_luwan_county.pdf``: the appendix 分工表 is an **unruled** table (no lines at all) on a page of
  its own, one row pointing to two body items (``（二）（三）``, ``（五）、（六）``), one row with an
  **empty 牵头单位 cell**; the leads written out again on consecutive rows;
- ``d_xingping_district.html``: a government page whose 专栏 of indicators is a **numbered list**
  (``<ol>``, the numbers are the browser's) in a framed box, not a table.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.plans.probe_scores import render_into
from tests.plans_read.docx_builder import new_document
from tests.plans_read.pdf_builder import write_pdf
from tests.plans_variants.render import GOV_PAGE

HERE = Path(__file__).parent
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REVISION = 'w:author="审核人" w:date="2025-02-14T09:30:00Z"'


def lines_of(stem: str) -> list[str]:
    return [line for line in (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def _run(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{html.escape(text)}</{tag}></w:r>'


def _revised_paragraph(parts: list[tuple[str, str]], *, deleted_mark: bool = False, rid: int = 1) -> str:
    """A paragraph of runs, each ``("", text)`` kept, ``("ins", text)`` inserted, ``("del", text)`` deleted."""
    runs = []
    for k, (kind, text) in enumerate(parts):
        if kind == "del":
            runs.append(f'<w:del w:id="{rid * 10 + k}" {REVISION}>{_run(text, deleted=True)}</w:del>')
        elif kind == "ins":
            runs.append(f'<w:ins w:id="{rid * 10 + k}" {REVISION}>{_run(text)}</w:ins>')
        else:
            runs.append(_run(text))
    mark = f'<w:pPr><w:rPr><w:del w:id="{rid * 10 + 9}" {REVISION}/></w:rPr></w:pPr>' if deleted_mark else ""
    return f"<w:p {W_NS}>{mark}{''.join(runs)}</w:p>"


def _add_footnote(document, paragraph, note: str) -> None:
    """A footnote part (python-docx writes none) and a reference run at the end of ``paragraph``."""
    xml = (f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
           '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
           f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {html.escape(note)}</w:t></w:r></w:p>'
           '</w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  '<w:footnoteReference w:id="1"/></w:r>'))


GOAL_FIGURE = "发明专利授权量达到1600件"
STRUCK_UNIT = ("6.健全纠纷多元化解机制", "市司法局、")
ADDED_UNIT = ("11.培育知识产权运营平台", "、市国有资产监督管理委员会")
DELETED_TASK = "16.开展知识产权强企行动。遴选一批创新型中小企业开展知识产权托管服务。（责任单位：市市场监管局、市财政局）"


def write_tracked_changes_docx(stem: str, path: Path) -> None:
    """The text as accepted, saved with its revisions, a comment and a footnote still in the file."""
    document = new_document()
    # Raw paragraphs go before the section properties, where python-docx puts its own.
    sect = document.element.body.find(qn("w:sectPr"))
    commented = None
    for line in lines_of(stem):
        if GOAL_FIGURE in line:
            head, tail = line.split("1600件", 1)
            sect.addprevious(parse_xml(_revised_paragraph([("", head), ("del", "1500件"), ("ins", "1600件"), ("", tail)], rid=1)))
            _add_footnote(document, document.paragraphs[-1], "高价值发明专利指战略性新兴产业的发明专利等五类有效发明专利。")
        elif line.startswith(STRUCK_UNIT[0]):
            head, tail = line.split(STRUCK_UNIT[1], 1)
            sect.addprevious(parse_xml(_revised_paragraph([("", head + STRUCK_UNIT[1]), ("del", "市财政局、"), ("", tail)], rid=2)))
        elif line.startswith(ADDED_UNIT[0]):
            head, tail = line.split(ADDED_UNIT[1], 1)
            sect.addprevious(parse_xml(_revised_paragraph([("", head), ("ins", ADDED_UNIT[1]), ("", tail)], rid=3)))
        else:
            paragraph = document.add_paragraph(line.strip())
            if line.startswith("2.推进商标品牌培育"):
                commented = paragraph
            if line.startswith("15."):
                sect.addprevious(parse_xml(_revised_paragraph([("del", DELETED_TASK)], deleted_mark=True, rid=4)))
    assert commented is not None
    document.add_comment(commented.runs, text="建议明确完成时限。", author="审核人", initials="SH")
    document.save(str(path))


def _three_row_header_table(document, rows: list[list[str]]) -> None:
    """Three header rows whose spanning cells are merged as Word merges them (gridSpan, vMerge)."""
    width = len(rows[0])
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    header, body = rows[:3], rows[3:]
    # Each written header word covers the empty cells to its right (not yet covered from above),
    # then the empty cells below that span: the text's convention for a merged cell.
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(header):
        for c, value in enumerate(row):
            if not value or (r, c) in taken:
                continue
            right = c
            while right + 1 < width and not row[right + 1] and (r, right + 1) not in taken:
                right += 1
            down = r
            while down + 1 < len(header) and not any(header[down + 1][k] or (down + 1, k) in taken
                                                     for k in range(c, right + 1)):
                down += 1
            taken.update((rr, cc) for rr in range(r, down + 1) for cc in range(c, right + 1))
            cell = table.cell(r, c)
            if (down, right) != (r, c):
                cell = cell.merge(table.cell(down, right))
            cell.text = value
    for r, row in enumerate(body, start=3):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def write_notice_with_attachment_docx(stem: str, path: Path) -> None:
    lines = lines_of(stem)
    document = new_document()
    k = 0
    while k < len(lines):
        line = lines[k]
        if "\t" in line:
            end = k
            while end < len(lines) and "\t" in lines[end]:
                end += 1
            _three_row_header_table(document, [row.split("\t") for row in lines[k:end]])
            k = end
            continue
        paragraph = document.add_paragraph(line.strip())
        if line.strip() == "（此件公开发布）":
            paragraph.add_run().add_break(WD_BREAK.PAGE)
        k += 1
    document.save(str(path))


OPEN_CSS = ("<style>table.open td { border: none; vertical-align: top; padding: 3pt 4pt; }"
            "p.break { page-break-before: always; text-indent: 0; }</style>")


def write_unruled_appendix_pdf(stem: str, path: Path) -> None:
    lines = [line if "\t" in line else line.strip() for line in lines_of(stem)]
    parts = [OPEN_CSS, f"<h1>{html.escape(lines[0])}</h1>"]
    rows = [line.split("\t") for line in lines if "\t" in line]
    appendix = lines.index("附件")
    for line in lines[1:appendix]:
        parts.append(f"<p>{html.escape(line)}</p>")
    parts.append("<p class='break'>附件</p>")
    parts += [f"<h1>{html.escape(line)}</h1>" for line in lines[appendix + 1:] if "\t" not in line]
    parts.append("<table class='open'>" + "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>")
    write_pdf(path, "".join(parts), header="")


ZL_ITEM = re.compile(r"^\d+\.")


def write_list_box_html(stem: str, path: Path) -> None:
    """The 专栏's indicator lines as an ``<ol>`` inside a framed box; the rest as paragraphs."""
    lines = [line.strip() for line in lines_of(stem)]
    parts, k = [], 1
    while k < len(lines):
        if lines[k].startswith("专栏"):
            items = []
            j = k + 1
            while j < len(lines) and ZL_ITEM.match(lines[j]) and "牵头" not in lines[j]:
                items.append(ZL_ITEM.sub("", lines[j]))
                j += 1
            parts.append("<div class='zl' style='border:1px solid #333;padding:8px'>"
                         f"<p style='text-align:center'><b>{html.escape(lines[k])}</b></p><ol>"
                         + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ol></div>")
            k = j
            continue
        parts.append(f"<p style='text-indent:2em'>{html.escape(lines[k])}</p>")
        k += 1
    page = GOV_PAGE.format(title=html.escape(lines[0]), views=388, body="".join(parts))
    path.write_text(page, encoding="utf-8")


RENDERINGS = {
    "a_yuling_workpoints.docx": write_tracked_changes_docx,
    "b_hongchuan_notice.docx": write_notice_with_attachment_docx,
    "c_luwan_county.pdf": write_unruled_appendix_pdf,
    "d_xingping_district.html": write_list_box_html,
}


def render_all(out: Path) -> dict[str, Path]:
    return render_into(RENDERINGS, out)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1]))
