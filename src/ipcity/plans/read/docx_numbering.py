"""Word automatic numbering: the `一、` `（一）` `1.` that Word draws but python-docx does not.

A numbered paragraph carries ``w:numPr`` (``numId`` + ``ilvl``), directly or through its style.
``numbering.xml`` maps a ``numId`` to an abstract list whose levels give a start value, a number
format and a level text such as ``（%1）`` or ``%1、``. Counters live on the abstract list, so
two ``numId`` pointing at one abstract list continue each other, as in Word, unless the
``w:num`` overrides the start value (that is how Word restarts a list). Using a level resets
the deeper levels (``w:lvlRestart`` can change that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ipcity.plans.read.numerals import format_counter

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
_PLACEHOLDER = re.compile(r"%([1-9])")
# Level texts that end in one of these need no separator before the paragraph text.
_SELF_SEPARATED = tuple("、．）)〕】」:：,，　 ")  # not ".": "1.2025年" would read as 1.2025


@dataclass
class Level:
    start: int = 1
    num_fmt: str = "decimal"
    lvl_text: str = "%1."
    suffix: str = "tab"
    restart_after: int | None = None  # w:lvlRestart; None = after any shallower level
    is_legal: bool = False


@dataclass
class NumberingDefinitions:
    abstract_levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    level_overrides: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_numpr: dict[str, tuple[str, int]] = field(default_factory=dict)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _parse_level(lvl: Any) -> Level:
    level = Level()
    start = _val(lvl, "start")
    if start is not None and start.lstrip("-").isdigit():
        level.start = int(start)
    level.num_fmt = _val(lvl, "numFmt") or "decimal"
    text = _val(lvl, "lvlText")
    level.lvl_text = text if text is not None else ""
    level.suffix = _val(lvl, "suff") or "tab"
    restart = _val(lvl, "lvlRestart")
    if restart is not None and restart.isdigit():
        level.restart_after = int(restart)
    legal = lvl.find(W + "isLgl")
    level.is_legal = legal is not None and legal.get(W + "val", "1") not in ("0", "false")
    return level


def load_definitions(numbering_root: Any | None, styles_root: Any | None) -> NumberingDefinitions:
    """Read numbering.xml and the paragraph styles that carry numbering."""
    defs = NumberingDefinitions()
    if numbering_root is not None:
        for abstract in numbering_root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId")
            defs.abstract_levels[aid] = {int(lvl.get(W + "ilvl", "0")): _parse_level(lvl)
                                         for lvl in abstract.findall(W + "lvl")}
        for num in numbering_root.iter(W + "num"):
            nid = num.get(W + "numId")
            aid = _val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            defs.num_to_abstract[nid] = aid
            for override in num.findall(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                start = _val(override, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    defs.start_overrides.setdefault(nid, {})[ilvl] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    defs.level_overrides.setdefault(nid, {})[ilvl] = _parse_level(lvl)
    if styles_root is not None:
        defs.style_numpr = _style_numbering(styles_root)
    if numbering_root is not None:
        _follow_style_links(numbering_root, defs)
    return defs


def _follow_style_links(numbering_root: Any, defs: NumberingDefinitions) -> None:
    """An abstract list with ``w:numStyleLink`` has no levels of its own: Word takes them from
    the list that the named numbering style points to (how outline lists in templates work)."""
    for abstract in numbering_root.iter(W + "abstractNum"):
        aid = abstract.get(W + "abstractNumId")
        link = _val(abstract, "numStyleLink")
        if not link or defs.abstract_levels.get(aid):
            continue
        target = defs.style_numpr.get(link)
        target_abstract = defs.num_to_abstract.get(target[0]) if target else None
        if target_abstract and target_abstract != aid:
            defs.abstract_levels[aid] = defs.abstract_levels.get(target_abstract, {})


def _style_numbering(styles_root: Any) -> dict[str, tuple[str, int]]:
    """style id → (numId, ilvl), following w:basedOn so inherited numbering is found."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles_root.iter(W + "style"):
        sid = style.get(W + "styleId")
        if sid is None:
            continue
        parent = _val(style, "basedOn")
        if parent:
            based_on[sid] = parent
        numpr = style.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            ilvl = _val(numpr, "ilvl")
            own[sid] = (_val(numpr, "numId"), int(ilvl) if ilvl and ilvl.isdigit() else None)
    resolved: dict[str, tuple[str, int]] = {}
    for sid in set(own) | set(based_on):
        num_id: str | None = None
        level: int | None = None
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen:
            seen.add(cur)
            n, i = own.get(cur, (None, None))
            num_id = num_id or n
            level = level if level is not None else i
            cur = based_on.get(cur)
        if num_id is not None:
            resolved[sid] = (num_id, level or 0)
    return resolved


