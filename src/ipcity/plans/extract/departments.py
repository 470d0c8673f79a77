"""Responsibility lists: ``（市市场监管局、市科技局，各县、区人民政府等按职责分工负责）``.

A list is a bracketed group (（）, (), 〔〕, mixed) that ends in 负责 or names a 牵头 unit. Its
units are recognised by shape and position, never by a list of known names:

- separators are 、，,；;。 and white space outside inner brackets, and 与 between two units;
- a line break inside the list separates two units when the text before it ends a unit name;
- units run together by extraction (``市统计局市数据资源局``) are split where a unit ending
  (局 委 办 院 …) meets a unit start (市 区 县 省 各县 …);
- ``各县、区人民政府`` is one unit: a bare ``各县``/``县`` fragment joins the unit after it;
- trailing ``等按职责分工负责``, ``负责``, ``等`` and ``牵头`` are no part of a unit; a unit
  marked 牵头 is a lead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ipcity.plans.numbering import ITEM_NUMBERS, item_numbers
from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import (
    BARE_UNIT_KINDS,
    ITEMS_ABOVE_WORDS,
    LEAD_ROLE_WORDS,
    NAME_INNER_WORDS,
    NOT_UNIT_LABELS,
    OTHER_BRANCH_KINDS,
    RESPONSIBILITY_NOUNS,
    RESPONSIBILITY_ROLES,
    UNIT_ENDINGS,
    alternation,
)

OPEN = "（(〔［[【"
CLOSE = "）)〕］]】"
_INNER_OPEN = OPEN + "〈<《"
_INNER_CLOSE = CLOSE + "〉>》"
# 牵头单位, 配合部门…: the label words of a responsibility group
_ROLE_LABEL = rf"(?:{alternation(RESPONSIBILITY_ROLES)})(?:{alternation(RESPONSIBILITY_NOUNS)})"
_DUTY = re.compile(rf"(?:负责|牵头|{_ROLE_LABEL})")
# ``牵头单位：``/``责任单位：`` labels before the units of a group
_BARE_LABELLED = re.compile(rf"(?:^|(?<=[。；;]))\s*{_ROLE_LABEL}\s*[:：][^。]*。?\s*$")
_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff]{0,4}(?:单位|部门))\s*[:：]\s*")
_TRAILING = re.compile(
    r"(?:(?<=[）)])会|等)?\s*(?:按照?\s*(?:各自|各自的)?\s*职责\s*(?:分工)?\s*)?(?:分别|共同)?\s*(?:负责|落实|推进)?\s*$"
)
# Last characters of a unit's name (市科技局, 市发展改革委, 市外办, 市法院, 管委会, 市政府办公室…).
UNIT_END = set(UNIT_ENDINGS)
# How a unit's name may start after another unit with no separator.
_UNIT_START = re.compile(r"^(?:市|区|县|省|州|镇|乡|街道|各(?:县|区|市|镇|乡|街道|级)|国家|中国|人行|人民银行|自治区)")
# A bare fragment that names the level of the units after it (各县、区人民政府).
_LEVEL_FRAGMENT = re.compile(r"^各?[县市区镇乡旗]$")
_LEAD = re.compile(r"牵头(?:负责)?$")
# ``以上任务由``, ``上述各项工作均由``: words before a list's units saying it covers the items above
_ITEMS_ABOVE = re.compile(rf"^\s*(?:{alternation(ITEMS_ABOVE_WORDS)})(?:各项|所有)?(?:任务|工作|事项)?(?:均|统一)?(?:由|请)?")
_HELPERS = re.compile(r"(?:配合|参与|协助|协同)$")
_MIN_UNIT = 3


@dataclass
class ResponsibilityList:
    start: int  # index of the opening bracket in the text it was found in
    end: int  # index after the closing bracket
    departments: list[str]
    lead: list[str]  # units marked 牵头 (empty when the list marks none)
    covers_above: bool = False  # ``（以上任务由X牵头…）``: the list is the items' above it too
    # ``（以上第1至3项由X牵头；第4—6项由Y牵头）``: the items each part names, with that part's units
    # and lead; the list is then no list of the item it stands under (unless that item is named)
    covers_items: list[tuple[tuple[int, ...], list[str], list[str]]] = field(default_factory=list)


def find_lists(text: str, breaks: list[int] | tuple[int, ...] = ()) -> list[ResponsibilityList]:
    """Every responsibility list in ``text`` (outermost brackets, or a trailing
    ``责任单位：…`` without brackets), in order."""
    text = plain_labels(text)
    out = []
    groups = bracket_groups(text)
    for start, end in groups:
        inner = text[start + 1:end - 1]
        if not is_responsibility(inner) and not any(rule(text, start, end) for rule in LIST_RULES):
            continue
        content = with_breaks(text, start + 1, end - 1, breaks)
        above = _ITEMS_ABOVE.match(content)
        covered = covered_items(content[above.end():]) if above else []
        if covered:
            out.append(covering_list(start, end, covered))
            continue
        departments, lead = split_marked(content[above.end():] if above else content)
        if departments:
            out.append(ResponsibilityList(start, end, departments, lead, covers_above=above is not None))
    above = _ITEMS_ABOVE.match(text)
    covered = covered_items(text[above.end():]) if above and not groups else []
    if covered:  # 以上第1、2项由县科技局牵头，县市场监管局配合。: a cover sentence of its own, unbracketed
        out.append(covering_list(0, len(text), covered))
        return out
    m = _BARE_LABELLED.search(text)
    if m and not any(s <= m.start() < e for s, e in groups):
        departments, lead = split_marked(with_breaks(text, m.start(), len(text), breaks))
        if departments:
            out.append(ResponsibilityList(m.start(), len(text), departments, lead))
    return out


# 由 (均由, 统一由) before a part's units, and the part's end, neither of them a unit's
_PART_EDGE = re.compile(r"^\s*(?:任务|工作|事项)?\s*(?:均|统一)?\s*(?:由|请)?|[；;，,。\s]+$")


def covered_items(content: str) -> list[tuple[tuple[int, ...], list[str], list[str]]]:
    """``第1至3项由X牵头，Y配合；第4—6项由Z牵头`` (what follows 以上/上述) → for each part, the items it
    names and its units and lead; [] unless the content opens with the items it names."""
    marks = list(ITEM_NUMBERS.finditer(content))
    if not marks or content[:marks[0].start()].strip():
        return []
    out = []
    for mark, after in zip(marks, [*marks[1:], None], strict=True):
        part = _PART_EDGE.sub("", content[mark.end():after.start() if after else len(content)])
        numbers = tuple(item_numbers(mark.group(1)))
        departments, lead = split_marked(part)
        if numbers and departments:
            out.append((numbers, departments, lead))
    return out


def covering_list(start: int, end: int, covered: list[tuple[tuple[int, ...], list[str], list[str]]]) -> ResponsibilityList:
    departments = list(dict.fromkeys(d for _, units, _ in covered for d in units))
    lead = list(dict.fromkeys(d for _, _, leads in covered for d in leads))
    return ResponsibilityList(start, end, departments, lead, covers_items=covered)


# Bracket groups that are responsibility lists though they hold no duty word (负责, 牵头, 单位：):
# ``rule(text, start, end) -> bool`` for the group ``text[start:end]``.
LIST_RULES: Registry[Callable[[str, int, int], bool]] = Registry(
    "departments.list", "bracketed groups that are responsibility lists without a duty word")
_UNIT_SHAPE = re.compile(rf"^{_UNIT_START.pattern[1:]}[^\d，,。；;：:]{{1,28}}[{UNIT_ENDINGS}）)]$")


@LIST_RULES.register("units_closing_item", priority=10)
def units_closing_item(text: str, start: int, end: int) -> bool:
    """``…集中受理。（区人民政府办公室）``: a bracket after the item's last sentence, closing it,
    that holds only unit names (a place or 各… first, a unit's ending last) names who does it."""
    if text[:start].rstrip()[-1:] not in ("。", "；", ";") or text[end:].strip(" \t。；;，,"):
        return False
    pieces = [p.strip() for p in re.split(r"[、，,]", text[start + 1:end - 1])]
    return bool(pieces) and all(_UNIT_SHAPE.match(p) for p in pieces)


_BRACKETED_LABEL = re.compile(rf"【\s*(?P<label>{_ROLE_LABEL})\s*】")


def plain_labels(text: str) -> str:
    """``【牵头单位】X【配合单位】Y`` → `` 牵头单位：X 配合单位：Y``, the same length (offsets
    into the text stay valid): a label in 【】 is a label, not a list of its own."""
    def plain(m: re.Match) -> str:
        return " " * (len(m.group()) - len(m.group("label")) - 1) + m.group("label") + "："
    return _BRACKETED_LABEL.sub(plain, text)


def bracket_groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost bracket group; brackets of any width or shape pair up."""
    groups = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append((start, i + 1))
    return groups


def is_responsibility(inner: str) -> bool:
    flat = re.sub(r"\s+", "", inner).rstrip("。；;，,.")
    if not flat or len(flat) > 400 or not _DUTY.search(flat):
        return False
    # the list ends in its duty words, or names a lead unit
    return bool(re.search(r"(?:负责|落实|推进)$", flat) or "牵头" in flat or _LABEL.match(flat))


def with_breaks(text: str, i: int, j: int, breaks: list[int] | tuple[int, ...]) -> str:
    """``text[i:j]`` with a newline where a broken line was joined."""
    marks = sorted(b - i for b in breaks if i < b < j)
    piece = text[i:j]
    for k in reversed(marks):
        piece = piece[:k] + "\n" + piece[k:]
    return piece


def split_departments(content: str) -> tuple[list[str], list[str]]:
    """The units of a list (its inside, without the outer brackets) and its lead units
    (those marked 牵头, else the first)."""
    units, marked = split_marked(content)
    return units, marked or units[:1]


def split_marked(content: str) -> tuple[list[str], list[str]]:
    """The units of a list and the units it marks as lead (牵头), possibly none."""
    content = separate_labels(resolve_breaks(content))
    content = _TRAILING.sub("", content.strip(" \t。；;，,.")).strip()
    units: list[str] = []
    leads: list[str] = []
    # 牵头 after a group (``A、B牵头，C配合``) marks every unit of that group
    for group in split_top_level(content, "，,；;。"):
        if any(rule(group) for rule in GROUP_FILTERS):
            continue
        label = next((m for rule in GROUP_LABELS if (m := rule(group)) is not None), None)
        labelled_lead = label is not None and any(w in label.group("label") for w in LEAD_ROLE_WORDS)
        group = group[label.end():] if label else group
        group, group_leads = strip_unit_words(group)
        group_leads = group_leads or labelled_lead
        parts = [part for piece in split_top_level(group, "、") for part in unit_parts(piece)]
        for merge in UNIT_MERGES:
            parts = merge(parts)
        for part, is_lead in parts:
            units.append(part)
            if is_lead or group_leads:
                leads.append(part)
    units = merge_level_fragments(units)
    units = [u for u in units if u]
    leads = [u for u in leads if u in units]
    return list(dict.fromkeys(units)), list(dict.fromkeys(leads))


# Labels before the units of a group: ``rule(group) -> the label's match`` (its ``label`` group
# the label's words), or None where the rule sees no label.
GROUP_LABELS: Registry[Callable[[str], re.Match | None]] = Registry(
    "departments.group_label", "a label before a group's units (牵头单位：, 牵头：), maybe naming the lead")
_BARE_ROLE_LABEL = re.compile(rf"^(?P<label>{alternation(RESPONSIBILITY_ROLES)})\s*[:：]\s*")


@GROUP_LABELS.register("unit_noun_label", priority=20)
def unit_noun_label(group: str) -> re.Match | None:
    """``牵头单位：``, ``责任部门：``: a few characters and 单位/部门 before a colon."""
    return _LABEL.match(group)


@GROUP_LABELS.register("bare_role_label", priority=10)
def bare_role_label(group: str) -> re.Match | None:
    """``牵头：X；配合：Y`` (a 责任单位 cell written short): a role word alone before a colon
    labels the units after it, as ``牵头单位：`` does; no unit is named 牵头 or 配合."""
    return _BARE_ROLE_LABEL.match(group)


# A label that follows a unit with no separator (``牵头单位：X配合单位：Y``, the spaces lost in a PDF).
_RUN_ON_LABEL = re.compile(rf"(?<=[^\s，,；;。、：:])(?={_ROLE_LABEL}\s*[:：])")


def separate_labels(content: str) -> str:
    """Put a separator before every labelled group, so that a label never ends up inside a unit."""
    return _RUN_ON_LABEL.sub("；", content)


def resolve_breaks(content: str) -> str:
    """A line break after a complete unit name separates; elsewhere it is mended away."""
    parts = content.split("\n")
    out = parts[0]
    for nxt in parts[1:]:
        left = out.rstrip()
        right = nxt.lstrip()
        # a bracket after the break annotates the unit before it: 各镇人民政府\n（街道办事处）
        if (left and right and ends_unit(left) and not re.match(r"^(?:等|按|负责|牵头|会同|配合|，|、|,|[（(〔])", right)
                and not any(rule(left, right) for rule in BREAK_MENDS)):
            out = left + "、" + right
        else:
            out = left + right
    return out


# A line break after what looks like a whole unit that still cuts one name: ``rule(left, right) -> True``
# mends it (any rule).
BREAK_MENDS: Registry[Callable[[str, str], bool]] = Registry(
    "departments.line_break", "a line break after a unit's last character that cuts a name, not a list")
_NAME_INNER = re.compile(rf"(?:{alternation(NAME_INNER_WORDS)})$")


@BREAK_MENDS.register("name_inner_word", priority=10)
def name_inner_word(left: str, right: str) -> bool:
    """``市人力资源社会`` + ``保障局``: 社会, 机关 end in a unit's last character but stand inside
    names; before a piece that starts no unit of its own (市…, 各…) the break is inside the name."""
    return bool(_NAME_INNER.search(left)) and not _UNIT_START.match(right)


def ends_unit(text: str) -> bool:
    if text[-1] in "）)〉>":
        return True
    return text[-1] in UNIT_END and len(text) >= 2


def split_top_level(content: str, separators: str) -> list[str]:
    """Pieces between separators (and white space) that stand outside inner brackets."""
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in content:
        if ch in _INNER_OPEN:
            depth += 1
        elif ch in _INNER_CLOSE and depth > 0:
            depth -= 1
        if depth == 0 and (ch in separators or ch.isspace()):
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current))
    return [p.strip() for p in pieces if p.strip()]


# Groups of a list that name no unit: ``rule(group) -> True`` drops the group.
GROUP_FILTERS: Registry[Callable[[str], bool]] = Registry(
    "departments.group", "a comma-separated group of a responsibility list that names no unit")
# Ways one piece between 、 separators holds several units: ``rule(piece) -> units``, run in order.
UNIT_SPLITS: Registry[Callable[[str], list[str]]] = Registry(
    "departments.split", "where one piece of a responsibility list holds several units")

# Units of one 、-group that are one unit as written: ``rule([(unit, is_lead)]) -> [(unit, is_lead)]``.
UNIT_MERGES: Registry[Callable[[list[tuple[str, bool]]], list[tuple[str, bool]]]] = Registry(
    "departments.merge", "neighbouring units of a 、-list that are one unit as written")
_BARE_KIND = re.compile(rf"^(?:{alternation(BARE_UNIT_KINDS)})$")


_GOVERNMENT = re.compile(r"^(?:人民政府|政府)$")
_OTHER_BRANCH = re.compile(rf"(?:{alternation(OTHER_BRANCH_KINDS)})$")


@UNIT_MERGES.register("government_beside_other_branch", priority=20)
def government_beside_other_branch(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """``各县（区）党委、人民政府``: a government named after the same place's party committee (or
    人大, 政协) is that place's government, a body of its own: ``各县（区）人民政府``, the place
    read from the unit before. (A kind after a government, ``…人民政府、管委会``, is left to
    ``bare_unit_kind``.)"""
    out: list[tuple[str, bool]] = []
    for unit, is_lead in parts:
        branch = _OTHER_BRANCH.search(out[-1][0]) if out else None
        if branch is not None and _GOVERNMENT.match(unit) and branch.start() > 0:
            out.append((out[-1][0][:branch.start()] + unit, is_lead))
        else:
            out.append((unit, is_lead))
    return out


@UNIT_MERGES.register("bare_unit_kind", priority=10)
def join_bare_unit_kind(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """``各县（市、区）人民政府、管委会``: a unit's kind alone (管委会, 办事处) names no body of its
    own; it is read with the unit before it, as one unit."""
    out: list[tuple[str, bool]] = []
    for unit, is_lead in parts:
        if out and _BARE_KIND.match(unit):
            before, lead_before = out.pop()
            out.append((before + "、" + unit, lead_before or is_lead))
        else:
            out.append((unit, is_lead))
    return out


_NOT_UNIT_LABEL = re.compile(rf"^(?:{alternation(NOT_UNIT_LABELS)})\s*[:：]")


@GROUP_FILTERS.register("deadline_label", priority=10)
def is_deadline_group(group: str) -> bool:
    """``完成时限：2025年底`` inside ``（责任单位：…，完成时限：2025年底）`` is a deadline, no unit."""
    return bool(_NOT_UNIT_LABEL.match(group.strip()))


def unit_parts(piece: str) -> list[tuple[str, bool]]:
    """The units of one piece, split by each rule of ``UNIT_SPLITS`` in turn, and whether each
    is marked 牵头. Unit words (由…, …牵头, …等) are dropped after every split: they would
    hide the unit ending the next rule splits at."""
    parts = [(piece, False)]
    for rule in UNIT_SPLITS:
        split = []
        for part, is_lead in parts:
            for unit in rule(part):
                unit, marked = strip_unit_words(unit)
                split.append((unit, is_lead or marked))
        parts = split
    return parts


@UNIT_SPLITS.register("and_between_units", priority=20)
def split_on_and(piece: str) -> list[str]:
    """``有关部门与地方各级人民政府`` → two units (与/和/及 joins two complete unit names), also
    after a unit's alias in brackets (``区市场监督管理局（区知识产权局）和区商务局``); 和 inside
    a name (``区工业和信息化局``) follows no unit ending and never splits."""
    m = re.search(r"(?<=[" + "".join(UNIT_END) + r"）)])(?:与|及|和)(?=[\u4e00-\u9fff]{2})", piece)
    left = piece[:m.start()] if m else ""
    if left.endswith(("）", ")")) and not _closes_unit_note(left):
        m = None
    if m and len(left) >= _MIN_UNIT and ends_unit(left):
        right = piece[m.end():]
        if right[-1] in UNIT_END or right.endswith("政府"):
            # 和 inside a name (市经济和信息化局) is preceded by no unit ending, so never splits here
            return [piece[:m.start()], *split_on_and(right)]
    return [piece]


# Marks written after a unit that make it a lead: ``rule(unit) -> the unit without its mark``, or
# None where the rule sees no mark.
LEAD_MARKS: Registry[Callable[[str], str | None]] = Registry(
    "departments.lead_mark", "a mark written after a unit that names it as the lead")
_BRACKETED_LEAD = re.compile(r"[（(〔\[【]\s*牵头(?:单位|部门)?\s*[）)〕\]】]\s*$")


@LEAD_MARKS.register("bracketed_lead", priority=10)
def bracketed_lead(part: str) -> str | None:
    """``市监局（牵头），市科技局``: a bracket holding only 牵头 after a unit (a 责任单位 cell naming its
    lead among the others) marks that unit as the lead; it is no part of the unit's name."""
    m = _BRACKETED_LEAD.search(part)
    return part[:m.start()].rstrip() if m and m.start() > 0 else None


