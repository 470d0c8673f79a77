"""Read a .docx: body paragraphs and tables in document order, with Word's list numbers.

python-docx opens the package; the body is walked as XML because python-docx neither renders
list numbers nor exposes text boxes, content controls and merged cells in document order.
Headers, footers, footnotes and deleted (tracked) or hidden text are not content and are left out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx

from ipcity.notices import Notice, gettext_noop
from ipcity.plans.errors import DocumentError
from ipcity.plans.read.docx_numbering import NumberingCounter, W, load_definitions
from ipcity.plans.read.notices import images_warning
from ipcity.plans.read.paragraph_rows import paragraph_rows
from ipcity.plans.read.zipguard import open_checked_zip

# Reader warnings are shown to the office on the review page, in Chinese like the parser's own.
TRACKED_CHANGES_WARNING = Notice(gettext_noop("文档含有修订标记：已按接受全部修订后的文字读取，请对照原文核对"))

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {W + "del", W + "moveFrom", W + "instrText", W + "delInstrText", W + "pPr", W + "rPr",
            W + "footnoteReference", W + "endnoteReference", W + "commentReference", MC + "Fallback"}
_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins", W + "moveTo"}
# Whitespace Word documents use for indentation (full-width and no-break spaces included).
_EDGE_SPACE = " \t\u3000\u00a0\u2002\u2003"
# Word's tab in a paragraph while it is read: a character XML cannot hold, so never the text's own.
# It becomes a cell boundary where the paragraph is a table's row (``paragraph_rows``), else a space.
_TAB = "\x1f"

Block = str


class _Paragraph(str):
    """A paragraph's text as read (its tabs as spaces), with ``tabbed``: the same with its tabs."""

    tabbed: str

    def __new__(cls, text: str, tabbed: str) -> _Paragraph:
        paragraph = super().__new__(cls, text)
        paragraph.tabbed = tabbed
        return paragraph


def read_docx(file: Path, name: str) -> tuple[str, list[str]]:
    with open_checked_zip(file, name) as archive:
        _check_is_word(archive, name)
    try:
        document = docx.Document(str(file))
        counter = NumberingCounter(load_definitions(_part_element(document, "numbering"),
                                                    _part_element(document, "styles")))
        body = document.element.body
        blocks = _with_paragraph_rows(list(_blocks(body, counter)))
        warnings = _warnings(body)
    except DocumentError:
        raise
    except Exception as exc:  # a damaged package: zlib, zip, lxml and python-docx raise many types
        detail = " ".join(str(exc).split())[:80] or type(exc).__name__
        raise DocumentError(name, f"corrupt Word document ({type(exc).__name__}: {detail})",
                            "Word 文档已损坏，无法读取") from exc
    return "\n\n".join(b for b in blocks if b), warnings


def _check_is_word(archive: zipfile.ZipFile, name: str) -> None:
    names = set(archive.namelist())
    if "word/document.xml" in names or any(n.endswith("document.xml") and "word" in n for n in names):
        return
    if any(n.startswith("xl/") for n in names):
        raise DocumentError(name, "an Excel workbook, not a plan document", "这是 Excel 工作簿，不是方案文档")
    if any(n.startswith("ppt/") for n in names):
        raise DocumentError(name, "a PowerPoint file, not a plan document", "这是 PowerPoint 文件，不是方案文档")
    if "content.xml" in names and "mimetype" in names:
        raise DocumentError(name, "an OpenDocument file: save it as .docx", "这是 OpenDocument 文件，请另存为 .docx")
    raise DocumentError(name, "a zip archive, not a Word document", "这是 zip 压缩包，不是 Word 文档")


def _part_element(document: Any, which: str) -> Any | None:
    try:
        if which == "numbering":
            return document.part.numbering_part.element
        return document.part.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _blocks(container: Any, counter: NumberingCounter) -> Iterator[Block]:
    """Paragraphs and tables under ``container`` (body, cell, text box) in document order."""
    for child in container:
        tag = child.tag
        if tag == W + "p":
            textboxes: list[Any] = []
            text = _paragraph_text(child, textboxes)
            label = counter.label_for(child)
            line = _strip_lines(text.replace(_TAB, " "))
            if line:
                # Word draws "1." then a tab; without a gap "1.2025年…" would read as 1.2025.
                gap = " " if label.endswith(".") and line[:1].isdigit() else ""
                tabbed = _strip_lines(text, _EDGE_SPACE.replace("\t", "")).replace(_TAB, "\t")
                tab_gap = " " if label.endswith(".") and tabbed[:1].isdigit() else ""
                yield _Paragraph(label + gap + line, label + tab_gap + tabbed)
            for box in textboxes:
                yield from _blocks(box, counter)
        elif tag == W + "tbl" and _is_layout_table(child):
            for tc in child.iter(W + "tc"):
                if _owning_table(tc) is child:
                    yield from _blocks(tc, counter)
        elif tag == W + "tbl":
            yield "\n".join("\t".join(row) for row in _table_rows(child, counter))
        elif tag in _CONTAINERS:
            yield from _blocks(child, counter)


