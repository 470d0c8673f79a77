"""ip-indicators.md v1.1, second pass: input shapes and boundaries the first audit left open.

Every expected figure is worked by hand from the spec's words in the comment above it; the records
are authored here (patent_records.patent(): a domestic CN invention of 杭州市西湖区 330106, filed
2014-03-01, granted 2015-06-01, in force, no high-value criterion). Through the public entry
points: ``ipcity patents import --format canonical`` and ``ipcity indicators compute --json``.
"""

from __future__ import annotations

import pytest

from .patent_records import compute, patent
from .test_ip_indicators import _import

# ---- Attribution: "a row whose region cannot be derived is counted nowhere" ----------------------
# 西湖区 is a district of 杭州市 (330106) and of 南昌市 (360103); 朝阳区 of 北京市 (110105) and of
# 长春市 (220104); 鼓楼区 of 南京 (320106), 徐州 (320302), 福州 (350102) and 开封 (410204). A name
# or an address that starts with such a district and names no city does not say which one it is:
# the region cannot be derived, so the row counts nowhere and is reported unattributed. Where the
# text names the province, the row counts for the province only when the candidates that remain
# share it; a city written before the district settles it.


@pytest.mark.parametrize("name", ["西湖区某某科技有限公司", "朝阳区某某科技有限公司"])
def test_an_enterprise_name_starting_with_a_district_name_two_cities_share_counts_nowhere(tmp_path, name):
    # no code, no address, the name begins with an ambiguous county-level name → unattributed 1;
    # 0 in either city that has such a district
    _import(tmp_path, [patent(region_code=None, first_applicant_address=None, applicants=name)])
    for region in ("330100", "360100", "110000", "220100"):
        assert compute(tmp_path, "hand", region, 2020)["invention_valid"] == 0, region
    assert compute(tmp_path, "hand", "330100", 2020)["unattributed"] == 1


def test_an_address_starting_with_a_shared_district_name_counts_nowhere(tmp_path):
    # "西湖区文三路1号": no province, no city → which 西湖区 is not written → unattributed
    _import(tmp_path, [patent(region_code=None, first_applicant_address="西湖区文三路1号")])
    assert compute(tmp_path, "hand", "360100", 2020)["invention_valid"] == 0
    out = compute(tmp_path, "hand", "330100", 2020)
    assert (out["invention_valid"], out["unattributed"]) == (0, 1)


def test_a_province_or_city_written_before_a_shared_district_name_settles_it(tmp_path):
    # 浙江省西湖区… → only 杭州's 西湖区 is in 浙江 → 330106; 杭州西湖区… → 330106;
    # 江苏省鼓楼区… → 南京 and 徐州 both have one: the province 320000 is derived, no city
    _import(tmp_path, [patent(region_code=None, first_applicant_address="浙江省西湖区文三路1号"),
                       patent(region_code=None, first_applicant_address="杭州西湖区文三路2号"),
                       patent(region_code=None, first_applicant_address="江苏省鼓楼区中山路1号")])
    assert compute(tmp_path, "hand", "330106", 2020)["invention_valid"] == 2
    assert compute(tmp_path, "hand", "320000", 2020)["invention_valid"] == 1
    assert compute(tmp_path, "hand", "320100", 2020)["invention_valid"] == 0
    assert compute(tmp_path, "hand", "320300", 2020)["invention_valid"] == 0


def test_an_address_read_at_compute_time_follows_the_same_rule(tmp_path):
    # a canonical Parquet file read directly: the engine derives the region from the address
    rows = [patent(region_code=None, first_applicant_address="朝阳区建国路1号"),
            patent(region_code=None, first_applicant_address="北京市朝阳区建国路2号")]
    assert compute(tmp_path, rows, "110000", 2020)["invention_valid"] == 1
    assert compute(tmp_path, rows, "220100", 2020)["invention_valid"] == 0


@pytest.mark.parametrize(("name", "code"), [
    ("杭州市余杭区某某科技有限公司", "330110"),   # city + district, both in full, at the start → the district
    ("杭州余杭区某某科技有限公司", "330110"),     # the city's short name + the district in full
    ("浙江省杭州市余杭区某某科技有限公司", "330110"),
    ("北京市海淀区某某科技有限公司", "110108"),   # a municipality and its district
    ("杭州西湖龙井茶业有限公司", "330100"),       # 西湖 is a district's name only in part → the city
    ("浙江大学杭州某某科技有限公司", "330000"),   # 杭州 does not follow 浙江 in the region → the province
])
def test_the_region_that_begins_the_name_is_read_down_to_the_county(tmp_path, name, code):
    # 企业名称 = 行政区划 + 字号 + …: the region written at the start, as deep as it is written in full
    _import(tmp_path, [patent(region_code=None, first_applicant_address=None, applicants=name)])
    assert compute(tmp_path, "hand", code, 2020)["invention_valid"] == 1
    assert compute(tmp_path, "hand", code, 2020)["unattributed"] == 0


