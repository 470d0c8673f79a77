"""Repairs of Tesseract's usual confusions in Chinese official text.

General rules, for any scanned plan (no word of a sample is built in). On each OCR line,
before paragraphs are rebuilt (so headings are still recognised by their labels):

- a pair of one book-title and one round bracket (``〈…)``, ``（…》``) was a round pair (the
  scan's ``（`` read as ``《``);
- a year standing alone in square brackets is a document number's ``〔YYYY〕``;
- ``]``, ``|``, ``l`` or ``I`` between digits is the digit 1; before 月/日 it is a 1 when that
  gives a possible month or day, else a stray mark;
- ``一`` between two years is the dash of a year range (``2022—2025``), and between a date and
  the next year or month the dash of a date range (``2025年5月—2025年6月``, ``5月—6月``);
- item labels at the start of a line: ``10，`` is ``10.``, ``三)`` is ``（三）``, and stray
  marks between a label and its text go.

On each assembled paragraph: a round or book bracket left open at its end was closed there
(the closing ``）`` at a line end is often lost).
"""

from __future__ import annotations

import re

_ROUND_OPEN, _ROUND_CLOSE = "（(", "）)"
_BOOK_OPEN, _BOOK_CLOSE = "《〈", "》〉"
_HAN = r"\u4e00-\u9fff"
_DOC_YEAR = re.compile(r"[\[【〔［]\s*((?:19|20)\d{2})\s*[\]】〕］]\s*")
_ONE_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\]|lI](?=\d)")
_MARK_IN_DATE = re.compile(r"(\d{1,2})[\]|lI](?=[月日])")
_YEAR_RANGE_DASH = re.compile(r"(?<=(?:19|20)\d{2})\s*一\s*(?=(?:19|20)\d{2})")
_DATE_RANGE_DASH = re.compile(r"(?<=\d[年月])\s*一\s*(?=(?:19|20)\d{2}\s*年|\d{1,2}\s*月)")
_DIGIT_LABEL_COMMA = re.compile(rf"^(\d{{1,2}})[,，](?=[{_HAN}])")
_CN_LABEL_HALF_BRACKET = re.compile(r"^([一二三四五六七八九十]{1,3})[)）]")
_LABEL_JUNK = re.compile(rf"^(\d{{1,2}}[.．、]|[（(][一二三四五六七八九十\d]{{1,3}}[）)])[，,、。.”“\"'‘’·\s]+(?=[{_HAN}])")


def repair_line(line: str) -> str:
    """One OCR line (or table cell) with the confusions above repaired."""
    line = _YEAR_RANGE_DASH.sub("—", line)
    line = _DATE_RANGE_DASH.sub("—", line)
    # The document number's year first: in 〔2022]49号 the ] lies between digits too.
    line = _DOC_YEAR.sub(r"〔\1〕", line)
    line = _ONE_BETWEEN_DIGITS.sub("1", line)
    line = _MARK_IN_DATE.sub(_date_mark, line)
    line = _DIGIT_LABEL_COMMA.sub(r"\1.", line)
    line = _CN_LABEL_HALF_BRACKET.sub(r"（\1）", line)
    line = _LABEL_JUNK.sub(r"\1", line)
    return _pair_brackets(line)[0]


def _date_mark(match: re.Match[str]) -> str:
    digits = match.group(1)
    unit = match.string[match.end()]
    limit = 12 if unit == "月" else 31
    return digits + "1" if int(digits + "1") <= limit else digits


def close_open_brackets(text: str) -> str:
    """Each paragraph (line) of the assembled text closed where OCR lost its last bracket."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            line, still_open = _pair_brackets(line)
            if still_open:
                line += "）" * still_open
        out.append(line)
    return "\n".join(out)


def _pair_brackets(text: str) -> tuple[str, int]:
    """Mismatched pairs made round; also how many round groups are still open at the end."""
    chars = list(text)
    open_at: list[int] = []
    for i, ch in enumerate(chars):
        if ch in _ROUND_OPEN or ch in _BOOK_OPEN:
            open_at.append(i)
        elif (ch in _ROUND_CLOSE or ch in _BOOK_CLOSE) and open_at:
            j = open_at.pop()
            if (chars[j] in _BOOK_OPEN) != (ch in _BOOK_CLOSE):
                # One of the pair was misread: round brackets hold lists and years far more
                # often than a title is opened with one kind and closed with another.
                chars[j], chars[i] = "（", "）"
    # A book title left open at a paragraph's end was a round bracket read as 《.
    for j in open_at:
        if chars[j] in _BOOK_OPEN:
            chars[j] = "（"
    return "".join(chars), len(open_at)
