"""OCR of a scanned PDF: poppler's ``pdftoppm`` rasterises, Debian's Tesseract reads.

Both are programs from Debian packages (``poppler-utils``, ``tesseract-ocr`` with the
``tesseract-ocr-chi-sim`` model), called as subprocesses: nothing is downloaded at run time,
and without them the reader keeps refusing scans with one clear line.

Tesseract's ``tsv`` output gives each word its box and confidence. The words become the same
:class:`~ipcity.plans.read.pdf_layout.Line` items the text layer gives (pixels turned into
points), so page furniture and paragraphs are handled by :mod:`pdf_layout` exactly as for a
text PDF. Lines whose words stand apart in columns become table rows (:mod:`ocr_tables`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from ipcity.plans.read.ocr_rules import Grid, erase_rules
from ipcity.plans.read.ocr_tables import grid_rows, group_table_rows
from ipcity.plans.read.ocr_text import OcrWord, line_cells
from ipcity.plans.read.pdf_layout import Item, Line, TableBlock

# Scans are mostly 200 dpi; rasterising finer only adds pixels Tesseract must read (300 dpi read
# the seeds no better and took 60 % longer).
DPI = 200
LANGUAGE = "chi_sim"
# One page must not hang the import; a page takes about 3 s.
PAGE_TIMEOUT_S = 60
_PT_PER_PX = 72 / DPI
# A word box ends where Tesseract saw ink, and a line of justified CJK text stops up to a few
# characters short of the margin before Latin text or punctuation: a line this many characters
# short of the margin still runs on into the next.
OCR_LINE_SLACK = 4.0
# Tesseract's "words" below this confidence are specks, rules' ends or a stamp, not text.
MIN_WORD_CONFIDENCE = 20
# An opening bracket read with the character after it (``(市``, ``《市``): Tesseract scores such a
# mixed "word" near 0 though both are right, and no speck or stamp reads as a bracket and a character.
_BRACKET_AND_HAN = re.compile(r"^[（(《〈〔［\[【][\u4e00-\u9fff]{1,2}$")
# A page whose mean word confidence is below this is named in a warning for the reviewer.
LOW_PAGE_CONFIDENCE = 80


@dataclass
class OcrReport:
    """How sure Tesseract was: mean word confidence (0–100) over the document and per page."""

    mean_confidence: float
    page_confidences: list[float] = field(default_factory=list)

    def weak_pages(self) -> list[int]:
        """The pages (from 1) read with less than ``LOW_PAGE_CONFIDENCE``."""
        return [n + 1 for n, c in enumerate(self.page_confidences) if c < LOW_PAGE_CONFIDENCE]

    def summary(self) -> str:
        """One line for the command line (the review page words it itself, in its language)."""
        weak = self.weak_pages()
        pages = f"；置信度较低的页：第 {'、'.join(map(str, weak))} 页" if weak else ""
        return (f"文字由 OCR（Tesseract）识别，平均置信度 {self.mean_confidence:.0f}/100{pages}："
                "请对照扫描件核对名称和数字")


def ocr_available() -> bool:
    """Tesseract with its Simplified Chinese model, and pdftoppm, are installed."""
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in listed.stdout.split()


def ocr_pages(file: Path, page_count: int) -> tuple[list[list[Item]], OcrReport]:
    """Each page's lines and table rows as layout items, and the confidences."""
    with tempfile.TemporaryDirectory(prefix="ipcity-ocr-") as tmp:
        # Tesseract runs single-threaded (OMP_THREAD_LIMIT=1); pages run side by side instead.
        workers = max(1, min(page_count, os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            read = list(pool.map(lambda n: _page_words(file, n, Path(tmp)), range(1, page_count + 1)))
    pages = [_page_items(page_words, grids, index) for index, (page_words, grids) in enumerate(read)]
    words = [page_words for page_words, _ in read]
    confidences = [_mean([w.confidence for w in page_words]) for page_words in words]
    every = [w.confidence for page_words in words for w in page_words]
    return pages, OcrReport(round(_mean(every), 1), [round(c, 1) for c in confidences])


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _page_words(file: Path, number: int, tmp: Path) -> tuple[list[OcrWord], list[Grid]]:
    """Page ``number`` (1-based) rasterised in grey and read. PGM, not PNG: compressing the
    image would cost more than reading it."""
    stem = tmp / f"page{number}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-singlefile", "-f", str(number), "-l", str(number),
                    str(file), str(stem)], check=True, capture_output=True, timeout=PAGE_TIMEOUT_S)
    image = stem.with_suffix(".pgm")
    rules = erase_rules(image, DPI)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    # --psm 6 reads the page as one block of lines: a plan is one column, and the automatic
    # layout analysis (psm 3) cuts lines into fragments it then orders wrongly.
    done = subprocess.run(["tesseract", str(image), "stdout", "-l", LANGUAGE, "--psm", "6", "tsv"],
                          capture_output=True, text=True, timeout=PAGE_TIMEOUT_S, env=env, check=True)
    image.unlink()
    return parse_tsv(done.stdout), rules.grids()


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Tesseract's word rows (level 5) with their line key, box and confidence; noise left out."""
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        if float(cols[10]) < MIN_WORD_CONFIDENCE and not _BRACKET_AND_HAN.match(cols[11].strip()):
            continue
        block, par, line = (int(c) for c in cols[2:5])
        left, top, width, height = (int(c) for c in cols[6:10])
        words.append(OcrWord(cols[11].strip(), (block, par, line), left, top, left + width,
                             top + height, float(cols[10])))
    return words


