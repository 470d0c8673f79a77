"""A second, independent reading of progress-method.md, written from the spec's text alone (no
import from ``ipcity.progress``), to run against ``ipcity indicators assess`` on random cases.

Straight from the steps, in exact fractions for every rational step (reading 1 of NOTES.md), the
compound projection in the spec's own order in floats. Where the spec is silent it follows the
readings of NOTES.md, each marked with its number.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any


def _d(x: float) -> Fraction:
    """A number as written (the shortest decimal of a float)."""
    return Fraction(repr(float(x))) if isinstance(x, float) else Fraction(x)


def _status(r: Fraction) -> str:
    if r >= Fraction(95, 100):
        return "on_track"
    if r >= Fraction(60, 100):
        return "needs_acceleration"
    return "off_track" if r >= 0 else "regressing"


def verdict(ind: dict[str, Any], observations: list[dict[str, Any]], as_of: int | None) -> dict[str, Any]:
    targets = sorted(ind["targets"], key=lambda t: t["year"])
    direction = ind.get("direction") or ("down" if any(t["comparator"] == "<=" for t in targets) else "up")
    kind = "average" if "年均值" in ind["tags"] else "level"
    obs = sorted(observations, key=lambda o: o["year"])
    if as_of is None and obs:
        as_of = obs[-1]["year"]
    out: dict[str, Any] = dict(as_of=as_of, value=None, expected=None, year_status="no_data", final_year=None,
                               final_target=None, start=None, method=None, projected=None, progress_ratio=None,
                               outlook=None, required_annual_growth=None)
    meets = (lambda a, b: a >= b) if direction == "up" else (lambda a, b: a <= b)
    # Lens 1, step 1
    value: Fraction | None = None
    if as_of is not None:
        if kind == "level":
            value = next((_d(o["value"]) for o in obs if o["year"] == as_of), None)
        else:
            upto = [_d(o["value"]) for o in obs if o["year"] <= as_of]
            value = sum(upto, Fraction(0)) / len(upto) if upto else None
    if value is not None:
        out["value"] = float(value)
        expected = _expected(ind, targets, obs, kind, as_of)
        if expected is None:
            out["year_status"] = "no_target"
        else:
            out["expected"] = float(expected)
            line = Fraction(9, 10) if direction == "up" else Fraction(11, 10)
            out["year_status"] = ("met" if meets(value, expected) else
                                  "near" if meets(value, line * expected) else "behind")
    # Lens 2
    if not targets:
        out["outlook"] = "no_target"
        return out
    final = targets[-1]
    out["final_year"], out["final_target"] = final["year"], final["value"]
    if value is None:
        out["outlook"] = "insufficient_data"
        return out
    v_l, t_l, goal, t_t = value, as_of, _d(final["value"]), final["year"]
    assert t_l is not None
    if kind == "level" and meets(v_l, goal):
        out["outlook"], out["progress_ratio"] = "achieved", 1
        return out
    baseline = ind.get("baseline")
    if baseline and baseline["year"] < t_l:
        start = (baseline["year"], baseline["value"])
    else:
        before = [o for o in obs if o["year"] < t_l]
        start = (before[0]["year"], before[0]["value"]) if before else None
    if start:
        out["start"] = {"year": start[0], "value": start[1]}
    if kind == "average":
        out["method"], out["projected"] = "mean", float(v_l)
        if direction == "down":
            ratio = Fraction(0) if v_l == 0 else goal / v_l
        else:
            ratio = v_l / goal if goal != 0 else Fraction(1 if v_l >= 0 else -1)  # reading 24
        out["progress_ratio"] = float(ratio)
        out["outlook"] = "achieved" if t_l >= t_t and meets(v_l, goal) else _status(ratio)
        return out
    if start is None:
        out["outlook"] = "insufficient_data"
        return out
    t_s, v_s = start[0], _d(start[1])
    if v_s > 0 and v_l > 0 and (ind.get("unit") or "").strip() not in ("%", "％", "分"):
        growth = (float(v_l) / float(v_s)) ** (1 / (t_l - t_s)) - 1
        projected = _d(float(v_l) * (1 + growth) ** (t_t - t_l))
        out["method"] = "cagr"
    else:
        projected = v_l + (v_l - v_s) / (t_l - t_s) * (t_t - t_l)
        out["method"] = "linear"
    out["projected"] = float(projected)
    if meets(v_s, goal):
        out["outlook"] = "regressing"
    else:
        ratio = (projected - v_s) / (goal - v_s)
        out["progress_ratio"], out["outlook"] = float(ratio), _status(ratio)
    if out["method"] == "cagr" and t_t > t_l and v_l > 0 and goal > 0:
        out["required_annual_growth"] = (float(goal) / float(v_l)) ** (1 / (t_t - t_l)) - 1
    return out


def _expected(ind, targets, obs, kind, as_of) -> Fraction | None:
    for target in targets:
        if target["year"] == as_of:
            return _d(target["value"])
    if targets:
        if kind == "average":
            return _d(targets[-1]["value"])
        baseline = ind.get("baseline")
        start = (baseline["year"], baseline["value"]) if baseline else (
            (obs[0]["year"], obs[0]["value"]) if obs else None)
        anchors = {start[0]: _d(start[1])} if start else {}
        anchors.update({t["year"]: _d(t["value"]) for t in targets})  # reading 14: every anchor by year
        years = sorted(anchors)
        if as_of <= years[0]:
            return None
        if as_of > years[-1]:
            return _d(targets[-1]["value"])
        for a, b in zip(years, years[1:], strict=False):
            if a < as_of <= b:
                return anchors[a] + (anchors[b] - anchors[a]) * Fraction(as_of - a, b - a)
    reference = next((r["value"] for r in ind.get("reference") or [] if r["year"] == as_of), None)
    return None if reference is None else _d(reference)  # reading 2: only without a numeric target


def random_case(rng: random.Random) -> dict[str, Any]:
    def number():
        return rng.choice([rng.randint(0, 30), round(rng.uniform(-2, 30), rng.choice([0, 1, 2])), 0, 1, 10])

    years = sorted(rng.sample(range(2018, 2028), rng.randint(0, 5)))
    comparator = rng.choice([">=", ">=", "<=", "="])
    indicator: dict[str, Any] = {
        "name": "随机指标", "unit": rng.choice(["件", "%", "分", "亿元", None, "‰"]),
        "baseline": rng.choice([None, {"year": rng.randint(2017, 2024), "value": number()}]),
        "targets": [{"year": y, "value": number(), "comparator": comparator}
                    for y in sorted(rng.sample(range(2019, 2030), rng.randint(0, 3)))],
        "qualitative_target": None, "tags": rng.choice([[], ["年均值"], ["累计值"]])}
    if rng.random() < 0.2:
        indicator["reference"] = [{"year": y, "value": number()} for y in range(2018, 2028)]
    if rng.random() < 0.1:
        indicator["direction"] = rng.choice(["up", "down"])
    case: dict[str, Any] = {"indicator": indicator, "observations": [{"year": y, "value": number()} for y in years]}
    if rng.random() < 0.3:
        case["as_of"] = rng.randint(2017, 2029)
    return case
