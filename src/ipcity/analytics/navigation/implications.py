"""What the position means for the city: four tables, each with the sentence it supports.

Thresholds (docs/navigation.md; module constants so a page and the report print the same):

- **strengths**: nodes where the city's RTA > 1 (:data:`STRENGTH_RTA`) with at least
  :data:`MIN_PATENTS` city patents (a share of two patents says little);
- **gaps**: nodes growing fast nationally, the country's CAGR over the last five complete years
  ≥ :data:`GAP_GROWTH` (10 % a year), where the city holds little, its RTA < :data:`GAP_RTA`
  (0.5, no patent counts as 0);
- **local players**: in the strength and gap nodes, applicants whose home (network.home_regions)
  is within the city, by patents in the node, :data:`TOP` per node;
- **candidate partners**: in the gap nodes, applicants whose home is outside the city (or
  unknown), by patents in the node, :data:`TOP` per node.

The root (the industry as a whole) is judged only when the tree has no other node.
An applicant is counted once per patent whatever its position among the applicants.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics.engine import Engine
from ipcity.analytics.indicators import patent_key
from ipcity.analytics.navigation.definition import Definition, Node
from ipcity.analytics.navigation.network import _rules, home_regions
from ipcity.analytics.navigation.position import Position, node_membership, tree_nodes
from ipcity.analytics.sei import SeiTable
from ipcity.divisions import region_prefix

STRENGTH_RTA = 1.0
GAP_GROWTH = 0.10
GAP_RTA = 0.5
MIN_PATENTS = 5
TOP = 10

# Each finding's columns, in the order its table shows them. A stored analysis keeps a finding's
# rows as JSON objects, whose key order PostgreSQL's jsonb does not keep (shortest key first): a
# reader takes the columns' order from here (``FINDING_COLUMNS``), not from a row's keys.
STRENGTH_COLUMNS = ("key", "name", "city_patents", "city_share", "city_rta", "country_share", "city_cagr")
GAP_COLUMNS = ("key", "name", "country_patents", "country_cagr", "city_patents", "city_rta")
APPLICANT_COLUMNS = ("node", "node_name", "name", "type", "home", "patents")
FINDING_COLUMNS: dict[str, tuple[str, ...]] = {"strengths": STRENGTH_COLUMNS, "gaps": GAP_COLUMNS,
                                               "local_players": APPLICANT_COLUMNS, "partners": APPLICANT_COLUMNS}


@dataclass
class Finding:
    title: str
    table: pd.DataFrame
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        rows = self.table.astype(object).where(self.table.notna(), None).to_dict(orient="records")
        return {"title": self.title, "sentence": self.sentence, "rows": rows}


@dataclass
class Implications:
    strengths: Finding
    gaps: Finding
    local_players: Finding
    partners: Finding

    def findings(self) -> list[Finding]:
        return [self.strengths, self.gaps, self.local_players, self.partners]

    def to_dict(self) -> dict[str, Any]:
        return {
            "thresholds": {"strength_rta": STRENGTH_RTA, "gap_growth": GAP_GROWTH, "gap_rta": GAP_RTA,
                           "min_patents": MIN_PATENTS, "top": TOP},
            "strengths": self.strengths.to_dict(), "gaps": self.gaps.to_dict(),
            "local_players": self.local_players.to_dict(), "partners": self.partners.to_dict(),
        }


def _judged(nodes: pd.DataFrame) -> pd.DataFrame:
    return nodes[nodes["level"] > 1] if (nodes["level"] > 1).any() else nodes


def strengths(position: Position, min_patents: int = MIN_PATENTS) -> pd.DataFrame:
    n = _judged(position.nodes)
    rta = n["city_rta"].astype(float)
    out = n[(rta > STRENGTH_RTA) & (n["city_patents"] >= min_patents)]
    out = out.sort_values(["city_rta", "key"], ascending=[False, True])
    return out[list(STRENGTH_COLUMNS)].reset_index(drop=True)


def gaps(position: Position) -> pd.DataFrame:
    n = _judged(position.nodes)
    growth = n["country_cagr"].astype(float)
    rta = n["city_rta"].astype(float).fillna(0.0)
    out = n[(growth >= GAP_GROWTH) & (rta < GAP_RTA)]
    out = out.sort_values(["country_cagr", "key"], ascending=[False, True])
    return out[list(GAP_COLUMNS)].reset_index(drop=True)


def applicants_by_node(engine: Engine, records: ir.Table, root: Node, keys: list[str], sei: SeiTable | None,
                       normalise: Callable[[str], str]) -> pd.DataFrame:
    """(node, name, patents) for the nodes ``keys``: distinct patents per normalised applicant."""
    if not keys:
        return pd.DataFrame(columns=["node", "name", "patents", "raw"])
    # The patents the position counts: CN office, domestic first applicant.
    rows = records.filter(records.office == "CN", records.first_applicant_country == "CN")
    member = node_membership(rows, root, sei)
    member = member.filter(member.node.isin(keys))
    names = rows.select(patent=patent_key(rows), raw=rows.applicants.re_split(r"\|").unnest())
    joined = member.join(names, "patent").select("node", "patent", "raw").distinct()
    frame = engine.execute(joined)
    frame["name"] = [normalise(str(r).strip()) for r in frame["raw"]]
    frame = frame[frame["name"] != ""].drop_duplicates(["node", "patent", "name"])
    out = frame.groupby(["node", "name"], as_index=False).agg(patents=("patent", "nunique"), raw=("raw", "first"))
    out = out.sort_values(["node", "patents", "name"], ascending=[True, False, True], ignore_index=True)
    out.attrs["spellings"] = {str(r).strip() for r in frame["raw"]}  # for home_regions
    return out


def implications(engine: Engine, records: ir.Table, definition: Definition | Node, position: Position, *,
                 sei: SeiTable | None = None, normalise: Callable[[str], str] | None = None,
                 classify: Callable[[str], str] | None = None, min_patents: int = MIN_PATENTS) -> Implications:
    normalise, classify = _rules(normalise, classify)
    strong, weak = strengths(position, min_patents), gaps(position)
    root, _, _ = tree_nodes(definition)
    keys = list(dict.fromkeys([*strong["key"], *weak["key"]]))
    per_node = applicants_by_node(engine, records, root, keys, sei, normalise)
    home = home_regions(engine, records, set(per_node.attrs.get("spellings", ())), normalise=normalise)
    prefix = region_prefix(position.city)
    per_node["home"] = [home.get(n) for n in per_node["name"]]
    per_node["local"] = pd.Series([isinstance(h, str) and h.startswith(prefix) for h in per_node["home"]],
                                  index=per_node.index, dtype=bool)
    per_node["type"] = [classify(str(r).strip()) for r in per_node["raw"]]
    names = dict(zip(position.nodes["key"], position.nodes["name"], strict=True))
    per_node["node_name"] = [names[k] for k in per_node["node"]]
    columns = list(APPLICANT_COLUMNS)
    players = per_node[per_node["local"]].groupby("node", sort=False).head(TOP)[columns].reset_index(drop=True)
    outside = per_node[~per_node["local"] & per_node["node"].isin(list(weak["key"]))]
    partners = outside.groupby("node", sort=False).head(TOP)[columns].reset_index(drop=True)
    return Implications(
        Finding("优势领域", strong, strength_sentence(strong)),
        Finding("短板领域", weak, gap_sentence(weak)),
        Finding("本地重点创新主体", players, players_sentence(players)),
        Finding("外地合作对象", partners, partners_sentence(partners)),
    )


def _list(values: list[str], limit: int = 3) -> str:
    values = list(dict.fromkeys(values))
    text = "、".join(values[:limit])
    return text + ("等" if len(values) > limit else "")


def strength_sentence(table: pd.DataFrame) -> str:
    if table.empty:
        return f"本市暂无显示性技术优势（RTA>{STRENGTH_RTA:g}）的技术分支。"
    parts = [f"{r.name}（RTA {r.city_rta:.2f}）" for r in table.head(3).itertuples()]
    more = "等" if len(table) > 3 else ""
    return f"本市在{'、'.join(parts)}{more}{len(table)}个技术分支具有显示性技术优势（RTA>{STRENGTH_RTA:g}）。"


def gap_sentence(table: pd.DataFrame) -> str:
    if table.empty:
        return (f"没有全国近五年年均增长不低于{GAP_GROWTH:.0%}而本市 RTA 低于{GAP_RTA:g}的技术分支。")
    parts = [f"{r.name}（全国年均增长{r.country_cagr:.1%}，本市 RTA {0 if pd.isna(r.city_rta) else r.city_rta:.2f}）"
             for r in table.head(3).itertuples()]
    more = "等" if len(table) > 3 else ""
    return f"{'、'.join(parts)}{more}{len(table)}个技术分支全国增长快而本市布局薄弱，是需要补齐的短板。"


def players_sentence(table: pd.DataFrame) -> str:
    if table.empty:
        return "优势与短板分支中没有本地申请人。"
    return f"优势与短板分支的本地主要创新主体有{_list(list(table['name']))}，可作为重点培育和支持对象。"


def partners_sentence(table: pd.DataFrame) -> str:
    if table.empty:
        return "短板分支中没有可作为合作对象的外地申请人。"
    return f"短板分支中专利较多的外地申请人有{_list(list(table['name']))}，可作为技术合作或招商引才对象。"
