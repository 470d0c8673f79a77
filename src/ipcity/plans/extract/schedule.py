"""Phases (dated stages of the work) and reporting duties (dated or periodic).

Phases: a heading or paragraph that names a stage (…阶段, 第一步) with a month range
``（2022年8月—2022年9月）``, or any heading inside a 进度/步骤/阶段 section with one.

Reporting: outside the tasks and goals parts (a duty inside a task's text is task content),
each sentence is searched for ``每年12月15日前`` (a yearly date), ``2025年1月前`` (a one-off),
``每半年``/``每季度``/``每月``/``每年``, ``按季度``/``按月`` and 年度考核/监测/评估… (periodic). ``定期`` alone has no period.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ipcity.plans.registry import Registry
from ipcity.plans.structure import Document, Section
from ipcity.plans.vocabulary import REPORT_DOCUMENT_WORDS, REPORTING_VERBS, alternation

_RANGE = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月(?:份)?(?:\s*[—\-－–~～至到]+\s*)(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月"
)
_YEAR_RANGE = re.compile(r"(?P<y1>\d{4})\s*年?\s*[—\-－–~～至到]+\s*(?P<y2>\d{4})\s*年")
_STAGE_WORDS = re.compile(r"阶段|第[一二三四五六七八九十\d]+步")
_SCHEDULE_SECTION = re.compile(r"进度|步骤|阶段|安排")

_YEARLY_DATE = re.compile(r"每年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
# 每年1月底前, 每年年底前: the last day of that month
_YEARLY_MONTH_END = re.compile(r"每年\s*(?:(?P<m>\d{1,2})\s*月|年)(?:底|末)")
_MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
# 2025年1月前, 2025年底前, 2025年12月20日前 (the day does not change the month it is due in)
_ONE_OFF = re.compile(
    r"(?P<y>20\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?)?(?:底|末)?\s*(?:前|之前|以前)")
# 每年6月底和12月底前: the months after the first share its 每年
_MORE_MONTH_ENDS = re.compile(r"\s*(?:和|及|、|与|，)\s*(?P<m>\d{1,2})\s*月(?:底|末)")
# A bare 每年 is a reporting duty only next to a reporting verb (每年安排资金 is none).
_REPORTING_VERB = re.compile(alternation(REPORTING_VERBS))
# What a continuing clause hands in when it has no reporting verb (年底前形成全年工作小结).
_REPORT_DOCUMENT = re.compile(alternation(REPORT_DOCUMENT_WORDS))
_ORDINAL_STAGE = re.compile(r"^第[一二三四五六七八九十\d]+(?:阶段|步)\s*[：:]\s*(?=\S)")
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
_SENTENCE = re.compile(r"[^。；;！!？?]+")
_WHO = re.compile(
    r"^(?P<who>各[县市区镇乡街道、（）()]{1,10}?|[\u4e00-\u9fff、]{2,30}?(?:办公室|小组|单位|政府|部门|局|委|办|院|会)"
    r"(?:[（(][^（）()]*[）)])?)"
    r"(?=会同|牵头|要|应|将|每|负责|向|在|于|按|组织|开展|报送|报告|上报|提交|，|,|$)"
)


@dataclass
class Phase:
    name: str
    start: str
    end: str


@dataclass
class Duty:
    what: str
    who: str | None
    due: dict


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
        if section.is_box or not any(_SCHEDULE_SECTION.search(s.title) for s in [section, *ancestors(section)]):
            continue
        for paragraph in section.paragraphs:
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


def phase_of(text: str) -> Phase | None:
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
    name = phase_name(text[:m.start()]) or stage_named_after(text[m.end():]) or "阶段"
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


def extract_reporting(doc: Document, period: tuple[int, int] | None = None) -> list[Duty]:
    """The plan's duties; ``period`` (its years) dates the dues written without a year."""
    out: list[Duty] = []
    for section in doc.sections():
        if section.part in ("tasks", "goals") or section.in_box():
            continue
        lines = ([section.line] if section.line is not None and section.head_body else []) + section.paragraphs
        for line in lines:
            for m in _SENTENCE.finditer(line.text):
                for duty in duties_in(m.group(), period):
                    if duty.due not in [d.due for d in out] or duty.what not in [d.what for d in out]:
                        out.append(duty)
    return out


Found = list[tuple[int, int, dict]]  # (start, end, due) of each due date in a sentence
# Due dates of a duty: ``rule(sentence, found so far) -> more``, in order (later rules skip what
# earlier ones found).
DUE_RULES: Registry[Callable[[str, Found], Found]] = Registry(
    "schedule.due", "the due dates of a reporting or evaluation duty in one sentence")
