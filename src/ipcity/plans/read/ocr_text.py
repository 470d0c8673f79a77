"""Text of one OCR line: words joined the way Chinese is written, cells split at column gaps.

Tesseract's Chinese output puts spaces between characters and confuses full- and half-width
forms. The rules here are general, for any document: no space next to a Chinese character,
letters and digits half-width, and ``, ; : ? !`` full-width where they touch Chinese text
(the later stages read ``。；：`` as sentence and clause ends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipcity.plans.read.ocr_repair import repair_line
from ipcity.plans.read.textjoin import is_cjk

# Words further apart than this many character heights stand in different table columns; in
# running text Tesseract's gaps are well under one character.
COLUMN_GAP_HEIGHTS = 2.0

_FULLWIDTH_ALNUM = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B)
                    if chr(c - 0xFEE0).isalnum()} | {"％": "%", "．": "."}
_TO_FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SPACE_NEXT_TO_CJK = re.compile(r"(?<=\S)\s+(?=\S)")


@dataclass
class OcrWord:
    text: str
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line) numbers
    x0: int
    top: int
    x1: int
    bottom: int
    confidence: float


def line_cells(words: list[OcrWord], height: float) -> list[tuple[str, int, int]]:
    """The line's cells (one cell for running text), left to right, normalised, with their
    left and right edges in pixels."""
    cells: list[list[OcrWord]] = []
    for word in words:
        if cells and word.x0 - cells[-1][-1].x1 <= COLUMN_GAP_HEIGHTS * height:
            cells[-1].append(word)
        else:
            cells.append([word])
    return [(repair_line(normalise_ocr_text(" ".join(w.text for w in cell))), cell[0].x0, cell[-1].x1)
            for cell in cells]


def normalise_ocr_text(text: str) -> str:
    """Spaces next to Chinese dropped; widths as the later stages expect them."""
    text = "".join(_FULLWIDTH_ALNUM.get(ch, ch) for ch in text)
    text = _SPACE_NEXT_TO_CJK.sub(_space_or_nothing, text)
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch in _TO_FULLWIDTH and _touches_cjk(chars, i):
            chars[i] = _TO_FULLWIDTH[ch]
    return "".join(chars).strip()


def _space_or_nothing(match: re.Match[str]) -> str:
    text = match.string
    before, after = text[match.start() - 1], text[match.end()]
    # Between two Latin words or numbers a space is real (``Page 3``); next to Chinese it is not.
    return "" if is_cjk(before) or is_cjk(after) else " "


def _touches_cjk(chars: list[str], i: int) -> bool:
    before = chars[i - 1] if i > 0 else ""
    after = chars[i + 1] if i + 1 < len(chars) else ""
    # A colon between digits is a time or a ratio (9:30, 1:1), never a label.
    if chars[i] == ":" and before.isdigit() and after.isdigit():
        return False
    return is_cjk(before) or is_cjk(after)