def _is_layout_table(tbl: Any) -> bool:
    """A one-column table is a box around text (a 专栏, a whole notice in a frame), and a table
    holding tables is page layout: both are read as the paragraphs and tables inside them."""
    rows = [tr for tr in tbl.iter(W + "tr") if _owning_table(tr) is tbl]
    widths = [sum(max(_int_attr(tc.find(W + "tcPr"), "gridSpan", 1), 1) for tc in _row_cells(tr)) for tr in rows]
    nested = any(inner is not tbl for inner in tbl.iter(W + "tbl"))
    return (bool(widths) and max(widths) == 1) or nested


def _owning_table(el: Any) -> Any | None:
    parent = el.getparent() if el is not None else None
    while parent is not None and parent.tag != W + "tbl":
        parent = parent.getparent()
    return parent


def _strip_lines(text: str, edge: str = _EDGE_SPACE) -> str:
    lines = (ln.strip(edge) for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _with_paragraph_rows(blocks: list[Block]) -> list[Block]:
    """Runs of paragraphs that are a table typed with tabs (``read.paragraph_rows``) → one table
    of tab-separated rows, as a Word table is read; every other block as it is."""
    paragraphs = [b.tabbed if isinstance(b, _Paragraph) else "" for b in blocks]
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        end, rows = paragraph_rows(paragraphs, i)
        if rows is None:
            out.append(str(blocks[i]))
            i += 1
        else:
            out.append("\n".join("\t".join(row) for row in rows))
            i = end
    return out


def _paragraph_text(paragraph: Any, textboxes: list[Any]) -> str:
    pieces: list[str] = []
    _collect_text(paragraph, pieces, textboxes)
    return "".join(pieces)


def _collect_text(el: Any, pieces: list[str], textboxes: list[Any]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == W + "t":
            pieces.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            # A tab is layout (a space) unless its paragraph is a table's row: kept until that is known.
            pieces.append(_TAB)
        elif tag in (W + "br", W + "cr"):
            pieces.append("\n")
        elif tag == W + "noBreakHyphen":
            pieces.append("-")
        elif tag == W + "txbxContent":
            textboxes.append(child)
        elif tag == W + "r" and _is_hidden(child):
            continue
        else:
            _collect_text(child, pieces, textboxes)


def _is_hidden(run: Any) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in ("0", "false", "off")


def _int_attr(el: Any, tag: str, default: int) -> int:
    child = el.find(W + tag) if el is not None else None
    value = child.get(W + "val") if child is not None else None
    return int(value) if value is not None and value.isdigit() else default


def _row_cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag in _CONTAINERS:
            yield from _row_cells(child)


def _table_rows(tbl: Any, counter: NumberingCounter) -> list[list[str]]:
    """Rows of cell texts on the table grid: spans give '' after the value, vMerge repeats it."""
    rows: list[list[str]] = []
    for tr in tbl.iter(W + "tr"):
        if tr.getparent() is not tbl and tr.getparent().tag not in _CONTAINERS:
            continue  # a row of a nested table: read as part of its cell
        trpr = tr.find(W + "trPr")
        row = [""] * _int_attr(trpr, "gridBefore", 0)
        for tc in _row_cells(tr):
            tcpr = tc.find(W + "tcPr")
            span = max(_int_attr(tcpr, "gridSpan", 1), 1)
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            col = len(row)
            if vmerge is not None and vmerge.get(W + "val", "continue") == "continue":
                above = rows[-1] if rows else []
                text = above[col] if col < len(above) else ""
            else:
                text = _cell_text(tc, counter)
            row.append(text)
            row.extend([""] * (span - 1))
        row.extend([""] * _int_attr(trpr, "gridAfter", 0))
        if any(cell for cell in row):
            rows.append(row)
    return rows


def _cell_text(tc: Any, counter: NumberingCounter) -> str:
    # Paragraphs of one cell become one cell value; tabs and line ends inside would break the row.
    parts = [b for b in _blocks(tc, counter) if b]
    return " ".join(" ".join(p.split()) for p in parts)


def _warnings(body: Any) -> list[str]:
    warnings: list[str] = []
    images = sum(1 for _ in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    if images:
        warnings.append(images_warning(images))
    if next(body.iter(W + "del"), None) is not None or next(body.iter(W + "ins"), None) is not None:
        warnings.append(TRACKED_CHANGES_WARNING)
    return warnings
