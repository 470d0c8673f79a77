"""Render the eighth probe's documents in the formats they really come in (authored fixtures).

Each ``X.txt`` is the document's text as a reader should give it back; the file that is scored is
the one written here:

- ``a_yangang_yishi.docx``: plain Word paragraphs; each ``（一）`` task is **one paragraph** of
  ``一是……；二是……；三是……`` closed by its responsibility bracket, and one section's ``1.``–``3.``
  items share a closing ``（以上任务由…牵头，各有关单位配合）`` paragraph;
- ``b_fengzhu_actions.pdf``: ``第一部分/第二部分`` parts, **专项行动** headings each with the
  sub-labels ``工作目标：主要举措：责任单位：完成时间：``, and a ruled **transposed** indicator table
  (years as rows, indicators as columns, units in the column heads);
- ``c_ludu_table.html``: a government page whose task table's 责任单位 cell is
  ``牵头：…；<br>配合：…`` (**a line break inside the cell**), 完成时限 ``2025年第二季度``,
  ``上半年``, ``年内``, ``2026年底``, ``常态化推进``;
- ``d_lichuan_scan.scan.pdf``: the plan rendered, then rasterised into an **image-only PDF** (a
  scan: the reader has to OCR it).
"""

from __future__ import annotations

import html
from pathlib import Path

from docx import Document

from tests.plans.probe_scores import render_into
from tests.plans_read.pdf_builder import scanned_pdf, write_pdf
from tests.plans_variants.render import GOV_PAGE

HERE = Path(__file__).parent


def lines_of(stem: str) -> list[str]:
    return [line.strip() for line in (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def _rows(lines: list[str], k: int) -> tuple[list[list[str]], int]:
    rows = []
    while k < len(lines) and "\t" in lines[k]:
        rows.append(lines[k].split("\t"))
        k += 1
    return rows, k


def write_paragraph_docx(stem: str, path: Path) -> None:
    document = Document()
    for line in lines_of(stem):
        document.add_paragraph(line)
    document.save(str(path))


def write_actions_pdf(stem: str, path: Path) -> None:
    lines = [line for line in (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    parts, k = [f"<h1>{html.escape(lines[0].strip())}</h1>"], 1
    while k < len(lines):
        if "\t" in lines[k]:
            rows, k = _rows(lines, k)
            parts.append("<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                                             for row in rows) + "</table>")
            continue
        parts.append(f"<p>{html.escape(lines[k].strip())}</p>")
        k += 1
    write_pdf(path, "".join(parts), header=path.stem)


def _cell(value: str) -> str:
    # the office typed 牵头 and 配合 on two lines of the cell
    return "<br>".join(html.escape(piece) for piece in value.replace("；配合：", "；\n配合：").split("\n"))


def write_cell_break_html(stem: str, path: Path) -> None:
    lines = lines_of(stem)
    parts, k = [], 1
    while k < len(lines):
        if "\t" in lines[k]:
            rows, k = _rows(lines, k)
            head, *body = rows
            parts.append("<table border='1' cellspacing='0'><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head)
                         + "</tr>" + "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>"
                                             for row in body) + "</table>")
            continue
        parts.append(f"<p>{html.escape(lines[k])}</p>")
        k += 1
    page = GOV_PAGE.format(title=html.escape(lines[0]), views=88, body="".join(parts))
    path.write_text(page, encoding="utf-8")


def write_scan(stem: str, path: Path) -> None:
    scan = scanned_pdf((HERE / f"{stem}.txt").read_text(encoding="utf-8"), path.parent, f"{stem}-src")
    scan.rename(path)


RENDERINGS = {
    "a_yangang_yishi.docx": write_paragraph_docx,
    "b_fengzhu_actions.pdf": write_actions_pdf,
    "c_ludu_table.html": write_cell_break_html,
    "d_lichuan_scan.pdf": write_scan,
}


def render_all(out: Path) -> dict[str, Path]:
    return render_into(RENDERINGS, out)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1]))
