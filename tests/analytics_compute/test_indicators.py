"""Every definition of shared/spec/ip-indicators.md on a hand-built dataset whose answers are
counted by hand in the comments (region 330100 杭州市, year 2020, unless said otherwise)."""

from __future__ import annotations

import pytest

from ipcity.analytics import indicators as ind
from ipcity.analytics.panel import compute_panel, compute_region

from .builders import record, write_records

# Default record: domestic CN invention of 330106 (西湖区, under 杭州市 330100), filed
# 2014-03-01, granted 2015-06-01, no lapse, IPC in no rule, no family/pledge/award.
CASES = {
    "plain": record(),
    "granted_on_dec31": record(grant_date="2020-12-31"),  # in force at 2020, not at 2019
    "granted_next_year": record(grant_date="2021-01-01"),  # not at 2020
    "lapsed_on_dec31": record(lapse_date="2020-12-31", status="invalid"),  # in force 2019, not 2020
    "lapsed_next_jan1": record(lapse_date="2021-01-01", status="invalid"),  # in force 2020 (dates, not status)
    "invalid_no_lapse": record(status="invalid"),  # in force in no year; a warning
    "city_level_code": record(region_code="330100"),
    "address_only": record(region_code=None, first_applicant_address="浙江省杭州市滨江区长河路1号"),  # → 330108
    "no_region": record(region_code=None, first_applicant_address=None),  # unattributed
    "ningbo": record(region_code="330203"),  # 宁波: counts for 330000, not 330100
    "foreign_applicant": record(first_applicant_country="US"),
    "hong_kong_applicant": record(first_applicant_country="HK"),  # domestic means CN only
    "office_us": record(office="US", pub_number="US11000001B2"),
    "utility": record(kind="utility"),
    "sei_g06f11": record(ipc="A45D1/00|G06F11/30"),  # sei via its second symbol
    "not_sei_g06f110": record(ipc="G06F110/00"),
    "family": record(family_granted_offices="US"),
    "maintained": record(app_date="2010-12-30"),  # +10y = 2020-12-30 < 2020-12-31
    "filed_dec31": record(app_date="2010-12-31"),  # +10y = 2020-12-31, not earlier: from 2021
    "pledged_high": record(pledge_amount=5_000_000.0),
    "pledged_low": record(pledge_amount=500_000.0),
    "awarded": record(award="中国专利金奖"),
    "sei_keyword_hit": record(ipc="C12N15/10", title="一种CRISPR载体"),
    "sei_keyword_miss": record(ipc="C12N15/10", title="一种发酵罐", abstract="发酵"),
    "beijing": record(region_code="110108"),
    "application_2020": record(app_date="2020-05-01", grant_date=None, status="pending"),
    "utility_pct_2020": record(kind="utility", app_date="2020-01-01", grant_date="2020-09-01", pct=True),
    "invention_pct_2020": record(app_date="2020-12-31", grant_date=None, status="pending", pct=True),
    "application_2021": record(app_date="2021-01-01", grant_date=None, status="pending"),
}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return write_records(tmp_path_factory.mktemp("hand") / "records.parquet", list(CASES.values()))


@pytest.fixture
def compute(duckdb_engine, dataset, tiny_sei):
    def run(region="330100", year=2020, **options):
        params = ind.Parameters(sei=options.pop("sei", tiny_sei), sei_mode=options.pop("mode", "ipc_only"),
                                pledge_threshold=options.pop("threshold", 1_000_000.0))
        return compute_region(duckdb_engine, dataset, region, year, params,
                              population_lookup=lambda region, year: None, **options)

    return run


def test_hangzhou_2020_every_indicator(compute):
    result = compute(population=1_000_000)
    # plain, granted_on_dec31, lapsed_next_jan1, city_level_code, address_only, sei_g06f11,
    # not_sei_g06f110, family, maintained, filed_dec31, pledged_high, pledged_low, awarded,
    # sei_keyword_hit, sei_keyword_miss
    assert result["invention_valid"] == 15
    # sei_g06f11, sei_keyword_hit, sei_keyword_miss | family | maintained | pledged_high | awarded
    assert result["high_value"] == 7
    assert result["high_value_by_criterion"] == {
        "sei": 3, "overseas_family": 1, "maintained_10y": 1, "pledge": 1, "award": 1}
    assert result["invention_valid_per_10k"] == pytest.approx(0.15)
    assert result["high_value_per_10k"] == pytest.approx(0.07)
    assert result["invention_grants"] == 1  # granted_on_dec31
    assert result["invention_applications"] == 2  # application_2020, invention_pct_2020
    assert result["pct_applications"] == 2  # utility_pct_2020, invention_pct_2020
    assert result["unattributed"] == 1  # no_region
    codes = [w["code"] for w in result["warnings"]]
    assert codes == ["invalid_without_lapse", "unattributed"]
    assert result["warnings"][0]["rows"] == 1
    assert result["parameters"]["pledge_threshold"] == 1_000_000.0
    assert result["parameters"]["sei_mode"] == "ipc_only"
    assert result["parameters"]["engine"] == "duckdb"


