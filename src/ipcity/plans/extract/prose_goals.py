"""Prose goals: the quantitative goals a plan writes in sentences.

Each clause of the goals part with a number and a unit is a goal (a plan without a goals part:
the paragraphs that say they state its goals); its name is the noun phrase before the verb (达到,
超过…), its year the sentence's 到YYYY年 or the plan's end year. ``由A提高到B`` gives a baseline and
a target; ``实现零的突破`` is a qualitative goal. Passes over the goals read (``indicators.prose``)
merge a higher level's quoted figure and a yearly series. Reading a clause's figures is
``text.goals_in``; trimming a name is ``text``'s ``indicators.name`` rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.extract.indicator_item import Indicator
from ipcity.plans.extract.indicator_tags import ATTRIBUTE_RULES, COVERING_NOTE_RULES, prose_tags
from ipcity.plans.extract.quantities import rate_comparator
from ipcity.plans.extract.text import Goal, clauses, clean_name, goals_in
from ipcity.plans.normalise import Line
from ipcity.plans.registry import Registry
from ipcity.plans.structure import Document, Section
from ipcity.plans.vocabulary import FACT_COPULAS, alternation

_ZERO_BREAKTHROUGH = re.compile(r"^(?P<name>.+?)(?P<goal>(?:实现|取得)?零的突破)")


def prose_goals(doc: Document, period: tuple[int, int] | None) -> list[Indicator]:
    """The prose goals of the goals part (of the paragraphs stating goals, in a plan without one),
    each once, after the passes over them."""
    items: list[Indicator] = []
    for section in doc.sections():
        if section.part == "goals" and not section.is_box:
            items += prose_indicators(section, period)
    if not any(section.part == "goals" for section in doc.sections()):
        items += stated_goals_outside_parts(doc, period)
    items = dedupe(items)
    for rule in PROSE_RULES:
        items = rule(items)
    return items


def prose_indicators(section: Section, period: tuple[int, int] | None) -> list[Indicator]:
    heading = section.line is not None and (section.head_body or any(rule(section) for rule in GOAL_HEADING_RULES))
    lines = ([section.line] if heading and section.line is not None else []) + section.paragraphs
    out = []
    for line in lines:
        out += line_indicators(line, period)
    return out


# Paragraphs of a plan without a goals part that state its goals: ``rule(text) -> offset`` where
# its goals begin, or None; the first rule that answers wins.
GOAL_PARAGRAPH_RULES: Registry[Callable[[str], int | None]] = Registry(
    "indicators.paragraph", "paragraphs that state the goals of a plan without a goals part")
_STATED_GOALS = re.compile(r"(?:主要|工作|年度|全年|总体|具体)?目标(?:任务)?(?:(?:是|为|如下)\s*[：:]|(?:是|为)\s*[，,])")


@GOAL_PARAGRAPH_RULES.register("stated_goals", priority=10)
def stated_goals(text: str) -> int | None:
    """``全年工作的主要目标是：发明专利授权量达到1600件，…``: a paragraph that says it states the
    goals, in a plan with no goals heading (an annual 工作要点 has none): its goals after the colon
    (or after the comma of ``主要目标是，到2023年底，…``, as a summary of the plan writes it)."""
    m = _STATED_GOALS.search(text)
    return m.end() if m else None


# The plan named by its short name (``以下简称《方案》``) and a verb that reports what it sets:
# ``《方案》指出，到2021年底，…``, ``《规划》明确，“十三五”期间，将建设…``.
_PLAN_STATES = re.compile(
    r"《(?:规划|方案|实施方案|行动方案|工作方案|纲要|计划|行动计划|意见|实施意见)》(?:还)?(?:提出|明确|指出|确定|要求|强调)[，,：:\s]*"
    r"(?=[^。]{0,12}(?:到|至)\s*20\d{2}\s*年|[^。]{0,6}[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|末|时期))")


@GOAL_PARAGRAPH_RULES.register("plan_states", priority=5)
def plan_states(text: str) -> int | None:
    """``《方案》指出，到2021年底，我省将建成10个…``: a report on a plan (a press release, a 政策解读)
    names the plan by its short name and says what it sets for a year ahead; its goals follow the
    verb. Only where the text has no goals part (as every paragraph rule)."""
    m = _PLAN_STATES.search(text)
    return m.end() if m else None


# The plan (by any name, bracketed or not) earlier in the sentence, then a verb that puts forward its
# targets and the year they are for: ``规划给出…“路线图”，明确提出：到2025年，…``, ``《行动方案》提出了两个
# 发展目标。到2025年，…`` (a count of goals and the word 目标 may stand between, a 。 after them).
_REPORTED_TARGETS = re.compile(
    r"(?:规划|方案|计划|纲要|意见)[》”]?[^。；;！!]{0,40}?(?:明确提出|提出|明确)了?"
    r"(?:[一二两三四五六七八九十\d]+(?:个|项|大))?(?:发展|主要|具体|工作)?(?:目标)?[。：:，,\s]*"
    r"(?=(?:到|至)\s*20\d{2}\s*年)")


@GOAL_PARAGRAPH_RULES.register("reported_targets", priority=4)
def reported_targets(text: str) -> int | None:
    """``为加快推动高质量发展，规划给出…“施工图”，明确提出：到2025年，…覆盖率超过50%，建成200家…``: a
    report on a plan that says, of the plan, that it puts forward targets for a year, without the
    short name in 《》 (``plan_states``) or with a count of them first (``《行动方案》提出了两个发展目标。
    到2025年，…``); its goals follow. Only where the text has no goals part (as every paragraph rule)."""
    m = _REPORTED_TARGETS.search(text)
    return m.end() if m else None


# A target year the text aims for (``计划到2030年``, ``力争到2027年底``): what follows in the paragraph
# is what the plan sets, not what was achieved (an achievement is dated 截至/至, never aimed at).
_AIMS_FOR_YEAR = re.compile(r"(?:计划|力争|争取|预计|拟)\s*(?:在|于)?\s*(?:到|至)\s*20\d{2}\s*年(?:底|末)?")


@GOAL_PARAGRAPH_RULES.register("aims_for_year", priority=3)
def aims_for_year(text: str) -> int | None:
    """``计划到2030年，全区有效注册商标总量突破4000件。地理标志证明商标达到5件以上；…``: a paragraph
    that aims for a year states goals from there on, though it says neither 主要目标是 nor 《规划》明确
    (a report on a plan, a plan that writes its goals into its 总体要求). Only where the text has no
    goals part (as every paragraph rule)."""
    m = _AIMS_FOR_YEAR.search(text)
    return m.start() if m else None


# A five-year period and what the place will do in it: ``“十三五”期间，全省将培育…``, ``“十四五”时期，
# 我市要…`` (将/要/力争: the future, where a review of the period would say 取得了).
_PERIOD_AHEAD = re.compile(
    r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|时期)\s*[，,]?\s*"
    r"(?:(?:我|全|本)(?:省|市|区|县|州|盟|旗))?(?:将|要|力争)")


@GOAL_PARAGRAPH_RULES.register("period_ahead", priority=2)
def period_ahead(text: str) -> int | None:
    """``“十三五”期间，全省将培育推出1个全国版权示范城市、10个…，到2020年全省著作权登记总数预计突破
    35万件``: a report on a five-year plan says what the place will do in the period; its goals
    follow (``将`` is the future: a review of a past period says what was done, and is no goal).
    Only where the text has no goals part (as every paragraph rule)."""
    m = _PERIOD_AHEAD.search(text)
    return m.start() if m else None


def stated_goals_outside_parts(doc: Document, period: tuple[int, int] | None) -> list[Indicator]:
    return [item for line, start in stated_goal_lines(doc) for item in line_indicators(line, period, start)]


def stated_goal_lines(doc: Document) -> list[tuple[Line, int]]:
    """The paragraphs outside the goals and tasks parts that state goals, each with where its goals
    begin (``unsure`` places them too)."""
    out = []
    for section in doc.sections():
        if section.part == "tasks" or section.in_box():
            continue
        stated = False
        for line in section.paragraphs:
            start = next((found for rule in GOAL_PARAGRAPH_RULES if (found := rule(line.text)) is not None), None)
            if start is None and stated and _CONTINUED_GOALS.match(line.text):
                start = 0  # ``到2030年，…``: the stated goals go on for a later year in a paragraph of their own
            stated = start is not None
            if start is not None:
                out.append((line, start))
    return out


_CONTINUED_GOALS = re.compile(r"^\s*(?:到|至)\s*20\d{2}\s*年")


def line_indicators(line: Line, period: tuple[int, int] | None, start: int = 0) -> list[Indicator]:
    """The prose goals of one line (from ``start`` on)."""
    end_year = period[1] if period else None
    out = []
    text = line.text
    goals = [goal for goal in goals_in(text, strip_actions=False) if goal.start >= start]
    k = 0
    while k < len(goals):
        goal, baseline = goals[k], None
        if k + 1 < len(goals) and is_from_to(text, goal, goals[k + 1]):
            # 由2020年的8.5件提高到15件: the first number is where the goal starts from
            baseline_goal, goal = goal, goals[k + 1]
            origin = _FROM.search(text, goal.start)
            name = clean_name(text[goal.start:origin.start()]) if origin else ""
            baseline = {"year": year_before(text, baseline_goal), "value": baseline_goal.quantity.value}
            goal = Goal(name=name or goal.name, quantity=goal.quantity, year=goal.year,
                        start=baseline_goal.start, end=goal.end)
            k += 1
        k += 1
        q = goal.quantity
        name, tags = goal.name, []
        for attribute_rule in ATTRIBUTE_RULES:  # ``发明专利授权量（预期性）：较上年增长12%``
            name, found = attribute_rule(name, [])
            tags += [w for w in found if w not in tags]
        tags += [w for w in prose_tags(text[goal.end:]) if w not in tags]
        for note_rule in COVERING_NOTE_RULES:
            tags += [w for w in note_rule(text[goal.end:]) if w not in tags]
        out.append(Indicator(
            name=name, unit=q.unit, baseline=baseline,
            targets=[{"year": goal.year or end_year, "value": q.value,
                      "comparator": rate_comparator(name, q.value, q.unit, q.comparator)}],
            qualitative_target=None, tags=tags, source="text",
            span=line.span(named_from(text, goal), goal.end),
            # a figure with no year in its own clause may state a fact (extract/yardsticks.py)
            extra={"year_written": _YEAR_WRITTEN.search(text, goal.start, goal.end) is not None,
                   # a copula right before the figure (``…拥有量为9.4件``), which the name no longer keeps
                   "copula": _COPULA_FIGURE.search(text, goal.start, goal.end) is not None}))
    out += [item for item in zero_breakthroughs(line) if item.span[0] >= line.span(start, start)[0]]
    return out


_YEAR_WRITTEN = re.compile(r"20\d{2}\s*年")
# A fact copula (为, 已达…) right before a figure: the clause states where something stands.
_COPULA_FIGURE = re.compile(rf"(?:{alternation(FACT_COPULAS)})\s*[约近]?\d")


def named_from(text: str, goal: Goal) -> int:
    """Where the passage of a goal starts: at its name when the name stands before the goal's own
    clause in the same sentence (``有效发明专利拥有量：2026年达到520件``), so that the reviewer sees
    the words the indicator was named by highlighted with its figures."""
    if not goal.name or goal.name in text[goal.start:goal.end]:
        return goal.start
    sentence_start = max(text.rfind(mark, 0, goal.start) for mark in "。；;\n") + 1
    written = text.rfind(goal.name, sentence_start, goal.start)
    return written if written >= 0 else goal.start


# Numbered lines of the goals part read as goal prose though they have no body after a 。:
# ``rule(section) -> True`` reads the section's own line.
GOAL_HEADING_RULES: Registry[Callable[[Section], bool]] = Registry(
    "indicators.heading", "numbered lines of the goals part that are goal sentences, not headings")
# Passes over the goals part's prose indicators, in turn: ``rule(items) -> items``.
PROSE_RULES: Registry[Callable[[list[Indicator]], list[Indicator]]] = Registry(
    "indicators.prose", "passes over the prose goals of the goals part")


@GOAL_HEADING_RULES.register("goal_list_item", priority=10)
def is_goal_list_item(section: Section) -> bool:
    """A numbered item of the goals part with nothing under it (``（2）有效注册商标总量提高到8.6万件；``
    on its own line): the line is a goal sentence, not a heading over goals."""
    return section.part == "goals" and not section.children and not section.paragraphs and not section.tables


_FROM = re.compile(r"[由从]")
_TO_VERBS = ("提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "增至", "达到", "降至", "降低到", "下降到")


def is_from_to(text: str, first: Goal, second: Goal) -> bool:
    """Two quantities of one clause written 由/从 A … 提高到 B."""
    return (first.start == second.start and second.quantity.verb in _TO_VERBS
            and _FROM.search(text, first.start, first.start + first.quantity.num_start) is not None)


def year_before(text: str, goal: Goal) -> int | None:
    m = re.findall(r"(20\d{2})\s*年", text[goal.start:goal.start + goal.quantity.num_start])
    return int(m[-1]) if m else None


def zero_breakthroughs(line) -> list[Indicator]:
    """``…网点实现零的突破``: a count goal written without a number."""
    out = []
    for c_start, c_end in clauses(line.text):
        m = _ZERO_BREAKTHROUGH.search(line.text[c_start:c_end])
        if m:
            out.append(Indicator(name=m.group("name").strip(), unit=None, baseline=None, targets=[],
                                 qualitative_target=m.group("goal"), tags=[], source="text",
                                 span=line.span(c_start, c_end)))
    return out


def dedupe(items: list[Indicator]) -> list[Indicator]:
    seen: set[tuple] = set()
    out = []
    for item in items:
        key = (item.name, tuple((t["year"], t["value"]) for t in item.targets))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# ``全省…达到20件，我市力争达到16件``: a figure of a higher level quoted before the plan's own.
_HIGHER_LEVEL = re.compile(r"^(?:全国|全省)(?=[\u4e00-\u9fff]{3})")
_OWN_PLACE = re.compile(r"^(?:我|本|全)(?:市|区|县|州|盟|旗)$")
_NAME_COPULA = re.compile(r"(?<!行)(?:为|是)$")


@PROSE_RULES.register("higher_level_figure", priority=20)
def higher_level_figure(items: list[Indicator]) -> list[Indicator]:
    """``全省每万人口发明专利拥有量预期达到20件，我市力争达到16件``: the first figure is the province's
    (or the country's), quoted as a yardstick; only the plan's own place's figure is its goal, named
    by what the higher level's clause names (without 全省/全国, nor a copula 为 before its figure)."""
    out: list[Indicator] = []
    for item in items:
        before = out[-1] if out else None
        if before is not None and _OWN_PLACE.match(item.name) and _HIGHER_LEVEL.match(before.name):
            item.name = _NAME_COPULA.sub("", _HIGHER_LEVEL.sub("", before.name)).strip()
            item.span = (before.span[0], item.span[1])
            out[-1] = item
            continue
        out.append(item)
    return out


@PROSE_RULES.register("yearly_series", priority=10)
def yearly_series(items: list[Indicator]) -> list[Indicator]:
    """Prose goals of one name and unit set for different years (``到2025年…达到9.5件，到2026年
    达到11件``) are one indicator with a target per year, as a table's year columns are."""
    out: list[Indicator] = []
    for item in items:
        same = next((o for o in out if o.name == item.name and o.unit == item.unit and o.targets and item.targets
                     and not {t["year"] for t in o.targets} & {t["year"] for t in item.targets}), None)
        if same is None:
            out.append(item)
            continue
        same.targets = sorted(same.targets + item.targets, key=lambda t: t["year"] or 0)
        same.baseline = same.baseline or item.baseline
        same.span = (min(same.span[0], item.span[0]), max(same.span[1], item.span[1]))
    return out
