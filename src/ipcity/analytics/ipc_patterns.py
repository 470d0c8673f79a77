"""IPC symbols matched against patterns of classes, subclasses, main groups and symbols: the SEI
concordance's rules (the ``sei`` high-value criterion) and a navigation node's definition.

A join of each distinct symbol's ancestors with a pattern table keyed by (level, key), never a
regular expression per row; kept apart from the counting so that both users share one matcher.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from ipcity.analytics.engine import Engine
from ipcity.analytics.sei import SeiTable


def ipc_symbols(rows: ir.Table) -> tuple[ir.Table, ir.Table, ir.Table]:
    """The rows' IPC symbols, for matching IPC patterns (the SEI concordance's, a navigation node's).

    Returns ``exploded`` (``pub_number``, ``raw``: one row per record and symbol as written),
    ``symbols`` (``raw``, ``sym``: each distinct symbol normalised once) and ``ancestors`` (``sym``,
    ``level``, ``key``: the class, subclass, main group and full symbol each symbol falls under), so
    that a pattern table keyed by (level, key) joins to ``ancestors``."""
    # re_split, not split: Spark's split() reads its delimiter as a regex, where "|" means "or".
    exploded = rows.select("pub_number", raw=rows.ipc.re_split(r"\|").unnest())
    # Normalise (no spaces, upper case) once per distinct symbol, not once per occurrence.
    raw_symbols = exploded.select("raw").distinct()
    symbols = raw_symbols.select("raw", sym=raw_symbols.raw.re_replace(r"\s+", "").upper())
    symbols = symbols.filter(symbols.sym != "")
    main = symbols.sym.split("/")[0]
    ancestors = ibis.union(
        symbols.select("sym", level=ibis.literal("class"), key=symbols.sym.substr(0, 3)),
        symbols.select("sym", level=ibis.literal("subclass"), key=symbols.sym.substr(0, 4)),
        symbols.filter(main.length() > 4).select("sym", level=ibis.literal("main_group"), key=main),
        symbols.filter(symbols.sym.contains("/")).select("sym", level=ibis.literal("symbol"), key=symbols.sym),
        distinct=False,
    )
    return exploded, symbols, ancestors


def sei_matches(engine: Engine, rows: ir.Table, sei: SeiTable, mode: str = "ipc_only") -> ir.Table:
    """(pub_number, rule_id) for every row whose IPC symbols satisfy an SEI rule."""
    exploded, symbols, ancestors = ipc_symbols(rows)
    lookup = engine.frame(sei.lookup_frame())
    hits = ancestors.join(lookup, [ancestors.level == lookup.level, ancestors.key == lookup.key]).select(
        ancestors.sym, lookup.rule_id, lookup.is_exclusion
    )
    per_rule = hits.group_by(["sym", "rule_id"]).aggregate(
        covered=(~hits.is_exclusion).any(), excluded=hits.is_exclusion.any()
    )
    symbol_rules = per_rule.filter(per_rule.covered & ~per_rule.excluded).select("sym", "rule_id")
    raw_rules = symbols.join(symbol_rules, "sym").select("raw", "rule_id")
    pairs = exploded.join(raw_rules, "raw").select("pub_number", "rule_id").distinct()
    if mode == "ipc_only":
        return pairs
    if mode != "ipc_and_keyword":
        raise ValueError(f"unknown SEI mode {mode!r}")
    rules = engine.frame(sei.rules_frame()[["rule_id", "has_keywords"]])
    terms = engine.frame(sei.keyword_frame())
    with_rules = pairs.join(rules, "rule_id")
    free = with_rules.filter(~with_rules.has_keywords).select("pub_number", "rule_id")
    needing = with_rules.filter(with_rules.has_keywords).select("pub_number", "rule_id")
    texts = rows.select(
        "pub_number", text=rows.title.coalesce("").concat(" ", rows.abstract.coalesce(""))
    )
    candidates = needing.join(terms, "rule_id").join(texts, "pub_number")
    by_keyword = candidates.filter(candidates.text.contains(candidates.term)).select("pub_number", "rule_id")
    return ibis.union(free, by_keyword.distinct(), distinct=True)
