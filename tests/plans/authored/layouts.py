"""Render an authored plan (``*.plan``) as .txt, .docx, .pdf and .html, each layout as it really comes.

The authored documents are written in a small line markup, so that one source gives four files
whose layouts are the ones real plans use, not a tab-separated text copied into other formats:

- a plain line is a paragraph;
- ``@title TEXT`` a centred title, ``@right TEXT`` a right-aligned line (signature, date);
- ``@page`` a page break; ``⏎`` inside a paragraph a page break in the middle of it (a word split
  over two pages); in .txt both are the blank line a page break leaves in extracted text;
- ``@table KIND`` … ``@end``, rows written ``cell | cell | cell``, where KIND is
  ``grid`` (a ruled table), ``open`` (no ruling lines, no repeated header: in the PDF it runs over
  pages as it falls), ``cells`` (one cell per paragraph, no tab: a table copied from a PDF or a
  web page), ``prows-tab`` / ``prows-space`` (each row one paragraph, cells apart by a tab or by
  spaces: a web page's table typed as ``<p>`` rows).

``python -m tests.plans.authored.layouts OUT_DIR`` writes every document in the four formats, for
``benchmarks/plan_parse.py`` or a look by hand.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from tests.plans_read.docx_builder import new_document
from tests.plans_read.pdf_builder import write_pdf
from tests.plans_variants.render import GOV_PAGE

HERE = Path(__file__).parent
GOV_PAGE_DATE = "2024-01-08"  # the publication date written in the shared page template
SIGNED_ON = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
PAGE_SPLIT = "⏎"
TABLE_KINDS = {"grid", "open", "cells", "prows-tab", "prows-space"}
SPACE_GAP = "   "  # cells of a prows-space row: the spaces a typist puts between columns

# The PDF's own rules on top of the shared page style: an open table has no lines and no
# header repeated on a new page; a paragraph cut by a page break runs to the margin before it
# (justified, so its last line is full) and goes on without indent after it.
PDF_CSS = """<style>
table.open td { border: none; }
p.row { text-indent: 0; white-space: pre-wrap; }
p.cell { text-indent: 0; }
p.right { text-align: right; }
p.cont { text-indent: 0; }
.newpage { page-break-before: always; }
</style>"""


@dataclass
class Block:
    kind: str  # "paragraph" | "title" | "right" | "table"
    text: str = ""
    table: str = ""  # the table kind
    rows: list[list[str]] = field(default_factory=list)
    new_page: bool = False  # a page break before this block


def parse_plan(source: str) -> list[Block]:
    """The blocks of an authored document's markup."""
    blocks: list[Block] = []
    page_next = False
    lines = iter(source.splitlines())
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line == "@page":
            page_next = True
            continue
        if line.startswith("@table "):
            kind = line.split(None, 1)[1]
            if kind not in TABLE_KINDS:
                raise ValueError(f"unknown table kind {kind!r}")
            rows = []
            for row in lines:
                if row.strip() == "@end":
                    break
                rows.append([cell.strip() for cell in row.split("|")])
            block = Block("table", table=kind, rows=rows)
        elif line.startswith("@title "):
            block = Block("title", line[7:].strip())
        elif line.startswith("@right "):
            block = Block("right", line[7:].strip())
        elif line.startswith("@"):
            raise ValueError(f"unknown directive {line!r}")
        else:
            block = Block("paragraph", line)
        block.new_page, page_next = page_next, False
        blocks.append(block)
    return blocks


def _row_text(kind: str, row: list[str]) -> str:
    return (SPACE_GAP if kind == "prows-space" else "\t").join(row)


# --- .txt: what a text extraction gives (a page break leaves a blank line) ---------------------

def to_text(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if block.kind != "table":
            out += [block.text.replace(PAGE_SPLIT, "\n\n"), ""]
        elif block.table == "cells":
            out += [line for row in block.rows for cell in row for line in (cell, "")]
        else:
            out += [_row_text(block.table, row) for row in block.rows] + [""]
    return "\n".join(out)


# --- .docx ------------------------------------------------------------------------------------

def write_docx(blocks: list[Block], path: Path) -> None:
    document = new_document()
    for block in blocks:
        if block.new_page:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if block.kind == "table" and block.table in ("grid", "open"):
            _docx_table(document, block)
        elif block.kind == "table":
            for row in block.rows:
                texts = row if block.table == "cells" else [_row_text(block.table, row)]
                for text in texts:
                    document.add_paragraph(text)
        else:
            paragraph = document.add_paragraph()
            parts = block.text.split(PAGE_SPLIT)
            for n, part in enumerate(parts):
                run = paragraph.add_run(part)
                if n < len(parts) - 1:
                    run.add_break(WD_BREAK.PAGE)
            if block.kind == "title":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif block.kind == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)


