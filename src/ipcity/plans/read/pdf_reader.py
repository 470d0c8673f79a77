"""Read a PDF's text layer with pdfplumber: lines and ruled tables in reading order.

Each page gives its text lines (characters inside a table left out) and its tables, sorted
top to bottom; :mod:`pdf_layout` then drops page furniture and rebuilds paragraphs. A PDF
whose pages carry no characters is a scan: it is read by OCR (:mod:`ocr`) when Tesseract is
installed, else refused with one clear line.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from statistics import median
from typing import Any

from ipcity.notices import Notice, gettext_noop
from ipcity.plans.errors import DocumentError
from ipcity.plans.read.cell_rows import is_header_row
from ipcity.plans.read.ocr import OCR_LINE_SLACK, OcrReport
from ipcity.plans.read.ocr_tables import Cell, group_table_rows
from ipcity.plans.read.pdf_columns import column_lines, find_gutter
from ipcity.plans.read.pdf_layout import Item, Line, TableBlock, assemble, drop_furniture
from ipcity.plans.read.pdf_open_tables import rebuild_open_tables
from ipcity.plans.read.textjoin import drop_spaces_between_cjk, join_wrapped

# Fewer visible characters than this in the whole file: no usable text layer.
MIN_TEXT_CHARS = 20
# Share of "(cid:N)" glyphs above which the text layer cannot be decoded (fonts without Unicode map).
MAX_CID_SHARE = 0.3
# Characters this far apart (in character sizes) stand in different columns: three typed spaces
# between cells are about 0.75; justified Chinese text spreads its characters far less.
COLUMN_GAP_EM = 0.6
# Under a header of column words, a gap this wide (and this much wider than the line's usual
# spacing) is a cell boundary: a tab can leave next to no room before the next tab stop.
NARROW_GAP_EM = 0.05


def read_pdf(file: Path, name: str) -> tuple[str, list[str], OcrReport | None]:
    """The PDF's text and warnings; for a scan read by OCR, also how sure the OCR was."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(file)
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise _open_error(exc, name) from exc
    try:
        if not pdf.pages:
            raise DocumentError(name, "corrupt PDF (no pages)", "PDF 文件已损坏（没有页面）")
        pages, gutter = [], None
        for index, page in enumerate(pdf.pages):
            items, gutter = _page_items(page, index, gutter)
            pages.append(items)
    except DocumentError:
        raise
    except Exception as exc:
        raise _open_error(exc, name) from exc
    finally:
        _close(pdf)
    try:
        _check_text_layer(pages, name)
    except DocumentError as no_text:
        return _read_by_ocr(file, name, len(pages), no_text)
    warnings = empty_page_warning(pages)
    return assemble(rebuild_open_tables(drop_furniture(pages))), warnings, None


def _close(pdf: Any) -> None:
    # pdfplumber's close() parses the pages again when they failed to parse: the damage is
    # already reported, and the file handle is all that is left to release.
    try:
        pdf.close()
    except Exception:  # see above: any error of the damaged file
        stream = getattr(pdf, "stream", None)
        if stream is not None and not getattr(pdf, "stream_is_external", True):
            stream.close()


def _read_by_ocr(file: Path, name: str, page_count: int,
                 no_text: DocumentError) -> tuple[str, list[str], OcrReport]:
    """A scan (or an undecodable text layer) read by Tesseract; refused as before without it."""
    from ipcity.plans.read.ocr import ocr_available, ocr_pages
    from ipcity.plans.read.ocr_repair import close_open_brackets

    if not ocr_available():
        raise DocumentError(name, f"{no_text.problem} (OCR is not installed: tesseract-ocr, tesseract-ocr-chi-sim)",
                            no_text.problem_zh) from None
    try:
        pages, report = ocr_pages(file, page_count)
    except (OSError, subprocess.SubprocessError) as exc:
        raise DocumentError(name, f"{no_text.problem}, and OCR failed ({type(exc).__name__})",
                            f"{no_text.problem_zh}；OCR 识别失败") from exc
    visible, _ = visible_chars(pages)
    if visible < MIN_TEXT_CHARS:
        raise DocumentError(name, f"{no_text.problem}, and OCR found no text",
                            f"{no_text.problem_zh}；OCR 未识别出文字")
    # What OCR did is told from ``report`` by whoever shows it (the CLI, the review page), once.
    return close_open_brackets(assemble(drop_furniture(pages), slack=OCR_LINE_SLACK)), [], report