def strip_unit_words(part: str) -> tuple[str, bool]:
    """Drop 由/等/牵头/配合 around a unit; report whether it was marked as lead."""
    part = re.sub(r"^(?:由|请)", "", part.strip())
    marked = next((unit for rule in LEAD_MARKS if (unit := rule(part)) is not None), None)
    if marked is not None:
        return strip_unit_words(marked)[0], True
    is_lead = bool(_LEAD.search(part))
    part = _LEAD.sub("", part)
    part = _HELPERS.sub("", part)
    part = _TRAILING.sub("", part).strip()
    # ``中央宣传部等部门``: the others the 等 stands for are no unit of their own
    part = re.sub(r"等(?:有关|相关)?(?:部门|单位)?$", "", part)
    return part.strip(), is_lead


@UNIT_SPLITS.register("run_together", priority=10)
def split_run_together(part: str) -> list[str]:
    """``市统计局市数据资源局`` → [市统计局, 市数据资源局]: a unit ending met by a unit start."""
    out = []
    depth = 0
    begin = 0
    for i, ch in enumerate(part):
        if ch in _INNER_OPEN:
            depth += 1
        elif ch in _INNER_CLOSE and depth > 0:
            depth -= 1
        if depth or i + 1 >= len(part) or i + 1 - begin < _MIN_UNIT:
            continue
        nxt = part[i + 1:]
        if (ch in UNIT_END or ch in "）)") and _UNIT_START.match(nxt) and len(nxt) >= 2:
            if ch in "）)" and not _closes_unit_note(part[begin:i + 1]):
                continue
            out.append(part[begin:i + 1])
            begin = i + 1
    out.append(part[begin:])
    return [u for u in out if u]


def _closes_unit_note(text: str) -> bool:
    """``淮南海关（筹）`` or ``市市场监管局(市知识产权局)``: a bracket that ends a unit's name."""
    m = re.search(r"[（(][^（）()]*[）)]$", text)
    return bool(m) and ends_unit(text[:m.start()]) if m and m.start() > 0 else False


def merge_level_fragments(units: list[str]) -> list[str]:
    """``各县`` + ``区人民政府`` → ``各县、区人民政府``."""
    out: list[str] = []
    i = 0
    while i < len(units):
        unit = units[i]
        if _LEVEL_FRAGMENT.match(unit) and i + 1 < len(units):
            out.append(unit + "、" + units[i + 1])
            i += 2
            continue
        out.append(unit)
        i += 1
    return out
