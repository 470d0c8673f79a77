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
