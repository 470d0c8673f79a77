"""Sample actual values for the demo programmes, so a newcomer sees every status.

Every value is marked as sample data (source ``示例数据``, channel ``demo``); a programme that
already has any actual value is left alone, so running the demo twice changes nothing.
Trajectories are chosen per indicator from five profiles (ahead, close, behind, stalled,
falling back) and are deterministic (no randomness: the same demo every time).
"""

from __future__ import annotations

import zlib
from typing import TextIO

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from ipcity.core.models import Department
from ipcity.monitoring import services
from ipcity.monitoring.compare import catalogue_index, catalogue_match
from ipcity.monitoring.models import IndicatorActual
from ipcity.programs.models import Indicator, Program
from ipcity.text import WHOLE_THING_UNITS

SAMPLE_SOURCE = "示例数据"
SAMPLE_NOTE = "示例数据，仅供演示，不是真实统计"
# Share of the planned progress reached by each year, per profile.
PROFILES = (1.15, 0.95, 0.75, 0.35, -0.25)
REFERENCE_LABEL = "全省平均水平"
NOT_YET_REPORTED = 5  # the index of the indicator left without values in each programme


def load_demo(*, stdout: TextIO) -> None:
    # An archived programme takes no value (programs.lifecycle): the demo leaves it alone.
    programs = list(Program.objects.exclude(status=Program.Status.ARCHIVED)
                    .exclude(indicators__actuals__isnull=False).distinct().order_by("pk"))
    written = 0
    for program in programs:
        written += _program_values(program)
    groups = _link_demo_indicators()
    stdout.write(f"监测示例数据：{len(programs)} 个项目，{written} 个实际值，{groups} 组跨项目指标关联（均标注为示例数据）。\n")


@transaction.atomic
def _program_values(program: Program) -> int:
    last_year = min(program.end_year, timezone.localdate().year - 1)
    owner = _busiest_department(program)
    written = 0
    for index, indicator in enumerate(program.indicators.prefetch_related("targets").order_by("order", "pk")):
        if indicator.owner_department_id is None and owner is not None:
            services.indicator_owner_set(indicator=indicator, department=owner, user=None)
        if index == NOT_YET_REPORTED:
            continue  # one indicator per programme still waits for its department: "no data"
        for year, value in _trajectory(indicator, program, last_year, PROFILES[index % len(PROFILES)]):
            services.actual_value_record(indicator=indicator, year=year, value=value, user=None, source=SAMPLE_SOURCE,
                                         note=SAMPLE_NOTE, channel=IndicatorActual.Channel.DEMO)
            written += 1
    return written


def sample_value(indicator: Indicator, year: int) -> float | None:
    """The sample trajectory's value of ``indicator`` for ``year``, or None where the trajectories
    give it none (the indicator left waiting for its department, one without baseline or target,
    a qualitative one whose values follow a reference series only ``load_demo`` writes).

    The supervision demo's departments report this, so that an accepted demo report continues the
    sample series instead of contradicting it (and the annual verdicts stay the profiles' mix).
    """
    program = indicator.program
    order = list(program.indicators.order_by("order", "pk").values_list("pk", flat=True))
    index = order.index(indicator.pk)
    if index == NOT_YET_REPORTED or (indicator.qualitative_target and not indicator.targets.exists()):
        return None
    values = dict(_trajectory(indicator, program, year, PROFILES[index % len(PROFILES)]))
    return values.get(year)


def _busiest_department(program: Program) -> Department | None:
    return (Department.objects.filter(assignments__task__program=program)
            .annotate(leads=Count("assignments", filter=Q(assignments__is_lead=True, assignments__task__program=program)))
            .order_by("-leads", "name").first())


def _wobble(indicator: Indicator, year: int) -> float:
    """A small deterministic departure from the straight path (±3 %)."""
    return ((zlib.crc32(f"{indicator.name}{year}".encode()) % 61) - 30) / 1000


def _trajectory(indicator: Indicator, program: Program, last_year: int, share: float) -> list[tuple[int, float]]:
    targets = sorted(indicator.targets.all(), key=lambda t: t.year)
    first_year = max(program.start_year, (indicator.baseline_year or program.start_year - 1) + 1)
    years = range(first_year, last_year + 1)
    if not targets:
        if indicator.qualitative_target:
            return _qualitative_values(indicator, years)
        if indicator.baseline_value is not None:  # tracked without a target: "no target" that year
            return [(y, _clean(indicator, indicator.baseline_value * (1 + 0.05 * (y - first_year + 1))))
                    for y in years]
        return []
    final = targets[-1]
    if "年均值" in (indicator.tags or []):
        return [(y, _clean(indicator, final.value * (0.6 + share * 0.4) * (1 + _wobble(indicator, y)))) for y in years]
    start_value = indicator.baseline_value if indicator.baseline_value is not None else final.value * 0.7
    start_year = indicator.baseline_year or program.start_year - 1
    span = max(final.year - start_year, 1)
    values = []
    for year in years:
        planned = (final.value - start_value) * (year - start_year) / span
        values.append((year, _clean(indicator, (start_value + planned * share) * (1 + _wobble(indicator, year)))))
    return values


def _qualitative_values(indicator: Indicator, years: range) -> list[tuple[int, float]]:
    """A reference series (the province average) and values around it."""
    base = 40.0 if indicator.unit == "%" else 10.0
    # Every other such indicator lacks the latest province figure (published late): "no target" that year.
    published = years if indicator.pk % 2 else years[:-1]
    values = []
    for step, year in enumerate(years):
        reference = round(base * (1 + 0.04 * step), 2)
        values.append((year, _clean(indicator, reference * (0.97 + _wobble(indicator, year)))))
        if year not in published:
            continue
        services.reference_value_record(indicator=indicator, year=year, value=reference, user=None,
                                        label=REFERENCE_LABEL, source=SAMPLE_SOURCE)
    return values


# Values in units that count whole things are rounded: 9.52 家 enterprises would look absurd even
# in sample data (but not a ratio counted in them: 每万人口…拥有量 12.2 件 is right).
COUNT_UNITS = WHOLE_THING_UNITS
RATIO_WORDS = ("每", "万人", "人均", "率", "比", "密度")


def _clean(indicator: Indicator, value: float) -> float:
    value = max(value, 0.0)
    if indicator.unit == "%":
        value = min(value, 100.0)
    if ((indicator.unit or "") in COUNT_UNITS and value >= 1
            and not any(word in indicator.name for word in RATIO_WORDS)):
        return float(round(value))
    return round(value, 2)


def _link_demo_indicators() -> int:
    """Link the demo's indicators whose names the catalogue knows exactly (what the office would confirm).

    Returns the number of catalogue entries that now have indicators of two programmes or more.
    """
    index = catalogue_index()
    candidates = (Indicator.objects.filter(monitoring_link__isnull=True, actuals__isnull=False)
                  .exclude(program__status=Program.Status.ARCHIVED).distinct()
                  .select_related("program").order_by("program_id", "order"))
    linked: dict[int, set[int]] = {}
    for indicator in candidates:
        standard = catalogue_match(indicator.name, index)
        if standard is None or indicator.program_id in linked.get(standard.pk, set()):
            continue
        services.indicator_link_confirm(indicator=indicator, standard=standard, user=None)
        linked.setdefault(standard.pk, set()).add(indicator.program_id)
    return sum(len(programs) > 1 for programs in linked.values())
