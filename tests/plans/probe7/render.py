"""Render the seventh probe's documents in the formats they really come in (authored fixtures).

Each ``X.txt`` is the document's text as a reader should give it back (``d`` is itself the real
format: a plan copied out of a PDF as text); the file that is scored is the one written here:

- ``a_huaipi_redhead.pdf``: a 红头文件 as WPS exports it: the red masthead and rule, the 主送 line,
  the notice's signature, the plan as its 附件 on a new page, the plan's 附件1 (indicator table with
  a 指标类型 group column merged down its rows, units inside the names, a ``2022年现状值`` baseline,
  three yearly targets and a ``年均增速`` column) and 附件2 (task table
  ``序号 | 工作任务 | 工作措施 | 责任单位 | 时间节点``), both running over a page break **without** the
  header repeated; the 版记 (``抄送：…``, ``…印发``) between rules at the end; page numbers
  ``— N —``;
- ``b_chengzhu_duties.docx``: tasks ``1.``… typed straight under ``二、`` with a bold lead sentence,
  their sub-items ``(1)`` and ``①`` drawn by **Word list numbering**; a section 各部门职责分工 of
  ``单位：牵头负责第N项任务；配合做好第M项任务。`` paragraphs; a right-aligned signature;
- ``c_liaoyuan_oldpage.html``: a government page in old markup: ``<center>`` title in ``<font>``,
  each paragraph a ``<p>`` indented with ``&nbsp;`` whose text is cut into ``<span>``/``<font>``
  runs every few characters (Word's "save as web page", numbers cut too), ``<o:p>``, a
  right-aligned signature, the footer ``【打印本页】【关闭窗口】``;
- ``d_kotan_pdfcopy.txt``: the text as copied from a PDF (lines broken every 30 characters in the
  middle of sentences, page numbers ``— 1 —`` / ``- 2 -`` left between lines): written as it is.
"""

from __future__ import annotations

import html
import random
import re
import shutil
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.plans.probe_scores import render_into
from tests.plans_read.docx_builder import add_numbering, new_document, numbered_paragraph
from tests.plans_read.pdf_builder import write_pdf

HERE = Path(__file__).parent
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def lines_of(stem: str) -> list[str]:
    """Lines of ``X.txt``; table rows keep their tabs (and their empty leading cells)."""
    raw = (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    return [line if "\t" in line else line.strip() for line in raw if line.strip()]


def _red_head_table(rows: list[list[str]], group_column: bool) -> str:
    """Rows in plain ``<tr>`` (no ``<thead>``: WPS repeats no header on the next page); an empty
    first cell is merged into the filled cell above it (``rowspan``)."""
    out = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if group_column and c == 0 and r > 0:
                if not value:
                    continue
                span = 1
                while r + span < len(rows) and not rows[r + span][0]:
                    span += 1
                cells.append(f"<td rowspan='{span}' style='text-align:center'>{html.escape(value)}</td>")
                continue
            cells.append(f"<td>{html.escape(value)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "<table class='att'>" + "".join(out) + "</table>"


def write_red_head_pdf(stem: str, path: Path) -> None:
    lines = lines_of(stem)
    style = ("<style>.mast{color:#d00;font-size:26pt;text-align:center;letter-spacing:2pt;margin-top:2cm}"
             ".rule{border-top:2pt solid #d00;margin:4pt 0 18pt}.num{text-align:center}"
             ".right{text-align:right}.page{page-break-before:always}"
             "table.att tr{height:2.3cm}table.att td{font-size:10pt}"
             ".banji{border-top:1pt solid #000;border-bottom:1pt solid #000;margin-top:3cm;padding:4pt 0}"
             "h2{font-size:16pt;text-align:center;font-weight:normal}</style>")
    parts, k, table_no = [style], 0, 0
    while k < len(lines):
        line = lines[k]
        if "\t" in line:
            end = k
            while end < len(lines) and "\t" in lines[end]:
                end += 1
            rows = [row.split("\t") for row in lines[k:end]]
            table_no += 1
            parts.append(_red_head_table(rows, group_column=table_no == 1))
            k = end
            continue
        if k == 0:
            parts.append(f"<div class='mast'>{html.escape(line)}</div>")
        elif k == 1:
            parts.append(f"<p class='num noindent'>{html.escape(line)}</p><div class='rule'></div>")
        elif line.startswith("抄送"):
            parts.append(f"<div class='banji'><p class='noindent'>{html.escape(line)}</p>")
            parts.append(f"<p class='noindent'>{html.escape(lines[k + 1])}</p></div>")
            k += 2
            continue
        elif line in ("附件", "附件1", "附件2"):
            parts.append(f"<p class='noindent page'>{html.escape(line)}</p>")
        elif k == 2 or (k > 0 and lines[k - 1] in ("附件", "附件1", "附件2")):
            parts.append(f"<h2>{html.escape(line)}</h2>")
        elif line.endswith("：") and "各" in line[:2]:
            parts.append(f"<p class='noindent'>{html.escape(line)}</p>")  # the 主送 line
        elif DATE.match(line) or (k + 1 < len(lines) and DATE.match(lines[k + 1])):
            parts.append(f"<p class='right'>{html.escape(line)}</p>")
        else:
            parts.append(f"<p>{html.escape(line)}</p>")
        k += 1
    write_pdf(path, "".join(parts))


SUB_ITEM = re.compile(r"^(\(\d+\)|[①-⑩])")
TASK_ITEM = re.compile(r"^(\d{1,2}\.)([^。]+。)(.*)$")


def write_duties_docx(stem: str, path: Path) -> None:
    """Typed ``1.`` items with a bold lead sentence; ``(1)`` and ``①`` sub-items as Word lists."""
    document = new_document()
    paren = add_numbering(document, [("decimal", "(%1)")], abstract_id=71)
    circled = add_numbering(document, [("decimalEnclosedCircle", "%1")], abstract_id=72)
    lines = lines_of(stem)
    for k, line in enumerate(lines):
        if k == 0:
            document.add_paragraph(line, style="Title")
        elif SUB_ITEM.match(line):
            numbered_paragraph(document, SUB_ITEM.sub("", line), paren.num_id if line.startswith("(") else circled.num_id, 0)
        elif TASK_ITEM.match(line):
            number, lead, rest = TASK_ITEM.match(line).groups()  # type: ignore[union-attr]
            paragraph = document.add_paragraph()
            paragraph.add_run(number + lead).bold = True
            paragraph.add_run(rest)
        else:
            paragraph = document.add_paragraph(line)
            if k >= len(lines) - 2:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))


