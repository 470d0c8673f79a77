"""Render the sixth probe's documents in the formats they really come in (authored fixtures).

Each ``X.txt`` is the document's text as a reader should give it back (``c`` is also a real format
itself: a 公众号 article copied as text); the file that is scored is the one written here:

- ``a_meiyu_fiveyear.docx``: a 「十四五」规划 in Word; the indicator table's ``类别`` cells are
  **merged down** (``w:vMerge``) over their rows, a target typed in **full-width digits**; the 专栏
  boxes of 重点工程 are a caption and a table ``工程名称 | 建设内容 | 责任单位`` in the tasks part;
- ``b_tongao_tasklist.pdf``: a county plan whose tasks are a ruled table
  ``序号 | 任务类别 | 具体任务 | 牵头单位 | 配合单位 | 完成时限``, the ``任务类别`` cell spanning its
  rows (``rowspan``, so the PDF writes it once, on no row's own line), units in a cell separated by
  spaces or ``，``; the signature and date at the end, right-aligned;
- ``c_luting_wechat.html``: a WeChat 公众号 article as the browser saves it (``#js_content`` of
  ``<section>``/``<span>``, emoji, ``来源：``, ``编辑：``, ``往期推荐``, ``阅读原文`` around the plan);
- ``d_tangchuan_grid.html``: a government page whose two tables are built of ``<div>``: the
  indicator table a **flat CSS grid** (``display:grid``, every cell a sibling, the row length only in
  ``grid-template-columns``), the task table ``<div class="tr">`` rows of ``<div class="td">`` cells.
"""

from __future__ import annotations

import html
from pathlib import Path

from tests.plans.probe_scores import render_into
from tests.plans_read.docx_builder import new_document
from tests.plans_read.pdf_builder import write_pdf
from tests.plans_variants.render import GOV_PAGE

HERE = Path(__file__).parent


