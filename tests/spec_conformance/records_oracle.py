"""A second reading of ip-records.md's figures, written from the spec's text alone (no import from
``ipcity.analytics``), over random canonical records that carry their parties' region codes.
Rows as the canonical CSVs hold them (text cells), turned into dates here."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

CODES = ["330106", "330108", "330100", "320106", None]


def _day(rng: random.Random, first: int, last: int) -> dt.date:
    day = dt.date(rng.randint(first, last), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    roll = rng.random()
    return dt.date(day.year, 12, 31) if roll < 0.15 else dt.date(day.year, 1, 1) if roll < 0.3 else day


def _text(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def random_records(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    marks, pledges, licences, works = [], [], [], []
    for i in range(300):
        app = _day(rng, 2005, 2023)
        reg = app + dt.timedelta(days=rng.randint(200, 700)) if rng.random() < 0.8 else None
        if reg and rng.random() < 0.2:
            reg = dt.date(reg.year, 12, 31)
        expiry = (dt.date(reg.year + 10, reg.month, reg.day) - dt.timedelta(days=1)) if reg and rng.random() < 0.8 else None
        if expiry and rng.random() < 0.3:
            expiry = dt.date(expiry.year, 12, 31)
        lapse = reg + dt.timedelta(days=rng.randint(0, 3000)) if reg and rng.random() < 0.2 else None
        madrid = rng.random() < 0.1
        marks.append({"reg_number": f"T{i}", "nice_class": rng.randint(1, 45),
                      "mark_type": rng.choice(["ordinary", "collective", "certification"]),
                      "gi": str(rng.random() < 0.1).lower(), "madrid": str(madrid).lower(),
                      "office": "WIPO" if madrid else "CN", "app_date": _text(app), "reg_date": _text(reg),
                      "expiry_date": _text(expiry), "lapse_date": _text(lapse),
                      "status": rng.choice(["registered", "invalid", "pending"]) if lapse is None else "invalid",
                      "holders": "某某公司", "first_holder_country": rng.choice(["CN"] * 8 + ["US"]),
                      "region_code": rng.choice(CODES)})
    for i in range(150):
        pledges.append({"pledge_id": f"P{i}", "right_kind": rng.choice(["patent", "trademark", "mixed"]),
                        "rights": "CN1", "reg_date": _text(_day(rng, 2015, 2024)),
                        "amount": rng.choice([None, 0, 1_000_000, 2_500_000.5, 300.1]), "pledgor": "某某公司",
                        "pledgor_country": rng.choice(["CN"] * 8 + ["HK"]), "region_code": rng.choice(CODES),
                        "pledgee": "某银行", "cancel_date": rng.choice([None, "2024-06-01"])})
    for i in range(150):
        kind = rng.choice(["licence", "transfer"])
        licences.append({"record_id": f"L{i}", "record_type": kind, "right_kind": rng.choice(["patent", "trademark"]),
                         "rights": "CN1", "date": _text(_day(rng, 2015, 2024)),
                         "licence_type": rng.choice(["exclusive", "sole", "ordinary", "open"]) if kind == "licence" else None,
                         "from_party": "甲公司", "from_country": rng.choice(["CN"] * 8 + ["US"]),
                         "from_region_code": rng.choice(CODES), "to_party": "乙公司",
                         "to_country": rng.choice(["CN"] * 8 + ["JP"]), "to_region_code": rng.choice(CODES)})
    for i in range(100):
        works.append({"reg_number": f"C{i}", "work_type": rng.choice(["work", "software"]), "category": "文字",
                      "reg_date": _text(_day(rng, 2015, 2024)), "owners": "甲",
                      "first_owner_country": rng.choice(["CN"] * 8 + ["US"]), "region_code": rng.choice(CODES)})
    return {"trademark": marks, "pledge": pledges, "licence": licences, "copyright": works}


def _under(code: str | None, region: str) -> bool:
    if not code:
        return False
    if region.endswith("0000"):
        return code[:2] == region[:2]
    if region.endswith("00"):
        return code[:4] == region[:4]
    return code == region


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def figures(records: dict[str, list[dict[str, Any]]], region: str, year: int) -> dict[str, Any]:
    end = dt.date(year, 12, 31)

    def holder(r: dict[str, Any], country: str, code: str) -> bool:
        return r[country] == "CN" and _under(r[code], region)

    def in_force(m: dict[str, Any]) -> bool:
        reg, expiry, lapse = _date(m["reg_date"]), _date(m["expiry_date"]), _date(m["lapse_date"])
        if m["status"] == "invalid" and lapse is None:
            return False
        return reg is not None and reg <= end and (expiry is None or expiry >= end) and (lapse is None or lapse > end)

    marks = [m for m in records["trademark"] if holder(m, "first_holder_country", "region_code")]
    national = [m for m in marks if m["office"] == "CN" and m["madrid"] == "false"]
    pledges = [p for p in records["pledge"] if holder(p, "pledgor_country", "region_code")
               and _date(p["reg_date"]).year == year]
    by_kind = {k: sum(float(p["amount"] or 0) for p in pledges if p["right_kind"] == k)
               for k in ("patent", "trademark", "mixed")}
    flows = [r for r in records["licence"] if _date(r["date"]).year == year]
    works = [w for w in records["copyright"] if holder(w, "first_owner_country", "region_code")
             and _date(w["reg_date"]).year == year]
    return {
        "tm_valid": sum(1 for m in national if in_force(m)),
        "tm_new_registrations": sum(1 for m in national if m["reg_date"] and _date(m["reg_date"]).year == year),
        "madrid_new": sum(1 for m in marks if m["madrid"] == "true" and _date(m["app_date"]).year == year),
        "gi_marks_valid": sum(1 for m in national if m["gi"] == "true" and in_force(m)),
        "pledge_count": len(pledges),
        "pledge_amount": sum(by_kind.values()),
        "pledge_amount_by_kind": by_kind,
        "licences": sum(1 for r in flows if r["record_type"] == "licence" and holder(r, "from_country", "from_region_code")),
        "transfers": sum(1 for r in flows if r["record_type"] == "transfer" and holder(r, "from_country", "from_region_code")),
        "licences_in": sum(1 for r in flows if r["record_type"] == "licence" and holder(r, "to_country", "to_region_code")),
        "transfers_in": sum(1 for r in flows if r["record_type"] == "transfer" and holder(r, "to_country", "to_region_code")),
        "copyright_works": sum(1 for w in works if w["work_type"] == "work"),
        "copyright_software": sum(1 for w in works if w["work_type"] == "software"),
    }