class NumberingCounter:
    """Walk the numbered paragraphs in document order and give each its rendered label."""

    def __init__(self, defs: NumberingDefinitions):
        self.defs = defs
        self.counters: dict[str, dict[int, int]] = {}
        self.started_nums: set[tuple[str, int]] = set()

    def label_for(self, paragraph: Any) -> str:
        """The label (with its separator) Word draws before this paragraph, or ''."""
        found = self._numpr(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        abstract = self.defs.num_to_abstract.get(num_id)
        if abstract is None:
            return ""
        levels = self._levels(num_id, abstract)
        level = levels.get(ilvl)
        if level is None or level.num_fmt == "none" and not level.lvl_text:
            return ""
        self._advance(num_id, abstract, ilvl, levels)
        if level.num_fmt == "bullet":
            # A bullet glyph (often a Symbol-font private character) carries no numbering.
            return ""
        return self._render(abstract, ilvl, level, levels)

    def _numpr(self, paragraph: Any) -> tuple[str, int] | None:
        ppr = paragraph.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        style_num = self.defs.style_numpr.get(style_id) if style_id else None
        num_id = _val(numpr, "numId") if numpr is not None else None
        ilvl_text = _val(numpr, "ilvl") if numpr is not None else None
        if num_id is None and style_num is not None:
            num_id = style_num[0]
        if num_id is None or num_id == "0":
            return None
        if ilvl_text is not None and ilvl_text.isdigit():
            ilvl = int(ilvl_text)
        else:
            ilvl = style_num[1] if style_num else 0
        return num_id, ilvl

    def _levels(self, num_id: str, abstract: str) -> dict[int, Level]:
        levels = dict(self.defs.abstract_levels.get(abstract, {}))
        levels.update(self.defs.level_overrides.get(num_id, {}))
        return levels

    def _advance(self, num_id: str, abstract: str, ilvl: int, levels: dict[int, Level]) -> None:
        counters = self.counters.setdefault(abstract, {})
        override = self.defs.start_overrides.get(num_id, {}).get(ilvl)
        if override is not None and (num_id, ilvl) not in self.started_nums:
            counters[ilvl] = override
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = levels[ilvl].start
        self.started_nums.add((num_id, ilvl))
        for deeper in [k for k in counters if k > ilvl]:
            limit = levels.get(deeper, Level()).restart_after
            # lvlRestart=N: restart after a use of level N-1 or shallower; 0: never restart.
            if limit is None or ilvl < limit:
                del counters[deeper]

    def _render(self, abstract: str, ilvl: int, level: Level, levels: dict[int, Level]) -> str:
        counters = self.counters[abstract]

        def substitute(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            k_level = levels.get(k, Level())
            value = counters.get(k, k_level.start)
            fmt = "decimal" if level.is_legal else k_level.num_fmt
            return format_counter(value, fmt)

        label = _PLACEHOLDER.sub(substitute, level.lvl_text)
        if not label:
            return ""
        if level.suffix == "nothing" or label.endswith(_SELF_SEPARATED):
            return label
        return label + " "