def _page_items(words: list[OcrWord], grids: list[Grid], page: int) -> list[Item]:
    """Words → lines in points; words inside a ruled table → its rows; runs of column-split
    lines (an unruled table) → one table."""
    tables: list[Item] = []
    for grid in grids:
        inside = [w for w in words if _in_grid(w, grid)]
        if inside:
            rows = grid_rows(inside, grid)
            tables.append(TableBlock(rows, grid.top * _PT_PER_PX, page))
            words = [w for w in words if not _in_grid(w, grid)]
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    built = []
    for line_words in _visual_rows(list(lines.values())):
        line_words.sort(key=lambda w: w.x0)
        height = median(w.bottom - w.top for w in line_words)
        cells = line_cells(line_words, height)
        built.append((cells, Line(" ".join(text for text, _, _ in cells), line_words[0].x0 * _PT_PER_PX,
                                  line_words[-1].x1 * _PT_PER_PX,
                                  min(w.top for w in line_words) * _PT_PER_PX,
                                  max(w.bottom for w in line_words) * _PT_PER_PX,
                                  height * _PT_PER_PX, page)))
    built.sort(key=lambda b: b[1].top)
    items = group_table_rows(built, page) + tables
    items.sort(key=lambda i: i.top)
    return items


def _in_grid(word: OcrWord, grid: Grid) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return grid.left <= cx <= grid.right and grid.top <= cy <= grid.bottom


def _visual_rows(lines: list[list[OcrWord]]) -> list[list[OcrWord]]:
    """Tesseract may read a table's columns as separate blocks; words at one height that do
    not overlap across are one visual row again."""
    rows: list[list[OcrWord]] = []
    for words in sorted(lines, key=lambda ws: min(w.top for w in ws)):
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        for row in rows:
            r_top, r_bottom = min(w.top for w in row), max(w.bottom for w in row)
            overlap = min(bottom, r_bottom) - max(top, r_top)
            apart = all(w.x1 <= r.x0 or r.x1 <= w.x0 for w in words for r in row)
            if apart and overlap > 0.5 * min(bottom - top, r_bottom - r_top):
                row.extend(words)
                break
        else:
            rows.append(list(words))
    return rows


def mark_ocr_evidence(plan: dict, report: OcrReport) -> None:
    """Every item's evidence says that its text came from OCR, and how sure the OCR was, so
    a reviewer checks it against the scan (consumers may ignore extra evidence keys)."""
    for key in ("indicators", "tasks"):
        for item in plan.get(key, []):
            evidence = item.get("evidence")
            if isinstance(evidence, dict):
                evidence["ocr"] = True
                evidence["ocr_confidence"] = report.mean_confidence
