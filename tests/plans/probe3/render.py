"""Render the probe's documents as Word and PDF files, each in the layout it really comes in.

Two documents use the shared renderer of ``tests/plans_variants/render.py`` (Word headings and
automatic outline numbering, ruled tables; a PDF with a running header and page numbers). The
task table of ``b_liyang_county`` is written here by hand, because its point is the layout the
shared renderer does not make:

- .docx: the 牵头单位 cell is one vertically merged cell (``cell.merge``) over the rows it leads,
  and the header row is marked to repeat on every page (``w:tblHeader``) instead of being typed
  again; a 配合单位 cell is left empty where the text has none;
- .pdf: the same table as HTML with ``rowspan`` and a ``<thead>``, which WeasyPrint repeats at the
  top of each page the table runs over, so the extracted text holds the header twice.

The ``.txt`` beside it is the table as extraction leaves it: the merged cell's text on its first
row only, the header row repeated where the page broke.
"""

from __future__ import annotations

import html
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.plans_read.pdf_builder import write_pdf
from tests.plans_variants.render import Block, to_blocks, write_docx, write_pdf_file

HERE = Path(__file__).parent
LEAD_COLUMN = 2  # 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限


def blocks_of(stem: str) -> list[Block]:
    return to_blocks((HERE / f"{stem}.txt").read_text(encoding="utf-8"))


def task_table(blocks: list[Block]) -> tuple[int, list[str], list[list[str]]]:
    """The task table's index, its header and its body rows without the header typed again."""
    for index, block in enumerate(blocks):
        if block.kind == "table" and block.rows and block.rows[0][0] == "序号" and len(block.rows) > 3:
            header = block.rows[0]
            return index, header, [row for row in block.rows[1:] if row != header]
    raise ValueError("no task table")


def lead_runs(rows: list[list[str]]) -> list[tuple[int, int]]:
    """(first, last) rows of each lead cell: a row with an empty lead continues the one above."""
    runs: list[tuple[int, int]] = []
    for r, row in enumerate(rows):
        if row[LEAD_COLUMN] or not runs:
            runs.append((r, r))
        else:
            runs[-1] = (runs[-1][0], r)
    return runs


def write_merged_docx(blocks: list[Block], path: Path) -> None:
    index, header, rows = task_table(blocks)
    before, after = blocks[:index], blocks[index + 1:]
    write_docx(before, path)  # headings and numbering as the shared renderer makes them
    document = Document(str(path))
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    for c, value in enumerate(header):
        table.cell(0, c).text = value
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if c != LEAD_COLUMN:
                table.cell(r, c).text = value
    for first, last in lead_runs(rows):
        cell = table.cell(first + 1, LEAD_COLUMN)
        if last > first:
            cell = cell.merge(table.cell(last + 1, LEAD_COLUMN))
        cell.text = rows[first][LEAD_COLUMN]
    for block in after:
        document.add_paragraph(block.text)
    document.save(str(path))


def write_merged_pdf(blocks: list[Block], path: Path) -> None:
    index, header, rows = task_table(blocks)
    runs = {first: last - first + 1 for first, last in lead_runs(rows)}
    parts = [f"<p>{html.escape(b.text)}</p>" for b in blocks[:index]]
    head = "".join(f"<th>{html.escape(v)}</th>" for v in header)
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if c == LEAD_COLUMN:
                if r not in runs:
                    continue
                cells.append(f"<td rowspan='{runs[r]}'>{html.escape(value)}</td>")
            else:
                cells.append(f"<td>{html.escape(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    parts.extend(f"<p>{html.escape(b.text)}</p>" for b in blocks[index + 1:])
    write_pdf(path, "".join(parts), header=path.stem)


def write_outline_docx(blocks: list[Block], path: Path) -> None:
    write_docx(blocks, path)


def write_outline_pdf(blocks: list[Block], path: Path) -> None:
    write_pdf_file(blocks, path, running_header=path.stem)


RENDERINGS = {  # stem → (docx writer, pdf writer)
    "a_songhe_city": (write_outline_docx, write_outline_pdf),
    "b_liyang_county": (write_merged_docx, write_merged_pdf),
}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for stem, (docx_writer, pdf_writer) in RENDERINGS.items():
        docx_writer(blocks_of(stem), out / f"{stem}.docx")
        pdf_writer(blocks_of(stem), out / f"{stem}.pdf")


if __name__ == "__main__":
    import sys

    main(Path(sys.argv[1]))