def _docx_table(document, block: Block) -> None:
    width = max(len(r) for r in block.rows)
    table = document.add_table(rows=len(block.rows), cols=width)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if block.table == "grid":
        table.style = "Table Grid"  # an open table keeps the template's table without borders
    for r, row in enumerate(block.rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


# --- .html and .pdf: one body, a government page around it or a printed page -------------------

def _html_table(block: Block) -> str:
    cls = " class='open'" if block.table == "open" else ""
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
    return f"<table{cls}>{rows}</table>"  # no <thead>: WeasyPrint repeats only a thead


def _row_html(kind: str, row: list[str]) -> str:
    if kind == "prows-tab":
        return "\t".join(html.escape(c) for c in row)
    return ("&nbsp;" * len(SPACE_GAP)).join(html.escape(c) for c in row)


def html_body(blocks: list[Block], *, paged: bool) -> str:
    parts = []
    for block in blocks:
        page = " newpage" if block.new_page and paged else ""
        if block.kind == "table" and block.table in ("grid", "open"):
            table = _html_table(block)
            parts.append(f"<div class='{page.strip()}'>{table}</div>" if page else table)
        elif block.kind == "table":
            cls = "cell" if block.table == "cells" else "row"
            texts = ([html.escape(c) for row in block.rows for c in row] if block.table == "cells"
                     else [_row_html(block.table, row) for row in block.rows])
            parts += [f"<p class='{cls}{page if n == 0 else ''}'>{t}</p>" for n, t in enumerate(texts)]
        elif block.kind == "title":
            parts.append(f"<h1 class='{page.strip()}'>{html.escape(block.text)}</h1>")
        elif block.kind == "right":
            parts.append(f"<p class='right{page}'>{html.escape(block.text)}</p>")
        else:
            pieces = block.text.split(PAGE_SPLIT)
            if not paged:
                parts.append(f"<p class='{page.strip()}'>{html.escape(''.join(pieces))}</p>")
                continue
            for n, piece in enumerate(pieces):
                cls = ("cont newpage" if n else page.strip())
                parts.append(f"<p class='{cls}'>{html.escape(piece)}</p>")
    return "".join(parts)


def write_pdf_file(blocks: list[Block], path: Path) -> None:
    """A PDF with a running header and ``— N —`` page numbers, the noise a reader must drop.

    A header is known by repeating from page to page; a one-page document shows no repetition
    (and a real one carries no running header), so a document that fits one page has none.
    """
    body = PDF_CSS + html_body(blocks, paged=True)
    write_pdf(path, body, header=path.stem)
    if _page_count(path) == 1:
        write_pdf(path, body, header="")


def _page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def write_html(blocks: list[Block], path: Path) -> None:
    """A government page: the first title is the page's heading, the rest the article.

    The page is published the day the document was signed (its last right-aligned date), as
    real pages are, so that the page's 发布时间 never contradicts the document.
    """
    first = next(n for n, b in enumerate(blocks) if b.kind == "title")
    page = GOV_PAGE.format(title=html.escape(blocks[first].text), views=len(blocks),
                           body=html_body(blocks[:first] + blocks[first + 1:], paged=False))
    signed = [m for b in blocks if b.kind == "right" and (m := SIGNED_ON.fullmatch(b.text))]
    if signed:
        year, month, day = (int(x) for x in signed[-1].groups())
        page = page.replace(f"发布时间：{GOV_PAGE_DATE}", f"发布时间：{year}-{month:02d}-{day:02d}")
    path.write_text(page, encoding="utf-8")


def write_txt(blocks: list[Block], path: Path) -> None:
    path.write_text(to_text(blocks), encoding="utf-8")


WRITERS = {"txt": write_txt, "docx": write_docx, "pdf": write_pdf_file, "html": write_html}


def documents() -> list[Path]:
    return sorted(HERE.glob("*.plan"))


def render_all(out: Path, formats: tuple[str, ...] = tuple(WRITERS)) -> dict[str, dict[str, Path]]:
    """Every authored document in every format under ``out``: {stem: {format: path}}."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, Path]] = {}
    for source in documents():
        blocks = parse_plan(source.read_text(encoding="utf-8"))
        files[source.stem] = {}
        for fmt in formats:
            path = out / f"{source.stem}.{fmt}"
            WRITERS[fmt](blocks, path)
            files[source.stem][fmt] = path
    return files


if __name__ == "__main__":
    render_all(Path(sys.argv[1]))
