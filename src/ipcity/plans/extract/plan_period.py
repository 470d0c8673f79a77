"""The plan's period (start and end years): the title's year range, else 十X五 (十四五 → 2021–2025),
else the ``metadata.period`` rules (one year in the title, a stated span…), else a top-level goals
heading's years, else from the year of issue (``metadata.issue_year`` where no date is found) or
the first 到YYYY年 to the last.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.numbering import cn_to_int, match_numbering
from ipcity.plans.registry import Registry

YEAR_RANGE = re.compile(r"[（(]\s*(\d{4})\s*[—\-－–~～至到]+\s*(\d{4})\s*年?\s*[）)]")
_FIVE_YEAR = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?")
_GOAL_YEAR = re.compile(r"到\s*(20\d{2})\s*年")


# The year a plan was issued where its head gives no date of issue: ``rule(doc_number, head_texts)
# -> year or None``, the first that answers; a plan naming only its end year (到2027年) runs from it.
ISSUE_YEAR_RULES: Registry[Callable[[str | None, list[str]], int | None]] = Registry(
    "metadata.issue_year", "the year a plan was issued where no date of issue is found")
_NUMBER_YEAR = re.compile(r"[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]")


@ISSUE_YEAR_RULES.register("doc_number_year", priority=10)
def doc_number_year(doc_number: str | None, texts: list[str]) -> int | None:
    """``镇政发〔2007〕81号`` with no date of issue in the excerpt: the number's bracketed year is
    the year the document was issued (a number is given when it is signed)."""
    m = _NUMBER_YEAR.search(doc_number or "")
    return int(m.group(1)) if m else None


def find_period(title: str, body_text: str, issued_year: int | None = None) -> tuple[int, int] | None:
    m = YEAR_RANGE.search(title)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _FIVE_YEAR.search(title)
    if m is None:
        # the title's one year or the span the plan states win over a 十X五 the preamble cites
        # (``根据《“十四五”…规划》``), which names another plan's years
        for rule in PERIOD_RULES:
            ruled = rule(title, body_text)
            if ruled is not None:
                return ruled
        m = _FIVE_YEAR.search(body_text[:2000])
    if m:
        # the tenth five-year plan (十五) began in 2001; 十四五 is 2021–2025
        start = 2001 + 5 * cn_to_int(m.group(1))
        return start, start + 4
    heading_years = years_of_goals_heading(body_text)
    if heading_years is not None:
        return heading_years
    years = [int(y) for y in _GOAL_YEAR.findall(body_text)]
    if years:
        # the plan runs from its issue to its last 到YYYY年
        start = issued_year if issued_year is not None and issued_year <= max(years) else min(years)
        return start, max(years)
    return None


# Where the title has no year range and no 十X五: ``rule(title, body_text) -> (start, end)``, the
# first that answers wins (before a 十X五 of the body, a goals heading's years and its 到YYYY年).
PERIOD_RULES: Registry[Callable[[str, str], tuple[int, int] | None]] = Registry(
    "metadata.period", "the plan's years where its title gives no range")
_TITLE_YEAR = re.compile(r"(20\d{2})\s*年度?")
# ``关于确定2025年第一批…试点县的通知``: the year of a batch (of pilots, of a list) names when the batch
# was chosen, not the span of the work; the text states that (``试点周期为…``) if anywhere.
_BATCH_YEAR = re.compile(r"20\d{2}\s*年度?\s*第?[一二三四五六七八九十\d]+批")


@PERIOD_RULES.register("one_year_title", priority=10)
def one_year_title(title: str, body_text: str) -> tuple[int, int] | None:
    """``榆岭市2025年知识产权工作要点``: a title naming one year only is a plan of that year (an
    annual 工作要点 or 工作计划), though its body may look further ahead (到2027年)."""
    years = set(_TITLE_YEAR.findall(title))
    if len(years) != 1 or len(re.findall(r"\d{4}", title)) != 1 or _BATCH_YEAR.search(title):
        return None
    year = int(years.pop())
    return year, year


_SUMMARY_AND_PLAN = re.compile(r"(20\d{2})\s*年度?(?:工作)?总结(?:和|及|与|暨|、)\s*(20\d{2})\s*年度?")


@PERIOD_RULES.register("summary_and_plan", priority=9)
def summary_and_plan(title: str, body_text: str) -> tuple[int, int] | None:
    """``2024年工作总结和2025年工作要点``: a notice issuing last year's summary with this year's
    要点 (or 计划) names two years; the plan is the second year's (the summary plans nothing)."""
    m = _SUMMARY_AND_PLAN.search(title)
    if m and int(m.group(2)) >= int(m.group(1)):
        return int(m.group(2)), int(m.group(2))
    return None


