"""Stage 2: the reader's text → clean lines, each keeping the offsets of its characters.

What counts as noise here (never content): page numbers like ``— 3 —``, the ``[image: …]``
markers and the OCR garbage that follows them, private-use characters that PDF fonts leave
behind, Markdown marks (``##``, ``**``) that some extractions add, zero-width characters, the
emoji a WeChat article decorates its lines with, and the pinyin readings a mirror site writes after
characters (``产(chǎn)``).

Broken lines (a paragraph split in the middle of a sentence by a page or column break) are
joined back into one line; where a page break repeated the last character (``市知\\n\\n知识产权局``)
the repeat is dropped. Every character of a :class:`Line` remembers its offset in the input,
so evidence can always point back at the reader's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import (
    NAME_HEADER_WORDS,
    NOT_UNIT_LABELS,
    REDUPLICATED_CHARS,
    RESPONSIBILITY_NOUNS,
    RESPONSIBILITY_ROLES,
    SIMPLIFIED_TOO,
    TASK_FIELD_LABELS,
    VALUE_HEADER_WORDS,
    alternation,
)

# Markdown heading marks and bold marks that some text extractions leave in.
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_BOLD = re.compile(r"\*\*")
_IMAGE_MARK = re.compile(r"\[image:[^\]]*\]")
# Private-use area (icon fonts), zero-width characters and the byte-order mark.
_INVISIBLE = re.compile(r"[\ue000-\uf8ff\u200b-\u200f\u2060\ufeff]")
# Emoji and dingbats (🔹 ✨ 📢 👇 ✅, with their variation selectors): the bullets and decoration of
# an article copied from a WeChat 公众号 or a web page, never a plan's words. Not the geometric
# shapes (○ writes a zero in 二○二五年) and not ① ⑴ (numbering).
_PICTOGRAPHS = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27bf\u2b00-\u2bff\ufe0e\ufe0f]")
# A pinyin reading a mirror site writes after a character (``知识产(chǎn)权(quán)``, its converter's
# gloss): a bracketed syllable with a tone mark right after a Chinese character, never a plan's word.
_READING = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# The spaces a page set its signature and date with (``\u3000``, ``&nbsp;``), lost to ``?`` when a
# mirror site re-encoded the page: two question marks or more, spaces between, closing a line
# (``某省人民政府? ? ??``, ``2024年7月30日? ??``). No sentence ends so: a question ends in one ``？``.
_LOST_SPACES = re.compile(r"(?:[ \t]*\?){2,}[ \t]*$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—－–~\s]+\d{1,4}[-—－–~\s]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")

# A line that ends one of these is complete; the next line starts a new paragraph.
_TERMINAL = set("。！？；：:;!?…）)〕】]」》")
# Line starts that always begin a new paragraph (numbering, dashes, captions, notes).
_NEW_PARAGRAPH = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(]\s*[一二三四五六七八九十百\d]+\s*[）)]|\d{1,2}\s*[.．、](?!\d)"
    r"|[①-⑳㈠-㈩]|第[一二三四五六七八九十\d]+[章节部分条]|——|—|专栏|表\s*\d|附件|附表|注[:：])"
)
# Full-width digits read as digits (one character for one, so offsets stay); odd spaces as spaces.
_FULL_WIDTH_DIGITS = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "\u00a0": " ", "\u3000": " "})
# Below this length a line is a title, a caption or a table cell, not a broken paragraph.
_MIN_BROKEN_LENGTH = 20


@dataclass
class Line:
    """One logical line: cleaned text plus the input offset of each of its characters."""

    text: str
    offsets: list[int]
    blank_before: bool = False
    tab_lead: bool = False  # the raw line began with a tab: a cell of a one-cell-per-line table
    breaks: list[int] = field(default_factory=list)  # positions where broken lines were joined

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Input offsets of ``text[i:j]``."""
        i = max(0, min(i, len(self.offsets) - 1))
        j = max(i + 1, min(j, len(self.offsets)))
        return self.offsets[i], self.offsets[j - 1] + 1

    @property
    def cells(self) -> list[str] | None:
        """Cells of a tab-separated table row, or None for a paragraph."""
        if "\t" not in self.text:
            return None
        return [c.strip() for c in self.text.split("\t")]


