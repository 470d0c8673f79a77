"""The inputs of the progress method, parsed and checked from plain JSON-like data.

A malformed input raises ``MalformedInput`` naming the field (``observations[1].year``), so that
the command line and the web can say exactly what is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ipcity.text import PERCENT, SCORE, fold_width

AVERAGE_TAG = "年均值"
# Units for which compound growth makes no sense (a share or a score grows by points).
LINEAR_UNITS = frozenset({PERCENT, SCORE})
COMPARATORS = frozenset({">=", "<=", "="})


class MalformedInput(ValueError):
    """An input that does not follow the method's contract; ``field`` names the culprit."""

    def __init__(self, field_path: str, problem: str) -> None:
        super().__init__(f"{field_path}: {problem}")
        self.field = field_path
        self.problem = problem


@dataclass(frozen=True)
class Point:
    year: int
    value: float


@dataclass(frozen=True)
class Target:
    year: int
    value: float
    comparator: str = ">="


@dataclass(frozen=True)
class IndicatorInput:
    unit: str | None = None
    baseline: Point | None = None
    targets: tuple[Target, ...] = ()
    tags: tuple[str, ...] = ()
    qualitative_target: str | None = None
    direction: str | None = None  # None: derived from the comparators
    reference: tuple[Point, ...] = field(default=())
    undated_comparators: tuple[str, ...] = ()  # of targets whose year the plan leaves null

    @property
    def resolved_direction(self) -> str:
        """``down`` when any target is an upper bound (以内, 不超过), else ``up``; or as given."""
        if self.direction in ("up", "down"):
            return self.direction
        comparators = (*(t.comparator for t in self.targets), *self.undated_comparators)
        return "down" if "<=" in comparators else "up"

    @property
    def kind(self) -> str:
        return "average" if AVERAGE_TAG in self.tags else "level"

    @property
    def grows_linearly(self) -> bool:
        # NFKC: a full-width ％ written in a Chinese document is the same unit as %.
        return fold_width(self.unit).strip() in LINEAR_UNITS

    def reference_value(self, year: int) -> float | None:
        return next((p.value for p in self.reference if p.year == year), None)


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MalformedInput(path, "not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise MalformedInput(path, "not a finite number")
    return value


def _year(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        # 2024.0 from a spreadsheet is still a year; 2024.5 is not.
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise MalformedInput(path, "not an integer year")
    return value


def _mapping(value: Any, path: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise MalformedInput(path, "not an object")
    return value


def _list(value: Any, path: str) -> Sequence:
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise MalformedInput(path, "not a list")
    return value


def parse_point(raw: Any, path: str) -> Point:
    data = _mapping(raw, path)
    for key in ("year", "value"):
        if key not in data:
            raise MalformedInput(f"{path}.{key}", "missing")
    return Point(_year(data["year"], f"{path}.year"), _number(data["value"], f"{path}.value"))


def parse_series(raw: Any, path: str) -> tuple[Point, ...]:
    """A list of ``{year, value}``, one per year, returned sorted by year."""
    points = [parse_point(item, f"{path}[{i}]") for i, item in enumerate(_list(raw, path))]
    seen: set[int] = set()
    for i, point in enumerate(points):
        if point.year in seen:
            raise MalformedInput(f"{path}[{i}].year", f"year {point.year} given twice")
        seen.add(point.year)
    return tuple(sorted(points, key=lambda p: p.year))


def observation_points(observations: Sequence[Mapping] | Sequence[Point]) -> tuple[Point, ...]:
    """An indicator's yearly values, sorted by year: parsed points pass as they are (the web apps
    give them), raw ``{year, value}`` dicts are checked (``MalformedInput`` at ``observations[i]``)."""
    if observations and all(isinstance(p, Point) for p in observations):
        return tuple(sorted((p for p in observations if isinstance(p, Point)), key=lambda p: p.year))
    return parse_series(list(observations), "observations")


def _comparator(raw: Mapping, path: str) -> str:
    comparator = raw.get("comparator") or ">="
    if comparator not in COMPARATORS:
        raise MalformedInput(f"{path}.comparator", "not one of >=, <=, =")
    return comparator


def parse_target(raw: Any, path: str) -> Target:
    point = parse_point(raw, path)
    return Target(point.year, point.value, _comparator(raw, path))


def parse_indicator(raw: Any, path: str = "indicator") -> IndicatorInput:
    data = _mapping(raw, path)
    unit = data.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise MalformedInput(f"{path}.unit", "not a string")
    baseline = data.get("baseline")
    raw_targets = _list(data.get("targets"), f"{path}.targets")
    # The plan format allows a year of null ("到期末" with no year written). Such a point cannot
    # be placed on the time line (no anchor, start or final year); its comparator still tells
    # the direction.
    undated = [t for t in raw_targets if _undated(t)]
    targets = [parse_target(t, f"{path}.targets[{i}]") for i, t in enumerate(raw_targets) if not _undated(t)]
    for i, t in enumerate(raw_targets):
        if _undated(t):
            _number(t.get("value"), f"{path}.targets[{i}].value")
    undated_comparators = tuple(_comparator(t, f"{path}.targets") for t in undated)
    if len({t.year for t in targets}) != len(targets):
        raise MalformedInput(f"{path}.targets", "two targets for the same year")
    tags = _list(data.get("tags"), f"{path}.tags")
    if not all(isinstance(tag, str) for tag in tags):
        raise MalformedInput(f"{path}.tags", "not a list of strings")
    direction = data.get("direction")
    if direction not in (None, "up", "down"):
        raise MalformedInput(f"{path}.direction", 'not "up" or "down"')
    qualitative = data.get("qualitative_target")
    if qualitative is not None and not isinstance(qualitative, str):
        raise MalformedInput(f"{path}.qualitative_target", "not a string")
    return IndicatorInput(
        unit=unit,
        baseline=parse_point(baseline, f"{path}.baseline") if baseline is not None and not _undated(baseline) else None,
        targets=tuple(sorted(targets, key=lambda t: t.year)),
        tags=tuple(tags),
        qualitative_target=qualitative,
        direction=direction,
        reference=parse_series(data.get("reference"), f"{path}.reference"),
        undated_comparators=undated_comparators,
    )


def _undated(raw: Any) -> bool:
    """A ``{year: null, value: …}`` point of the plan format (a missing key is still malformed)."""
    return isinstance(raw, Mapping) and "year" in raw and raw["year"] is None


def parse_as_of(raw: Any, path: str = "as_of") -> int | None:
    return None if raw is None else _year(raw, path)