def test_year_boundaries(compute):
    at_2019 = compute(year=2019)
    # 2020's fifteen minus granted_on_dec31, plus lapsed_on_dec31
    assert at_2019["invention_valid"] == 15
    assert at_2019["high_value_by_criterion"]["maintained_10y"] == 0  # maintained only from 2020
    at_2021 = compute(year=2021)
    # 2020's fifteen minus lapsed_next_jan1, plus granted_next_year
    assert at_2021["invention_valid"] == 15
    assert at_2021["high_value_by_criterion"]["maintained_10y"] == 2  # maintained, filed_dec31
    assert at_2021["invention_applications"] == 1  # application_2021


def test_attribution_by_prefix(compute):
    assert compute(region="330106")["invention_valid"] == 13  # the 15 less city_level_code, address_only
    assert compute(region="330108")["invention_valid"] == 1  # address_only, derived from its address
    assert compute(region="330000")["invention_valid"] == 16  # 杭州's 15 and ningbo
    assert compute(region="110000")["invention_valid"] == 1  # beijing
    assert compute(region="440300")["invention_valid"] == 0


def test_without_population_threshold_or_concordance_the_figure_says_so(compute):
    result = compute(sei=None, threshold=None)
    assert result["invention_valid_per_10k"] is None and result["high_value_per_10k"] is None
    assert result["high_value_by_criterion"]["pledge"] is None
    assert result["high_value_by_criterion"]["sei"] is None
    assert result["high_value"] == 3  # family, maintained, awarded
    codes = {w["code"] for w in result["warnings"]}
    assert {"no_population", "pledge_not_applied", "sei_not_applied"} <= codes


def test_keyword_mode(compute):
    result = compute(mode="ipc_and_keyword")
    # sei_g06f11 (its rule has no keywords) and sei_keyword_hit (CRISPR in the title)
    assert result["high_value_by_criterion"]["sei"] == 2
    assert result["high_value"] == 6
    assert result["parameters"]["sei_mode"] == "ipc_and_keyword"


def test_panel_agrees_with_single_region_figures(duckdb_engine, dataset, tiny_sei, compute):
    params = ind.Parameters(sei=tiny_sei, pledge_threshold=1_000_000.0)
    panel = compute_panel(duckdb_engine, dataset, "city", [2019, 2020, 2021], params,
                          population_lookup=lambda region, year: 2_000_000 if region == "330100" else None)
    assert sorted(panel["region"].unique()) == ["110100", "330100", "330200"]
    assert len(panel) == 9
    for year in (2019, 2020, 2021):
        row = panel[(panel["region"] == "330100") & (panel["year"] == year)].iloc[0]
        single = compute(year=year)
        assert row["invention_valid"] == single["invention_valid"]
        assert row["high_value"] == single["high_value"]
        assert row["high_value_maintained_10y"] == single["high_value_by_criterion"]["maintained_10y"]
        assert row["invention_applications"] == single["invention_applications"]
        assert row["pct_applications"] == single["pct_applications"]
    hangzhou_2020 = panel[(panel["region"] == "330100") & (panel["year"] == 2020)].iloc[0]
    assert hangzhou_2020["region_name"] == "杭州市"
    assert hangzhou_2020["high_value_per_10k"] == pytest.approx(7 / 2_000_000 * 10_000)
    assert panel.loc[panel["region"] == "330200", "invention_valid"].tolist() == [1, 1, 1]


def test_district_and_province_panels(duckdb_engine, dataset, tiny_sei):
    params = ind.Parameters(sei=tiny_sei)
    districts = compute_panel(duckdb_engine, dataset, "district", [2020], params)
    by_region = dict(zip(districts["region"], districts["invention_valid"], strict=True))
    # city_level_code (330100) belongs to no district
    assert by_region == {"110108": 1, "330106": 13, "330108": 1, "330203": 1}
    provinces = compute_panel(duckdb_engine, dataset, "province", [2020], params)
    assert dict(zip(provinces["region"], provinces["invention_valid"], strict=True)) == {"110000": 1, "330000": 16}