# ---- In force at Y, grants and flows: dates decide, not the status word --------------------------
# Each case: rows → (invention_valid, invention_grants, invention_applications, pct_applications) at
# 2020 for 330100, worked from the definitions (in force: invention, grant_date ≤ 2020-12-31, lapse
# empty or later than 2020-12-31; grants: grant_date in 2020; applications: invention rows filed in
# 2020; PCT: any kind, pct = true, filed in 2020; all: office CN and first_applicant_country CN).

FLOWS = {
    # lapse 2021-01-01 is later than 2020-12-31 → in force at 2020, whatever the status says
    "lapse_on_1_january_after": ([dict(lapse_date="2021-01-01", status="invalid")], (1, 0, 0, 0)),
    # status pending but a grant date: the dates say granted and in force
    "pending_word_with_a_grant_date": ([dict(status="pending")], (1, 0, 0, 0)),
    # status valid but no grant date: never granted → not in force
    "valid_word_without_a_grant_date": ([dict(grant_date=None)], (0, 0, 0, 0)),
    # utility and design grants are not inventions: in no figure here
    "utility_and_design": ([dict(kind="utility", grant_date="2020-05-05"),
                            dict(kind="design", grant_date="2020-05-05")], (0, 0, 0, 0)),
    # filed and granted on 29 February: grant in 2020 (a leap year), in force at 2020
    "leap_day_grant": ([dict(app_date="2016-02-29", grant_date="2020-02-29")], (1, 1, 0, 0)),
    # a rejected application (invalid, never granted) is still an application row of its year
    "rejected_application": ([dict(grant_date=None, status="invalid", app_date="2020-01-01")], (0, 0, 1, 0)),
    # invalid with a lapse date in 2020: in force until then, not at 2020-12-31
    "invalid_with_a_lapse_in_y": ([dict(status="invalid", lapse_date="2020-06-01")], (0, 0, 0, 0)),
    # a foreign first patentee's PCT filing, and a WO publication: not domestic / not office CN
    "foreign_pct_and_wo_rows": ([dict(first_applicant_country="US", pct=True, app_date="2020-01-01",
                                      grant_date=None, status="pending"),
                                 dict(office="WO", pct=True, app_date="2020-01-01", grant_date=None,
                                      status="pending")], (0, 0, 0, 0)),
    # 港澳台 first patentees are not domestic (国内，不含港澳台)
    "macao_and_taiwan": ([dict(first_applicant_country="MO"), dict(first_applicant_country="TW")], (0, 0, 0, 0)),
}


@pytest.mark.parametrize("case", FLOWS)
def test_stock_grants_and_flows_by_the_dates(tmp_path, case):
    rows, expected = FLOWS[case]
    out = compute(tmp_path, [patent(**fields) for fields in rows], "330100", 2020)
    keys = ("invention_valid", "invention_grants", "invention_applications", "pct_applications")
    assert tuple(out[k] for k in keys) == expected


def test_a_rejected_application_is_not_the_invalid_without_lapse_warning(tmp_path):
    # docs/indicators.md choice 4 (NOTES.md): the warning is about granted rows marked invalid with
    # no lapse date; a never-granted invalid row (驳回) normally has none. One of each → 1 warned.
    rows = [patent(grant_date=None, status="invalid", app_date="2019-01-01"), patent(status="invalid")]
    out = compute(tmp_path, rows, "330100", 2020)
    assert out["invention_valid"] == 0
    (warning,) = [w for w in out["warnings"] if w["code"] == "invalid_without_lapse"]
    assert warning["rows"] == 1


@pytest.mark.parametrize(("population", "expected"), [
    ("3", 1 * 10_000 / 3),          # 3333.33…: not rounded (the interface rounds)
    ("10000", 1.0),                 # 1 / 10,000 × 10,000
    ("12520000", 10_000 / 12_520_000),
])
def test_per_10k_divisor_cases(tmp_path, population, expected):
    # one patent in force, one of them high value (award): both per-10k figures equal 1 / p × 10,000
    out = compute(tmp_path, [patent(award="中国专利金奖")], "330100", 2020, "--population", population)
    assert out["invention_valid_per_10k"] == pytest.approx(expected, rel=1e-15)
    assert out["high_value_per_10k"] == pytest.approx(expected, rel=1e-15)
    assert out["population"] == float(population) and out["population_source"] == "given"


