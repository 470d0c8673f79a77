"""An independent pandas reference for the landscape (written apart from the engine code).

It shares with the engine only the name normaliser and type rules (``names``, tested on their own
cases) and the address geocoder; pattern matching, the patent key, every count, ranking,
concentration and the life cycle's yearly counts are computed here row by row in plain pandas.
"""

from __future__ import annotations

import math

import pandas as pd

from ipcity import divisions
from ipcity.analytics.addresses import regions_from_addresses
from ipcity.analytics.navigation import names


def covers(pattern: str, symbol: str) -> bool:
    """The concordance's pattern rule, written out: class / subclass / main group / exact."""
    p = pattern.replace(" ", "").upper().rstrip("*")
    s = symbol.replace(" ", "").upper()
    if "/" in p:
        return s == p
    if len(p) <= 4:  # class (G06) or subclass (G06F)
        return s.startswith(p)
    return s.split("/")[0] == p  # main group: G06F11 covers G06F11/30, not G06F110/…


def _rule_hit(symbols: list[str], patterns, exclusions) -> bool:
    return any(any(covers(p, s) for p in patterns) and not any(covers(x, s) for x in exclusions) for s in symbols)


def node_hits(row: pd.Series, node, sei_table) -> bool:
    symbols = [s for s in (row["ipc"] or "").split("|") if s]
    if node.ipc and _rule_hit(symbols, node.ipc, node.exclude):
        return True
    if node.keywords:
        text = f"{row['title'] or ''} {row['abstract'] or ''}".lower()
        if any(k.lower() in text for k in node.keywords):
            return True
    for code in node.sei:
        for rule in sei_table.rules:
            if rule.sei_code == code or rule.sei_code.startswith(code + "."):
                if _rule_hit(symbols, rule.patterns, tuple(rule.exclusions) + tuple(node.exclude)):
                    return True
    return any(node_hits(row, child, sei_table) for child in node.children)


def _present(value) -> bool:
    return isinstance(value, str) and value != ""


