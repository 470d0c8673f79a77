"""The layout primitives every report is written with: the document (title, headings 一、（一）1.（1）,
paragraphs, tables, charts) that both renderers (PDF and .docx) lay out, Chinese numbers and
dates, a plan section's heading, the sample-programme notice. The kinds' texts are in
``compose`` (annual report, 情况通报, white paper, summary) and ``compose_final`` (终期评估报告)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy

from ipcity.divisions.wording import programme_words
from ipcity.plans.numbering import match_numbering
from ipcity.reports.charts import fmt

DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一, 100 → 一百, 105 → 一百零五, 110 → 一百一十 (a report with more
    than 99 indicators numbers them on; 1–999)."""
    if n < 10:
        return DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (DIGITS[tens] if tens > 1 else "") + "十" + (DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return DIGITS[hundreds] + "百"
    return DIGITS[hundreds] + "百" + ("零" + DIGITS[rest] if rest < 10 else ("一" if rest < 20 else "") + cn_number(rest))


# A section known only by its ref ("三/（一）" without the slash): numbering and nothing else.
_BARE_REF = re.compile(r"[一二三四五六七八九十百零〇\d、.．（）()\s]*")


def section_title(title: str) -> str:
    """A plan section's heading without its own numbering, for the report's second level
    （一）: only the leading marker goes (``plans.numbering``, the one reading of a heading's
    number), so 一体化…, 2025年… and 十大… keep their first characters."""
    if _BARE_REF.fullmatch(title):
        return ""
    stripped = title.lstrip()
    return stripped[m.rest:] if (m := match_numbering(stripped)) else title


def section_heading(title: str) -> str:
    """A task section's heading in a report: its own title without its numbering. A plan loaded
    without its text (plan JSON, the API) knows a section only by its ref, 三（一）, which would print
    as a bare （一）: such a section is named as the part of the plan it is, 方案三（一）项下任务."""
    return section_title(title) or _("方案%(ref)s项下任务") % {"ref": title}


def num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return fmt(value) + unit


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "“”‘’—" else 1 for ch in text)


