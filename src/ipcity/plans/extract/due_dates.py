"""Due dates of a reporting or evaluation duty, in one sentence (``schedule.due``).

``每年12月15日前`` (a yearly date), ``次年1月15日前``, ``每年1月底前`` (the month's last day),
``2025年1月前`` (a one-off), ``每半年``/``每季度``/``每月``/``每年``, ``按季度``/``按月`` and
年度考核/监测/评估… (periodic); a bare 每年 or 按月 only in a clause that reports. A date written
without a year or 每年 is marked ``YEARLESS``; what it means depends on the plan's period
(``in_plan_years``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import REPORT_DOCUMENT_WORDS, REPORTING_VERBS, alternation

_YEARLY_DATE = re.compile(r"每年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
# 每年1月底前, 每年年底前: the last day of that month
_YEARLY_MONTH_END = re.compile(r"每年\s*(?:(?P<m>\d{1,2})\s*月|年)(?:底|末)")
_MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
# 2025年1月前, 2025年底前, 2025年12月20日前 (the day does not change the month it is due in)
_ONE_OFF = re.compile(
    r"(?P<y>20\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?)?(?:底|末)?\s*(?:前|之前|以前)")
# A date of a list may close with its own 前 before the next (``6月25日前和12月20日前``): the 前 goes
# with the date, the list goes on; before a comma it closes the list (``…前，12月20日前报送…`` is the
# next clause's, ``continued_yearly_dates``).
_OWN_BEFORE = r"(?:(?:前|之前|以前)\s*(?=[和及、与]))?"
# 每年6月底和12月底前, 每年6月底前和12月底前: the months after the first share its 每年
_MORE_MONTH_ENDS = re.compile(r"\s*" + _OWN_BEFORE + r"(?:和|及|、|与|，)\s*(?P<m>\d{1,2})\s*月(?:底|末)")
# A bare 每年 is a reporting duty only next to a reporting verb (每年安排资金 is none).
_REPORTING_VERB = re.compile(alternation(REPORTING_VERBS))
# What a continuing clause hands in when it has no reporting verb (年底前形成全年工作小结).
_REPORT_DOCUMENT = re.compile(alternation(REPORT_DOCUMENT_WORDS))
_PERIODIC = [
    (re.compile(r"每半年"), 6),
    (re.compile(r"每(?:个)?季度|每季"), 3),
    (re.compile(r"每(?:个)?月"), 1),
    (re.compile(r"每两年"), 24),
    (re.compile(r"每年(?!\s*\d|年底|年末)"), 12),
    (re.compile(r"年度(?:绩效|目标|综合)?(?:责任制)?(?:考核|监测|评估|报告|总结|检查|考评|督查|评价|自评)"), 12),
    # 纳入…年度高质量发展综合绩效考核: an assessment named by what it weighs, between 年度 and 考核
    # (not a modal's predicate: ``年度成果形式要可考核`` says what a result must be, no assessment)
    (re.compile(r"年度(?:(?![要应可须能])[\u4e00-\u9fff]){2,12}?(?:考核|考评)"), 12),
]
# 按季度报送, 按月调度: a period written with 按 (a duty only with a reporting verb in its clause)
_BY_PERIOD = [
    (re.compile(r"按半年"), 6),
    (re.compile(r"按(?:季度|季)"), 3),
    (re.compile(r"按月(?!份)"), 1),
]


Found = list[tuple[int, int, dict]]  # (start, end, due) of each due date in a sentence
# Due dates of a duty: ``rule(sentence, found so far) -> more``, in order (later rules skip what
# earlier ones found).
DUE_RULES: Registry[Callable[[str, Found], Found]] = Registry(
    "schedule.due", "the due dates of a reporting or evaluation duty in one sentence")
# 每年6月20日和12月10日前, 每年7月5日和次年1月5日前, 每年6月25日前和12月20日前: the dates after the
# first share its 每年
_MORE_DATES = re.compile(
    r"\s*" + _OWN_BEFORE + r"(?:和|及|、|与|，)\s*(?:次年|翌年)?\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
# 次年1月15日前, 次年2月底前 (a year's work reported early in the next): a yearly date without 每年
_NEXT_YEAR_DATE = re.compile(
    r"(?:次年|翌年)\s*(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日|底|末)\s*(?:前|之前|以前)")


@DUE_RULES.register("yearly_dates", priority=40)
def yearly_dates(sentence: str, found: Found) -> Found:
    """``每年12月15日前`` → {month, day}; ``每年6月20日和12月10日前`` gives both dates."""
    out: Found = []
    for m in _YEARLY_DATE.finditer(sentence):
        dates = [(int(m.group("m")), int(m.group("d")))]
        pos = m.end()
        while (more := _MORE_DATES.match(sentence, pos)) is not None:
            dates.append((int(more.group("m")), int(more.group("d"))))
            pos = more.end()
        # every date shares the whole span, so each duty reads the same verb phrase after it
        out += [(m.start(), pos, {"month": month, "day": day}) for month, day in dates if 1 <= month <= 12]
    return out


@DUE_RULES.register("next_year_dates", priority=35)
def next_year_dates(sentence: str, found: Found) -> Found:
    """``于次年1月15日前报送年度总结`` → {month: 1, day: 15}: each year's duty, due in the next;
    ``于次年2月底前`` → that month's last day."""
    return [(m.start(), m.end(), {"month": int(m.group("m")),
                                  "day": int(m.group("d")) if m.group("d") else _MONTH_DAYS[int(m.group("m")) - 1]})
            for m in _NEXT_YEAR_DATE.finditer(sentence)
            if 1 <= int(m.group("m")) <= 12 and not any(s <= m.start() < e for s, e, _ in found)]


