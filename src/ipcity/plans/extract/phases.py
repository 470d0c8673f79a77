"""Phases: the dated stages of the work.

A heading or paragraph that names a stage (…阶段, 第一步) with a month range
``（2022年8月—2022年9月）`` (or dates the ``schedule.phase_span`` rules read: halves of a year,
quarters, days), or any heading inside a 进度/步骤/阶段 section with one; a stage may be named after
its dates. A paragraph of a schedule part may name several stages at once
(``schedule.stage_paragraph``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ipcity.plans.registry import Registry
from ipcity.plans.structure import Document, Section

_RANGE = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月(?:份)?(?:\s*[—\-－–~～至到]+\s*)(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月"
)
_YEAR_RANGE = re.compile(r"(?P<y1>\d{4})\s*年?\s*[—\-－–~～至到]+\s*(?P<y2>\d{4})\s*年")
_STAGE_WORDS = re.compile(r"阶段|第[一二三四五六七八九十\d]+步")
_SCHEDULE_SECTION = re.compile(r"进度|步骤|阶段|安排")
_ORDINAL_STAGE = re.compile(r"^第[一二三四五六七八九十\d]+(?:阶段|步)\s*[：:]\s*(?=\S)")


@dataclass
class Phase:
    name: str
    start: str
    end: str


def extract_phases(doc: Document, period: tuple[int, int] | None = None) -> list[Phase]:
    out = []
    for section in doc.sections():
        if section.line is None or section.is_box:
            continue
        in_schedule = any(_SCHEDULE_SECTION.search(s.title) for s in ancestors(section))
        found = False
        for text in [section.line.text] + [p.text for p in section.paragraphs]:
            if not (_STAGE_WORDS.search(text) or (in_schedule and text is section.line.text)):
                continue
            if len(_YEARS_STAGE.findall(text)) > 1:
                continue  # several stages in one paragraph: ``years_as_stages`` reads each
            phase = phase_of(text)
            if phase is not None and phase not in out:
                out.append(phase)
                found = True
        if not found and section.paragraphs and (_STAGE_WORDS.search(section.title) or in_schedule):
            # ``（一）动员部署阶段`` with its dates at the start of the paragraph below
            phase = phase_of(section.paragraphs[0].text[:40])
            if phase is not None:
                phase = Phase(name=section.title, start=phase.start, end=phase.end)
                if phase not in out:
                    out.append(phase)
    for section in doc.sections():
        if section.is_box:
            continue
        in_schedule = any(_SCHEDULE_SECTION.search(s.title) for s in [section, *ancestors(section)])
        for paragraph in section.paragraphs:
            # ``…分为3个阶段：…``: a paragraph announcing its stages is a schedule wherever it stands
            if not (in_schedule or _ANNOUNCED_STAGES.search(paragraph.text)):
                continue
            for rule in STAGE_PARAGRAPH_RULES:
                out += [phase for phase in rule(paragraph.text, period) if phase not in out]
    return out


# A paragraph of a schedule part (步骤, 进度, 安排) that names several stages at once, or one stage
# of a one-year plan's schedule: ``rule(text, the plan's years) -> phases``, all of them.
STAGE_PARAGRAPH_RULES: Registry[Callable[[str, tuple[int, int] | None], list[Phase]]] = Registry(
    "schedule.stage_paragraph", "stages named in a paragraph of a schedule part")
_NAMED_YEAR = re.compile(r"(?P<y>20\d{2})\s*年\s*(?:为|是|定为|作为)\s*[“\"]?(?P<name>[\u4e00-\u9fff]{1,6}年)[”\"]?")


@STAGE_PARAGRAPH_RULES.register("named_years", priority=10)
def named_years(text: str, period: tuple[int, int] | None = None) -> list[Phase]:
    """``2025年为启动年，…；2026年为攻坚年，…``: each year named as a stage of the work is that stage,
    January to December."""
    return [Phase(name=m.group("name"), start=f"{m.group('y')}-01", end=f"{m.group('y')}-12")
            for m in _NAMED_YEAR.finditer(text)]


# ``分为3个阶段``, ``分三步实施``: the paragraph names the stages that follow.
_ANNOUNCED_STAGES = re.compile(r"分(?:为|成)?\s*[一二三四五六两\d]\s*个?(?:阶段|步)")
_YEARS_STAGE = re.compile(
    r"(?P<y1>20\d{2})\s*年?\s*(?:[—\-－–~～至到]+\s*(?P<y2>20\d{2})\s*)?年?\s*(?:为|是)\s*"
    r"(?P<name>第[一二三四五六七八九十\d]+阶段|[\u4e00-\u9fff]{2,8}?阶段)")


@STAGE_PARAGRAPH_RULES.register("years_as_stages", priority=8)
def years_as_stages(text: str, period: tuple[int, int] | None = None) -> list[Phase]:
    """``分3个阶段：2025至2026年为第一阶段，…；2027年为第二阶段，…``: each span of years (or year) a
    schedule paragraph calls a stage is that stage, from January of its first year to December of
    its last (a stage given by months is read as a stage line is)."""
    return [Phase(name=m.group("name"), start=f"{m.group('y1')}-01", end=f"{m.group('y2') or m.group('y1')}-12")
            for m in _YEARS_STAGE.finditer(text)]


def announced_stage_years(text: str) -> tuple[int, int] | None:
    """The years a paragraph announcing its stages (``分为3个阶段：…``) spans: its first stage's first
    year to its last stage's last, or None (two stages at least)."""
    if not _ANNOUNCED_STAGES.search(text):
        return None
    spans = [(int(m.group("y1")), int(m.group("y2") or m.group("y1"))) for m in _YEARS_STAGE.finditer(text)]
    if len(spans) < 2:
        return None
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    return (start, end) if start <= end else None