def _open_error(exc: Exception, name: str) -> DocumentError:
    chain = f"{type(exc).__name__} {exc!r} {type(exc.__cause__).__name__ if exc.__cause__ else ''}"
    if "Password" in chain or "Encrypt" in chain:
        return DocumentError(name, "password-protected (encrypted) PDF: remove the password and export again",
                             "PDF 已加密（设有密码），请取消密码后重新导出")
    detail = " ".join(str(exc).split())[:80] or type(exc).__name__
    return DocumentError(name, f"corrupt PDF ({detail})", "PDF 文件已损坏，无法读取")


def _page_items(page: Any, index: int, gutter_before: float | None = None) -> tuple[list[Item], float | None]:
    """The page's lines and tables in reading order, and the gutter of its two columns if it
    is set in two (:mod:`pdf_columns`; ``gutter_before`` is the page before's)."""
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
    raw_lines = text_page.extract_text_lines(return_chars=True, strip=True)
    gutter = find_gutter(raw_lines, page.width, gutter_before)
    if gutter is not None:
        # two columns: lines in reading order, the right column's moved under the left one's
        return _column_items(column_lines(text_page, raw_lines, gutter, boxes), tables, page, index), gutter
    items = line_items(raw_lines, index)
    for table in tables:
        rows = table_rows(table, page)
        if rows:
            items.append(TableBlock(rows, table.bbox[1], index))
    items.sort(key=lambda i: i.top)
    return items, None


def _column_items(entries: list[dict], tables: list[Any], page: Any, index: int) -> list[Item]:
    """Items of a page in two columns, in the order :func:`pdf_columns.column_lines` put its lines
    and its tables (``{"table": k}``, at the top it gave them)."""
    items: list[Item] = []
    run: list[dict] = []
    for entry in [*entries, None]:
        if entry is not None and "table" not in entry:
            run.append(entry)
            continue
        items += line_items(run, index)
        run = []
        if entry is not None and (rows := table_rows(tables[entry["table"]], page)):
            items.append(TableBlock(rows, entry["top"], index))
    return items


def line_items(raw_lines: list[dict], index: int) -> list[Item]:
    """Text lines in pdfplumber's shape (``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``chars``
    each with ``text``, ``x0``, ``x1``, ``size``) → :class:`Line` items, runs of lines whose
    characters stand in columns → unruled tables. Any reader with positioned characters (the
    OFD reader too) goes through here, so the same page gives the same lines."""
    lines: list[tuple[list[Cell], Line]] = []
    chars_of: list[list[dict]] = []
    for raw in raw_lines:
        text = drop_spaces_between_cjk(raw["text"])
        if not text.strip():
            continue
        size = median(c.get("size", 10) for c in raw["chars"]) if raw.get("chars") else 10
        line = Line(text, raw["x0"], raw["x1"], raw["top"], raw["bottom"], size, index)
        lines.append((_gap_cells(raw.get("chars") or [], size) or [(text, raw["x0"], raw["x1"])], line))
        chars_of.append(raw.get("chars") or [])
    lines = _split_under_narrow_header(lines, chars_of)
    for cells, line in lines:
        line.cells = list(cells)
    # Lines whose words stand apart in the same columns are the rows of an unruled table.
    return group_table_rows(lines, index, keep_text=True)