def normalise(text: str) -> list[Line]:
    """The input text as clean, joined lines (noise dropped, offsets kept)."""
    return join_broken_lines(clean_lines(text))


def clean_lines(text: str) -> list[Line]:
    """Physical lines with noise removed; empty lines only mark ``blank_before``."""
    lines: list[Line] = []
    pos = 0
    blank = False
    after_image = False
    pieces: list[tuple[str, int]] = []
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        cuts = next((found for rule in LINE_SPLITS if (found := rule(body))), [])
        # a space that stands for a line break goes; the pieces keep their offsets
        for a, b in zip([0] + [c + 1 for c in cuts], [*cuts, len(body)], strict=True):
            pieces.append((body[a:b], pos + a))
        pos += len(raw)
    for body, start in pieces:
        had_image = bool(_IMAGE_MARK.search(body))
        line = _clean_one(body, start)
        if line is None or is_noise(line.text):
            blank = True
            # OCR garbage, like an image marker, may be followed by more lines of it
            after_image = after_image or had_image or (line is not None and is_ocr_garbage(line.text))
            continue
        if had_image or (after_image and looks_like_ocr_noise(line.text)):
            after_image = True
            blank = True
            continue
        after_image = False
        line.blank_before = blank
        blank = False
        lines.append(line)
    return without_contents(lines)


# Runs of lines that are the document's table of contents (a 规划's 目录 printed before its body):
# ``rule(lines) -> indices of the lines to drop``, all of them. A contents entry repeats a heading
# the body writes again, so read as a heading it would give every section twice.
CONTENTS_RULES: Registry[Callable[[list[Line]], set[int]]] = Registry(
    "normalise.contents", "runs of lines that are the document's table of contents")
# a heading's number, its title, then its page: after spaces or a leader of dots (``……5``)
_CONTENTS_ENTRY = re.compile(r"^(?P<title>.*?[\u4e00-\u9fff）)”》])\s*(?:[.．·…。\s]{2,}|\s+)(?P<page>\d{1,3})$")
_CONTENTS_HEADING = re.compile(r"^目\s*录$")
_MIN_CONTENTS_RUN = 3


def without_contents(lines: list[Line]) -> list[Line]:
    drop: set[int] = set()
    for rule in CONTENTS_RULES:
        drop |= rule(lines)
    if not drop:
        return lines
    out: list[Line] = []
    blank = False
    for k, line in enumerate(lines):
        if k in drop:
            blank = True
            continue
        if blank:
            line.blank_before = True
            blank = False
        out.append(line)
    return out


def _contents_page(text: str) -> int | None:
    from ipcity.plans.numbering import match_numbering

    m = _CONTENTS_ENTRY.match(text)
    if m is None or match_numbering(text) is None or re.search(r"[。；：;:]", m.group("title")):
        return None
    return int(m.group("page"))


@CONTENTS_RULES.register("page_numbered_headings", priority=10)
def page_numbered_headings(lines: list[Line]) -> set[int]:
    """``一、规划背景 5`` / ``（一）发展基础 5`` / ``（二）发展形势 7`` …: three numbered headings or more
    in a row, each ending in its page (after spaces or dots), the pages never going back, are the
    contents, not the body's sections (with a ``目录`` line just above them). A numbered line
    ending in a figure once, or figures that go back, is the body's."""
    drop: set[int] = set()
    k = 0
    while k < len(lines):
        run: list[int] = []
        last = 0
        j = k
        while j < len(lines) and (page := _contents_page(lines[j].text)) is not None and page >= last:
            run.append(j)
            last = page
            j += 1
        if len(run) >= _MIN_CONTENTS_RUN:
            drop.update(run)
            if k > 0 and _CONTENTS_HEADING.match(lines[k - 1].text.strip()):
                drop.add(k - 1)
            k = j
        else:
            k += 1
    return drop


def _bare_heading(text: str) -> str | None:
    """A numbered heading's text without its spaces (``第一章 战略背景`` → ``第一章战略背景``), or
    None for a line that is no bare heading (unnumbered, or a sentence)."""
    from ipcity.plans.numbering import match_numbering

    if match_numbering(text) is None or re.search(r"[。；;，,]", text):
        return None
    return re.sub(r"\s+", "", text)


