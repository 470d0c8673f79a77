"""The two-lens verdict on an indicator, exactly as ``shared/spec/progress-method.md`` (v1) says.

- Lens 1, this year (年度研判): ``value`` against ``expected`` → met / near / behind.
- Lens 2, outlook (终期研判): projection to the final year → progress ratio → on_track ...

``assess`` is a pure function: same inputs, same verdict. It returns an ``Assessment`` whose
``to_dict()`` is the spec's output object; the extra attributes (``expected_basis``, ``growth``,
``thresholds``...) let an interface show *why* without recomputing anything.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from fractions import Fraction
from typing import Any

from ipcity.progress.inputs import IndicatorInput, Point, observation_points, parse_as_of, parse_indicator

METHOD_VERSION = 1

# Year statuses from best to worst; ``no_data``/``no_target`` are not on that scale.
YEAR_STATUS_ORDER = ("met", "near", "behind")
OUTLOOKS = ("achieved", "on_track", "needs_acceleration", "off_track", "regressing", "no_target", "insufficient_data")
SPEC_KEYS = ("as_of", "value", "expected", "year_status", "final_year", "final_target", "start", "method",
             "projected", "progress_ratio", "outlook", "required_annual_growth")


@dataclass(frozen=True)
class Thresholds:
    """The method's three lines; an office may change them per programme."""

    near: float = 0.9  # this year: "near" from 90 % of the expected value (110 % when lower is better)
    on_track: float = 0.95  # outlook: progress ratio for "on_track"
    acceleration: float = 0.60  # outlook: progress ratio for "needs_acceleration"

    def changed(self) -> dict[str, tuple[float, float]]:
        """The thresholds that differ from the spec's defaults: {name: (default, value)}."""
        default = Thresholds()
        return {f.name: (getattr(default, f.name), getattr(self, f.name))
                for f in fields(self) if getattr(self, f.name) != getattr(default, f.name)}


@dataclass
class Assessment:
    # The spec's output fields.
    as_of: int | None = None
    value: float | None = None
    expected: float | None = None
    year_status: str = "no_data"
    final_year: int | None = None
    final_target: float | None = None
    start: Point | None = None
    method: str | None = None
    projected: float | None = None
    progress_ratio: float | None = None
    outlook: str = "insufficient_data"
    required_annual_growth: float | None = None
    # How the verdict came about, for the "why".
    kind: str = "level"
    direction: str = "up"
    plan_expected: float | None = None  # what the plan asks of as_of, even without a value
    expected_basis: str | None = None  # target | interpolated | last_target | reference
    expected_anchors: tuple[Point, ...] = ()
    growth: float | None = None  # g of the compound projection
    thresholds: Thresholds = field(default_factory=Thresholds)

    def to_dict(self) -> dict[str, Any]:
        # JSON has no infinity: a projection that overflows (a start of 1e-300) is no number.
        data = {key: _finite(getattr(self, key)) for key in SPEC_KEYS}
        data["start"] = {"year": self.start.year, "value": self.start.value} if self.start else None
        # "A changed threshold is shown beside the verdict": only then, so that the default
        # output is exactly the spec's object.
        changed = self.thresholds.changed()
        if changed:
            data["thresholds"] = {name: value for name, (_default, value) in changed.items()}
        return data


