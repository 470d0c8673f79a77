"""Read a PDF's text layer with pdfplumber: lines and ruled tables in reading order.

Each page gives its text lines (characters inside a table left out) and its tables, sorted
top to bottom; :mod:`pdf_layout` then drops page furniture and rebuilds paragraphs. A PDF
whose pages carry no characters is a scan and needs OCR, which this reader does not do.
"""

from __future__ import annotations

from pathlib import Path
from statistics import median
from typing import Any

from ipcity.plans.errors import DocumentError
from ipcity.plans.read.pdf_layout import Item, Line, TableBlock, assemble, drop_furniture
from ipcity.plans.read.textjoin import drop_spaces_between_cjk, join_wrapped

# Fewer visible characters than this in the whole file: no usable text layer.
MIN_TEXT_CHARS = 20
# Share of "(cid:N)" glyphs above which the text layer cannot be decoded (fonts without Unicode map).
MAX_CID_SHARE = 0.3


def read_pdf(file: Path, name: str) -> tuple[str, list[str]]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(file)
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise _open_error(exc, name) from exc
    with pdf:
        try:
            if not pdf.pages:
                raise DocumentError(name, "corrupt PDF (no pages)", "PDF 文件已损坏（没有页面）")
            pages = [_page_items(page, index) for index, page in enumerate(pdf.pages)]
        except DocumentError:
            raise
        except Exception as exc:
            raise _open_error(exc, name) from exc
    _check_text_layer(pages, name)
    warnings = _empty_page_warning(pages)
    return assemble(drop_furniture(pages)), warnings


def _open_error(exc: Exception, name: str) -> DocumentError:
    chain = f"{type(exc).__name__} {exc!r} {type(exc.__cause__).__name__ if exc.__cause__ else ''}"
    if "Password" in chain or "Encrypt" in chain:
        return DocumentError(name, "password-protected (encrypted) PDF: remove the password and export again",
                             "PDF 已加密（设有密码），请取消密码后重新导出")
    detail = " ".join(str(exc).split())[:80] or type(exc).__name__
    return DocumentError(name, f"corrupt PDF ({detail})", "PDF 文件已损坏，无法读取")


def _page_items(page: Any, index: int) -> list[Item]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside_tables(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        if not obj.get("upright", True):
            return False  # rotated text: a watermark or a margin stamp, not the document's text
        if not boxes:
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables)
    items: list[Item] = []
    for raw in text_page.extract_text_lines(return_chars=True, strip=True):
        text = drop_spaces_between_cjk(raw["text"])
        if not text.strip():
            continue
        size = median(c.get("size", 10) for c in raw["chars"]) if raw.get("chars") else 10
        items.append(Line(text, raw["x0"], raw["x1"], raw["top"], raw["bottom"], size, index))
    for table in tables:
        rows = table_rows(table, page)
        if rows:
            items.append(TableBlock(rows, table.bbox[1], index))
    items.sort(key=lambda i: i.top)
    return items


def table_rows(table: Any, page: Any) -> list[list[str | None]]:
    """Cell texts, wrapped lines joined. A cell covered by a merge is '' when the merge comes from
    the left and repeats the value when it comes from above; ``None`` when it comes from above
    but the value is on the previous page (the layout fills it when it joins the two parts)."""
    raw = table.extract()
    out: list[list[str | None]] = []
    for r, row in enumerate(raw):
        cells: list[str | None] = []
        for c, value in enumerate(row):
            if value is None:
                value = _covered_value(table, raw, r, c)
                if value is None or (value == "" and not _spanned_from_left(table, r, c)):
                    value = _unruled_text(table, page, r, c) or value
            cells.append(None if value is None else drop_spaces_between_cjk(join_wrapped(value)).replace("\t", " "))
        if any(cells):
            out.append(cells)
    return out


def _grid_box(table: Any, r: int, c: int) -> tuple[float, float, float, float] | None:
    """The box of grid position (r, c): its column's span across, its row's own height down."""
    own = [box for box in table.rows[r].cells if box is not None]
    try:
        x0, _, x1, _ = table.columns[c].bbox
    except (IndexError, ValueError):
        return None
    if not own:
        return None
    # The row's own height is that of its shortest cell; merged cells reach further down.
    return x0, min(b[1] for b in own), x1, min(b[3] for b in own)


def _unruled_text(table: Any, page: Any, r: int, c: int) -> str:
    """Text standing in a grid position that has no ruled cell (a merge cut by a page break)."""
    box = _grid_box(table, r, c)
    if box is None:
        return ""
    try:
        return page.within_bbox(box).extract_text() or ""
    except ValueError:
        return ""


def _covered_value(table: Any, raw: list[list[str | None]], r: int, c: int) -> str | None:
    """The text of the merged cell covering grid position (r, c) if it comes from a row above."""
    box = _grid_box(table, r, c)
    if box is None:
        return ""
    x0, top, x1, bottom = box
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    for r2 in range(r - 1, -1, -1):
        for c2, box in enumerate(table.rows[r2].cells):
            if box is None:
                continue
            bx0, btop, bx1, bbottom = box
            if bx0 <= cx <= bx1 and btop <= cy <= bbottom:
                return raw[r2][c2] or ""
    if _spanned_from_left(table, r, c):
        return ""
    return None if r == 0 else ""


def _spanned_from_left(table: Any, r: int, c: int) -> bool:
    box = _grid_box(table, r, c)
    left_cells = [b for b in table.rows[r].cells[:c] if b is not None]
    return box is not None and bool(left_cells) and left_cells[-1][2] >= (box[0] + box[2]) / 2


def _visible_chars(pages: list[list[Item]]) -> tuple[int, int]:
    text = "".join(i.text if isinstance(i, Line) else "".join(c or "" for r in i.rows for c in r)
                   for items in pages for i in items)
    return len("".join(text.split())), text.count("(cid:") * 7


def _check_text_layer(pages: list[list[Item]], name: str) -> None:
    visible, cid = _visible_chars(pages)
    if visible < MIN_TEXT_CHARS:
        raise DocumentError(name, "scanned PDF without a text layer: needs OCR",
                            "扫描版 PDF，没有文字层，需要先进行 OCR 文字识别")
    if cid > MAX_CID_SHARE * visible:
        raise DocumentError(name, "the PDF's text layer cannot be decoded (fonts without a Unicode map): needs OCR",
                            "PDF 文字层无法解码（字体缺少 Unicode 映射），需要 OCR 文字识别")


def _empty_page_warning(pages: list[list[Item]]) -> list[str]:
    empty = [str(n + 1) for n, items in enumerate(pages) if not items]
    return [f"pages without text (scanned images?): {', '.join(empty)}"] if empty else []