def _gap_cells(chars: list[dict], size: float) -> list[Cell]:
    """The line's cells where its characters stand a column gap apart (spaces typed between
    the cells of a table row); ``[]`` when there is no such gap."""
    chars = sorted((c for c in chars if c.get("text", "").strip()), key=lambda c: c["x0"])
    cells: list[list[dict]] = []
    for char in chars:
        if cells and char["x0"] - cells[-1][-1]["x1"] < COLUMN_GAP_EM * size:
            cells[-1].append(char)
        else:
            cells.append([char])
    if len(cells) < 2:
        return []
    return [("".join(c["text"] for c in cell), cell[0]["x0"], cell[-1]["x1"]) for cell in cells]


def _split_under_narrow_header(lines: list[tuple[list[Cell], Line]],
                               chars_of: list[list[dict]]) -> list[tuple[list[Cell], Line]]:
    """Cells kept apart by gaps narrower than typed spaces, under a header of column words.

    A table typed with tabs (or single spaces) between its cells may leave its cells barely
    apart on the page (``序号指标名称单位2023年``): the header is known by its column words once
    split at every gap wider than the line's own character spacing, and the lines under it that
    split into as many cells are its rows. Prose is never split: it stands under no such header.
    """
    out = list(lines)
    i = 0
    while i < len(out):
        cells, line = out[i]
        fine = _narrow_gap_cells(chars_of[i], line.size)
        if len(fine) <= len(cells) or not is_header_row([text for text, _, _ in fine]):
            i += 1
            continue
        rows = [fine]
        for j in range(i + 1, len(out)):
            row = _narrow_gap_cells(chars_of[j], out[j][1].size, want=len(fine))
            if len(row) != len(fine):
                break
            rows.append(row)
        if len(rows) >= 2:
            for n, row in enumerate(rows):
                out[i + n] = (row, out[i + n][1])
        i += len(rows)
    return out


def _narrow_gap_cells(chars: list[dict], size: float, want: int | None = None) -> list[Cell]:
    """The line split at gaps clearly wider than its usual character spacing; with ``want``,
    into that many cells (the widest gaps, when they stand clearly apart from the rest)."""
    chars = sorted((c for c in chars if c.get("text", "").strip()), key=lambda c: c["x0"])
    if len(chars) < 2:
        return []
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:], strict=False)]
    usual = median(gaps)
    wide = sorted((g, n) for n, g in enumerate(gaps) if g >= NARROW_GAP_EM * size and g >= usual + NARROW_GAP_EM * size)
    if want is not None:
        if len(wide) < want - 1:
            return []
        chosen, rest = wide[len(wide) - (want - 1):], wide[:len(wide) - (want - 1)]
        if rest and chosen[0][0] < 2 * rest[-1][0]:
            return []
        wide = chosen
    if not wide:
        return []
    cuts = sorted(n + 1 for _, n in wide)
    pieces = [chars[a:b] for a, b in zip([0, *cuts], [*cuts, len(chars)], strict=True)]
    return [("".join(c["text"] for c in piece), piece[0]["x0"], piece[-1]["x1"]) for piece in pieces]


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


def visible_chars(pages: list[list[Item]]) -> tuple[int, int]:
    text = "".join(i.text if isinstance(i, Line) else "".join(c or "" for r in i.rows for c in r)
                   for items in pages for i in items)
    return len("".join(text.split())), text.count("(cid:") * 7


def _check_text_layer(pages: list[list[Item]], name: str) -> None:
    visible, cid = visible_chars(pages)
    if visible < MIN_TEXT_CHARS:
        raise DocumentError(name, "scanned PDF without a text layer: needs OCR",
                            "扫描版 PDF，没有文字层，需要先进行 OCR 文字识别")
    if cid > MAX_CID_SHARE * visible:
        raise DocumentError(name, "the PDF's text layer cannot be decoded (fonts without a Unicode map): needs OCR",
                            "PDF 文字层无法解码（字体缺少 Unicode 映射），需要 OCR 文字识别")


def empty_page_warning(pages: list[list[Item]]) -> list[str]:
    empty = [n + 1 for n, items in enumerate(pages) if not items]
    return [Notice(gettext_noop("第 %(pages)s 页没有文字（可能是扫描图片），其中内容未读取"), pages=empty)] if empty else []
