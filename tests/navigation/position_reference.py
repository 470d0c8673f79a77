"""An independent pandas reference for navigation.position, written from docs/navigation.md,
not from the engine code: rows are read one by one, IPC patterns matched with the spec's
primitives (``sei.pattern_key``/``symbol_keys``), patents keyed by application number."""

from __future__ import annotations

import pandas as pd

from ipcity.analytics.sei import normalise_symbol, pattern_key, symbol_keys


def _covers(patterns, symbol: str) -> bool:
    keys = symbol_keys(symbol)
    return any(keys[level] == key for level, key in map(pattern_key, patterns))


def matches(node, row) -> bool:
    """The row matches the node's own criteria or a descendant's (no SEI codes here)."""
    symbols = [normalise_symbol(s) for s in str(row["ipc"] or "").split("|") if s.strip()]
    if node.ipc and any(_covers(node.ipc, s) and not _covers(node.exclude, s) for s in symbols):
        return True
    text = (str(row["title"] or "") + " " + str(row["abstract"] or "")).lower()
    if any(k.lower() in text for k in node.keywords):
        return True
    return any(matches(child, row) for child in node.children)


def reference_position(frame: pd.DataFrame, definition, city: str, province: str, end_year: int) -> pd.DataFrame:
    rows = frame[(frame["office"] == "CN") & (frame["first_applicant_country"] == "CN")].copy()
    rows = rows[rows["region_code"].fillna("").str.len() == 6]
    rows["patent"] = [a.strip().upper() if isinstance(a, str) and a.strip() else "pub:" + p
                      for a, p in zip(rows["app_number"], rows["pub_number"], strict=True)]
    nodes = [n for n, _ in definition.root.walk()]
    for n in nodes:
        rows[f"m_{n.key}"] = [matches(n, r) for _, r in rows.iterrows()]
    rows["app_year"] = pd.to_datetime(rows["app_date"]).dt.year
    rows["grant_year"] = pd.to_datetime(rows["grant_date"]).dt.year
    rows["lapse_year"] = pd.to_datetime(rows["lapse_date"]).dt.year.fillna(9999)
    app = pd.to_datetime(rows["app_date"])
    rows["maint_year"] = app.dt.year + 10 + ((app.dt.month == 12) & (app.dt.day == 31)).astype(int)
    rows["criterion"] = (rows["family_granted_offices"].fillna("") != "") | (rows["award"].fillna("") != "")
    rows["invalid_nolapse"] = (rows["status"] == "invalid") & rows["lapse_date"].isna() & rows["grant_date"].notna()
    agg = {f"m_{n.key}": "any" for n in nodes}
    agg.update(region_code="min", app_year="min", grant_year="min", lapse_year="min", maint_year="min",
               criterion="any", invalid_nolapse="all", kind=lambda k: (k == "invention").any())
    patents = rows.groupby("patent").agg(agg)
    patents["in_force"] = (patents["kind"] & (patents["grant_year"] <= end_year)
                           & (patents["lapse_year"] > end_year) & ~patents["invalid_nolapse"])
    patents["high"] = patents["in_force"] & (patents["criterion"] | (patents["maint_year"] <= end_year))
    scopes = {
        "city": patents["region_code"].str.startswith(city[:4]),
        "province": patents["region_code"].str.startswith(province[:2]),
        "country": pd.Series(True, index=patents.index),
    }
    out = []
    for n in nodes:
        m = patents[f"m_{n.key}"]
        row = {"key": n.key}
        country_share = m.sum() / len(patents)
        for s, inside in scopes.items():
            count = int((m & inside).sum())
            total = int(inside.sum())
            row[f"{s}_patents"] = count
            row[f"{s}_share"] = count / total if total else None
            row[f"{s}_rta"] = (count / total) / country_share if total and country_share else None
            first = int((m & inside & (patents["app_year"] == end_year - 4)).sum())
            last = int((m & inside & (patents["app_year"] == end_year)).sum())
            row[f"{s}_cagr"] = (last / first) ** 0.25 - 1 if first else None
            in_force = int((m & inside & patents["in_force"]).sum())
            high = int((m & inside & patents["high"]).sum())
            row[f"{s}_in_force"], row[f"{s}_high_value"] = in_force, high
            row[f"{s}_high_value_share"] = high / in_force if in_force else None
        out.append(row)
    return pd.DataFrame(out)


def reference_regions(frame: pd.DataFrame, definition) -> dict:
    """Where the industry's patents are: the root's attributed domestic CN patents (each once, its
    smallest region code) per province (2 digits) and city (4 digits; none for a province-level
    code), most patents first (ties: the code); no names, the engine adds them."""
    rows = frame[(frame["office"] == "CN") & (frame["first_applicant_country"] == "CN")].copy()
    rows = rows[rows["region_code"].fillna("").str.len() == 6]
    rows["patent"] = [a.strip().upper() if isinstance(a, str) and a.strip() else "pub:" + p
                      for a, p in zip(rows["app_number"], rows["pub_number"], strict=True)]
    rows["m"] = [matches(definition.root, r) for _, r in rows.iterrows()]
    patents = rows.groupby("patent").agg(m=("m", "any"), region=("region_code", "min"))
    patents = patents[patents["m"]]
    provinces = patents["region"].str[:2] + "0000"
    cities = patents["region"][patents["region"].str[2:4] != "00"].str[:4] + "00"

    def listed(codes: pd.Series) -> list[tuple[str, int]]:
        counts = codes.value_counts()
        return sorted(((str(c), int(n)) for c, n in counts.items()), key=lambda cn: (-cn[1], cn[0]))

    return {"provinces": listed(provinces), "cities": listed(cities)}
