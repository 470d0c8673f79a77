"""The case indicators (docs/protection.md, "Indicators") as pure functions over ``CaseFacts``.

The app builds one ``CaseFacts`` per case (one query) and calls :func:`kpis` for a period and
:func:`monthly_table` for a year's statistics; the indicator feed records a ``KpiFigure`` as a
programme indicator's actual value with its numerator and denominator as lineage.

Periods are inclusive (``period_start <= day <= period_end``). Rates are percentages rounded to
two decimals; a rate whose denominator is 0 has the value ``None`` (nothing to measure is not
0 %, and never a division error). Callers that want one case type only (知识产权纠纷调处结案率 over
mediation cases, say) filter the facts before calling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ipcity.casework.workflow import (
    ASSISTANCE_TYPES,
    CASE_TYPES,
    CHANNELS,
    ENFORCEMENT_TYPES,
    RESULTS,
)


@dataclass(frozen=True)
class CaseFacts:
    """What the indicators need of one case."""

    case_id: int
    case_type: str
    channel: str
    received_on: dt.date
    accepted_on: dt.date | None
    closed_on: dt.date | None
    statutory_due: dt.date | None
    result: str | None
    enterprise_key: str | None  # credit code, else the normalised enterprise name
    working_days_to_close: int | None  # from acceptance to closure, suspended days excluded
    suspended_open: bool


@dataclass(frozen=True)
class KpiFigure:
    """One indicator's value with what it was computed from. ``denominator`` is None for a count
    (办案量, 服务企业数); ``value`` is None when the denominator is 0."""

    key: str
    value: float | None
    numerator: float
    denominator: float | None
    definition_zh: str
    unit: str = ""


KPI_LABELS: dict[str, str] = {
    "closure_rate": "结案率",
    "closure_rate_cohort": "结案率（受理批次）",
    "on_time_rate": "法定期限内结案率",
    "mediation_success_rate": "调解成功率",
    "avg_working_days_to_close": "平均结案工作日数",
    "enforcement_volume": "行政执法办案量",
    "enforcement_growth": "行政执法办案量增幅",
    "enterprises_assisted": "维权援助服务企业数",
}

_ENFORCEMENT_WORDS = "、".join(CASE_TYPES[code] for code in sorted(ENFORCEMENT_TYPES))
_ASSISTANCE_WORDS = "、".join(CASE_TYPES[code] for code in sorted(ASSISTANCE_TYPES))

DEFINITIONS: dict[str, str] = {
    "closure_rate": "期内结案的已受理案件数 ÷ 期内受理案件数 × 100%（可因结清往期积案而超过100%）",
    "closure_rate_cohort": "期内受理的案件中，截至期末已结案的件数 ÷ 期内受理案件数 × 100%",
    "on_time_rate": "期内结案且结案日不晚于法定期限（含中止顺延和延期）的件数 ÷ 期内有法定期限的结案件数 × 100%",
    "mediation_success_rate": (
        "期内结案中调解成功件数 ÷（调解成功 + 调解不成 + 纠纷调解案件中止终结）件数 × 100%"
    ),
    "avg_working_days_to_close": "期内结案案件自受理至结案的工作日数（扣除中止期间）之和 ÷ 这些案件数",
    "enforcement_volume": f"期内受理的行政执法案件数（{_ENFORCEMENT_WORDS}）",
    "enforcement_growth": (
        f"（期内行政执法案件受理数 − 上年同期受理数）÷ 上年同期受理数 × 100%（{_ENFORCEMENT_WORDS}）"
    ),
    "enterprises_assisted": f"期内受理的{_ASSISTANCE_WORDS}案件所服务的不同企业数（按统一社会信用代码，无则按企业名称）",
}


def _within(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def _percent(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else round(100 * numerator / denominator, 2)


def _rate(key: str, numerator: int, denominator: int) -> KpiFigure:
    return KpiFigure(key, _percent(numerator, denominator), numerator, denominator, DEFINITIONS[key], "%")


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year - 1, day=28)


def _enforcement_count(facts: Iterable[CaseFacts], start: dt.date, end: dt.date) -> int:
    return sum(1 for f in facts if f.case_type in ENFORCEMENT_TYPES and _within(f.accepted_on, start, end))


def _is_mediation_outcome(fact: CaseFacts) -> bool:
    # 调解成功/调解不成 end a mediation in any case type (an assistance case may be mediated);
    # 中止终结 counts against mediation only in a 纠纷调解 case, not when a complaint is terminated.
    if fact.result in ("mediated", "mediation_failed"):
        return True
    return fact.result == "terminated" and fact.case_type == "mediation"


def kpis(
    facts: Sequence[CaseFacts],
    period_start: dt.date,
    period_end: dt.date,
    previous: Sequence[CaseFacts] | None = None,
) -> dict[str, KpiFigure]:
    """Every indicator for the period. ``previous`` holds the cases to count the same period a
    year earlier from (for 办案量增幅); None means ``facts`` holds them too."""
    if period_end < period_start:
        raise ValueError(f"统计期间的结束日 {period_end} 早于开始日 {period_start}")
    accepted = [f for f in facts if _within(f.accepted_on, period_start, period_end)]
    closed = [f for f in facts if f.accepted_on is not None and _within(f.closed_on, period_start, period_end)]
    cohort_closed = [f for f in accepted if f.closed_on is not None and f.closed_on <= period_end]
    with_due = [f for f in closed if f.statutory_due is not None]
    on_time = [f for f in with_due if f.closed_on is not None and f.statutory_due is not None
               and f.closed_on <= f.statutory_due]
    mediation = [f for f in closed if _is_mediation_outcome(f)]
    mediated = [f for f in mediation if f.result == "mediated"]
    timed = [f.working_days_to_close for f in closed if f.working_days_to_close is not None]

    volume = _enforcement_count(facts, period_start, period_end)
    earlier = _enforcement_count(
        facts if previous is None else previous, _year_earlier(period_start), _year_earlier(period_end)
    )
    enterprises = {
        f.enterprise_key for f in accepted if f.case_type in ASSISTANCE_TYPES and f.enterprise_key
    }
    average = None if not timed else round(sum(timed) / len(timed), 2)
    figures = [
        _rate("closure_rate", len(closed), len(accepted)),
        _rate("closure_rate_cohort", len(cohort_closed), len(accepted)),
        _rate("on_time_rate", len(on_time), len(with_due)),
        _rate("mediation_success_rate", len(mediated), len(mediation)),
        KpiFigure("avg_working_days_to_close", average, sum(timed), len(timed),
                  DEFINITIONS["avg_working_days_to_close"], "个工作日"),
        KpiFigure("enforcement_volume", volume, volume, None, DEFINITIONS["enforcement_volume"], "件"),
        KpiFigure("enforcement_growth", _percent(volume - earlier, earlier), volume - earlier, earlier,
                  DEFINITIONS["enforcement_growth"], "%"),
        KpiFigure("enterprises_assisted", len(enterprises), len(enterprises), None,
                  DEFINITIONS["enterprises_assisted"], "家"),
    ]
    return {figure.key: figure for figure in figures}


@dataclass(frozen=True)
class MonthlyRow:
    """One line of the monthly statistics: a category of a dimension, one count per month."""

    dimension: str  # "channel", "case_type" or "result"
    measure: str  # "received", "accepted" or "closed"
    code: str  # "" on the dimension's total line
    label_zh: str
    months: tuple[int, ...]  # January..December
    total: int


DIMENSIONS: dict[str, str] = {"channel": "来源渠道", "case_type": "案件类型", "result": "结案结果"}
MEASURES: dict[str, str] = {"received": "登记", "accepted": "受理", "closed": "结案"}

# Which counts each dimension shows: channels count intake; types the whole flow; results closures.
_TABLE_LAYOUT: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("channel", "received", CHANNELS),
    ("case_type", "received", CASE_TYPES),
    ("case_type", "accepted", CASE_TYPES),
    ("case_type", "closed", CASE_TYPES),
    ("result", "closed", RESULTS),
)


def _measure_day(fact: CaseFacts, measure: str) -> dt.date | None:
    if measure == "received":
        return fact.received_on
    if measure == "accepted":
        return fact.accepted_on
    return fact.closed_on


def monthly_table(facts: Iterable[CaseFacts], year: int) -> list[MonthlyRow]:
    """The year's statistics by month × channel (登记), type (登记/受理/结案) and result (结案).

    Every code of the vocabulary has its line (zeros included) so tables of different years line
    up; a code outside the vocabulary (an old ledger's) gets a line of its own after them, labelled
    with the code; each block ends with its total line (code "", label 合计)."""
    facts = list(facts)
    rows: list[MonthlyRow] = []
    for dimension, measure, vocabulary in _TABLE_LAYOUT:
        counts: dict[str, list[int]] = {code: [0] * 12 for code in vocabulary}
        for fact in facts:
            day = _measure_day(fact, measure)
            if day is None or day.year != year:
                continue
            code = getattr(fact, dimension) or "unknown"  # a closure without a result, say
            counts.setdefault(code, [0] * 12)[day.month - 1] += 1
        totals = [0] * 12
        for code, months in counts.items():
            label = vocabulary.get(code, "未填写" if code == "unknown" else code)
            rows.append(MonthlyRow(dimension, measure, code, label, tuple(months), sum(months)))
            totals = [a + b for a, b in zip(totals, months, strict=True)]
        rows.append(MonthlyRow(dimension, measure, "", "合计", tuple(totals), sum(totals)))
    return rows