@DUE_RULES.register("yearly_month_ends", priority=30)
def yearly_month_end_dues(sentence: str, found: Found) -> Found:
    """``每年1月底前`` → the month's last day; ``每年6月底和12月底前`` gives both."""
    out: Found = []
    for m in _YEARLY_MONTH_END.finditer(sentence):
        for start, end, month in yearly_month_ends(sentence, m):
            out.append((start, end, {"month": month, "day": _MONTH_DAYS[month - 1]}))
    return out


# ``…，12月20日前报送全年总结`` after a yearly due: a clause opening with a date that has no year
_CLAUSE_DATE = re.compile(
    r"[，,]\s*(?:并|再|于|在)?\s*(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日|底|末)\s*(?:前|之前|以前)")


@DUE_RULES.register("continued_yearly_dates", priority=25)
def continued_yearly_dates(sentence: str, found: Found) -> Found:
    """``每年6月底前报送上半年工作进展，12月20日前报送全年总结``: a later clause's date without a year
    continues the 每年 of a yearly due before it, each clause a duty of its own."""
    out: Found = []
    for m in _CLAUSE_DATE.finditer(sentence):
        month = int(m.group("m"))
        yearly_before = any(s < m.start() and "month" in due for s, _, due in found + out)
        if not (1 <= month <= 12 and yearly_before) or any(s <= m.start("m") < e for s, e, _ in found + out):
            continue
        if not hands_in(sentence, m.start("m"), m.end()):
            continue
        day = int(m.group("d")) if m.group("d") else _MONTH_DAYS[month - 1]
        out.append((m.start("m"), m.end(), {"month": month, "day": day}))
    return out


# 6月25日、12月25日前 (no year, no 每年): a list of dates within a year
_YEARLESS_DATES = re.compile(
    r"(?<![\d年月])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*"
    r"(?P<more>(?:" + _OWN_BEFORE + r"(?:、|和|及|与)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*)+)(?:前|之前|以前)")
_DATE_IN_LIST = re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")


@DUE_RULES.register("yearless_date_list", priority=26)
def yearless_date_list(sentence: str, found: Found) -> Found:
    """``于6月25日、12月25日前分别报送半年和全年工作进展``: two dates or more within a year, written
    without a year and without 每年, for a report: the plan runs over years, so each is a yearly
    duty (a one-off would name its year). A single date without a year is left alone."""
    out: Found = []
    for m in _YEARLESS_DATES.finditer(sentence):
        if any(s <= m.start() < e for s, e, _ in found) or not hands_in(sentence, m.start(), m.end()):
            continue
        dates = [(int(d.group("m")), int(d.group("d"))) for d in _DATE_IN_LIST.finditer(m.group())]
        out += [(m.start(), m.end(), {"month": month, "day": day, YEARLESS: "list"})
                for month, day in dates if 1 <= month <= 12]
    return out


