"""Leading inventors and citations of a landscape, from the canonical record's optional columns
(``inventors``, ``cited_by_count``: docs/patent-import.md). A dataset whose export had no such
column (or that was imported before the columns existed) gets ``None`` and the reason why.

Both work on the landscape's per-row table ``s`` (``patent``, ``pub_number``, ``app_year``…, plus
``inventors``, ``cited_by`` and ``title`` when present) and its per-patent table ``p``.

- **Inventors**: each application counts once per inventor (any of its publications naming
  them), the inventor keyed by :func:`names.inventor_key`; the name shown is the written form on
  most applications (ties: the first in code-point order). Ranked by applications, then key.
- **Citations**: an application's times cited is the largest count among its publications (a
  citing patent often cites both the A and the B publication; a sum would count it twice).
  ``patents_with_data`` are the applications with a count, ``total_cited_by`` the sum of their
  counts, ``by_year`` both per filing year; ``most_cited`` the ten with most citations (ties: the
  smaller application key), shown by the publication carrying that count (ties: the smallest
  number) and its title.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics.engine import Engine
from ipcity.analytics.navigation import names

MOST_CITED = 10
NO_INVENTORS = "the dataset has no inventor names (its export had no 发明人 column)"
NO_CITATIONS = "the dataset has no times-cited counts (its export had no 被引证次数 / cited-by column)"


def available(engine: Engine, records: ir.Table) -> dict[str, bool]:
    """Which optional columns the dataset holds values in (any row of the whole dataset, so that
    a selection without values still says 0 rather than "not in the export")."""
    found = {}
    for name in ("inventors", "cited_by_count"):
        # the first row with a value ends the scan (a dataset that has the column mostly has values)
        found[name] = name in records.columns and not engine.execute(
            records.filter(records[name].notnull()).select(name).limit(1)).empty
    return found


def slim_columns(rows: ir.Table, has: dict[str, bool]) -> dict[str, ir.Value]:
    """The optional columns the landscape keeps per row."""
    out: dict[str, ir.Value] = {}
    if has["inventors"]:
        out["inventors"] = rows.inventors
    if has["cited_by_count"]:
        out["cited_by"] = rows.cited_by_count
        out["title"] = rows.title
    return out


def empty(has: dict[str, bool]) -> dict[str, Any]:
    """The keys for a selection of no patent."""
    return {
        "top_inventors": [] if has["inventors"] else None,
        "citations": ({"patents_with_data": 0, "total_cited_by": 0, "most_cited": [], "by_year": {}}
                      if has["cited_by_count"] else None),
        "unavailable": _unavailable(has),
    }


def measures(engine: Engine, s: ir.Table, p: ir.Table, has: dict[str, bool], top: int,
             memo: dict[str, str] | None = None) -> dict[str, Any]:
    """``memo``: inventor keys already computed (by the landscape of another region)."""
    return {
        "top_inventors": top_inventors(engine, s, top, memo) if has["inventors"] else None,
        "citations": citations(engine, s, p) if has["cited_by_count"] else None,
        "unavailable": _unavailable(has),
    }


def _unavailable(has: dict[str, bool]) -> dict[str, str]:
    out = {}
    if not has["inventors"]:
        out["top_inventors"] = NO_INVENTORS
    if not has["cited_by_count"]:
        out["citations"] = NO_CITATIONS
    return out


def top_inventors(engine: Engine, s: ir.Table, top: int, memo: dict[str, str] | None = None) -> list[dict[str, Any]]:
    by = engine.execute
    exploded = s.select("patent", raw=s.inventors.re_split(";").unnest())
    exploded = exploded.filter(exploded.raw.notnull() & (exploded.raw.strip() != ""))
    raw_names = by(exploded.group_by("raw").aggregate(rows=ibis._.count()))
    if raw_names.empty:
        return []
    raw_names["key"] = names.keyed(raw_names["raw"], names.inventor_key, {} if memo is None else memo)
    mapping = engine.frame(raw_names[["raw", "key"]])
    keyed = exploded.join(mapping, "raw").select("patent", "raw", "key")
    counts = by(keyed.select("patent", "key").distinct().group_by("key").aggregate(patents=ibis._.count()))
    ranked = counts.sort_values(["patents", "key"], ascending=[False, True]).head(top)
    leaders = engine.frame(ranked[["key"]])
    written = keyed.join(leaders, "key").select("patent", "raw", "key").distinct()
    variants = by(written.group_by(["key", "raw"]).aggregate(patents=ibis._.count()))
    variants = variants.sort_values(["key", "patents", "raw"], ascending=[True, False, True])
    shown = variants.groupby("key", sort=False).first()["raw"]
    return [{"name": shown[k], "patents": int(n)} for k, n in zip(ranked["key"], ranked["patents"], strict=True)]


def citations(engine: Engine, s: ir.Table, p: ir.Table) -> dict[str, Any]:
    by = engine.execute
    counted = s.filter(s.cited_by.notnull())
    per_patent = counted.group_by("patent").aggregate(cited_by=counted.cited_by.max())
    dated = per_patent.join(p.select("patent", "app_year"), "patent")
    totals = by(dated.aggregate(patents=dated.count(), cited_by=dated.cited_by.sum()))
    yearly = by(dated.filter(dated.app_year.notnull()).group_by("app_year").aggregate(
        patents=ibis._.count(), cited_by=ibis._.cited_by.sum()))
    leaders = by(dated.order_by([ibis.desc("cited_by"), "patent"]).limit(MOST_CITED).select("patent", "cited_by"))
    return {
        "patents_with_data": int(totals["patents"].iloc[0] or 0),
        "total_cited_by": int(totals["cited_by"].fillna(0).iloc[0]),
        "most_cited": _most_cited(engine, counted, leaders),
        "by_year": {str(int(y)): {"patents": int(n), "cited_by": int(c)} for y, n, c in sorted(
            zip(yearly["app_year"], yearly["patents"], yearly["cited_by"], strict=True))},
    }


def _most_cited(engine: Engine, counted: ir.Table, leaders: pd.DataFrame) -> list[dict[str, Any]]:
    if leaders.empty:
        return []
    chosen = engine.frame(leaders[["patent"]])
    rows = engine.execute(counted.join(chosen, "patent").select("patent", "pub_number", "title", "cited_by"))
    rows = rows.sort_values(["patent", "cited_by", "pub_number"], ascending=[True, False, True])
    best = rows.groupby("patent", sort=False).first()
    out = []
    for patent, cited in zip(leaders["patent"], leaders["cited_by"], strict=True):
        row = best.loc[patent]
        title = row["title"] if isinstance(row["title"], str) else None
        out.append({"pub_number": row["pub_number"], "title": title, "cited_by": int(cited)})
    return out
