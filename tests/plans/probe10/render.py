"""Render the tenth probe's documents in the formats they really come in (authored fixtures).

Each ``X.txt`` is the document's text as a reader should give it back; the file that is scored is
the one written here:

- ``a_qitong_hitech.ofd``: a development zone's 管委会 notice and its plan as an OFD package (the
  format the zone's document system exports), laid out by ``tests/plans_read/ofd_builder``: the
  indicator table ``序号 | 指标名称 | 单位 | 2024年基期值 | 2027年目标值 | 责任单位`` ruled, its
  header repeated where it runs over a page, page numbers ``— N —``;
- ``b_hewo_joint.docx``: a joint issuance of the 市委办公室 and the 市政府办公室 in Word, the outline
  numbers ``一、`` and ``（一）`` drawn by Word list numbering, the two offices' signature lines
  right-aligned;
- ``c_heting_quarterly.html``: a district's page whose task table has a ``时间进度`` column of
  quarterly milestones (one ``<br>`` line each in its cell), and whose attachment (a 重点项目 table
  with 财政资金) follows the body after a ``附件：`` link;
- ``d_songyao_yearly.pdf``: a county plan with its goals by year (``2025年：…``), printed by
  WeasyPrint with page numbers.
"""

from __future__ import annotations

import html
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.plans.probe_scores import render_into
from tests.plans_read.ofd_builder import ofd_from_text
from tests.plans_variants.render import to_blocks, write_docx, write_pdf_file

HERE = Path(__file__).parent


def text_of(stem: str) -> str:
    return (HERE / f"{stem}.txt").read_text(encoding="utf-8")


def write_ofd(stem: str, path: Path) -> None:
    ofd_from_text(text_of(stem), path, running_header="栖桐高新技术产业开发区管理委员会")


def write_joint_docx(stem: str, path: Path) -> None:
    from docx import Document

    write_docx(to_blocks(text_of(stem)), path)
    document = Document(str(path))
    paragraphs = document.paragraphs
    for paragraph in paragraphs[4:7]:  # the two issuing offices and the date, under the notice
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="head"><a href="/">鹤汀区人民政府</a> <a>政务公开</a> <a>政策文件</a></div>
<div class="xxgk"><table class="meta"><tr><td>索引号：HT-2024-00031</td><td>发布机构：鹤汀区人民政府办公室</td></tr>
<tr><td>发文字号：{number}</td><td>发布日期：2024-02-28</td></tr></table></div>
<h1 class="title">{title}</h1>
<div class="zw">{body}</div>
<div class="fj">{annex_link}</div>
<div class="annex">{annex}</div>
<div class="foot">鹤汀区人民政府办公室主办 【打印本页】 【关闭窗口】</div></body></html>"""


def _table(rows: list[list[str]]) -> str:
    """Cells as written; a cell of several ``；`` milestones puts each on its own line."""
    out = []
    for r, row in enumerate(rows):
        tag = "th" if r == 0 else "td"
        cells = ["<br>".join(html.escape(x) for x in cell.replace("；", "；\n").splitlines()) for cell in row]
        out.append("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>")
    return "<table border='1' cellspacing='0'>" + "".join(out) + "</table>"


def _html_blocks(lines: list[str]) -> str:
    parts, k = [], 0
    while k < len(lines):
        if "\t" in lines[k]:
            end = k
            while end < len(lines) and "\t" in lines[end]:
                end += 1
            parts.append(_table([row.split("\t") for row in lines[k:end]]))
            k = end
            continue
        parts.append(f"<p>{html.escape(lines[k])}</p>")
        k += 1
    return "".join(parts)


def write_quarterly_html(stem: str, path: Path) -> None:
    lines = [ln for ln in text_of(stem).splitlines() if ln.strip()]
    link = next(k for k, ln in enumerate(lines) if ln.startswith("附件："))
    title = lines[0]
    body = _html_blocks(lines[1:link])
    name = lines[link].split("：", 1)[1]
    annex_link = f"附件：<a href='/files/ht2024-5-1.docx'>{html.escape(name)}</a>"
    annex = _html_blocks(lines[link + 1:])
    page = PAGE.format(title=html.escape(title), number=html.escape(lines[1]), body=body, annex_link=annex_link,
                       annex=annex)
    path.write_text(page, encoding="utf-8")


def write_yearly_pdf(stem: str, path: Path) -> None:
    write_pdf_file(to_blocks(text_of(stem)), path, running_header="")


RENDERINGS = {
    "a_qitong_hitech.ofd": write_ofd,
    "b_hewo_joint.docx": write_joint_docx,
    "c_heting_quarterly.html": write_quarterly_html,
    "d_songyao_yearly.pdf": write_yearly_pdf,
}


def render_all(out: Path) -> dict[str, Path]:
    return render_into(RENDERINGS, out)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1]))
