"""navigation.position equals the independent pandas reference on random synthetic records."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from ipcity.analytics import engine as eng
from ipcity.analytics.navigation.definition import Definition
from ipcity.analytics.navigation.position import position
from tests.analytics_compute.builders import record, write_records
from tests.navigation.position_reference import reference_position, reference_regions

SYMBOLS = ["H01M10/05", "H01M10/052", "H01M8/02", "H01M4/13", "H01M2/10", "B60L53/00", "A45D1/00", "G06F16/36"]
REGIONS = ["330106", "330110", "330203", "320102", "110101", None]
DEFINITION = Definition.from_dict({"name": "新能源汽车", "root": {"key": "nev", "name": "新能源汽车", "children": [
    {"key": "bat", "name": "电池", "ipc": ["H01M"], "exclude": ["H01M2*"], "children": [
        {"key": "li", "name": "锂", "ipc": ["H01M10*", "H01M4/13"]},
        {"key": "fc", "name": "燃料", "ipc": ["H01M8*"], "keywords": ["燃料电池"]},
    ]},
    {"key": "chg", "name": "充电", "ipc": ["B60L53*"], "keywords": ["充电桩"]},
]}})


def synthetic(seed: int, n: int = 400) -> list[dict]:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        year = rnd.randint(2012, 2023)
        granted = rnd.random() < 0.5
        fields = {
            "app_number": f"CN{year}{i:05d}" if rnd.random() > 0.05 else "",
            "pub_number": f"CN{i:07d}A",
            "kind": rnd.choice(["invention", "invention", "utility"]),
            "app_date": f"{year}-{rnd.choice([1, 6, 12]):02d}-{rnd.choice([1, 15, 28]):02d}",
            "grant_date": f"{min(year + rnd.randint(1, 3), 2023)}-06-01" if granted else None,
            "lapse_date": f"{rnd.randint(2018, 2024)}-03-01" if granted and rnd.random() < 0.3 else None,
            "status": rnd.choice(["valid", "invalid", "pending"]),
            "ipc": "|".join(rnd.sample(SYMBOLS, rnd.randint(1, 3))),
            "title": rnd.choice(["一种燃料电池", "充电桩结构", "一种装置", "电池模组"]),
            "region_code": rnd.choice(REGIONS),
            "first_applicant_address": None,
            "first_applicant_country": "CN" if rnd.random() > 0.05 else "JP",
            "office": "CN" if rnd.random() > 0.05 else "US",
            "family_granted_offices": "US" if rnd.random() < 0.1 else None,
            "award": "金奖" if rnd.random() < 0.05 else None,
        }
        rows.append(record(**fields))
        if granted and rnd.random() < 0.3:  # the grant publication of the same application
            rows.append(record(**{**fields, "pub_number": f"CN{i:07d}B"}))
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_position_equals_the_pandas_reference(tmp_path, seed):
    rows = synthetic(seed)
    path = write_records(tmp_path / "records.parquet", rows)
    engine = eng.connect()
    try:
        result = position(engine, engine.read_records(path), DEFINITION, city="330100", end_year=2022)
        got = result.nodes
    finally:
        engine.close()
    # where the industry's patents are, over provinces and cities
    regions = reference_regions(pd.DataFrame(rows), DEFINITION)
    assert [(r["code"], r["patents"]) for r in result.regions["provinces"]] == regions["provinces"]
    assert [(r["code"], r["patents"]) for r in result.regions["cities"]] == regions["cities"]
    assert sum(n for _c, n in regions["provinces"]) == int(got.set_index("key").loc["nev", "country_patents"])
    expected = reference_position(pd.DataFrame(rows), DEFINITION, "330100", "330000", 2022)
    got = got.set_index("key")[expected.columns[1:]].astype(float)
    expected = expected.set_index("key").astype(float)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got.loc["li", "city_patents"] > 0 and got.loc["fc", "country_high_value"] >= 0