def lines_of(stem: str) -> list[str]:
    """Lines of ``X.txt``; table rows keep their tabs (and their empty leading cells)."""
    raw = (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    return [line if "\t" in line else line.strip() for line in raw if line.strip()]


def blocks_of(stem: str) -> list[str | list[list[str]]]:
    """Paragraph lines and tables (runs of tab-separated rows), in order."""
    blocks: list[str | list[list[str]]] = []
    for line in lines_of(stem):
        if "\t" in line:
            if not blocks or isinstance(blocks[-1], str):
                blocks.append([])
            blocks[-1].append(line.split("\t"))  # type: ignore[union-attr]
        else:
            blocks.append(line)
    return blocks


def write_merged_category_docx(stem: str, path: Path) -> None:
    """Tables as Word tables; an empty first-column cell is merged into the filled cell above."""
    document = new_document()
    for k, block in enumerate(blocks_of(stem)):
        if isinstance(block, str):
            document.add_paragraph(block, style="Title" if k == 0 else None)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        table.style = "Table Grid"
        top = 0
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                if c == 0 and not value and r > 1:
                    continue
                table.cell(r, c).text = value
            if r > 0 and row[0]:
                top = r
            if r > 1 and not row[0]:
                table.cell(top, 0).merge(table.cell(r, 0))
    document.save(str(path))


def _rowspan_table(rows: list[list[str]], column: int) -> str:
    """A ruled table whose ``column`` cell spans the rows below it that leave it empty."""
    header, body = rows[0], rows[1:]
    out = ["<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr></thead><tbody>"]
    for r, row in enumerate(body):
        cells = []
        for c, value in enumerate(row):
            if c == column:
                if not value:
                    continue
                span = 1
                while r + span < len(body) and not body[r + span][column]:
                    span += 1
                cells.append(f"<td rowspan='{span}'>{html.escape(value)}</td>")
            else:
                cells.append(f"<td>{html.escape(value)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(out) + "</tbody></table>"


def write_rowspan_pdf(stem: str, path: Path) -> None:
    blocks = blocks_of(stem)
    parts = [f"<h1>{html.escape(blocks[0])}</h1>"]  # type: ignore[arg-type]
    for k, block in enumerate(blocks[1:], start=1):
        if isinstance(block, list):
            parts.append(_rowspan_table(block, column=1))
        elif k >= len(blocks) - 2:  # the signature and its date
            parts.append(f"<p style='text-align:right'>{html.escape(block)}</p>")
        else:
            parts.append(f"<p>{html.escape(block)}</p>")
    write_pdf(path, "".join(parts), header="")


WECHAT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0">
<meta property="og:title" content="{title}"><title>{title}</title>
<script>var biz = "MzA4OTAwMDAwMA==", appmsg_type = "9";</script></head>
<body id="activity-detail" class="zh_CN"><div id="js_article" class="rich_media">
<div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">
<h1 class="rich_media_title" id="activity-name">{title}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_nickname">
<a id="js_name">{account}</a></span> <em id="publish_time" class="rich_media_meta">{when}</em></div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: visible;">{body}</div>
<div class="rich_media_tool" id="js_toobar3"><a id="js_view_source" href="#">阅读原文</a>
<span id="js_read_area3">阅读 1203</span> <a>分享</a> <a>收藏</a> <a>点赞</a> <a>在看</a></div>
</div></div></div><script>window.__initCatch = 1;</script></body></html>"""


def _span(text: str, style: str = "font-size: 15px;") -> str:
    return f'<span style="{style}">{html.escape(text)}</span>'


def write_wechat_html(stem: str, path: Path) -> None:
    """The article's chrome (account, time, title, 阅读原文…) in the page; its text in ``#js_content``."""
    lines = lines_of(stem)
    account, when, title = lines[1], lines[2], lines[3]
    sections = []
    for line in lines[:1] + lines[4:]:
        if line in ("阅读原文", "分享 收藏 点赞 在看"):
            continue  # drawn by the page's toolbar
        if line.startswith(("（", "一、", "二、", "三、")) and len(line) < 24:
            inner = _span(line, "font-size: 16px;color: rgb(0, 112, 192);")
            sections.append(f'<section style="margin: 8px 0;"><p><strong>{inner}</strong></p></section>')
        elif line == lines[0]:
            sections.append(f'<section style="text-align: center;"><p>{_span(line, "color: rgb(0, 128, 255);")}'
                            '</p><p><img data-src="https://mmbiz.qpic.cn/x/640" class="rich_pages"></p></section>')
        else:
            sections.append(f'<section style="text-indent: 2em;"><p>{_span(line)}</p></section>')
    path.write_text(WECHAT_PAGE.format(title=html.escape(title), account=html.escape(account),
                                       when=html.escape(when), body="".join(sections)), encoding="utf-8")


GRID_CSS = ("<style>.grid{display:grid;grid-template-columns:repeat(%d,auto);border-left:1px solid #999}"
            ".grid>div{border:1px solid #999;padding:4px}.tbl{display:table;width:100%%}"
            ".tbl .tr{display:table-row}.tbl .td{display:table-cell;border:1px solid #999;padding:4px}</style>")


def _flat_grid(rows: list[list[str]]) -> str:
    cells = "".join(f'<div class="{"th" if r == 0 else "cell"}">{html.escape(v)}</div>'
                    for r, row in enumerate(rows) for v in row)
    return (GRID_CSS % len(rows[0])) + f'<div class="grid" style="grid-template-columns:repeat({len(rows[0])},auto)">{cells}</div>'


def _row_divs(rows: list[list[str]]) -> str:
    body = "".join('<div class="tr">' + "".join(f'<div class="td">{html.escape(v)}</div>' for v in row) + "</div>"
                   for row in rows)
    return f'<div class="tbl">{body}</div>'


def write_div_tables_html(stem: str, path: Path) -> None:
    blocks = blocks_of(stem)
    parts, tables = [], 0
    for block in blocks[1:]:
        if isinstance(block, list):
            parts.append(_flat_grid(block) if tables == 0 else _row_divs(block))
            tables += 1
        else:
            parts.append(f"<p style='text-indent:2em'>{html.escape(block)}</p>")
    page = GOV_PAGE.format(title=html.escape(blocks[0]), views=517, body="".join(parts))  # type: ignore[arg-type]
    path.write_text(page, encoding="utf-8")


RENDERINGS = {
    "a_meiyu_fiveyear.docx": write_merged_category_docx,
    "b_tongao_tasklist.pdf": write_rowspan_pdf,
    "c_luting_wechat.html": write_wechat_html,
    "d_tangchuan_grid.html": write_div_tables_html,
}


def render_all(out: Path) -> dict[str, Path]:
    return render_into(RENDERINGS, out)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1]))
