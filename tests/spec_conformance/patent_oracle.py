"""A second reading of ip-indicators.md's counts, written from the spec's text alone (no import from
``ipcity.analytics``), over random canonical rows that carry their region code (attribution by
address and name has its own cases). One application number per row: the rows are patents.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .patent_records import patent

REGION_CODES = ["330106", "330108", "330100", "330000", "320106", "110108", "429004", None]


def random_rows(rng: random.Random, count: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(count):
        app = dt.date(rng.randint(1995, 2024), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        grant = app + dt.timedelta(days=rng.randint(100, 2500)) if rng.random() < 0.7 else None
        if grant and rng.random() < 0.3:  # year ends and year starts
            grant = dt.date(grant.year, 12, 31) if rng.random() < 0.5 else dt.date(grant.year, 1, 1)
        lapse = grant + dt.timedelta(days=rng.randint(0, 4000)) if grant and rng.random() < 0.35 else None
        if lapse and rng.random() < 0.3:
            lapse = dt.date(lapse.year, 12, 31)
        rows.append(patent(
            app_number=f"CN{i:09d}", app_date=app.isoformat(), grant_date=grant and grant.isoformat(),
            lapse_date=lapse and lapse.isoformat(), status=rng.choice(["valid", "invalid", "pending"]),
            kind=rng.choice(["invention"] * 4 + ["utility", "design"]), office=rng.choice(["CN"] * 9 + ["US"]),
            first_applicant_country=rng.choice(["CN"] * 8 + ["US", "HK"]), region_code=rng.choice(REGION_CODES),
            first_applicant_address=None, applicants="某某公司",
            family_granted_offices=rng.choice([None, None, None, "US", "US|EP"]), pct=rng.random() < 0.2,
            pledge_amount=rng.choice([None, None, 5e6, 1e7, 2e7]), award=rng.choice([None] * 9 + ["中国专利金奖"])))
    return rows


def _under(code: str | None, region: str) -> bool:
    """R itself or a region under it (a district for its city, a city for its province)."""
    if not code:
        return False
    if region.endswith("0000"):
        return code[:2] == region[:2]
    if region.endswith("00"):
        return code[:4] == region[:4]
    return code == region


def _plus_10_years(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 10)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + 10, day=28)


def figures(rows: list[dict[str, Any]], region: str, year: int, pledge_threshold: float) -> dict[str, Any]:
    end = dt.date(year, 12, 31)
    mine = [r for r in rows if r["office"] == "CN" and r["first_applicant_country"] == "CN"
            and _under(r["region_code"], region)]

    def in_force(r: dict[str, Any]) -> bool:
        return (r["kind"] == "invention" and r["grant_date"] is not None and r["grant_date"] <= end
                and (r["lapse_date"] is None or r["lapse_date"] > end)
                and not (r["status"] == "invalid" and r["lapse_date"] is None))

    def criteria(r: dict[str, Any]) -> dict[str, bool]:
        return {"overseas_family": bool(r["family_granted_offices"]), "maintained_10y": _plus_10_years(r["app_date"]) < end,
                "pledge": r["pledge_amount"] is not None and r["pledge_amount"] >= pledge_threshold,
                "award": bool(r["award"])}

    valid = [r for r in mine if in_force(r)]
    return {
        "invention_valid": len(valid),
        "high_value": sum(1 for r in valid if any(criteria(r).values())),
        "high_value_by_criterion": {k: sum(criteria(r)[k] for r in valid)
                                    for k in ("overseas_family", "maintained_10y", "pledge", "award")},
        "invention_grants": sum(1 for r in mine if r["kind"] == "invention" and r["grant_date"]
                                and r["grant_date"].year == year),
        "invention_applications": sum(1 for r in mine if r["kind"] == "invention" and r["app_date"].year == year),
        "pct_applications": sum(1 for r in mine if r["pct"] and r["app_date"].year == year),
    }