_YEARLESS_PART = re.compile(r"^\s*(?:第?(?P<q>[一二三四1-4])季度|(?P<h>[上下])半年)\s*[：:]")


@STAGE_PARAGRAPH_RULES.register("parts_of_the_year", priority=5)
def parts_of_the_year(text: str, period: tuple[int, int] | None = None) -> list[Phase]:
    """``一季度：制定年度计划…`` … ``四季度：…`` (``上半年：…``) in a one-year plan's schedule: each
    quarter (half) of the plan's year is a stage, named as written. A plan of several years does not
    say which year's quarter it means, so it gives none."""
    m = _YEARLESS_PART.match(text)
    if not m or period is None or period[0] != period[1] or not period[0]:
        return []
    year, name = period[0], m.group().strip().rstrip("：:").strip()
    if m.group("q"):
        q = _QUARTER_NUMBER[m.group("q")]
        return [Phase(name=name, start=f"{year:04d}-{q * 3 - 2:02d}", end=f"{year:04d}-{q * 3:02d}")]
    first = m.group("h") == "上"
    return [Phase(name=name, start=f"{year:04d}-{1 if first else 7:02d}", end=f"{year:04d}-{6 if first else 12:02d}")]


def ancestors(section: Section) -> list[Section]:
    out = []
    node: Section | None = section.parent
    while node is not None:
        out.append(node)
        node = node.parent
    return out


# A stage's dates written other than as months (tried where no month range is, before a bare range of
# years): ``rule(text) -> (match, "YYYY-MM", "YYYY-MM")`` or None; the first that reads one wins.
PHASE_SPAN_RULES: Registry[Callable[[str], tuple[re.Match, str, str] | None]] = Registry(
    "schedule.phase_span", "dates of a stage written other than as a month range")
_QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_RANGE = re.compile(
    r"(?P<y1>20\d{2})\s*年\s*第?(?P<q1>[一二三四1-4])\s*季度"
    r"(?:\s*[—\-－–~～至到]+\s*(?:(?P<y2>20\d{2})\s*年\s*)?第?(?P<q2>[一二三四1-4])\s*季度)?")


@PHASE_SPAN_RULES.register("quarters", priority=10)
def quarters(text: str) -> tuple[re.Match, str, str] | None:
    """``（2025年第一季度）``, ``（2025年第二季度至2027年第三季度）``: a stage dated by quarters runs
    from the first month of its first quarter to the last month of its last."""
    m = _QUARTER_RANGE.search(text)
    if not m:
        return None
    y1, q1 = int(m.group("y1")), _QUARTER_NUMBER[m.group("q1")]
    y2 = int(m.group("y2") or y1)
    q2 = _QUARTER_NUMBER[m.group("q2")] if m.group("q2") else q1
    return m, f"{y1:04d}-{q1 * 3 - 2:02d}", f"{y2:04d}-{q2 * 3:02d}"


