"""Cities side by side: indicators linked by identity to the catalogue of standard indicators.

Two indicators are compared only when the office has linked both to the same catalogue entry
(``services.indicator_link_confirm``). The system *suggests* an entry when an indicator's name,
normalised, is exactly the entry's name or one of its aliases; it never links by resemblance
(万人发明专利拥有量 and 每万人口高价值发明专利拥有量 differ by two characters and are not the same
measure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ipcity.monitoring import selectors
from ipcity.monitoring.models import IndicatorLink, ProgramThresholds, StandardIndicator
from ipcity.programs.access import access_indicators, access_programs
from ipcity.programs.lifecycle import is_archived
from ipcity.programs.models import Indicator
from ipcity.progress.method import Thresholds
from ipcity.text import fold_width

_PARENTHESES = re.compile(r"[（(][^）)]*[）)]")
_NOISE = re.compile(r"[\s，,、。．.：:；;“”\"'—\-]+")


def normalise_indicator_name(name: str) -> str:
    """每万人口高价值发明专利拥有量（件） → 每万人口高价值发明专利拥有量: only form is dropped, never words."""
    text = fold_width(name)
    text = _PARENTHESES.sub("", text)
    return _NOISE.sub("", text).upper()


def catalogue_index(standards: list[StandardIndicator] | None = None) -> dict[str, StandardIndicator]:
    """Normalised name or alias → its catalogue entry."""
    index: dict[str, StandardIndicator] = {}
    for standard in standards if standards is not None else StandardIndicator.objects.all():
        for name in (standard.name, *(standard.aliases or [])):
            index.setdefault(normalise_indicator_name(name), standard)
    return index


def catalogue_match(name: str, index: dict[str, StandardIndicator] | None = None) -> StandardIndicator | None:
    """The entry whose name or alias is exactly this name (after normalising), or None."""
    return (index if index is not None else catalogue_index()).get(normalise_indicator_name(name))


@dataclass
class GroupComparison:
    group: StandardIndicator
    rows: list[dict]

    @property
    def same_unit(self) -> bool:
        return len({r["indicator"].unit or "" for r in self.rows}) <= 1

    @property
    def chart(self) -> dict:
        # Values in different units (万元 and 亿元) are not drawn as bars on one axis: only the
        # progress ratio, which is unit-free, is.
        values = self.same_unit
        return {"programs": [_chart_name(r) for r in self.rows],
                "ratio": [None if r["ratio"] is None else round(r["ratio"], 4) for r in self.rows],
                "latest": [r["latest"].value if r["latest"] else None for r in self.rows] if values else [],
                "target": [r["verdict"].assessment.final_target for r in self.rows] if values else []}


def comparison(user, standard_id: int | None = None) -> list[GroupComparison]:
    """Every catalogue entry with at least one linked indicator the user may see, ranked by progress."""
    programs = access_programs(user).values("pk")
    visible = (selectors.indicators_for_judging(programs).filter(monitoring_link__isnull=False)
               .filter(pk__in=access_indicators(user).values("pk")))  # a reporter: its own only
    if standard_id is not None:
        visible = visible.filter(monitoring_link__standard_id=standard_id)
    indicators = list(visible.select_related("monitoring_link__standard"))
    thresholds = {t.program_id: Thresholds(near=t.near, on_track=t.on_track, acceleration=t.acceleration)
                  for t in ProgramThresholds.objects.filter(program_id__in={i.program_id for i in indicators})}
    by_standard: dict[int, GroupComparison] = {}
    for indicator in indicators:
        standard = indicator.monitoring_link.standard
        verdict = selectors.judge(indicator, thresholds.get(indicator.program_id, Thresholds()))
        entry = by_standard.setdefault(standard.pk, GroupComparison(group=standard, rows=[]))
        entry.rows.append({"program": indicator.program, "indicator": indicator, "verdict": verdict,
                           "latest": verdict.latest, "ratio": verdict.assessment.progress_ratio,
                           "archived": is_archived(indicator.program)})
    for entry in by_standard.values():
        entry.rows = ranked_running_first(entry.rows)
    return sorted(by_standard.values(), key=lambda g: g.group.code)


def ranked_running_first(rows: list[dict]) -> list[dict]:
    """The running programmes ranked (``rank_rows``), then the archived ones (已归档: their plan is
    closed, kept as history), in the same order but without a rank: a closed plan's last figures
    do not compete with the plans still under way."""
    running = [r for r in rows if not r["archived"]]
    closed = [r for r in rows if r["archived"]]
    rank_rows(running)
    rank_rows(closed)
    for row in closed:
        row["rank"] = None
    return running + closed


def _chart_name(row: dict) -> str:
    name = row["program"].region_name or row["program"].title
    return f"{name} · {_('已归档')}" if row["archived"] else name


def rank_rows(rows: list[dict]) -> None:
    """Rank by the progress ratio shown, as a number: 132 % is above 100 %.

    The ratio is the one comparable figure across cities (each against its own target). An
    achieved indicator carries the method's ratio of 1 (100 %); it used to be put first whatever
    the others' ratios, so a city projected at 132 % ranked below one at 100 %. Being achieved now
    only breaks a tie. Equal ratios share a rank; rows with no ratio come last, unranked.
    """
    rows.sort(key=lambda r: (r["ratio"] is None, -(r["ratio"] or 0.0), r["verdict"].assessment.outlook != "achieved",
                             -(r["latest"].value if r["latest"] else 0.0)))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row["ratio"] is None:
            row["rank"] = None
            continue
        if row["ratio"] != previous:
            rank, previous = position, row["ratio"]
        row["rank"] = rank


@dataclass
class LinkRow:
    """An unlinked indicator, with the catalogue entry its name suggests (None: the office chooses)."""

    indicator: Indicator
    suggested: StandardIndicator | None


def unlinked_indicators(user) -> list[LinkRow]:
    """Indicators of the user's programmes not yet linked, suggestions first."""
    index = catalogue_index()
    indicators = (Indicator.objects.filter(program__in=access_programs(user).values("pk"), monitoring_link__isnull=True)
                  .select_related("program").order_by("program__title", "program_id", "order"))
    rows = [LinkRow(indicator=i, suggested=catalogue_match(i.name, index)) for i in indicators]
    return sorted(rows, key=lambda r: r.suggested is None)


def standards_with_links(user) -> list[StandardIndicator]:
    """The catalogue, each entry with the links of the user's programmes (``visible_links``)."""
    programs = access_programs(user).values("pk")
    links = IndicatorLink.objects.filter(indicator__program__in=programs).select_related("indicator__program", "confirmed_by")
    return list(StandardIndicator.objects.prefetch_related(Prefetch("links", queryset=links, to_attr="visible_links")))
