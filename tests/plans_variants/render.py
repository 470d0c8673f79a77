"""Render a plan's text (the seeds' shape) as a Word file, a PDF and a government web page.

The text is cut into blocks: headings (``#`` lines), paragraphs, and tables (consecutive
tab-separated lines, or a table extracted one ``\tcell`` per line, as in the Huainan seed).
Every format gets the document's own structure, not a copy of the text:

- .docx: Word heading styles; the outline numbers ``一、 （一） 1. （1） ①`` become real Word
  automatic numbering (numbering.xml), restarted where the document's numbers demand it;
  tables are Word tables, runs of equal values in a column merged vertically.
- .pdf: WeasyPrint from HTML with a running header and ``— N —`` page numbers.
- .html: a government page with navigation, breadcrumbs, ``字体：大 中 小``, share and footer.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.plans_read.docx_builder import ListStyle, add_numbering, new_document, restart_numbering
from tests.plans_read.pdf_builder import write_pdf

_CN = "一二三四五六七八九"
LABELS = [  # level, regex for the label, template with %n, how the number is written
    (0, re.compile(r"^([一二三四五六七八九十]+)、"), "%1、"),
    (1, re.compile(r"^([（(])([一二三四五六七八九十]+)([）)])"), "{open}%2{close}"),
    (2, re.compile(r"^(\d{1,2})([.．])(?!\d)\s*"), "%3{dot}"),
    (3, re.compile(r"^([（(])(\d{1,2})([）)])"), "{open}%4{close}"),
    (4, re.compile(r"^([①-⑳])"), "%5"),
]
FORMATS = ["chineseCounting", "chineseCounting", "decimal", "decimal", "decimalEnclosedCircle"]


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "table"
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def to_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        if _is_cell_line(raw):
            rows, i = _cell_per_line_table(lines, i)
            if len(rows) > 1:
                blocks.append(Block("table", rows=rows))
            else:
                blocks.extend(Block("paragraph", cell) for row in rows for cell in row)
            continue
        i += 1
        if not line:
            continue
        if "\t" in line:
            row = raw.split("\t")
            if blocks and blocks[-1].kind == "table" and lines[i - 2].count("\t") and lines[i - 2].strip():
                blocks[-1].rows.append(row)
            else:
                blocks.append(Block("table", rows=[row]))
            continue
        heading = re.match(r"^(#+)\s*(.*)$", line)
        if heading:
            blocks.append(Block("heading", heading.group(2), level=len(heading.group(1))))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


def _is_cell_line(raw: str) -> bool:
    return raw.startswith("\t") and "\t" not in raw[1:] and bool(raw.strip())


def _cell_per_line_table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """A table extracted one cell per line (``\tcell``), rows apart by a blank line, as rows.

    A short line without the tab continues the cell above (a header cell wrapped in two);
    two blank lines or a longer line end the table.
    """
    rows: list[list[str]] = [[]]
    blank, after_cell = False, False
    while i < len(lines):
        raw = lines[i]
        if _is_cell_line(raw):
            if blank and after_cell and rows[-1]:
                rows.append([])
            rows[-1].append(raw.strip())
            blank, after_cell = False, True
        elif not raw.strip():
            if blank:
                break
            blank = True
        elif len(raw.strip()) <= 6 and rows[-1]:
            rows[-1][-1] += raw.strip()
            blank, after_cell = False, False
        else:
            break
        i += 1
    return [r for r in rows if r], i


def blocks_text(blocks: list[Block]) -> str:
    """The text a reader should give back for these blocks (tables as tab-separated rows)."""
    out = []
    for block in blocks:
        out.extend(["\t".join(r) for r in block.rows] if block.kind == "table" else [block.text])
    return "\n".join(out)


def _cn_value(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CN.index(numeral[1]) + 1
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return (_CN.index(tens) + 1) * 10 + (_CN.index(ones) + 1 if ones else 0)
    return _CN.index(numeral) + 1


def split_label(text: str) -> tuple[int, int, str, str] | None:
    """(level, number, template, rest) for a paragraph opening with an outline number."""
    for level, pattern, template in LABELS:
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groups()
        if level == 0:
            number = _cn_value(groups[0])
        elif level == 1:
            number = _cn_value(groups[1])
            template = template.format(open=groups[0], close=groups[2])
        elif level == 2:
            number, template = int(groups[0]), template.format(dot=groups[1])
        elif level == 3:
            number, template = int(groups[1]), template.format(open=groups[0], close=groups[2])
        else:
            number = ord(groups[0]) - ord("①") + 1
        return level, number, template, text[m.end():].lstrip()
    return None


class WordNumbering:
    """Turn literal outline numbers into Word numbering, as a person styling the file would."""

    def __init__(self, document, blocks: list[Block]):
        self.document = document
        templates: dict[int, str] = {}
        for block in blocks:
            found = split_label(block.text) if block.kind != "table" else None
            if found and found[0] not in templates:
                templates[found[0]] = found[2]
        self.templates = templates
        levels = [(FORMATS[k], templates.get(k, f"%{k + 1}.")) for k in range(5)]
        self.style: ListStyle = add_numbering(document, levels, suffix="nothing")
        self.counters: dict[int, int] = {}

    def apply(self, paragraph, text: str) -> str:
        """Give ``paragraph`` numbering for its label and return the text without the label."""
        found = split_label(text)
        if not found:
            return text
        level, number, template, rest = found
        if template != self.templates.get(level) or not rest:
            return text  # a differently written label stays literal, as typed
        num_id = self.style.num_id
        if self.counters.get(level, 0) + 1 != number:
            num_id = restart_numbering(self.document, self.style, level, number)
        self.counters[level] = number
        for deeper in [k for k in self.counters if k > level]:
            del self.counters[deeper]
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        return rest


def vertical_runs(rows: list[list[str]], column: int) -> list[tuple[int, int]]:
    """Runs (first, last) of equal non-empty values below the header row, to merge."""
    runs, start = [], 1
    for r in range(2, len(rows) + 1):
        same = r < len(rows) and column < len(rows[r]) and column < len(rows[start]) \
            and rows[r][column] == rows[start][column] and rows[start][column]
        if not same:
            if r - 1 > start:
                runs.append((start, r - 1))
            start = r
    return runs


def write_docx(blocks: list[Block], path: Path) -> None:
    document = new_document()
    numbering = WordNumbering(document, blocks)
    for block in blocks:
        if block.kind == "table":
            _docx_table(document, block.rows)
            continue
        style = f"Heading {min(block.level, 3)}" if block.kind == "heading" else None
        paragraph = document.add_paragraph(style=style)
        paragraph.add_run(numbering.apply(paragraph, block.text))
    document.save(path)


def _docx_table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for c in range(width):
        for first, last in vertical_runs(rows, c):
            for r in range(first + 1, last + 1):
                table.cell(r, c).text = ""
            table.cell(first, c).merge(table.cell(last, c))


def _html_table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], int] = {}
    for c in range(width):
        for first, last in vertical_runs(rows, c):
            spans[(first, c)] = last - first + 1
            covered.update((r, c) for r in range(first + 1, last + 1))
    out = ["<table>"]
    for r, row in enumerate(rows):
        cells = []
        for c in range(width):
            if (r, c) in covered:
                continue
            value = html.escape(row[c]) if c < len(row) else ""
            span = f" rowspan='{spans[(r, c)]}'" if (r, c) in spans else ""
            cells.append(f"<td{span}>{value}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _html_body(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if block.kind == "table":
            parts.append(_html_table(block.rows))
        elif block.kind == "heading":
            parts.append(f"<h{min(block.level + 1, 4)} class='h'>{html.escape(block.text)}</h{min(block.level + 1, 4)}>")
        else:
            parts.append(f"<p>{html.escape(block.text)}</p>")
    return "".join(parts)


def write_pdf_file(blocks: list[Block], path: Path, running_header: str) -> None:
    style = "<style>h2,h3,h4{font-size:14pt;font-weight:normal;margin:0.3em 0}</style>"
    # A private-use glyph (OCR noise in a seed) has no font glyph; WeasyPrint then embeds the
    # body font in a form pdfminer cannot decode, which says nothing about the reader.
    body = "".join(ch for ch in _html_body(blocks) if unicodedata.category(ch) != "Co")
    write_pdf(path, style + body, header=running_header)


GOV_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_政府信息公开</title>
<script>window._hmt = window._hmt || [];</script><link rel="stylesheet" href="/css/main.css"></head>
<body><div class="topbar"><a href="/">网站首页</a> | <a>无障碍浏览</a> | <a>English</a></div>
<div class="header"><img src="/logo.png" alt="门户网站"><div id="nav" class="nav"><ul><li><a>首页</a></li>
<li><a>政务公开</a></li><li><a>政务服务</a></li><li><a>互动交流</a></li></ul></div></div>
<div class="breadcrumb">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>政策文件</a></div>
<div class="container"><div class="article-title"><h1>{title}</h1></div>
<div class="info">发布时间：2024-01-08 浏览次数：{views} 字体：[<a>大</a> <a>中</a> <a>小</a>] 【<a>打印</a>】【<a>关闭</a>】</div>
<div class="TRS_Editor">{body}</div>
<div class="bdsharebuttonbox">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="related"><h3>相关文件</h3><ul><li><a>关于2023年知识产权工作要点的通知</a></li></ul></div></div>
<div class="footer"><p>主办单位：人民政府办公室 网站标识码：3400000000</p><p>ICP备00000000号</p></div>
</body></html>"""


def write_html(blocks: list[Block], path: Path) -> None:
    title_block, rest = blocks[0], blocks[1:]
    page = GOV_PAGE.format(title=html.escape(title_block.text), views=len(blocks), body=_html_body(rest))
    path.write_text(page, encoding="utf-8")
