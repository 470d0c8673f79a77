"""The whole country as a region (``ipcity.divisions.COUNTRY``): every domestic record attributed to
some region, counted once; records abroad and domestic ones without a region count nowhere."""

from __future__ import annotations

import pandas as pd
import pytest

from ipcity.analytics import indicators as ind
from ipcity.analytics.panel import compute_panel, compute_region
from ipcity.divisions import COUNTRY

from .builders import record, write_records

# By hand, for 2024: in force = 2 in 浙江 (330106, 330100 by its address) + 1 in 上海 + 1 in 北京 = 4;
# the foreign applicant and the domestic row without any region are in force but counted nowhere.
# Filed in 2024: one PCT application in 上海 and one invention application in 浙江 → 2 and 1 PCT.
ROWS = [
    record(),
    record(region_code=None, first_applicant_address="浙江省杭州市上城区解放路1号"),
    record(region_code="310101", first_applicant_address="上海市黄浦区南京东路1号"),
    record(region_code="110108", first_applicant_address="北京市海淀区中关村大街1号"),
    record(region_code=None, first_applicant_country="US", first_applicant_address="Palo Alto, CA"),
    record(region_code=None, first_applicant_address="无"),
    record(region_code="310101", first_applicant_address="上海市黄浦区南京东路2号", app_date="2024-02-01",
           grant_date=None, status="pending", pct=True),
    record(app_date="2024-03-01", grant_date=None, status="pending"),
]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return write_records(tmp_path_factory.mktemp("country") / "records.parquet", ROWS).parent


def _figures(engine, dataset, region):
    return compute_region(engine, dataset, region, 2024, ind.Parameters(), population_lookup=lambda r, y: None)


def test_the_country_counts_every_attributed_domestic_record(duckdb_engine, dataset):
    country = _figures(duckdb_engine, dataset, COUNTRY)
    assert country["invention_valid"] == 4
    assert country["invention_applications"] == 2 and country["pct_applications"] == 1
    assert country["unattributed"] == 1


def test_the_country_is_the_sum_of_its_provinces_and_leaves_them_unchanged(duckdb_engine, dataset):
    provinces = compute_panel(duckdb_engine, dataset, "province", [2024], ind.Parameters(),
                              population_lookup=lambda r, y: None)
    assert set(provinces["region"]) == {"110000", "310000", "330000"}
    country = _figures(duckdb_engine, dataset, COUNTRY)
    for key in ("invention_valid", "invention_applications", "pct_applications", "invention_grants"):
        assert country[key] == int(provinces[key].sum()), key
    zhejiang = _figures(duckdb_engine, dataset, "330000")
    assert (zhejiang["invention_valid"], zhejiang["invention_applications"]) == (2, 1)


def test_the_panels_per_10k_columns_are_the_one_formula_and_missing_without_a_population(duckdb_engine, dataset):
    # Population by hand: 上海 200,000, 北京 0 (a bad reference row), 浙江 none. The panel's columns
    # must be what formulas.per_10k gives for each region's figure: 1 × 10,000 / 200,000 = 0.05 for
    # 上海's one invention in force, and missing (not ∞) where per_10k gives None.
    from ipcity.analytics.formulas import PER_10K, per_10k

    populations = {"310000": 200_000.0, "110000": 0.0}
    panel = compute_panel(duckdb_engine, dataset, "province", [2024], ind.Parameters(),
                          population_lookup=lambda r, y: populations.get(r))
    rows = {row["region"]: row for row in panel.to_dict("records")}
    assert rows["310000"]["invention_valid_per_10k"] == 0.05
    for region, row in rows.items():
        for key, (count, _divisor) in PER_10K.items():
            if key not in row:
                continue  # no trademarks in this dataset: no entities column
            expected = per_10k(int(row[count]), populations.get(region))
            assert (expected is None and row[key] is pd.NA) or row[key] == expected, (region, key, row[key])
    columns = list(panel.columns)
    assert columns.index("invention_valid_per_10k") == columns.index("population") + 1  # the order kept