def reference(frame: pd.DataFrame, node=None, region: str | None = None, sei_table=None,
              aliases: dict | None = None, top: int = 20) -> dict:
    df = frame.copy()
    df = df.astype(object).where(df.notna(), None)
    # the optional columns count when the dataset (not the selection) has a value in them
    has_inventors = "inventors" in df.columns and any(isinstance(v, str) for v in df["inventors"])
    has_cited = "cited_by_count" in df.columns and any(v is not None for v in df["cited_by_count"])
    if node is not None:
        df = df[[node_hits(row, node, sei_table) for _, row in df.iterrows()]]
    cn_addresses = [a for a, o, c in zip(df["first_applicant_address"], df["office"], df["region_code"], strict=True)
                    if _present(a) and o == "CN" and not (isinstance(c, str) and len(c) == 6)]
    geo = regions_from_addresses(sorted(set(cn_addresses)))
    df["region"] = [
        c if isinstance(c, str) and len(c) == 6 else (geo.get(a) if o == "CN" and _present(a) else None)
        for c, a, o in zip(df["region_code"], df["first_applicant_address"], df["office"], strict=True)
    ]
    if region:
        prefix = divisions.region_prefix(region)
        df = df[[isinstance(r, str) and r.startswith(prefix) for r in df["region"]]]
    df["patent"] = [a.strip().upper() if isinstance(a, str) and a.strip() else "pub:" + p
                    for a, p in zip(df["app_number"], df["pub_number"], strict=True)]
    df["app_year"] = [d.year if d is not None else None for d in df["app_date"]]
    df["grant_year"] = [d.year if d is not None else None for d in df["grant_date"]]
    df["main"] = [(i or "").split("|")[0].replace(" ", "").upper() for i in df["ipc"]]

    patents = {}
    for _, r in df.iterrows():
        p = patents.setdefault(r["patent"], {"rows": []})
        p["rows"].append(r)
    facts = []
    for key, p in patents.items():
        rows = p["rows"]

        def smallest(col, rows=rows):
            values = [r[col] for r in rows if r[col] is not None and not (isinstance(r[col], float) and math.isnan(r[col]))]
            return min(values) if values else None
        statuses = {r["status"] for r in rows}
        facts.append({
            "patent": key, "app_year": smallest("app_year"), "grant_year": smallest("grant_year"),
            "kind": smallest("kind"), "office": smallest("office"), "main": smallest("main"),
            "region": smallest("region"),
            "status": "valid" if "valid" in statuses else ("invalid" if "invalid" in statuses else "pending"),
        })
    P = pd.DataFrame(facts, columns=["patent", "app_year", "grant_year", "kind", "office", "main", "region", "status"])

    def by(col):
        counts = P[col].dropna().value_counts()
        return {str(int(k)) if col.endswith("year") else str(k): int(v) for k, v in sorted(counts.items())}

    def ranked(values, limit=50):
        counts = pd.Series([v for v in values if v]).value_counts()
        items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [{"code": k, "patents": int(v)} for k, v in items]

    alias_keys = names.alias_keys(aliases or {})
    pairs, variants, firsts = set(), {}, {}
    for _, r in df.iterrows():
        raws = [a for a in (r["applicants"] or "").split("|") if a.strip()]
        for raw in raws:
            k = names.name_key(raw, alias_keys)
            pairs.add((r["patent"], k, r["app_year"]))
            variants.setdefault(k, {}).setdefault(raw, set()).add(r["patent"])
        if raws:
            k = names.name_key(raws[0], alias_keys)
            firsts[r["patent"]] = min(firsts.get(r["patent"], k), k)
    per_key: dict[str, set] = {}
    for patent, k, _ in pairs:
        per_key.setdefault(k, set()).add(patent)
    ranking = sorted(per_key.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    leaders = []
    for k, pats in ranking[:top]:
        shown = sorted(variants[k].items(), key=lambda kv: (-len(kv[1]), kv[0]))[0][0]
        leaders.append({"name": shown, "key": k, "patents": len(pats), "type": names.applicant_type(shown)})
    first_counts = pd.Series(list(firsts.values())).value_counts() if firsts else pd.Series(dtype=int)
    total = int(first_counts.sum())
    shares = sorted((v / total for v in first_counts), reverse=True) if total else []
    patent_year = dict(zip(P["patent"], P["app_year"], strict=True))
    yearly: dict[int, set] = {}
    for patent, k, _ in pairs:
        y = patent_year[patent]
        if y is not None and not (isinstance(y, float) and math.isnan(y)):
            yearly.setdefault(int(y), set()).add(k)

    provinces: dict[str, int] = {}
    cities: dict[str, int] = {}
    for code in P["region"]:
        if not isinstance(code, str):
            continue
        prov = code[:2] + "0000"
        provinces[prov] = provinces.get(prov, 0) + 1
        if code[2:4] != "00":
            cities[code[:4] + "00"] = cities.get(code[:4] + "00", 0) + 1
    return {
        "patents": len(P),
        "applications_by_year": by("app_year"),
        "grants_by_year": by("grant_year"),
        "kinds": by("kind"),
        "legal_status": by("status"),
        "offices": by("office"),
        "ipc_subclasses": ranked([m[:4] for m in P["main"]]),
        "ipc_main_groups": ranked([m.split("/")[0] for m in P["main"]]),
        "regions": {"provinces": sorted(provinces.items(), key=lambda kv: (-kv[1], kv[0])),
                    "cities": sorted(cities.items(), key=lambda kv: (-kv[1], kv[0])),
                    "unattributed": sum(not isinstance(c, str) for c in P["region"])},
        "top_applicants": leaders,
        "concentration": {"cr4": sum(shares[:4]), "cr8": sum(shares[:8]),
                          "hhi": sum(s * s for s in shares) * 10_000, "applicants": len(shares)},
        "applicants_by_year": {y: len(ks) for y, ks in sorted(yearly.items())},
        "top_inventors": _inventors(df, top) if has_inventors else None,
        "citations": _citations(df, dict(zip(P["patent"], P["app_year"], strict=True))) if has_cited else None,
    }


def _inventors(df: pd.DataFrame, top: int) -> list[dict]:
    """Each application once per inventor key; the name shown is the spelling on most applications."""
    patents_of: dict[str, set] = {}
    spellings: dict[str, dict[str, set]] = {}
    for _, r in df.iterrows():
        for raw in (r["inventors"] or "").split(";"):
            if not raw.strip():
                continue
            key = names.inventor_key(raw)
            patents_of.setdefault(key, set()).add(r["patent"])
            spellings.setdefault(key, {}).setdefault(raw, set()).add(r["patent"])
    ranking = sorted(patents_of.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    return [{"name": sorted(spellings[k].items(), key=lambda kv: (-len(kv[1]), kv[0]))[0][0], "patents": len(pats)}
            for k, pats in ranking]


def _citations(df: pd.DataFrame, app_year: dict) -> dict:
    """Per application the largest count among its publications; the ten most cited shown by the
    publication with that count (smallest number) and the first title met in that order."""
    rows_of: dict[str, list] = {}
    for _, r in df.iterrows():
        if r["cited_by_count"] is not None:
            rows_of.setdefault(r["patent"], []).append(r)
    cited = {patent: int(max(r["cited_by_count"] for r in rows)) for patent, rows in rows_of.items()}
    by_year: dict[str, dict] = {}
    for patent, n in cited.items():
        year = app_year[patent]
        if year is None or (isinstance(year, float) and math.isnan(year)):
            continue
        cell = by_year.setdefault(str(int(year)), {"patents": 0, "cited_by": 0})
        cell["patents"] += 1
        cell["cited_by"] += n
    most = []
    for patent, n in sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
        ordered = sorted(rows_of[patent], key=lambda r: (-r["cited_by_count"], r["pub_number"]))
        title = next((r["title"] for r in ordered if isinstance(r["title"], str)), None)
        most.append({"pub_number": ordered[0]["pub_number"], "title": title, "cited_by": n})
    return {"patents_with_data": len(cited), "total_cited_by": sum(cited.values()), "most_cited": most,
            "by_year": dict(sorted(by_year.items()))}


def assert_matches(result: dict, expected: dict) -> None:
    """Every key of the engine's landscape equals the reference."""
    for key in ("patents", "applications_by_year", "grants_by_year", "kinds", "legal_status", "offices",
                "ipc_subclasses", "ipc_main_groups", "top_applicants", "top_inventors", "citations"):
        assert result[key] == expected[key], key
    regions = result["regions"]
    assert [(r["code"], r["patents"]) for r in regions["provinces"]] == expected["regions"]["provinces"]
    assert [(r["code"], r["patents"]) for r in regions["cities"]] == expected["regions"]["cities"]
    assert regions["unattributed"] == expected["regions"]["unattributed"]
    for key in ("cr4", "cr8", "hhi"):
        assert result["concentration"][key] == pytest_approx(expected["concentration"][key]), key
    assert result["concentration"]["applicants"] == expected["concentration"]["applicants"]
    per_year = result["life_cycle"]["per_year"]
    assert {r["year"]: r["filings"] for r in per_year} == {int(k): v for k, v in expected["applications_by_year"].items()}
    assert {r["year"]: r["applicants"] for r in per_year if r["applicants"]} == expected["applicants_by_year"]


def pytest_approx(value):
    import pytest

    return pytest.approx(value, rel=1e-12, abs=1e-12)
