"""ip-indicators.md: attribution, domestic/office filters, "in force at Y", flows and per-10k,
sentence by sentence, through ``ipcity indicators compute --json``."""

from __future__ import annotations

import pytest

from .patent_records import compute, patent

# ---- Attribution and time -----------------------------------------------------------------------


def test_a_district_counts_for_itself_its_city_and_its_province(tmp_path):
    rows = [patent(region_code="330106")]
    for region, expected in (("330106", 1), ("330100", 1), ("330000", 1), ("330108", 0), ("330200", 0),
                             ("320000", 0)):
        assert compute(tmp_path, rows, region)["invention_valid"] == expected, region


def test_a_city_level_code_counts_for_its_city_and_province_not_a_district(tmp_path):
    rows = [patent(region_code="330100")]
    assert compute(tmp_path, rows, "330100")["invention_valid"] == 1
    assert compute(tmp_path, rows, "330000")["invention_valid"] == 1
    assert compute(tmp_path, rows, "330106")["invention_valid"] == 0


def test_empty_region_code_is_derived_from_the_address(tmp_path):
    rows = [patent(region_code=None, first_applicant_address="浙江省宁波市海曙区中山西路2号"),
            patent(region_code="", first_applicant_address="浙江省宁波市海曙区中山西路3号")]
    out = compute(tmp_path, rows, "330200")
    assert out["invention_valid"] == 2 and out["unattributed"] == 0
    flows = compute(tmp_path, rows, "330200", 2015)  # granted 2015-06-01: the flows use the derived region too
    assert flows["invention_grants"] == 2
    assert compute(tmp_path, rows, "330100")["invention_valid"] == 0


def test_a_row_whose_region_cannot_be_derived_is_counted_nowhere_and_reported(tmp_path):
    rows = [patent(region_code=None, first_applicant_address="地址不详"), patent()]
    out = compute(tmp_path, rows, "330100")
    assert out["invention_valid"] == 1 and out["unattributed"] == 1
    assert "unattributed" in {w["code"] for w in out["warnings"]}


@pytest.mark.parametrize("country", ["HK", "MO", "TW", "US", "JP"])
def test_only_first_applicant_country_cn_is_domestic(tmp_path, country):
    foreign = dict(first_applicant_country=country, app_date="2020-02-01", grant_date="2020-09-01", pct=True)
    out = compute(tmp_path, [patent(**foreign), patent()], "330100")
    assert (out["invention_valid"], out["invention_grants"], out["invention_applications"],
            out["pct_applications"]) == (1, 0, 0, 0)


@pytest.mark.parametrize("office", ["US", "EP", "JP", "WO"])
def test_only_office_cn_rows_count(tmp_path, office):
    other = dict(office=office, app_date="2020-02-01", grant_date="2020-09-01", pct=True)
    out = compute(tmp_path, [patent(**other), patent()], "330100")
    assert (out["invention_valid"], out["invention_grants"], out["invention_applications"],
            out["pct_applications"]) == (1, 0, 0, 0)


@pytest.mark.parametrize(("fields", "in_force_2020"), [
    ({"grant_date": "2020-12-31"}, True),                       # grant ≤ Y-12-31
    ({"grant_date": "2021-01-01"}, False),
    ({"grant_date": None}, False),                              # never granted
    ({"lapse_date": "2020-12-31"}, False),                      # lapse must be later than Y-12-31
    ({"lapse_date": "2021-01-01"}, True),
    ({"lapse_date": "2020-06-30", "status": "valid"}, False),   # dates, not the current status
    ({"lapse_date": "2023-05-01", "status": "invalid"}, True),
    ({"status": "pending", "grant_date": None}, False),
    ({"kind": "utility"}, False),                               # kind = invention only
    ({"kind": "design"}, False),
])
def test_in_force_at_y_uses_the_dates(tmp_path, fields, in_force_2020):
    assert compute(tmp_path, [patent(**fields)], "330100", 2020)["invention_valid"] == int(in_force_2020)


def test_invalid_without_lapse_date_is_in_force_in_no_year_and_warned(tmp_path):
    rows = [patent(status="invalid", lapse_date=None), patent()]
    for year in (2015, 2018, 2024):
        out = compute(tmp_path, rows, "330100", year)
        assert out["invention_valid"] == 1
        assert "invalid_without_lapse" in {w["code"] for w in out["warnings"]}


# ---- Flows --------------------------------------------------------------------------------------

def test_invention_grants_by_grant_year(tmp_path):
    rows = [patent(grant_date="2020-01-01"), patent(grant_date="2020-12-31", lapse_date="2020-12-31"),
            patent(grant_date="2021-01-01"), patent(kind="utility", grant_date="2020-05-01")]
    assert compute(tmp_path, rows, "330100", 2020)["invention_grants"] == 2
    assert compute(tmp_path, rows, "330100", 2021)["invention_grants"] == 1


def test_invention_applications_by_app_year_granted_or_not(tmp_path):
    rows = [patent(app_date="2020-01-01", grant_date=None, status="pending"),
            patent(app_date="2020-12-31", grant_date="2022-03-01"),
            patent(app_date="2020-07-01", grant_date=None, status="invalid"),
            patent(app_date="2021-01-01", grant_date=None, status="pending"),
            patent(app_date="2020-02-01", kind="utility", grant_date="2020-08-01")]
    assert compute(tmp_path, rows, "330100", 2020)["invention_applications"] == 3


def test_pct_applications_are_domestic_rows_of_any_kind_by_app_year(tmp_path):
    rows = [patent(app_date="2020-03-01", pct=True), patent(app_date="2020-03-01", pct=True, kind="utility"),
            patent(app_date="2020-03-01", pct=False), patent(app_date="2019-12-31", pct=True)]
    assert compute(tmp_path, rows, "330100", 2020)["pct_applications"] == 2