_BRACKETED_YEAR = re.compile(r"[（(]\s*(20\d{2})\s*年?度?\s*[）)]$")


@PERIOD_RULES.register("bracketed_year", priority=8)
def bracketed_year(title: str, body_text: str) -> tuple[int, int] | None:
    """``…年度工作指引（2025）``: a title closing on one year in brackets names the year the
    plan is for, as a year range in brackets names its span."""
    m = _BRACKETED_YEAR.search(title)
    return (int(m.group(1)), int(m.group(1))) if m else None


_STATED_SPAN = re.compile(
    r"(?:试点|建设|实施|规划|创建|示范)(?:时限|期限|周期|期)\s*(?:为|是|[:：])?\s*(?:自|从)?\s*(20\d{2})\s*年?"
    r"(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*(?:至|到|[—\-－–~～])+\s*(20\d{2})\s*年")


@PERIOD_RULES.register("stated_span", priority=5)
def stated_span(title: str, body_text: str) -> tuple[int, int] | None:
    """``试点时限自2025年7月至2028年6月``, ``实施期限为2025—2027年``: the preamble states the plan's
    span in words; it wins over a 十X五 plan the same preamble cites."""
    m = _STATED_SPAN.search(body_text[:2000])
    if m and int(m.group(1)) <= int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None


_YEARS_FROM = re.compile(
    r"(?:自|从)?\s*(20\d{2})\s*年\s*(?:起|开始)\s*[，,]?\s*(?:用|经过|通过)?\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,2})\s*年(?:内|时间|左右|的时间)")


@PERIOD_RULES.register("years_from", priority=6)
def years_from(title: str, body_text: str) -> tuple[int, int] | None:
    """``2012年起5年内，大力实施…``, ``从2024年开始，用三年时间…``: the opening names the first
    year and how many years the work takes; the plan runs over those years, the first one counted
    (a lone year's goals would otherwise have no year at all)."""
    m = _YEARS_FROM.search(body_text[:2000])
    if m is None:
        return None
    count = int(m.group(2)) if m.group(2).isdigit() else cn_to_int(m.group(2))
    if not 1 <= count <= 20:
        return None
    return int(m.group(1)), int(m.group(1)) + count - 1


@PERIOD_RULES.register("stage_years", priority=4)
def stage_years(title: str, body_text: str) -> tuple[int, int] | None:
    """``分三个阶段：2025至2026年为第一阶段…；2029至2030年为第三阶段…``: a paragraph that lays the work
    out in stages of years spans the plan's years, from its first stage's to its last's (a lone
    ``到2030年`` would give 2030–2030, the start not being written there)."""
    from ipcity.plans.extract.phases import announced_stage_years

    for line in body_text.splitlines():
        years = announced_stage_years(line)
        if years is not None:
            return years
    return None


# a sentence that looks back on a five-year period's work (``“十三五”时期，我省…取得了…成就``)
_LOOKS_BACK = re.compile(r"取得了|取得的|圆满完成|顺利完成|成效显著|回顾")


@PERIOD_RULES.register("five_year_ahead", priority=3)
def five_year_ahead(title: str, body_text: str) -> tuple[int, int] | None:
    """A 规划's opening reviews the last five-year period before it looks ahead
    (``“十三五”时期，我省…取得了新的历史性成就。“十四五”时期，我省将…``): a 十X五 named in a sentence
    of past achievements is not the plan's, the next one named is. Answers only when it passed
    such a one (else the first 十X五 of the opening, as before)."""
    text = body_text[:2000]
    passed = False
    for m in _FIVE_YEAR.finditer(text):
        start = max(text.rfind(mark, 0, m.start()) for mark in "。\n！；") + 1
        stops = [i for i in (text.find(mark, m.end()) for mark in "。\n！；") if i >= 0]
        sentence = text[start:min(stops, default=len(text))]
        if _LOOKS_BACK.search(sentence):
            passed = True
            continue
        if passed:
            first = 2001 + 5 * cn_to_int(m.group(1))
            return first, first + 4
    return None


_HEADING_RANGE = re.compile(r"^(?:到|至)?\s*(\d{4})\s*年?\s*[—\-－–~～至到]+\s*(\d{4})\s*年")


def years_of_goals_heading(body_text: str) -> tuple[int, int] | None:
    """``一、2024—2026年主要工作目标``: a top-level heading that opens with the plan's years."""
    for line in body_text.splitlines():
        numbering = match_numbering(line)
        if numbering is None or numbering.scheme not in ("cn", "chapter章", "chapter部分", "chapter条"):
            continue
        m = _HEADING_RANGE.match(line[numbering.rest:])
        if m and "目标" in line and int(m.group(1)) < int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    return None
