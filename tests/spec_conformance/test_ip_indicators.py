"""ip-indicators.md v1.1: the clauses test_indicators_counting.py and test_indicators_criteria.py
leave open, with hand-worked counts in the comments. Records are authored here (patent_records.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcity.analytics.schema import CANONICAL_COLUMNS
from ipcity.cli.main import cli

from .patent_records import compute, patent, write_sei


def _canonical_csv(tmp_path: Path, rows: list[dict]) -> Path:
    lines = [",".join(CANONICAL_COLUMNS)]
    for row in rows:
        lines.append(",".join("" if row[c] is None else str(row[c]).lower() if isinstance(row[c], bool)
                              else str(row[c]) for c in CANONICAL_COLUMNS))
    path = tmp_path / "canonical.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(tmp_path: Path, rows: list[dict], dataset: str = "hand") -> None:
    result = CliRunner().invoke(cli, ["patents", "import", str(_canonical_csv(tmp_path, rows)), "--dataset", dataset,
                                      "--format", "canonical"])
    assert result.exit_code == 0, result.output


# ---- Attribution: code, else address, else the region that begins the enterprise name ----------

NAMED = [
    patent(region_code="340705"),                                                     # code: 铜官区
    patent(region_code=None, first_applicant_address="安徽省铜陵市铜官区长江路1号"),     # address → 340705
    patent(region_code=None, first_applicant_address=None, applicants="铜陵某新材料股份有限公司"),  # name → 340700
    patent(region_code=None, first_applicant_address=None, applicants="枞阳县某某有限公司|上海某公司"),  # county, in full
    patent(region_code=None, first_applicant_address=None, applicants="某某铜陵新材料有限公司"),  # not at the start
    patent(region_code=None, first_applicant_address=None, applicants="东方电气集团有限公司"),  # 东方(市) not in full
]


def test_the_region_comes_from_the_code_the_address_or_the_start_of_the_enterprise_name(tmp_path):
    _import(tmp_path, NAMED)
    # 铜陵市 (340700): code, address, name 铜陵…, name 枞阳县… (a county of 铜陵市) = 4
    out = compute(tmp_path, "hand", "340700", 2020)
    assert out["invention_valid"] == 4
    assert compute(tmp_path, "hand", "340722", 2020)["invention_valid"] == 1  # 枞阳县 itself
    assert compute(tmp_path, "hand", "340705", 2020)["invention_valid"] == 2  # code + address
    # 某某铜陵… (the region not at the start) and 东方电气… (a county-level name not in full): nowhere
    assert out["unattributed"] == 2
    assert compute(tmp_path, "hand", "460000", 2020)["invention_valid"] == 0  # 东方市 is in 海南省


def test_how_many_rows_were_attributed_by_address_and_by_name_is_shown_with_the_figures(tmp_path):
    # "how many rows were attributed by address and by name is shown with the figures":
    # by address: the 铜官区 address = 1; by name: 铜陵某… and 枞阳县… = 2 (the whole dataset, as unattributed)
    _import(tmp_path, NAMED)
    out = compute(tmp_path, "hand", "340700", 2020)
    assert out["attribution"]["patent"] == {"by_address": 1, "by_name": 2}


def test_an_import_made_before_the_address_count_was_kept_shows_it_unknown_not_zero(tmp_path):
    # A manifest of an import made before 2026-12-06 has the name count but no address count: the
    # figures must not claim 0 rows were placed by address (the 铜官区 address was).
    _import(tmp_path, NAMED)  # the data directory is tmp_path / "data" (conftest)
    (manifest_path,) = (tmp_path / "data").glob("**/manifest.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest.pop("attribution_counted") is True
    del manifest["notes"]["region from the first patentee's address"]
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert compute(tmp_path, "hand", "340700", 2020)["attribution"]["patent"] == {"by_address": None, "by_name": 2}


def test_a_dataset_written_whole_and_not_imported_has_its_address_count(tmp_path):
    """Found in the field: the demo's freshly written synthetic dataset showed 该数据集导入较早 (its
    manifest carries no import notes). No import means nothing was placed at import: the count is
    the compute-time one, not unknown."""
    from ipcity.analytics import datasets
    from ipcity.analytics.synth import synth_batches

    datasets.write_dataset("fresh", synth_batches(200, seed=1), {"format": "synth", "seed": 1, "demo": 1})
    assert compute(tmp_path, "fresh", "340700", 2020)["attribution"]["patent"]["by_address"] is not None


def test_the_name_is_read_only_where_there_is_no_address(tmp_path):
    # "where there is no address, from the region that begins the first patentee's enterprise name":
    # an address that names no region (地址不详) is still an address, so 铜陵某… is not read → unattributed
    _import(tmp_path, [patent(region_code=None, first_applicant_address="地址不详", applicants="铜陵某新材料股份有限公司")])
    out = compute(tmp_path, "hand", "340700", 2020)
    assert out["invention_valid"] == 0 and out["unattributed"] == 1


def test_attribution_by_address_at_compute_time_is_shown_too(tmp_path):
    # A canonical Parquet file read directly: the empty code is derived from the address when the
    # figures are computed. By address: 2 (宁波 ×2); by name: 0; unattributed: 1.
    rows = [patent(region_code=None, first_applicant_address="浙江省宁波市海曙区中山西路2号"),
            patent(region_code="", first_applicant_address="浙江省宁波市海曙区中山西路3号"),
            patent(region_code=None, first_applicant_address="地址不详"), patent()]
    out = compute(tmp_path, rows, "330200", 2020)
    assert out["invention_valid"] == 2 and out["unattributed"] == 1
    assert out["attribution"]["patent"] == {"by_address": 2, "by_name": 0}


# ---- In force at Y: lapsed, then restored ------------------------------------------------------

def test_a_patent_lapsed_then_restored_is_read_by_its_dates(tmp_path):
    # A patent that lapsed for unpaid fees and was restored (权利恢复) carries no lapse date again
    # in a current export: in force in every year from its grant. One whose export still records
    # the lapse (2019-03-01) is in force 2015-2018 only, whatever its status says.
    restored = patent(lapse_date=None, status="valid")
    recorded = patent(lapse_date="2019-03-01", status="valid")
    for year, expected in ((2014, 0), (2015, 2), (2018, 2), (2019, 1), (2020, 1)):
        assert compute(tmp_path, [restored, recorded], "330100", year)["invention_valid"] == expected, year


def test_granted_and_lapsed_on_the_same_31_december(tmp_path):
    # grant 2020-12-31 ≤ Y-12-31 but lapse 2020-12-31 is not later than Y-12-31 → not in force at 2020;
    # it still counts as a grant of 2020 (grant_date in Y)
    rows = [patent(app_date="2019-01-01", grant_date="2020-12-31", lapse_date="2020-12-31")]
    out = compute(tmp_path, rows, "330100", 2020)
    assert (out["invention_valid"], out["invention_grants"]) == (0, 1)


# ---- Flows on the year boundary ---------------------------------------------------------------

def test_applications_and_pct_on_31_december_and_1_january(tmp_path):
    # app_date 2020-12-31 is in 2020; 2021-01-01 is in 2021 (both are invention and PCT rows)
    rows = [patent(app_date="2020-12-31", grant_date=None, status="pending", pct=True),
            patent(app_date="2021-01-01", grant_date=None, status="pending", pct=True)]
    for year in (2020, 2021):
        out = compute(tmp_path, rows, "330100", year)
        assert (out["invention_applications"], out["pct_applications"]) == (1, 1), year


def test_a_region_with_no_rows_has_zero_counts_not_nulls(tmp_path):
    # 0 patents in 330200; with a population the per-10k figures are 0 / p × 10,000 = 0.0
    out = compute(tmp_path, [patent()], "330200", 2020, "--population", "1000000")
    assert (out["invention_valid"], out["high_value"], out["invention_grants"]) == (0, 0, 0)
    assert out["invention_valid_per_10k"] == 0 and out["high_value_per_10k"] == 0


def test_a_zero_population_gives_null_per_10k_with_the_reason_never_a_division_by_zero(tmp_path):
    # population 0 is no population: per-10k null, warning no_population (the counts stay)
    out = compute(tmp_path, [patent()], "330100", 2020, "--population", "0")
    assert out["invention_valid"] == 1 and out["invention_valid_per_10k"] is None
    assert "no_population" in {w["code"] for w in out["warnings"]}


# ---- SEI keyword mode: the phrase is split at 、；;，, --------------------------------------------

@pytest.mark.parametrize("separator", ["、", "；", ";", "，", ","])
def test_keyword_phrase_is_split_at_each_separator(tmp_path, separator):
    # keywords "云计算<sep>边缘计算": a title with 边缘计算 only meets the rule in ipc_and_keyword mode
    sei = write_sei(tmp_path, [("G06F*", "", f"云计算{separator}边缘计算")])
    rows = [patent(ipc="G06F9/50", title="一种边缘计算调度方法", abstract="调度。"),
            patent(ipc="G06F9/50", title="一种调度方法", abstract="调度。")]
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", sei, "--sei-mode", "ipc_and_keyword")
    assert out["high_value_by_criterion"]["sei"] == 1
    assert out["parameters"]["sei_mode"] == "ipc_and_keyword"


# ---- maintained_10y with a leap day; pledge threshold exactly on ---------------------------------

@pytest.mark.parametrize(("app_date", "year", "meets"), [
    ("2012-02-29", 2022, True),   # + 10 years = 2022-02-28 (no 29th) < 2022-12-31
    ("2012-12-31", 2022, False),  # 2022-12-31 is not earlier than 2022-12-31
    ("2012-12-31", 2023, True),   # 2022-12-31 < 2023-12-31
])
def test_maintained_10y_on_the_year_boundary(tmp_path, app_date, year, meets):
    out = compute(tmp_path, [patent(app_date=app_date, grant_date="2014-06-01")], "330100", year)
    assert out["high_value_by_criterion"]["maintained_10y"] == int(meets)


# ---- SEI exclusions are read like patterns -------------------------------------------------------

def test_an_exclusion_with_neither_star_nor_slash_excludes_the_whole_main_group(tmp_path):
    # rule: H04L* except H04L12 (read as H04L12*): H04L9/40 meets, H04L12/28 and H04L12/00 do not,
    # H04L120/00 (main group 120) is not excluded → sei = 2
    sei = write_sei(tmp_path, [("H04L*", "H04L12", "")])
    rows = [patent(ipc="H04L9/40"), patent(ipc="H04L12/28"), patent(ipc="H04L12/00"), patent(ipc="H04L120/00")]
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", sei)
    assert out["high_value_by_criterion"]["sei"] == 2


def test_a_patent_meeting_several_criteria_counts_once_in_high_value_and_once_per_criterion(tmp_path):
    # A: family + award + maintained (filed 2009); B: award only; C: none → high_value 2;
    # by criterion: overseas_family 1, award 2, maintained_10y 1 (2009-01-01 + 10 y < 2020-12-31)
    rows = [patent(family_granted_offices="US|EP", award="中国专利金奖", app_date="2009-01-01", grant_date="2011-01-01"),
            patent(award="中国专利优秀奖"), patent()]
    out = compute(tmp_path, rows, "330100", 2020)
    by = out["high_value_by_criterion"]
    assert out["high_value"] == 2 and (by["overseas_family"], by["award"], by["maintained_10y"]) == (1, 2, 1)