# ---- Per 10k ------------------------------------------------------------------------------------

def test_per_10k_is_count_over_population_times_10000(tmp_path):
    rows = [patent(), patent(), patent(award="中国专利金奖")]
    out = compute(tmp_path, rows, "330100", 2020, "--population", "1500000")
    # 3 / 1,500,000 × 10,000 = 0.02; 1 / 1,500,000 × 10,000 = 1/150 = 0.006666…, not rounded
    assert out["invention_valid_per_10k"] == pytest.approx(0.02, rel=1e-12)
    assert out["high_value_per_10k"] == pytest.approx(1 / 150, rel=1e-12)


def test_per_10k_is_null_without_population_and_says_why(tmp_path):
    out = compute(tmp_path, [patent()], "330100", 2020)
    assert out["invention_valid_per_10k"] is None and out["high_value_per_10k"] is None
    warning = next(w for w in out["warnings"] if w["code"] == "no_population")
    assert "population" in warning["message"] and "null" in warning["message"]


def test_population_from_the_loaded_table(tmp_path):
    from click.testing import CliRunner

    from ipcity.cli.main import cli

    table = tmp_path / "pop.csv"
    table.write_text("region_code,year,population\n330100,2020,2000000\n", encoding="utf-8")
    loaded = CliRunner().invoke(cli, ["patents", "reference", "population", str(table)])
    assert loaded.exit_code == 0, loaded.output
    out = compute(tmp_path, [patent(), patent()], "330100", 2020)
    assert out["invention_valid_per_10k"] == pytest.approx(0.01)


# ---- The canonical CSV is itself an input -------------------------------------------------------

def test_a_canonical_csv_imports_and_computes(tmp_path):
    from click.testing import CliRunner

    from ipcity.analytics.schema import CANONICAL_COLUMNS
    from ipcity.cli.main import cli

    rows = [patent(), patent(region_code="", first_applicant_address="浙江省杭州市余杭区五常街道1号"),
            patent(first_applicant_country="TW"), patent(grant_date=None, status="pending", app_date="2020-05-05"),
            patent(first_applicant_country="cn", office="cn")]
    lines = [",".join(CANONICAL_COLUMNS)]
    for row in rows:
        cells = []
        for column in CANONICAL_COLUMNS:
            value = row[column]
            cells.append("" if value is None else str(value).lower() if isinstance(value, bool) else str(value))
        lines.append(",".join(cells))
    path = tmp_path / "canonical.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = CliRunner().invoke(cli, ["patents", "import", str(path), "--dataset", "hand", "--format", "canonical"])
    assert imported.exit_code == 0, imported.output
    out = compute(tmp_path, "hand", "330100", 2020)
    assert (out["invention_valid"], out["invention_applications"]) == (3, 1)
    # the file is recognised as canonical without being told
    auto = CliRunner().invoke(cli, ["patents", "import", str(path), "--dataset", "auto", "--json"])
    assert auto.exit_code == 0 and '"format": "canonical"' in auto.output
    assert compute(tmp_path, "auto", "330100", 2020)["invention_valid"] == 3


def test_a_region_code_outranks_the_address(tmp_path):
    rows = [patent(region_code="330106", first_applicant_address="浙江省宁波市海曙区中山西路2号")]
    assert compute(tmp_path, rows, "330100")["invention_valid"] == 1
    assert compute(tmp_path, rows, "330200")["invention_valid"] == 0


def test_an_address_naming_only_a_province_counts_for_the_province(tmp_path):
    rows = [patent(region_code=None, first_applicant_address="浙江省")]
    assert compute(tmp_path, rows, "330000")["invention_valid"] == 1
    assert compute(tmp_path, rows, "330100")["invention_valid"] == 0


def test_figures_are_as_of_31_december(tmp_path):
    out = compute(tmp_path, [patent()], "330100", 2020)
    assert out["as_of"] == "2020-12-31" and out["year"] == 2020


MIXED = dict(
    lapsed=dict(lapse_date="2019-03-01", award="奖"),
    family=dict(family_granted_offices="US|EP"),
    old=dict(app_date="2009-05-05", grant_date="2012-01-01"),
    new_grant=dict(app_date="2019-01-01", grant_date="2020-04-01"),
    pending=dict(app_date="2020-02-02", grant_date=None, status="pending", pct=True),
    utility=dict(kind="utility", app_date="2020-03-03", grant_date="2020-09-09", pct=True),
    hk=dict(first_applicant_country="HK", app_date="2020-01-01", grant_date="2020-06-01"),
    invalid=dict(status="invalid", lapse_date=None),
)


@pytest.mark.parametrize("key", ["invention_valid", "high_value", "high_value_overseas_family",
                                 "high_value_maintained_10y", "invention_grants", "invention_applications",
                                 "pct_applications"])
def test_every_figure_opens_to_the_list_of_patents_behind_it(tmp_path, key):
    from .patent_records import explain

    rows = [patent(**fields) for fields in MIXED.values()]
    out = compute(tmp_path, rows, "330100", 2020)
    figure = out["high_value_by_criterion"][key.removeprefix("high_value_")] if key.startswith("high_value_") \
        else out[key]
    listed = explain(tmp_path, rows, key, "330100", 2020)
    assert len(listed) == figure
    # by hand: valid = family, old, new_grant; high = family, old; grants = new_grant;
    # applications (filed 2020) = pending; pct = pending, utility
    expected = {"invention_valid": 3, "high_value": 2, "high_value_overseas_family": 1,
                "high_value_maintained_10y": 1, "invention_grants": 1, "invention_applications": 1,
                "pct_applications": 2}
    assert figure == expected[key]