# 12月20日前, 12月底前 with no year, no 每年, 次年 or 次月 before it: a date within some year
_LONE_DATE = re.compile(
    r"(?<![\d年月])(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日|底|末)\s*(?:前|之前|以前)")


@DUE_RULES.register("lone_yearless_date", priority=22)
def lone_yearless_date(sentence: str, found: Found) -> Found:
    """``各成员单位于12月20日前报送全年工作总结``: one date without a year, with no yearly due before
    it (``continued_yearly_dates`` reads that), for a report. Whether it comes once or every year is
    the plan's period's to say (``in_plan_years``): a 工作要点 of one year hands it in that year, a
    plan over three years every year."""
    out: Found = []
    for m in _LONE_DATE.finditer(sentence):
        month = int(m.group("m"))
        if not 1 <= month <= 12 or any(s <= m.start() < e for s, e, _ in found + out):
            continue
        if not hands_in(sentence, m.start(), m.end()):
            continue
        day = int(m.group("d")) if m.group("d") else _MONTH_DAYS[month - 1]
        out.append((m.start(), m.end(), {"month": month, "day": day, YEARLESS: "lone"}))
    return out


# ``…，年底前形成全年总结`` after a recurring due: a clause opening with the year's end, no year; or
# the year's end joined to the recurring due (``每季度末和年底前报送…``), the same duty's other date
_CLAUSE_YEAR_END = re.compile(
    r"(?:[，,]\s*(?:并|再|于|在)?|[和及、与])\s*(?P<date>(?:年底|年末|每年年底|每年年末)\s*(?:前|之前|以前))")


@DUE_RULES.register("continued_year_end", priority=24)
def continued_year_end(sentence: str, found: Found) -> Found:
    """``每季度末前报送进展情况，年底前形成全年总结``: after a recurring due (yearly, quarterly,
    monthly), a clause opening with 年底前 is the yearly summing-up, {12, 31}: the plan runs on, so
    its year end comes every year; so is a 年底前 joined to the recurring due by 和/及/、
    (``每半年和年底前报送…``). The clause needs a reporting verb or what a report is
    (总结, 小结, 进展…): ``年底前完成全年任务`` is work, not a duty."""
    out: Found = []
    for m in _CLAUSE_YEAR_END.finditer(sentence):
        # the periodic rule runs later, so its words (每季度, 每月…) are looked for here
        recurring_before = any(s < m.start() and "month" in due for s, _, due in found + out) or any(
            pattern.search(sentence, 0, m.start()) for pattern, months in _PERIODIC if months <= 12)
        if not recurring_before or any(s <= m.start("date") < e for s, e, _ in found + out):
            continue
        if hands_in(sentence, m.start("date"), m.end()):
            out.append((m.start("date"), m.end(), {"month": 12, "day": 31}))
    return out


# 每月…，于次月5日前报送… or 于次月5日前报送上月进展: a monthly duty, due early in the next month
_NEXT_MONTH_DATE = re.compile(r"次月\s*\d{1,2}\s*日\s*(?:前|之前|以前)")
_EVERY_MONTH = re.compile(r"每(?:个)?月")


@DUE_RULES.register("next_month_dates", priority=33)
def next_month_dates(sentence: str, found: Found) -> Found:
    """``于次月5日前报送上月工作进展`` → {every_months: 1}; a 每月 earlier in the sentence is the same
    duty (``每月梳理…，于次月5日前报送…``), so the span runs from it and the duty reads the verb after
    the date."""
    out: Found = []
    for m in _NEXT_MONTH_DATE.finditer(sentence):
        if any(s <= m.start() < e for s, e, _ in found + out):
            continue
        every = _EVERY_MONTH.search(sentence, 0, m.start())
        out.append((every.start() if every else m.start(), m.end(), {"every_months": 1}))
    return out