# 每年6月20日和12月10日前, 每年7月5日和次年1月5日前: the dates after the first share its 每年
_MORE_DATES = re.compile(r"\s*(?:和|及|、|与|，)\s*(?:次年|翌年)?\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
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
    r"(?P<more>(?:(?:、|和|及|与)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*)+)(?:前|之前|以前)")
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


# ``…，年底前形成全年总结`` after a recurring due: a clause opening with the year's end, no year
_CLAUSE_YEAR_END = re.compile(r"[，,]\s*(?:并|再|于|在)?\s*(?P<date>(?:年底|年末|每年年底|每年年末)\s*(?:前|之前|以前))")


@DUE_RULES.register("continued_year_end", priority=24)
def continued_year_end(sentence: str, found: Found) -> Found:
    """``每季度末前报送进展情况，年底前形成全年总结``: after a recurring due (yearly, quarterly,
    monthly), a clause opening with 年底前 is the yearly summing-up, {12, 31}: the plan runs on, so
    its year end comes every year. The clause needs a reporting verb or what a report is
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


def duties_in(sentence: str, period: tuple[int, int] | None = None) -> list[Duty]:
    found: Found = []
    for rule in DUE_RULES:
        found += rule(sentence, found)
    duties = []
    for start, end, due in sorted(found, key=lambda f: f[0]):
        if (dated := in_plan_years(due, period)) is not None:
            duties.append(Duty(what=duty_what(sentence, start, end), who=duty_who(sentence, start), due=dated))
    return duties


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


def duty_what(sentence: str, start: int, end: int) -> str:
    left, right = clause_around(sentence, start, end)
    if sentence[start:end].startswith(("每", "按", "次年", "翌年", "次月", "年底", "年末")) \
            or re.match(r"\d{4}|\d{1,2}\s*月", sentence[start:end]):
        after = sentence[end:right].strip()
        # 每月5日前报送…; 每季度第一个月15日前, 每月最后一个工作日前: the day within the period is the due's
        after = re.sub(r"^(?:首月|末月|第[一二三四五六\d]个?月|最后一(?:个工作日|天|日)|\d{1,2}\s*日"
                       r"|末|底|前|之前|以前|分别|都|均)+", "", after)
        # 每季度结束后10日内报送…, 每月终了后5个工作日内: the time allowed is the due's, not the duty's
        after = re.sub(r"^(?:结束|终了|届满)后\s*\d{1,2}\s*个?(?:工作)?日内", "", after)
        after = re.sub(r"^向[^，,]*?(?=报送|报告|提交|上报)", "", after)
        if after:
            return after.strip("，, ")
        if left < start:
            return sentence[left:start].strip("，, ")
        # ``2025年1月前，领导小组办公室牵头，评估…``: the duty is the first clause that is not its who
        for clause in re.split(r"[，,]", sentence[right:]):
            clause = clause.strip()
            if clause and not re.fullmatch(_WHO.pattern + r"(?:牵头|负责)?", clause):
                who = _WHO.match(clause)
                return clause[who.end():].lstrip("于在") if who and who.end() < len(clause) else clause
    what = sentence[left:right].strip("，, ")
    what = re.sub(r"^(?:并|和|及|且)", "", what)
    what = re.split(r"和定期|及定期", what)[0]
    return what


def duty_who(sentence: str, start: int) -> str | None:
    """The unit opening the duty's own clause (``…，X于2025年10月前评估``), else the sentence's."""
    own = sentence[max(sentence.rfind(c, 0, start) for c in "，,") + 1:start]
    if own.strip().startswith(_NOT_A_SUBJECT):
        return None
    m = _WHO.match(own.strip())
    if m and not _INTO.search(m.group("who")):
        return m.group("who")
    for piece in re.split(r"[，,]", sentence[:start] + "，" + sentence[start:]):
        m = _WHO.match(piece.strip())
        if m and not _INTO.search(m.group("who")):
            return m.group("who")
    return None


# A clause opening with 将/把 (将…纳入…考核) has its object first and no subject of its own; the
# units of the sentence's other clauses do other things.
_NOT_A_SUBJECT = ("将", "把")
# ``实施情况纳入市政府对各部门年度绩效考核``: the units after 纳入/列入 are whose assessment it joins, not
# who acts; a clause that reads as a unit only through them has no subject.
_INTO = re.compile(r"纳入|列入")