def title_lines(title: str, per_line: float = 18) -> list[str]:
    """The title wrapped as a trapezoid: as few lines as fit ``per_line`` 22 pt characters, each
    line no longer than the one above and the lines as even as that allows, never splitting a run
    of digits or Latin letters.

    A greedy cut cannot promise the shape: a year or a half-width character at the break leaves an
    upper line shorter than the next (10 / 12, or 13 / 11.5 / 12). So the cuts are chosen together,
    over the places a line may end, in half-character units."""
    total = _width(title)
    if total <= per_line:
        return [title]
    halves = [round(_width(ch) * 2) for ch in title]
    ends = [0] * (len(title) + 1)
    for i, h in enumerate(halves):
        ends[i + 1] = ends[i] + h
    breaks = [i for i in range(1, len(title)) if _may_break(title[i - 1], title[i])]
    limit = int(per_line * 2)
    count = int(-(-total // per_line))
    for lines in range(count, count + 4):
        # upper lines longer (the house shape), else shorter: both are trapezoids
        for widening in (False, True):
            cuts = _even_cuts(ends, breaks, lines, limit, widening)
            if cuts is not None:
                bounds = [0, *cuts, len(title)]
                return [title[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    return _greedy_title_lines(title, per_line)


_NO_LINE_START = "）》」』】〕”’、，。：；！？%"
_NO_LINE_END = "（《「『【〔“‘"


def _may_break(before: str, after: str) -> bool:
    """Whether a title line may end between two characters: not inside a run of digits or Latin
    letters, not between a number and the character after it (2026年, 3轮), not before closing
    or after opening punctuation."""
    if before.isascii() and after.isascii() and after.isalnum():
        return False
    if before.isdigit():
        return False
    return after not in _NO_LINE_START and before not in _NO_LINE_END


def _even_cuts(ends: list[int], breaks: list[int], lines: int, limit: int, widening: bool) -> list[int] | None:
    """Cut positions for ``lines`` lines of non-increasing (``widening``: non-decreasing) width, each
    ≤ ``limit`` halves, with the least spread around the mean; None when there are none."""
    n, total = len(ends) - 1, ends[-1]
    stops = [*breaks, n]

    # best[(k, pos, width)]: least cost of lines k+1.. from ``pos`` when line k was ``width`` wide
    best: dict[tuple[int, int, int], tuple[int, tuple[int, ...]] | None] = {}

    def solve(k: int, pos: int, above: int) -> tuple[int, tuple[int, ...]] | None:
        key = (k, pos, above)
        if key in best:
            return best[key]
        result: tuple[int, tuple[int, ...]] | None = None
        for stop in stops:
            if stop <= pos:
                continue
            width = ends[stop] - ends[pos]
            if width > (limit if widening else min(limit, above)):
                break
            if (widening and width < above) or (stop == n) != (k == lines - 1):
                continue
            cost = (lines * width - total) ** 2
            if stop == n:
                found: tuple[int, tuple[int, ...]] | None = (cost, ())
            else:
                rest = solve(k + 1, stop, width)
                found = None if rest is None else (cost + rest[0], (stop, *rest[1]))
            if found is not None and (result is None or found[0] < result[0]):
                result = found
        best[key] = result
        return result

    answer = solve(0, 0, 0 if widening else limit)
    return None if answer is None else list(answer[1])


def _greedy_title_lines(title: str, per_line: float) -> list[str]:
    """The fallback when no even trapezoid exists (a Latin run longer than a line)."""
    count = int(-(-_width(title) // per_line))
    lines, rest = [], title
    for remaining in range(count, 1, -1):
        target = -(-_width(rest) // remaining)  # the upper lines take the rounding up
        cut, width = 0, 0.0
        while cut < len(rest) and width + _width(rest[cut]) <= target:
            width += _width(rest[cut])
            cut += 1
        while 0 < cut < len(rest) and rest[cut - 1].isascii() and rest[cut].isascii() and rest[cut].isalnum():
            cut -= 1
        while cut < len(rest) and (cut == 0 or (rest[cut - 1].isascii() and rest[cut].isascii() and rest[cut].isalnum())):
            cut += 1  # a run longer than the line stays whole rather than leave an empty line
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest]


@dataclass
class Document:
    kind: str
    title: str
    blocks: list[dict] = field(default_factory=list)
    addressee: str = ""
    signature: str = ""
    date: str = ""
    masthead: str = ""
    doc_number: str = ""

    def h(self, level: int, text: str) -> None:
        self.blocks.append({"type": f"h{level}", "text": text})

    def p(self, text: str) -> None:
        if text:
            self.blocks.append({"type": "p", "text": text})

    def table(self, caption: str, head: list[str], rows: list[list[Any]], widths: list[int] | None = None) -> None:
        self.blocks.append({"type": "table", "caption": caption, "head": head,
                            "rows": [[str(c) for c in r] for r in rows], "widths": widths or []})

    def chart(self, caption: str, svg: str) -> None:
        self.blocks.append({"type": "chart", "caption": caption, "svg": svg})

    def context(self) -> dict:
        return {"kind": self.kind, "title": self.title, "title_lines": title_lines(self.title), "blocks": self.blocks, "addressee": self.addressee,
                "signature": self.signature, "date": self.date, "masthead": self.masthead,
                "doc_number": self.doc_number}


# The demo's programme (``Program.is_sample``) is printed in the official layout like a real one: its
# reports say in their opening lines that the figures are invented, as its public pages do.
SAMPLE_NOTICE = gettext_noop("本文件为平台示例，所用数据均为示例数据，仅供演示，不是真实统计。")


def _sample_notice(doc: Document, program: dict) -> None:
    if program.get("is_sample"):  # snapshots frozen before the flag have no notice
        doc.p(_(SAMPLE_NOTICE))


def place_words(program: dict) -> dict[str, str]:
    """The words a report of ``program`` (a snapshot's programme header) says its place and
    programme with, for its texts' ``%(place)s`` (全县, 县知识产权局), ``%(programme)s`` (知识产权强县)
    and ``%(pilot)s`` (试点县): ``ipcity.divisions.wording``'s rule, translated (a report is always
    written in Chinese, where they are the rule's own words). A snapshot frozen before the region's
    level was kept says what its region's name says, else 市 as it did then."""
    words = programme_words(region=program.get("region") or "", level=program.get("region_level"),
                            title=program.get("title") or "")
    return {"place": str(_PLACES.get(words.place, words.place)),
            "programme": str(_PROGRAMMES.get(words.programme, words.programme)),
            "pilot": str(_PILOTS.get(words.pilot, words.pilot)), "level": words.level}


# The rule's words with their translations (a word the rule may give but missing here prints as it is).
_PLACES = {"省": pgettext_lazy("place", "省"), "市": pgettext_lazy("place", "市"), "县": pgettext_lazy("place", "县"),
           "区": pgettext_lazy("place", "区"), "州": pgettext_lazy("place", "州"), "盟": pgettext_lazy("place", "盟"),
           "旗": pgettext_lazy("place", "旗")}
_PROGRAMMES = {"强省": pgettext_lazy("IP-strong programme", "强省"), "强市": pgettext_lazy("IP-strong programme", "强市"),
               "强县": pgettext_lazy("IP-strong programme", "强县"), "强区": pgettext_lazy("IP-strong programme", "强区"),
               "强州": pgettext_lazy("IP-strong programme", "强州"), "强盟": pgettext_lazy("IP-strong programme", "强盟"),
               "强旗": pgettext_lazy("IP-strong programme", "强旗")}
_PILOTS = {"试点省份": pgettext_lazy("pilot place", "试点省份"), "试点城市": pgettext_lazy("pilot place", "试点城市"),
           "试点县": pgettext_lazy("pilot place", "试点县"), "试点区": pgettext_lazy("pilot place", "试点区"),
           "试点州": pgettext_lazy("pilot place", "试点州"), "试点盟": pgettext_lazy("pilot place", "试点盟"),
           "试点旗": pgettext_lazy("pilot place", "试点旗")}


def report_date(snapshot: dict) -> str:
    """The report's date: the day its snapshot was frozen, written 2026年12月7日."""
    return cn_date(dt.date.fromisoformat(snapshot["as_of_date"]))