@CONTENTS_RULES.register("listed_headings", priority=5)
def listed_headings(lines: list[Line]) -> set[int]:
    """A web page's ``目 录`` with no page numbers: the ``目录`` line, then numbered headings
    only (``第一章 战略背景`` / ``第一节 …`` / …), three or more, up to the line where the body
    writes the first of them again (``第一章战略背景``, spaces aside): those are the contents. A
    run the body never repeats, or broken by a sentence, is left to be read as headings."""
    drop: set[int] = set()
    for k, line in enumerate(lines):
        if not _CONTENTS_HEADING.match(line.text.strip()) or k + 1 >= len(lines):
            continue
        first = _bare_heading(lines[k + 1].text)
        if first is None:
            continue
        j = k + 2
        while j < len(lines) and (entry := _bare_heading(lines[j].text)) is not None and entry != first:
            j += 1
        if j < len(lines) and _bare_heading(lines[j].text) == first and j - (k + 1) >= _MIN_CONTENTS_RUN:
            drop.update(range(k, j))
    return drop


# Where a physical line is really several: ``rule(line) -> positions of the spaces that stand for
# line breaks`` (empty: none), the first that answers.
LINE_SPLITS: Registry[Callable[[str], list[int]]] = Registry(
    "normalise.line_split", "the spaces of a physical line that stand for line breaks")
