"""Reporting duties: who reports what, and when.

Outside the tasks and goals parts (a duty inside a task's text is task content), each sentence is
searched for due dates (``due_dates``); each gives a duty whose ``what`` is the verb phrase of its
clause and whose ``who`` is the unit opening the clause, else the sentence. ``定期`` alone has no
period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipcity.plans.extract.due_dates import DUE_RULES, Found, clause_around, in_plan_years
from ipcity.plans.structure import Document

_SENTENCE = re.compile(r"[^。；;！!？?]+")
_WHO = re.compile(
    r"^(?P<who>各[县市区镇乡街道、（）()]{1,10}?|[\u4e00-\u9fff、]{2,30}?(?:办公室|小组|单位|政府|部门|局|委|办|院|会)"
    r"(?:[（(][^（）()]*[）)])?)"
    # ``X对…负总责``: a unit that answers for the work is its subject too
    r"(?=会同|牵头|要|应|将|每|负责|向|在|于|按|组织|开展|报送|报告|上报|提交|对[^，,]*负|，|,|$)"
)


@dataclass
class Duty:
    what: str
    who: str | None
    due: dict


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
                    # a duty written twice is one; the same due or the same what alone is another duty's
                    if (duty.due, duty.what) not in [(d.due, d.what) for d in out]:
                        out.append(duty)
    return out


def duties_in(sentence: str, period: tuple[int, int] | None = None) -> list[Duty]:
    found: Found = []
    for rule in DUE_RULES:
        found += rule(sentence, found)
    duties = []
    for start, end, due in sorted(found, key=lambda f: f[0]):
        if (dated := in_plan_years(due, period)) is not None:
            duties.append(Duty(what=duty_what(sentence, start, end), who=duty_who(sentence, start), due=dated))
    return duties


def duty_what(sentence: str, start: int, end: int) -> str:
    left, right = clause_around(sentence, start, end)
    if sentence[start:end].startswith(("每", "按", "次年", "翌年", "次月", "年底", "年末")) \
            or re.match(r"\d{4}|\d{1,2}\s*月", sentence[start:end]):
        after = sentence[end:right].strip()
        after = _DAY_IN_PERIOD.sub("", after)
        # 每季度结束后10日内报送…, 每月终了后5个工作日内: the time allowed is the due's, not the duty's
        after = re.sub(r"^(?:结束|终了|届满)后\s*\d{1,2}\s*个?(?:工作)?日内", "", after)
        # 每季度末和年底前报送…, 每半年及每年12月20日前: the other dates of the list are the other dues'
        while (more := _MORE_DUE.match(after)) is not None and more.end() > 0:
            after = _DAY_IN_PERIOD.sub("", after[more.end():])
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
    if m and _is_subject(m.group("who")):
        return m.group("who")
    for piece in re.split(r"[，,]", sentence[:start] + "，" + sentence[start:]):
        m = _WHO.match(piece.strip())
        if m and _is_subject(m.group("who")):
            return m.group("who")
    return None


def _is_subject(who: str) -> bool:
    return not _INTO.search(who) and not who.startswith(_WITH)


# 每月5日前报送…; 每季度第一个月15日前, 每月最后一个工作日前: the day within the period is the due's
_DAY_IN_PERIOD = re.compile(r"^(?:首月|末月|第[一二三四五六\d]个?月|最后一(?:个工作日|天|日)|\d{1,2}\s*日"
                            r"|末|底|前|之前|以前|分别|都|均)+")
# A further date of the same duty after 和/及/、/与 (``和年底``, ``及每年12月20日``, ``、每半年``)
_MORE_DUE = re.compile(r"[和及、与]\s*(?:每年|次年|翌年)?\s*(?:\d{1,2}\s*月|年底|年末|每(?:半年|个?季度?|个?月|年))")


# A clause opening with 将/把 (将…纳入…考核) has its object first and no subject of its own; the
# units of the sentence's other clauses do other things.
_NOT_A_SUBJECT = ("将", "把")
# ``实施情况纳入市政府对各部门年度绩效考核``: the units after 纳入/列入 are whose assessment it joins, not
# who acts; a clause that reads as a unit only through them has no subject.
_INTO = re.compile(r"纳入|列入")
# ``各项目牵头单位对…负总责，会同配合单位于2012年10月底前制定…``: a clause opening with 会同 (together
# with) names the partners; the subject who acts is the sentence's, or none is written.
_WITH = ("会同", "协同", "联合")
