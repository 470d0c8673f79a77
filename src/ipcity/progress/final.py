"""The final evaluation (终期评估) of an indicator once its plan's period has ended.

An addition beside the method of ``shared/spec/progress-method.md`` (v1), not a change to it: the
method's two lenses judge a plan under way ("will the final target be reached?") and have no
"ended" outlook. When the period is over, the office reports, per indicator, what was reached
against the final target (CNIPA's 验收 / 终期评估 of the pilot cities). This module answers that with
the method's own pieces, so the two never disagree on what "meets" means:

- the **final target** ``T`` is the method's (lens 2, step 1): the target with the latest year
  ``t_T``;
- the **final value** is the method's value of lens 1 (``year_value``) at ``t_T``: the year's own
  value for kind ``level``, the mean of the values up to ``t_T`` for kind ``average`` (``年均值``).
  A ``level`` indicator with no value for ``t_T`` takes its latest value before ``t_T`` and says so
  (``value_year`` < ``final_year``, ``from_earlier_year``); values after ``t_T`` are not used (the
  evaluation is of the plan's period);
- the **result** uses the method's comparison (lens 2, step 3, with the direction and kind rules of
  "Inputs"): ``achieved`` when the final value meets ``T`` (``≥`` when higher is better, ``≤`` when
  lower is better), else ``not_achieved``; ``no_data`` when there is no value at or before ``t_T``;
  ``no_target`` when the indicator has no dated numeric target (a qualitative one is judged by the
  office in words, not here).

Arithmetic is the method's: the comparison is exact on the decimals as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ipcity.progress.inputs import IndicatorInput, Point, observation_points, parse_indicator
from ipcity.progress.method import _meets, year_value

RESULTS = ("achieved", "not_achieved", "no_data", "no_target")


@dataclass(frozen=True)
class FinalEvaluation:
    result: str  # one of RESULTS
    final_year: int | None = None
    final_target: float | None = None
    comparator: str | None = None  # the final target's as written (>=, <=, =)
    value: float | None = None  # the final value compared with the target
    value_year: int | None = None  # the year the value is of (for ``average``: the last year in the mean)
    years_in_mean: tuple[int, ...] = ()  # kind ``average``: the years averaged
    kind: str = "level"
    direction: str = "up"

    @property
    def from_earlier_year(self) -> bool:
        """The final year had no value and an earlier year's stands in for it (kind ``level``)."""
        return self.value_year is not None and self.final_year is not None and self.value_year < self.final_year

    @property
    def gap(self) -> float | None:
        """Value minus target (negative: short of it when higher is better)."""
        if self.value is None or self.final_target is None:
            return None
        return self.value - self.final_target

    def to_dict(self) -> dict[str, Any]:
        return {"result": self.result, "final_year": self.final_year, "final_target": self.final_target,
                "comparator": self.comparator, "value": self.value, "value_year": self.value_year,
                "from_earlier_year": self.from_earlier_year, "years_in_mean": list(self.years_in_mean),
                "kind": self.kind, "direction": self.direction}


def evaluate_final(indicator: Mapping | IndicatorInput,
                   observations: Sequence[Mapping] | Sequence[Point] = ()) -> FinalEvaluation:
    """The final evaluation of one indicator from its plan entry and its yearly values.

    Raw dicts are checked as ``assess`` checks them (``MalformedInput``)."""
    ind = indicator if isinstance(indicator, IndicatorInput) else parse_indicator(indicator)
    obs = observation_points(observations)
    kind, direction = ind.kind, ind.resolved_direction
    if not ind.targets:
        return FinalEvaluation(result="no_target", kind=kind, direction=direction)
    final = ind.targets[-1]
    upto = [p for p in obs if p.year <= final.year]
    value: float | None = None
    value_year: int | None = None
    years: tuple[int, ...] = ()
    if upto and kind == "average":
        value, years = year_value(ind, obs, final.year), tuple(p.year for p in upto)
        value_year = years[-1]
    elif upto:
        value, value_year = upto[-1].value, upto[-1].year  # the final year's own value, else the latest before it
    if value is None:
        result = "no_data"
    else:
        result = "achieved" if _meets(value, final.value, direction) else "not_achieved"
    return FinalEvaluation(result=result, final_year=final.year, final_target=final.value, comparator=final.comparator,
                           value=value, value_year=value_year, years_in_mean=years, kind=kind, direction=direction)