_HALF_RANGE = re.compile(
    r"(?P<y1>20\d{2})\s*年\s*(?P<h1>上|下)半年"
    r"(?:\s*[—\-－–~～至到]+\s*(?:(?P<y2>20\d{2})\s*年\s*)?(?P<h2>上|下)半年)?")


@PHASE_SPAN_RULES.register("half_years", priority=20)
def half_years(text: str) -> tuple[re.Match, str, str] | None:
    """``（2027年上半年）``, ``（2025年下半年至2026年上半年）``: a stage dated by halves of a year runs
    from January or July to June or December."""
    m = _HALF_RANGE.search(text)
    if not m:
        return None
    last = m.group("h2") or m.group("h1")
    y1 = int(m.group("y1"))
    # 2025年下半年至上半年: the second half-year without its year is the next year's
    y2 = int(m.group("y2") or y1 + (m.group("h1") == "下" and last == "上"))
    return m, f"{y1:04d}-{1 if m.group('h1') == '上' else 7:02d}", f"{y2:04d}-{6 if last == '上' else 12:02d}"


_DAY_RANGE = re.compile(
    r"(?P<y1>20\d{2})\s*年\s*(?P<m1>\d{1,2})\s*月\s*\d{1,2}\s*日\s*[—\-－–~～至到]+\s*"
    r"(?:(?P<y2>20\d{2})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*\d{1,2}\s*日")


@PHASE_SPAN_RULES.register("day_range", priority=5)
def day_range(text: str) -> tuple[re.Match, str, str] | None:
    """``（2008年7月6日-10月10日）``, ``（2024年3月1日至2025年1月31日）``: a stage dated to the day runs
    over the months of its first and last days (a phase is kept to the month)."""
    m = _DAY_RANGE.search(text)
    if not m:
        return None
    y1 = int(m.group("y1"))
    y2 = int(m.group("y2") or y1)
    return m, f"{y1:04d}-{int(m.group('m1')):02d}", f"{y2:04d}-{int(m.group('m2')):02d}"


# A work the text cites (``紧扣《知识产权强国建设纲要（2021—2035年）》推进实施``): the years in its title
# are that work's, never a stage's span.
_CITED_WORK = re.compile(r"《[^《》]*》")


def phase_of(text: str) -> Phase | None:
    whole = text
    text = _CITED_WORK.sub(lambda m: "＿" * len(m.group()), text)  # same length: positions hold
    m = _RANGE.search(text)
    if m:
        y1 = int(m.group("y1"))
        y2 = int(m.group("y2") or y1)
        start, end = f"{y1:04d}-{int(m.group('m1')):02d}", f"{y2:04d}-{int(m.group('m2')):02d}"
    elif (spanned := next((found for rule in PHASE_SPAN_RULES if (found := rule(text))), None)) is not None:
        m, start, end = spanned
    else:
        m = _YEAR_RANGE.search(text)
        if not m:
            return None
        start, end = f"{m.group('y1')}-01", f"{m.group('y2')}-12"
    name = phase_name(whole[:m.start()]) or stage_named_after(whole[m.end():]) or "阶段"
    return Phase(name=name, start=start, end=end)


_STAGE_AFTER = re.compile(r"^\s*(?:为|是|[：:])?\s*(?P<name>[\u4e00-\u9fff]{2,12}?阶段)")


def stage_named_after(after: str) -> str | None:
    """``2024年1月至3月为启动部署阶段``: the stage is named after its dates."""
    m = _STAGE_AFTER.match(after)
    return m.group("name") if m else None


def phase_name(before: str) -> str:
    from ipcity.plans.numbering import match_numbering

    numbering = match_numbering(before)
    if numbering is not None:
        before = before[numbering.rest:]
    before = _ORDINAL_STAGE.sub("", before.strip())  # 第一阶段：动员部署 → 动员部署
    return before.strip(" （(：:，,。")