# A page flattened onto one line (a doc site that dropped its line breaks): long, and cut by many
# single spaces between Chinese words or punctuation, where a paragraph has none.
_FLATTENED_MIN_LENGTH = 300
_FLATTENED_MIN_SPACES = 5
_FLATTENED_MIN_PIECE = 15
_FLAT_BREAK = re.compile(
    r"(?<=[\u4e00-\u9fff。：:；;！？）)〕】」》”号日|])[ \u3000]+(?=[\u4e00-\u9fff（(〔【「《“]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


@LINE_SPLITS.register("flattened_page", priority=10)
def flattened_page(line: str) -> list[int]:
    """``…的通知 吉政办发[2005]55号 各市…： 现将…。 二○○五年十二月十九日 吉林省…方案 一、指导思想 以…``:
    a whole page on one line, its line breaks turned into spaces; each space between Chinese text
    (or a closing mark and Chinese text) is a line break again. A short line, or one with few such
    spaces, is a paragraph and is left whole."""
    if len(line) < _FLATTENED_MIN_LENGTH:
        return []
    breaks = [m.start() for m in _FLAT_BREAK.finditer(line)]
    # (a line spaced out character by character, as some PDF extractions write, is no page: its
    # pieces would be single characters)
    if len(breaks) < _FLATTENED_MIN_SPACES or len(line) < _FLATTENED_MIN_PIECE * (len(breaks) + 1):
        return []
    # a run of spaces is one break: cut at each of its characters' first, drop the rest with it
    cuts: list[int] = []
    for m in _FLAT_BREAK.finditer(line):
        cuts.extend(range(m.start(), m.end()))
    return cuts


def _clean_one(body: str, start: int) -> Line | None:
    keep = [True] * len(body)
    for pattern in (_IMAGE_MARK, _MD_BOLD, _INVISIBLE, _PICTOGRAPHS, _READING, _LOST_SPACES):
        for m in pattern.finditer(body):
            for k in range(m.start(), m.end()):
                keep[k] = False
    heading = _MD_HEADING.match(body)
    if heading and "#" in heading.group():
        for k in range(heading.start(), heading.end()):
            keep[k] = False
    chars = [(c.translate(_FULL_WIDTH_DIGITS), start + k) for k, c in enumerate(body) if keep[k]]
    tab_lead = bool(chars) and chars[0][0] == "\t"
    # a table row (tabs between cells): its leading and trailing tabs are empty cells, kept
    is_row = "\t" in "".join(c for c, _ in chars).strip()
    blank = " \r\n\f\v" if is_row else None
    while chars and (chars[0][0] in blank if blank else chars[0][0].isspace()):
        chars.pop(0)
    while chars and (chars[-1][0] in blank if blank else chars[-1][0].isspace()):
        chars.pop()
    if not chars:
        return None
    text = "".join(c for c, _ in chars)
    if not text.strip():
        return None
    return Line(text=text, offsets=[o for _, o in chars], tab_lead=tab_lead and "\t" not in text)


# How the whole text is read before anything else: ``rule(text) -> text to read or None``, the
# first that answers; what it gives has the same length, character for character, so that every
# offset still points into the reader's text (and the evidence quotes it as written).
SCRIPT_RULES: Registry[Callable[[str], str | None]] = Registry(
    "normalise.script", "the characters the whole text is read in (offsets kept)")
# A text is in traditional characters when this share of its Chinese characters (and at least
# this many) are traditional forms: a simplified plan has almost none (a name, a quoted title).
_TRADITIONAL_SHARE = 0.1
_TRADITIONAL_MIN = 10
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _traditional_table() -> dict[int, str]:
    from hanziconv import HanziConv  # the character table only: one character for one

    traditional = HanziConv._HanziConv__traditional_charmap  # type: ignore[attr-defined]
    simplified = HanziConv._HanziConv__simplified_charmap  # type: ignore[attr-defined]
    return {ord(t): s for t, s in zip(traditional, simplified, strict=True) if t != s and t not in SIMPLIFIED_TOO}


_TRADITIONAL: dict[int, str] = {}


@SCRIPT_RULES.register("traditional_characters", priority=10)
def traditional_characters(text: str) -> str | None:
    """A mainland plan copied from a mirror or a big5 gateway in traditional characters (``工作目標``,
    ``（…負責）``, ``人民政府辦公廳``): read through its simplified form, character for character (the
    vocabulary, the units' and bodies' words are simplified); names and units then come out in
    simplified characters, the evidence as written, and a warning says so."""
    if not _TRADITIONAL:
        _TRADITIONAL.update(_traditional_table())
    han = len(_HAN.findall(text))
    changed = sum(1 for ch in text if ord(ch) in _TRADITIONAL)
    if changed < _TRADITIONAL_MIN or changed < _TRADITIONAL_SHARE * han:
        return None
    return text.translate(_TRADITIONAL)


# Rules that drop a whole physical line as noise: ``rule(text) -> bool``.
NOISE_RULES: Registry[Callable[[str], bool]] = Registry(
    "normalise.noise", "a physical line that is noise of the extraction, never content")
# Rules that repair the join of a broken line: ``rule(prev, line) -> characters of line to drop``.
JOIN_REPAIRS: Registry[Callable[[Line, Line], int]] = Registry(
    "normalise.join", "what a page or column break added at the place two broken lines are joined")

# Rules that say a line begins a paragraph of its own, whatever the line before it: ``rule(text) -> bool``.
PARAGRAPH_STARTS: Registry[Callable[[str], bool]] = Registry(
    "normalise.paragraph_start", "a line that begins a paragraph of its own, never the rest of the line before")
_FIELD_LABEL = re.compile(
    rf"^(?:{alternation(TASK_FIELD_LABELS + NOT_UNIT_LABELS)}"
    rf"|(?:{alternation(RESPONSIBILITY_ROLES)})(?:{alternation(RESPONSIBILITY_NOUNS)}))\s*[:：]")


@PARAGRAPH_STARTS.register("field_label", priority=10)
def field_label(text: str) -> bool:
    """``工作目标：`` ``责任单位：`` ``完成时间：`` opening a line: a field of a task written as a
    record starts there, though the line before ends with no stop (``…、各乡镇人民政府``)."""
    return bool(_FIELD_LABEL.match(text))


def is_noise(text: str) -> bool:
    return any(rule(text) for rule in NOISE_RULES)


@NOISE_RULES.register("page_number", priority=20)
def is_page_number(text: str) -> bool:
    """``— 3 —``, ``第3页 共9页``, ``3/9``: a page number on a line of its own."""
    return bool(_PAGE_NUMBER.match(text))


def looks_like_ocr_noise(text: str) -> bool:
    """A line after an image marker made mostly of Latin letters and symbols (OCR of a picture)."""
    cjk = len(_CJK.findall(text))
    return cjk <= len(text) * 0.3


@NOISE_RULES.register("ocr_garbage", priority=10)
def is_ocr_garbage(text: str) -> bool:
    """A long line of scattered capital letters and symbols, wherever it stands."""
    if len(text) < 12 or _CJK.search(text):
        return False
    latin = len(_LATIN.findall(text))
    return latin >= len(text) * 0.4 and text.count(" ") >= 4 and sum(c.isupper() for c in text) >= latin * 0.6


# Cells set apart by runs of spaces (a table copied from a web page or a PDF without its tabs).
_SPACE_GAP = re.compile(r"\S {2,}(?=\S)")


_HEADER_WORD = re.compile(r"(?:19|20)\d{2}\s*年?.{0,4}|" + "|".join(NAME_HEADER_WORDS + VALUE_HEADER_WORDS))
# A value cell of a row written with single spaces: 3200, 8.2, 85%, ≥60, 1.2万, ——
_VALUE_WORD = re.compile(r"[≥≤><]?\d+(?:\.\d+)?(?:%|％|‰|[万亿千]?[\u4e00-\u9fff]{0,2})?|[—–-]+")


def spaced_cells(text: str) -> list[str] | None:
    """The cells of a table row that lost its tabs, or None for prose.

    ``指标名称   单位   2026年``: three or more short cells between runs of two or more spaces.
    ``有效发明专利拥有量 件 3200 4800`` (single spaces, a web page's ``<p>`` rows): three or more
    words and no clause punctuation, and either every word a column header (指标名称 单位 2026年)
    or at least two of them values."""
    if len(_SPACE_GAP.findall(text)) >= 2:
        cells = re.split(r" {2,}", text.strip())
        return cells if all(len(c) <= 40 for c in cells) else None
    if re.search(r"[，。；：,;:、]", text):
        return None
    words = text.split()
    if len(words) < 3:
        return None
    if all(_HEADER_WORD.fullmatch(w) for w in words) or sum(bool(_VALUE_WORD.fullmatch(w)) for w in words) >= 2:
        return words
    return None


def is_header_cell(cell: str) -> bool:
    return bool(_HEADER_WORD.fullmatch(cell))


def is_table_like(line: Line) -> bool:
    return line.tab_lead or "\t" in line.text or spaced_cells(line.text) is not None


def continues(prev: Line, nxt: Line) -> bool:
    """Whether ``nxt`` is the rest of a paragraph that ``prev`` broke off mid-sentence."""
    if is_table_like(prev) or is_table_like(nxt):
        return False
    if len(prev.text) >= _MIN_BROKEN_LENGTH and open_bracket(prev.text) and not _NEW_PARAGRAPH.match(nxt.text):
        return True  # （责任单位：…，完成时限： + 2025年底）: a bracket left open goes on
    if any(rule(nxt.text) for rule in PARAGRAPH_STARTS):
        return False
    if len(prev.text) < _MIN_BROKEN_LENGTH or prev.text[-1] in _TERMINAL:
        return False
    if _NEW_PARAGRAPH.match(prev.text) and "。" not in prev.text:
        return False  # a heading line: its body follows on the next line
    return not _NEW_PARAGRAPH.match(nxt.text)


def open_bracket(text: str) -> bool:
    """Whether the text ends inside a （…） it opened (a list broken by a page break)."""
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth > 0


def join_broken_lines(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if out and continues(out[-1], line):
            prev = out[-1]
            drop = max((rule(prev, line) for rule in JOIN_REPAIRS), default=0)
            text, offsets = line.text[drop:], line.offsets[drop:]
            prev.breaks.append(len(prev.text))
            prev.text += text
            prev.offsets = prev.offsets + offsets
        else:
            out.append(Line(text=line.text, offsets=list(line.offsets), blank_before=line.blank_before,
                            tab_lead=line.tab_lead))
    return out


@JOIN_REPAIRS.register("page_break_repeat", priority=10)
def page_break_repeat(prev: Line, line: Line) -> int:
    """``市知`` + (page break) + ``知识产权局``: a page break repeated the last character; drop it.

    Only at a page break of the reader (a blank line between the parts) and only for a character
    that Chinese does not double on purpose: ``层`` + ``层压实责任`` is 层层压实, ``市`` + ``市场监管局``
    is 市市场监管局 (the words of ``vocabulary.REDUPLICATED_CHARS``)."""
    text = line.text
    if (line.blank_before and len(text) > 1 and prev.text and text[0] == prev.text[-1]
            and _CJK.match(text[0]) and text[0] not in REDUPLICATED_CHARS):
        return 1
    return 0
