"""The co-applicant network of an industry (or one node of it) around a city.

Rules (docs/navigation.md):

- a *co-application* is a CN patent (one per application number, else per publication) with two
  or more applicants after name normalisation; the engine selects them (filter, the node's
  match, the ``|`` test) and only those rows reach pandas, where the pairs are built;
- an applicant's *home* is the region of most of the patents it files as first applicant with a
  domestic address in the whole dataset, under any of its spellings met among the analysed
  patents (ties: the smallest code); one that never does has no known home (foreign applicants
  among them) and is never local;
- an applicant is *local* when its home is within the city; the network is the co-applications
  with at least one local applicant: every applicant of those patents is a node, every pair an
  edge weighted by the number of patents the two share;
- an edge is a *产学研* tie when one side is an enterprise and the other a university or a
  research institute (the applicant types of the landscape);
- an *outside partner* is a non-local applicant on an edge with a local one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics.attribution import attributed_records
from ipcity.analytics.engine import Engine
from ipcity.analytics.indicators import patent_key
from ipcity.analytics.navigation.definition import Definition, Node, node_matches
from ipcity.analytics.sei import SeiTable
from ipcity.divisions import check_code, region_prefix

ACADEMIC = ("university", "institute")


@dataclass
class Network:
    city: str
    nodes: pd.DataFrame  # name, type, home, local, patents, degree
    edges: pd.DataFrame  # source, target, weight, iur, kind ("local-local" | "local-outside" | "outside-outside")
    partners: pd.DataFrame  # local, partner, partner_type, partner_home, weight
    summary: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        def rows(frame: pd.DataFrame) -> list[dict]:
            return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")

        return {"city": self.city, "summary": self.summary, "nodes": rows(self.nodes),
                "edges": rows(self.edges), "partners": rows(self.partners)}


def _selected(records: ir.Table, scope: Definition | Node | None, sei: SeiTable | None) -> ir.Table:
    rows = records.filter(records.office == "CN")
    if scope is None:
        return rows
    node = scope.root if isinstance(scope, Definition) else scope
    matched = node_matches(rows, [node], sei).filter(ibis._.node_key == node.key)
    return rows.filter(rows.pub_number.isin(matched.pub_number))


def _split(applicants: str, normalise: Callable[[str], str], raw_of: dict[str, str],
           spellings: set[str] | None = None) -> list[str]:
    """The distinct keys of one row's applicants; ``raw_of`` keeps a written form of each key
    (the type is read from the written name, before company suffixes are removed)."""
    keys = []
    for part in str(applicants).split("|"):
        part = part.strip()
        key = normalise(part) if part else ""
        if key:
            raw_of.setdefault(key, part)
            keys.append(key)
            if spellings is not None:
                spellings.add(part)
    return list(dict.fromkeys(keys))


def co_applications(engine: Engine, records: ir.Table, scope: Definition | Node | None = None, *,
                    sei: SeiTable | None = None, normalise: Callable[[str], str],
                    raw_of: dict[str, str] | None = None, spellings: set[str] | None = None) -> pd.DataFrame:
    """(patent, names): the CN patents in ``scope`` with two or more distinct applicants."""
    rows = _selected(records, scope, sei)
    rows = rows.filter(rows.applicants.contains("|"))
    raw = engine.execute(rows.select(patent=patent_key(rows), applicants=rows.applicants).distinct())
    raw_of = {} if raw_of is None else raw_of
    raw["names"] = [_split(a, normalise, raw_of, spellings) for a in raw["applicants"]]
    raw = raw[raw["names"].map(len) >= 2]
    if raw.empty:
        return pd.DataFrame({"patent": pd.Series(dtype=str), "names": pd.Series(dtype=object)})
    # A patent's A and B publications may list the same applicants: one set of names per patent.
    merged = raw.groupby("patent")["names"].agg(lambda lists: list(dict.fromkeys(n for names in lists for n in names)))
    return merged.reset_index()


def home_regions(engine: Engine, records: ir.Table, spellings: set[str], *,
                 normalise: Callable[[str], str]) -> dict[str, str]:
    """Each name's home: the region of most of the patents it files as first applicant (ties:
    the smallest code). Raw names are grouped in the engine and folded to keys here."""
    if not spellings:
        return {}
    # Domestic first applicants only: a foreign applicant has no home here, so it is never local.
    attributed = attributed_records(engine, records.filter(records.office == "CN",
                                                           records.first_applicant_country == "CN"))
    firsts = attributed.select(first=attributed.applicants.re_split(r"\|")[0], region=attributed.region,
                               patent=patent_key(attributed))
    # Only the spellings met among the analysed applicants reach pandas (a join in the engine):
    # grouping every first applicant of a national dataset would hold millions of names.
    wanted = engine.frame(pd.DataFrame({"spelling": sorted(spellings)}))
    firsts = firsts.mutate(first=firsts.first.strip())
    firsts = firsts.join(wanted, firsts.first == wanted.spelling).select(firsts.first, firsts.region, firsts.patent)
    counts = engine.execute(firsts.group_by(["first", "region"]).aggregate(n=firsts.patent.nunique()))
    if counts.empty:
        return {}
    counts["name"] = [normalise(str(f)) for f in counts["first"]]
    counts = counts.groupby(["name", "region"], as_index=False)["n"].sum()
    counts = counts.sort_values(["name", "n", "region"], ascending=[True, False, True])
    return dict(counts.drop_duplicates("name")[["name", "region"]].itertuples(index=False, name=None))


def network(engine: Engine, records: ir.Table, scope: Definition | Node | None = None, *, city: str,
            sei: SeiTable | None = None, normalise: Callable[[str], str] | None = None,
            classify: Callable[[str], str] | None = None) -> Network:
    """The co-applicant network of ``city`` in ``scope`` (the whole dataset when None)."""
    normalise, classify = _rules(normalise, classify)
    city = check_code(city)
    prefix = region_prefix(city)
    raw_of: dict[str, str] = {}
    spellings: set[str] = set()
    patents = co_applications(engine, records, scope, sei=sei, normalise=normalise, raw_of=raw_of,
                              spellings=spellings)
    home = home_regions(engine, records, spellings, normalise=normalise)

    def is_local(name: str) -> bool:
        return name in home and home[name].startswith(prefix)

    with_local = pd.Series([any(is_local(n) for n in names) for names in patents["names"]],
                           index=patents.index, dtype=bool)
    patents = patents[with_local]
    pairs: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}
    for names in patents["names"]:
        for n in names:
            counts[n] = counts.get(n, 0) + 1
        for a, b in combinations(sorted(names), 2):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    types = {n: classify(raw_of.get(n, n)) for n in counts}
    edges = pd.DataFrame(
        [(a, b, w) for (a, b), w in pairs.items()], columns=["source", "target", "weight"]
    )
    edges["iur"] = [_is_iur(types[a], types[b]) for a, b in zip(edges["source"], edges["target"], strict=True)]
    edges["kind"] = [_kind(is_local(a), is_local(b)) for a, b in zip(edges["source"], edges["target"], strict=True)]
    edges = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True], ignore_index=True)
    degree = pd.concat([edges["source"], edges["target"]]).value_counts()
    nodes = pd.DataFrame({
        "name": list(counts),
        "type": [types[n] for n in counts],
        "home": [home.get(n) for n in counts],
        "local": [is_local(n) for n in counts],
        "patents": [counts[n] for n in counts],
        "degree": [int(degree.get(n, 0)) for n in counts],
    }, columns=["name", "type", "home", "local", "patents", "degree"])
    nodes = nodes.sort_values(["patents", "name"], ascending=[False, True], ignore_index=True)
    partners = _partners(edges, types, home, is_local)
    summary = {
        "patents": len(patents), "applicants": len(nodes), "edges": len(edges),
        "iur_edges": int(edges["iur"].sum()) if len(edges) else 0,
        "local_applicants": int(nodes["local"].sum()) if len(nodes) else 0,
        "outside_partners": int(partners["partner"].nunique()) if len(partners) else 0,
    }
    return Network(city, nodes, edges, partners, summary)


def _is_iur(a: str, b: str) -> bool:
    return (a == "enterprise" and b in ACADEMIC) or (b == "enterprise" and a in ACADEMIC)


def _kind(a_local: bool, b_local: bool) -> str:
    if a_local and b_local:
        return "local-local"
    return "local-outside" if a_local or b_local else "outside-outside"


def _partners(edges: pd.DataFrame, types: dict[str, str], home: dict[str, str],
              is_local: Callable[[str], bool]) -> pd.DataFrame:
    rows = []
    for a, b, w in edges[edges["kind"] == "local-outside"][["source", "target", "weight"]].itertuples(index=False):
        local, partner = (a, b) if is_local(a) else (b, a)
        rows.append((local, partner, types[partner], home.get(partner), int(w)))
    frame = pd.DataFrame(rows, columns=["local", "partner", "partner_type", "partner_home", "weight"])
    return frame.sort_values(["weight", "local", "partner"], ascending=[False, True, True], ignore_index=True)


def _rules(normalise: Callable[[str], str] | None,
           classify: Callable[[str], str] | None) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """The landscape's name keys and applicant types (:mod:`.names`), unless given."""
    from ipcity.analytics.navigation import names

    # Names repeat across rows: fold each spelling once.
    return cache(normalise or names.name_key), classify or names.applicant_type