def test_a_negative_population_is_refused_not_divided(tmp_path):
    from click.testing import CliRunner

    from ipcity.cli.main import cli

    from .patent_records import write_parquet

    result = CliRunner().invoke(cli, ["indicators", "compute", "--dataset", write_parquet(tmp_path, [patent()]),
                                      "--region", "330100", "--year", "2020", "--population", "-5", "--json"])
    assert result.exit_code == 2


@pytest.mark.parametrize("option", ["--population", "--entities"])
@pytest.mark.parametrize("value", ["nan", "inf"])
def test_a_divisor_that_is_no_number_is_refused(tmp_path, option, value):
    # a NaN divisor would print NaN, which is not JSON; an infinite one a silent 0
    from click.testing import CliRunner

    from ipcity.cli.main import cli

    from .patent_records import write_parquet

    result = CliRunner().invoke(cli, ["indicators", "compute", "--dataset", write_parquet(tmp_path, [patent()]),
                                      "--region", "330100", "--year", "2020", option, value, "--json"])
    assert result.exit_code == 2 and option in result.output


def test_a_row_without_a_filing_date_is_rejected_with_its_line_and_the_rest_counts(tmp_path):
    # app_date is typed `YYYY-MM-DD` (grant_date and lapse_date are "date or empty"): a row without it
    # cannot be placed in any year's flow; it is rejected (line 2 of the file), the other row imported.
    # grant_date empty → not granted: in force 0 of that row. Figures: invention_valid 1 (row 3).
    import json

    from click.testing import CliRunner

    from ipcity.cli.main import cli

    from .test_ip_indicators import _canonical_csv

    path = _canonical_csv(tmp_path, [patent(app_date=None), patent(), patent(grant_date=None, status="pending")])
    result = CliRunner().invoke(cli, ["patents", "import", str(path), "--dataset", "hand", "--format", "canonical",
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["rows_imported"], report["rejected_count"]) == (2, 1)
    assert report["rejected"][0]["line"] == 2 and "app_date" in report["rejected"][0]["reason"]
    out = compute(tmp_path, "hand", "330100", 2020)
    assert (out["invention_valid"], out["invention_applications"]) == (1, 0)


def test_a_second_reading_of_the_counts_agrees_on_random_rows(tmp_path):
    # patent_oracle.py counts from the spec's text alone; 1,200 random rows (kinds, offices, countries,
    # codes at every level, grants and lapses on 1 January and 31 December, statuses that disagree
    # with the dates, criteria) → every count agrees, for regions of each level and several years
    import random

    from .patent_oracle import figures, random_rows
    from .patent_records import write_parquet

    rows = random_rows(random.Random(3), 1200)
    dataset = write_parquet(tmp_path, rows)
    for region, year in (("330000", 2020), ("330100", 2014), ("330106", 2024), ("110000", 2020),
                         ("110100", 2005), ("429000", 2020), ("420000", 2024), ("320100", 2020)):
        got = compute(tmp_path, dataset, region, year, "--pledge-threshold", "10000000")
        want = figures(rows, region, year, 10_000_000)
        got_by = {k: got["high_value_by_criterion"][k] for k in want["high_value_by_criterion"]}
        assert {**{k: got[k] for k in want}, "high_value_by_criterion": got_by} == want, (region, year)


def test_status_and_kind_words_as_exports_write_them_and_the_dates_decide(tmp_path):
    # status words map to valid / invalid / pending (有效, 失效, 审中; an event list 授权;未缴年费 ends in
    # a lapse → invalid; 权利恢复 → valid) and kind words to the canonical kinds (发明, 发明专利, 实用新型).
    # In force at 2020 by the dates: 有效 (no lapse) yes; 失效 lapsed 2019 no; 审中 utility no;
    # 授权;未缴年费 lapsed 2021-05-05 → still in force at 2020-12-31; 权利恢复 yes → 3
    import json

    from click.testing import CliRunner

    from ipcity.cli.main import cli

    from .test_ip_indicators import _canonical_csv

    rows = [patent(status="有效", kind="发明"), patent(status="失效", lapse_date="2019-01-01", kind="发明专利"),
            patent(status="审中", grant_date=None, kind="实用新型"),
            patent(status="授权;未缴年费", lapse_date="2021-05-05"), patent(status="权利恢复")]
    result = CliRunner().invoke(cli, ["patents", "import", str(_canonical_csv(tmp_path, rows)), "--dataset", "hand",
                                      "--format", "canonical", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rejected_count"] == 0
    assert compute(tmp_path, "hand", "330100", 2020)["invention_valid"] == 3
