"""Render the eleventh probe's documents in the formats they really come in (authored fixtures).

Each ``X.txt`` is the document's text as a reader should give it back; the file that is scored is
the one written here:

- ``a_jingshan_demo.docx``: a city government's notice and its 示范城市 creation plan in Word, the
  outline numbers ``一、 （一） 1.`` drawn by Word list numbering (numbering.xml, not typed), the
  indicator table with its ``2023年（基期）`` column, and the annex's 指标分解表 by district;
- ``b_lanzhi_draft.html``: a 意见征集 page: the announcement with its attachment links, the draft
  plan and its 起草说明 shown in full below it, then the page's comment form;
- ``c_tingli_gazette.pdf``: a 政府公报 issue's pages, set in **two columns** (CSS multi-column, as
  gazettes are printed), the running head naming the gazette and its issue, the notice followed by
  its two 附件 (the leading group's roster, then the plan);
- ``d_ruoao_tasklist.ofd``: a county plan as OFD whose 任务清单 table (``序号 | 主要目标 | 牵头单位 |
  配合单位 | 完成时限 | 工作任务``) has its 主要目标 cells merged down each group.
"""

from __future__ import annotations

import html
from pathlib import Path

from tests.plans.probe_scores import render_into
from tests.plans_read.ofd_builder import ofd_from_text
from tests.plans_read.pdf_builder import write_pdf
from tests.plans_variants.render import to_blocks, write_docx

HERE = Path(__file__).parent


def text_of(stem: str) -> str:
    return (HERE / f"{stem}.txt").read_text(encoding="utf-8")


def lines_of(stem: str) -> list[str]:
    return [ln for ln in text_of(stem).splitlines() if ln.strip()]


def write_demo_docx(stem: str, path: Path) -> None:
    write_docx(to_blocks(text_of(stem)), path)


CONSULTATION = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_意见征集_澜沚区人民政府</title></head>
<body><div class="top"><a href="/">澜沚区人民政府</a> <a>政务公开</a> <a>政民互动</a> <a>意见征集</a></div>
<div class="crumb">您当前的位置：首页 &gt; 政民互动 &gt; 意见征集</div>
<table class="zjxx"><tr><th>征集主题</th><td>{title}</td></tr>
<tr><th>征集时间</th><td>2025-05-06 至 2025-06-05</td></tr><tr><th>征集单位</th><td>澜沚区市场监督管理局</td></tr>
<tr><th>征集状态</th><td>进行中</td></tr></table>
<h1>{title}</h1>
<div class="zw">{notice}</div>
<div class="preview">{plan}</div>
<div class="preview">{note}</div>
<form class="liuyan" action="/yjzj/submit" method="post"><h3>我要提意见</h3>
<label>姓名：<input name="xm"></label> <label>联系电话：<input name="dh"></label>
<label>意见内容：<textarea name="nr"></textarea></label> <button>提交</button> <button type="reset">重置</button></form>
<div class="foot">主办：澜沚区人民政府办公室 网站标识码：0000000000</div></body></html>"""


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)


def write_draft_html(stem: str, path: Path) -> None:
    lines = lines_of(stem)
    title = lines[0]
    annex = next(k for k, ln in enumerate(lines) if ln.startswith("附件："))
    plan = next(k for k, ln in enumerate(lines) if k > annex and ln.endswith("年）") and "实施方案" in ln)
    note = next(k for k, ln in enumerate(lines) if ln.endswith("的起草说明") and k > plan)
    links = "<br>".join(f"<a href='/uploads/yjzj-{k}.docx'>{html.escape(ln)}</a>"
                        for k, ln in enumerate([lines[annex].removeprefix("附件："), lines[annex + 1]], start=1))
    notice = _paragraphs(lines[1:annex]) + f"<p>附件：{links}</p>" + "".join(
        f"<p style='text-align:right'>{html.escape(ln)}</p>" for ln in lines[annex + 2:plan])
    page = CONSULTATION.format(title=html.escape(title), notice=notice, plan=_paragraphs(lines[plan:note]),
                               note=_paragraphs(lines[note:]))
    path.write_text(page, encoding="utf-8")


GAZETTE_CSS = """<style>
body { columns: 2; column-gap: 1.2cm; column-rule: 0.5pt solid #000; font-size: 10.5pt; line-height: 1.5; }
p.title { text-indent: 0; text-align: center; font-size: 14pt; font-weight: bold; margin: 0.6em 0; }
p.right { text-indent: 0; text-align: right; }
</style>"""


def write_gazette_pdf(stem: str, path: Path) -> None:
    lines = lines_of(stem)
    titles = {0} | {k + 1 for k, ln in enumerate(lines) if ln in ("附件1", "附件2")}
    signature = next(k for k, ln in enumerate(lines) if ln.endswith("人民政府办公室") and k > 0)
    parts = []
    for k, ln in enumerate(lines):
        if k in titles:
            kind = "title"
        elif ln in ("附件1", "附件2") or ln.startswith(("附件：", "2.汀澧市")) or k == 1:
            kind = "noindent"
        elif signature <= k <= signature + 1:
            kind = "right"
        else:
            kind = ""
        parts.append(f"<p class='{kind}'>{html.escape(ln)}</p>")
    write_pdf(path, GAZETTE_CSS + "".join(parts), header="汀澧市人民政府公报　　2025年第3期（总第255期）")


def write_tasklist_ofd(stem: str, path: Path) -> None:
    ofd_from_text(text_of(stem), path, running_header="")


RENDERINGS = {
    "a_jingshan_demo.docx": write_demo_docx,
    "b_lanzhi_draft.html": write_draft_html,
    "c_tingli_gazette.pdf": write_gazette_pdf,
    "d_ruoao_tasklist.ofd": write_tasklist_ofd,
}


def render_all(out: Path) -> dict[str, Path]:
    return render_into(RENDERINGS, out)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1]))