def _finite(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def _exact(number: float | Fraction) -> Fraction:
    """A number as written: 0.9 is nine tenths, not the binary float nearest to it.

    The spec's rules are decimal arithmetic on the numbers a plan and an office write
    (11.7 ≥ 0.9 × 13 is "near"; a linear ratio of 1.9 / 2 is exactly 0.95 and "on_track"). Binary
    floating point puts such cases a hair on the wrong side of the line, so every comparison and
    every rational step (mean, interpolation, straight-line projection, ratio) is done on the
    shortest decimal that round-trips the float, then turned back into a float for the output.
    """
    if isinstance(number, Fraction):
        return number
    return Fraction(repr(float(number))) if isinstance(number, float) else Fraction(number)


def _float(number: Fraction) -> float:
    try:
        return float(number)
    except OverflowError:  # beyond any float (absurd inputs): saturate as float arithmetic would
        return math.inf if number > 0 else -math.inf


def assess(
    indicator: Mapping | IndicatorInput,
    observations: Sequence[Mapping] | Sequence[Point] = (),
    as_of: int | None = None,
    thresholds: Thresholds | None = None,
) -> Assessment:
    """Judge one indicator. Raw dicts are checked (``MalformedInput``); parsed inputs pass as they are."""
    ind = indicator if isinstance(indicator, IndicatorInput) else parse_indicator(indicator)
    obs = observation_points(observations)
    year = parse_as_of(as_of)
    if year is None and obs:
        year = obs[-1].year
    result = Assessment(as_of=year, kind=ind.kind, direction=ind.resolved_direction,
                        thresholds=thresholds or Thresholds())
    _judge_year(result, ind, obs)
    _judge_outlook(result, ind, obs)
    return result


# ---------------------------------------------------------------- lens 1: this year

def _judge_year(result: Assessment, ind: IndicatorInput, obs: tuple[Point, ...]) -> None:
    if result.as_of is None:
        return
    result.value = year_value(ind, obs, result.as_of)
    # The plan's expectation is worth showing beside a missing value, but the spec's ``expected``
    # only applies once there is a value (step 1 stops at "no_data").
    result.plan_expected, result.expected_basis, result.expected_anchors = expected_value(ind, obs, result.as_of)
    if result.value is None:
        result.year_status = "no_data"
        return
    result.expected = result.plan_expected
    if result.expected is None:
        result.year_status = "no_target"
        return
    result.year_status = year_status(result.value, _exact_expected(result), result.direction, result.thresholds.near)


def _exact_expected(result: Assessment) -> Fraction:
    """``expected`` as the spec computes it, before it is printed as a float: an interpolated
    expectation can have no finite decimal (70/9) while its near line does (0.9 × 70/9 = 7), and a
    value of 7 is on that line, not below the float 7.000000000000001."""
    assert result.expected is not None and result.as_of is not None
    if result.expected_basis == "interpolated" and len(result.expected_anchors) == 2:
        before, after = result.expected_anchors
        if before.year < result.as_of < after.year:
            return _on_line(before, after, result.as_of)
    return _exact(result.expected)


def _on_line(before: Point, after: Point, year: int) -> Fraction:
    """The straight line between two anchors, at ``year``, exactly."""
    share = Fraction(year - before.year, after.year - before.year)
    return _exact(before.value) + (_exact(after.value) - _exact(before.value)) * share


def year_value(ind: IndicatorInput, obs: tuple[Point, ...], year: int) -> float | None:
    """The year's own value (``level``) or the mean of the values up to it (``average``)."""
    if ind.kind == "average":
        upto = [_exact(p.value) for p in obs if p.year <= year]
        return _float(sum(upto, Fraction(0)) / len(upto)) if upto else None
    return next((p.value for p in obs if p.year == year), None)


def expected_value(ind: IndicatorInput, obs: tuple[Point, ...], year: int) -> tuple[float | None, str | None, tuple[Point, ...]]:
    """What the plan asks of ``year``, with how it was found and the anchors used."""
    for target in ind.targets:
        if target.year == year:
            return target.value, "target", (Point(target.year, target.value),)
    if ind.targets:
        if ind.kind == "average":
            last = ind.targets[-1]
            return last.value, "last_target", (Point(last.year, last.value),)
        return _interpolate_level(ind, obs, year)
    reference = ind.reference_value(year)
    if reference is not None:
        return reference, "reference", (Point(year, reference),)
    return None, None, ()


def _interpolate_level(ind: IndicatorInput, obs: tuple[Point, ...], year: int) -> tuple[float | None, str | None, tuple[Point, ...]]:
    start = ind.baseline or (obs[0] if obs else None)
    anchors: dict[int, float] = {start.year: start.value} if start else {}
    anchors.update({t.year: t.value for t in ind.targets})  # a target outranks a start of the same year
    points = [Point(y, anchors[y]) for y in sorted(anchors)]
    if year <= points[0].year:
        return None, None, ()
    if year > points[-1].year:
        last = ind.targets[-1]
        return last.value, "last_target", (Point(last.year, last.value),)
    for before, after in zip(points, points[1:], strict=False):
        if year == after.year:  # on an anchor: its own value, exactly (no rounding from the line)
            return after.value, "interpolated", (before, after)
        if before.year < year < after.year:
            return _float(_on_line(before, after, year)), "interpolated", (before, after)
    raise AssertionError("unreachable: year lies between the first and last anchor")


def year_status(value: float, expected: float | Fraction, direction: str, near: float = 0.9) -> str:
    """First match wins: met, near, behind. Lower-is-better reads ≤ for ≥ and 1.1 for 0.9."""
    v, e, line = _exact(value), _exact(expected), _exact(near)
    if direction == "down":
        if v <= e:
            return "met"
        return "near" if v <= (2 - line) * e else "behind"
    if v >= e:
        return "met"
    return "near" if v >= line * e else "behind"


# ---------------------------------------------------------------- lens 2: outlook

def _meets(value: float, target: float, direction: str) -> bool:
    v, t = _exact(value), _exact(target)
    return v <= t if direction == "down" else v >= t


def _judge_outlook(result: Assessment, ind: IndicatorInput, obs: tuple[Point, ...]) -> None:
    if not ind.targets:
        result.outlook = "no_target"
        return
    final = ind.targets[-1]
    result.final_year, result.final_target = final.year, final.value
    if result.value is None or result.as_of is None:
        result.outlook = "insufficient_data"
        return
    v_l, t_l, target, t_t = result.value, result.as_of, final.value, final.year
    if ind.kind == "level" and _meets(v_l, target, result.direction):
        result.outlook, result.progress_ratio = "achieved", 1
        return
    result.start = start_point(ind, obs, t_l)
    if ind.kind == "average":
        _outlook_average(result, v_l, t_l, target, t_t)
        return
    if result.start is None:
        result.outlook = "insufficient_data"
        return
    _outlook_level(result, ind, result.start, v_l, t_l, target, t_t)


def start_point(ind: IndicatorInput, obs: tuple[Point, ...], latest_year: int) -> Point | None:
    """The baseline where it is before the latest year, else the earliest observation before it."""
    if ind.baseline is not None and ind.baseline.year < latest_year:
        return ind.baseline
    return next((p for p in obs if p.year < latest_year), None)


def _outlook_average(result: Assessment, v_l: float, t_l: int, target: float, t_t: int) -> None:
    result.method, result.projected = "mean", v_l  # the mean so far persists
    mean, goal = _exact(v_l), _exact(target)
    ratio: Fraction
    if result.direction == "down":
        ratio = Fraction(0) if v_l == 0 else goal / mean
    else:
        ratio = mean / goal if target != 0 else Fraction(1 if v_l >= 0 else -1)  # guard: a zero target
    result.progress_ratio = _float(ratio)
    if t_l >= t_t and _meets(v_l, target, result.direction):
        result.outlook = "achieved"
    else:
        result.outlook = outlook_for_ratio(ratio, result.thresholds)


def _outlook_level(result: Assessment, ind: IndicatorInput, start: Point, v_l: float, t_l: int,
                   target: float, t_t: int) -> None:
    v_s, t_s = start.value, start.year
    if v_s > 0 and v_l > 0 and not ind.grows_linearly:
        result.method = "cagr"
        result.growth, result.projected = _compound(v_s, t_s, v_l, t_l, t_t)
    else:
        result.method = "linear"
        slope = (_exact(v_l) - _exact(v_s)) / (t_l - t_s)
        result.projected = _float(_exact(v_l) + slope * (t_t - t_l))
    if _meets(v_s, target, result.direction):
        # The value has fallen back from a target it had already reached.
        result.outlook, result.progress_ratio = "regressing", None
    elif not math.isfinite(result.projected):  # a saturated projection has no exact value
        result.progress_ratio = (result.projected - v_s) / (target - v_s)
        result.outlook = outlook_for_ratio(result.progress_ratio, result.thresholds)
    else:
        ratio = (_exact(result.projected) - _exact(v_s)) / (_exact(target) - _exact(v_s))
        result.progress_ratio = _float(ratio)
        result.outlook = outlook_for_ratio(ratio, result.thresholds)
    if result.method == "cagr" and t_t > t_l and v_l > 0 and target > 0:
        result.required_annual_growth = _power(target / v_l, 1 / (t_t - t_l)) - 1


def _compound(v_s: float, t_s: int, v_l: float, t_l: int, t_t: int) -> tuple[float, float]:
    """``g`` and ``P`` of step 5, evaluated as the spec writes them, in that order:
    ``g = (v_L / v_S) ^ (1 / (t_L − t_S)) − 1``, ``P = v_L × (1 + g) ^ (t_T − t_L)``. Anyone who
    recomputes a verdict by the formula gets the same float to the last digit (12.4416, not the
    12.441600000000001 of a route through logarithms), and the chart's pace line, drawn as
    ``v_L × (1 + g) ^ (year − t_L)``, ends on ``P``.

    In logarithms only where that order fails: a ratio beyond any float, or so small that
    ``1 + g`` rounds to 0 (a start of 1e-300), which would project exactly 0.
    """
    try:
        growth = (v_l / v_s) ** (1 / (t_l - t_s)) - 1
        projected = v_l * (1 + growth) ** (t_t - t_l)
        if 1 + growth > 0 and math.isfinite(growth) and math.isfinite(projected) and projected > 0:
            return growth, projected
    except (OverflowError, ZeroDivisionError):
        pass
    log_rate = (math.log(v_l) - math.log(v_s)) / (t_l - t_s)
    return (_exp(log_rate) - 1 if log_rate > 1 else math.expm1(log_rate)), v_l * _exp(log_rate * (t_t - t_l))


def _exp(x: float) -> float:
    """``exp`` that saturates instead of raising for absurd inputs (a value of 1e-40 and the like)."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def _power(base: float, exponent: float) -> float:
    """``base ** exponent`` for a positive base, saturating like :func:`_exp`."""
    try:
        return base**exponent
    except OverflowError:
        return math.inf


def outlook_for_ratio(ratio: float | Fraction, thresholds: Thresholds) -> str:
    if isinstance(ratio, float) and math.isinf(ratio):
        return "on_track" if ratio > 0 else "regressing"
    r = _exact(ratio)
    if r >= _exact(thresholds.on_track):
        return "on_track"
    if r >= _exact(thresholds.acceleration):
        return "needs_acceleration"
    if r >= 0:
        return "off_track"
    return "regressing"