OLD_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}</title><link href="/images/style.css" rel="stylesheet" type="text/css"></head>
<body leftmargin="0" topmargin="0"><table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td><img src="/images/banner.jpg" width="980" height="120"></td></tr>
<tr><td class="nav"><a href="/">首页</a>&nbsp;|&nbsp;<a>政务公开</a>&nbsp;|&nbsp;<a>通知公告</a></td></tr>
<tr><td>您现在的位置：<a>首页</a>&gt;&gt;<a>政务公开</a>&gt;&gt;<a>规划计划</a></td></tr></table>
<center><font size="5" color="#CC0000"><b>{title}</b></font></center>
<center><font size="2" color="#666666">发布日期：2025-05-16&nbsp;&nbsp;&nbsp;点击数：<font color="red">357</font></font></center>
<hr size="1" color="#cccccc">
<div id="zoom" style="width:900px;margin:0 auto"><font face="仿宋_GB2312" size="4">{body}</font></div>
<br><center>【<a href="javascript:window.print()">打印本页</a>】&nbsp;&nbsp;【<a href="javascript:window.close()">关闭窗口</a>】</center>
<table width="980" align="center"><tr><td class="foot">版权所有：蓼原区人民政府&nbsp;&nbsp;技术支持：某网络公司</td></tr></table>
</body></html>"""


def _runs(text: str, rng: random.Random) -> str:
    """Cut a paragraph into runs of 2–6 characters, each in its own span or font tag."""
    out, k = [], 0
    while k < len(text):
        step = rng.randint(2, 6)
        piece = html.escape(text[k:k + step])
        if re.fullmatch(r"[\d.%]+", text[k:k + step]):
            out.append(f"<span lang=\"EN-US\" style=\"font-family:'Times New Roman'\">{piece}</span>")
        elif rng.random() < 0.3:
            out.append(f"<font face=\"仿宋_GB2312\">{piece}</font>")
        else:
            out.append(f"<span style=\"font-size:16.0pt;font-family:仿宋_GB2312\">{piece}</span>")
        k += step
    return "".join(out)


def write_old_page_html(stem: str, path: Path) -> None:
    rng = random.Random(7)
    lines = lines_of(stem)
    body = []
    for k, line in enumerate(lines[1:], start=1):
        if k >= len(lines) - 2:
            body.append(f"<p align=\"right\" style=\"text-align:right\">{_runs(line, rng)}<o:p></o:p></p>")
        elif re.match(r"^[一二三四五六七八九十]+、", line):
            body.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;<b><font face=\"黑体\">{_runs(line, rng)}</font></b><o:p></o:p></p>")
        else:
            body.append(f"<p style=\"line-height:150%\">&nbsp;&nbsp;&nbsp;&nbsp;{_runs(line, rng)}<o:p></o:p></p>")
    path.write_text(OLD_PAGE.format(title=html.escape(lines[0]), body="\n".join(body)), encoding="utf-8")


def copy_text(stem: str, path: Path) -> None:
    shutil.copyfile(HERE / f"{stem}.txt", path)


RENDERINGS = {
    "a_huaipi_redhead.pdf": write_red_head_pdf,
    "b_chengzhu_duties.docx": write_duties_docx,
    "c_liaoyuan_oldpage.html": write_old_page_html,
    "d_kotan_pdfcopy.txt": copy_text,
}


def render_all(out: Path) -> dict[str, Path]:
    return render_into(RENDERINGS, out)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1]))