@DUE_RULES.register("one_off", priority=20)
def one_off_dues(sentence: str, found: Found) -> Found:
    """``2025年1月前`` → {date: 2025-01}; ``2025年底前`` → December."""
    out: Found = []
    for m in _ONE_OFF.finditer(sentence):
        month = int(m.group("m") or 12)
        out.append((m.start(), m.end(), {"date": f"{m.group('y')}-{month:02d}"}))
    return out


@DUE_RULES.register("periodic", priority=10)
def periodic_dues(sentence: str, found: Found) -> Found:
    """``每半年``, ``每季度``, ``每月``, 年度考核… → {every_months}; a bare 每年 needs a reporting verb."""
    out: Found = []
    for pattern, months in _PERIODIC:
        for m in pattern.finditer(sentence):
            if any(s <= m.start() < e for s, e, _ in found + out):
                continue
            if months == 12 and m.group().startswith("每") and not reports_in_clause(sentence, m.start(), m.end()):
                continue
            if months == 12 and dated_yearly_in_clause(sentence, m.start(), m.end(), found + out):
                continue  # 每年12月10日前报送年度总结: the 年度 report is the dated duty's, not another
            out.append((m.start(), m.end(), {"every_months": months}))
    return out


@DUE_RULES.register("by_period", priority=12)
def by_period_dues(sentence: str, found: Found) -> Found:
    """``县市场监管局按季度汇总报送县政府`` → {every_months: 3}: a recurring duty whose period is written
    with 按 (按季度, 按月, 按半年) rather than 每; ``按月拨付`` is no duty, so its clause must report."""
    out: Found = []
    for pattern, months in _BY_PERIOD:
        for m in pattern.finditer(sentence):
            if any(s <= m.start() < e for s, e, _ in found + out):
                continue
            if reports_in_clause(sentence, m.start(), m.end()):
                out.append((m.start(), m.end(), {"every_months": months}))
    return out


def dated_yearly_in_clause(sentence: str, start: int, end: int, found: Found) -> bool:
    """Whether the clause around ``sentence[start:end]`` already holds a yearly due with its date."""
    left, right = clause_around(sentence, start, end)
    return any(left <= s < right and "month" in due for s, _, due in found)


# The mark of a due written without a year and without 每年 (``12月20日前``): what it means
# depends on the plan's period, which the due rules do not see.
YEARLESS = "yearless"


def in_plan_years(due: dict, period: tuple[int, int] | None) -> dict | None:
    """A yearless due in a plan of one year (工作要点, 年度计划) is a one-off of that year; in a plan
    over several years it comes every year. With no period known, a lone date is left out (a
    guess either way), while a list of dates within a year stays yearly (a list of one year's
    milestones would name the year)."""
    kind = due.get(YEARLESS)
    if kind is None:
        return due
    if period is not None and period[0] == period[1]:
        return {"date": f"{period[0]:04d}-{due['month']:02d}"}
    if period is None and kind == "lone":
        return None
    return {"month": due["month"], "day": due["day"]}


def yearly_month_ends(sentence: str, m: re.Match) -> list[tuple[int, int, int]]:
    """``每年6月底和12月底前`` → the 6th and the 12th month, each with its span."""
    months = [int(m.group("m") or 12)]
    pos = m.end()
    while (more := _MORE_MONTH_ENDS.match(sentence, pos)) is not None:
        months.append(int(more.group("m")))
        pos = more.end()
    # every month shares the whole span, so each duty reads the same verb phrase after it
    return [(m.start(), pos, month) for month in months if 1 <= month <= 12]


def reports_in_clause(sentence: str, start: int, end: int) -> bool:
    left, right = clause_around(sentence, start, end)
    return _REPORTING_VERB.search(sentence[left:right]) is not None


def hands_in(sentence: str, start: int, end: int) -> bool:
    """A continuing clause's duty: a reporting verb, or what is handed in (全年工作小结)."""
    left, right = clause_around(sentence, start, end)
    return reports_in_clause(sentence, start, end) or _REPORT_DOCUMENT.search(sentence[left:right]) is not None


def clause_around(sentence: str, start: int, end: int) -> tuple[int, int]:
    left = max(sentence.rfind(c, 0, start) for c in "，,") + 1
    rights = [i for i in (sentence.find(c, end) for c in "，,") if i >= 0]
    return left, min(rights) if rights else len(sentence)
