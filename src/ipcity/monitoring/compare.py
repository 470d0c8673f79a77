"""Cities side by side: indicators linked across programmes, and suggestions for new links.

A link is only ever *suggested* here (same unit, similar normalised name); the office confirms it
(``services.indicator_group_confirm``) before the comparison page shows it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Prefetch

from ipcity.core.access import access_programs
from ipcity.monitoring import selectors
from ipcity.monitoring.models import IndicatorGroup, IndicatorLink, ProgramThresholds
from ipcity.programs.models import Indicator
from ipcity.progress.method import Thresholds

SIMILAR = 0.75
_PARENTHESES = re.compile(r"[（(][^）)]*[）)]")
_NOISE = re.compile(r"[\s，,、。．.：:；;“”\"'—\-]+")


def normalize_indicator_name(name: str) -> str:
    """每万人口高价值发明专利拥有量（件） → 万人高价值发明专利拥有量: the words that carry the meaning."""
    text = unicodedata.normalize("NFKC", name)
    text = _PARENTHESES.sub("", text)
    text = _NOISE.sub("", text)
    return text.replace("每", "").replace("人口", "人")


def name_similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalize_indicator_name(a), normalize_indicator_name(b)).ratio()


@dataclass
class GroupComparison:
    group: IndicatorGroup
    rows: list[dict]

    @property
    def chart(self) -> dict:
        return {"programs": [r["program"].region_name or r["program"].title for r in self.rows],
                "ratio": [None if r["ratio"] is None else round(r["ratio"], 4) for r in self.rows],
                "latest": [r["latest"].value if r["latest"] else None for r in self.rows],
                "target": [r["verdict"].assessment.final_target for r in self.rows]}


def comparison(user, group_id: int | None = None) -> list[GroupComparison]:
    """Every confirmed group with at least one indicator the user may see, ranked by progress."""
    programs = access_programs(user).values("pk")
    indicators = selectors.indicators_for_judging(programs).filter(monitoring_link__isnull=False)
    if group_id is not None:
        indicators = indicators.filter(monitoring_link__group_id=group_id)
    indicators = list(indicators.select_related("monitoring_link__group"))
    thresholds = {t.program_id: Thresholds(near=t.near, on_track=t.on_track, acceleration=t.acceleration)
                  for t in ProgramThresholds.objects.filter(program_id__in={i.program_id for i in indicators})}
    by_group: dict[int, GroupComparison] = {}
    for indicator in indicators:
        group = indicator.monitoring_link.group
        verdict = selectors.judge(indicator, thresholds.get(indicator.program_id, Thresholds()))
        entry = by_group.setdefault(group.pk, GroupComparison(group=group, rows=[]))
        entry.rows.append({"program": indicator.program, "indicator": indicator, "verdict": verdict,
                           "latest": verdict.latest, "ratio": verdict.assessment.progress_ratio})
    for entry in by_group.values():
        _rank(entry.rows)
    return sorted(by_group.values(), key=lambda g: g.group.name)


def _rank(rows: list[dict]) -> None:
    """Achieved first, then by progress ratio (comparable across different targets); no ratio: last, unranked."""
    rows.sort(key=lambda r: (r["ratio"] is None, r["verdict"].assessment.outlook != "achieved", -(r["ratio"] or 0),
                             -(r["latest"].value if r["latest"] else 0)))
    for position, row in enumerate(rows, start=1):
        row["rank"] = position if row["ratio"] is not None else None


def link_suggestions(user) -> list[list[Indicator]]:
    """Clusters of unlinked indicators of different programmes with the same unit and similar names."""
    indicators = list(Indicator.objects.filter(program__in=access_programs(user).values("pk"), monitoring_link__isnull=True)
                      .select_related("program").order_by("program__title", "order"))
    clusters: list[list[Indicator]] = []
    for indicator in indicators:
        best, best_score = None, SIMILAR
        for cluster in clusters:
            head = cluster[0]
            if (head.unit or "") != (indicator.unit or "") or any(i.program_id == indicator.program_id for i in cluster):
                continue
            score = name_similarity(head.name, indicator.name)
            if score >= best_score:
                best, best_score = cluster, score
        if best is None:
            clusters.append([indicator])
        else:
            best.append(indicator)
    return [c for c in clusters if len(c) > 1]


def groups_with_links(user) -> list[IndicatorGroup]:
    programs = access_programs(user).values("pk")
    links = IndicatorLink.objects.filter(indicator__program__in=programs).select_related("indicator__program")
    return list(IndicatorGroup.objects.filter(links__indicator__program__in=programs).distinct()
                .prefetch_related(Prefetch("links", queryset=links)))
