"""Every value parser on its own: dates, kinds, statuses, offices, numbers, lists, IPC, regions."""

from __future__ import annotations

import datetime as dt

import pytest

from ipcity.analytics import addresses
from ipcity.analytics import cell_values as cv


@pytest.mark.parametrize("raw", ["2021-03-04", "2021/3/4", "20210304", "2021.03.04", "2021年3月4日",
                                 "2021 年 3 月 4 日", "2021-03-04 00:00:00", "2021-03-04T12:30:00", 44259,
                                 44259.0, "44259", 20210304, dt.datetime(2021, 3, 4, 8, 0), dt.date(2021, 3, 4)])
def test_dates_in_every_common_form(raw):
    assert cv.parse_date(raw) == dt.date(2021, 3, 4)


def test_excel_serials_around_the_1900_leap_bug():
    assert cv.parse_date(1) == dt.date(1899, 12, 31)  # Excel shows 1900-01-01; documented offset
    assert cv.parse_date(61) == dt.date(1900, 3, 1)
    assert cv.parse_date(45658) == dt.date(2025, 1, 1)


@pytest.mark.parametrize("raw", [45658, 45658.0, "45658"])
def test_serials_switch_reads_or_refuses_a_bare_number(raw):
    assert cv.parse_date(raw) == dt.date(2025, 1, 1)  # serials=True, the importers' default
    with pytest.raises(ValueError):
        cv.parse_date(raw, serials=False)  # a hand-typed sheet: a day count is not a date


@pytest.mark.parametrize("raw", [20250101, 20250101.0, "20250101", "2025-01-01", "2025 - 1 - 1",
                                 "2025年1月1日 09:30", "２０２５－０１－０１"])
def test_without_serials_every_written_form_still_reads(raw):
    assert cv.parse_date(raw, serials=False) == dt.date(2025, 1, 1)
    assert cv.parse_date(raw) == dt.date(2025, 1, 1)


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "无", float("nan")])
def test_empty_dates(raw):
    assert cv.parse_date(raw) is None


@pytest.mark.parametrize("raw", ["2021-13-01", "2021-02-30", "next week", "3/4/2021x", -5])
def test_bad_dates_raise(raw):
    with pytest.raises(ValueError):
        cv.parse_date(raw)


@pytest.mark.parametrize(("raw", "kind"), [
    ("发明申请", "invention"), ("授权发明", "invention"), ("发明", "invention"), ("发明专利", "invention"),
    ("实用新型", "utility"), ("外观设计", "design"), ("外观", "design"), ("invention", "invention"),
    ("GRANTED_PATENT", "invention"), ("UTILITY_MODEL", "utility"), ("DESIGN_RIGHT", "design"),
])
def test_kind_words(raw, kind):
    assert cv.parse_kind(raw) == kind


def test_unknown_kind_raises():
    with pytest.raises(ValueError, match="unknown patent type"):
        cv.parse_kind("集成电路布图")


@pytest.mark.parametrize(("pub", "kind", "grant"), [
    ("CN114000001A", "invention", False), ("CN114000001B", "invention", True), ("CN1234567C", "invention", True),
    ("CN214000002U", "utility", True), ("CN2345678Y", "utility", True), ("CN306000003S", "design", True),
    ("US11000003B2", "invention", True), ("US20210123456A1", "invention", False), ("USD900000S", "design", True),
    ("EP4000000A1", "invention", False), ("EP4000000B1", "invention", True), ("WO2021000001A1", "invention", False),
    ("DE202021000001U1", "utility", False),
])
def test_kind_code_fallback(pub, kind, grant):
    assert cv.kind_from_pub_number(pub) == kind
    assert cv.is_grant_publication(pub) is grant


@pytest.mark.parametrize(("raw", "status"), [
    ("有效", "valid"), ("授权", "valid"), ("专利权维持", "valid"), ("失效", "invalid"), ("未缴年费", "invalid"),
    ("期限届满", "invalid"), ("驳回", "invalid"), ("撤回", "invalid"), ("视为撤回", "invalid"), ("放弃", "invalid"),
    ("无效", "invalid"), ("全部无效", "invalid"), ("部分无效", "valid"), ("权利终止", "invalid"), ("审中", "pending"),
    ("实质审查", "pending"), ("公开", "pending"), ("授权;未缴年费", "invalid"), ("公开;实质审查;授权", "valid"),
    ("权利转移", "valid"), ("PCT指定期满", "invalid"), ("PCT指定期内", "pending"), ("valid", "valid"),
    ("invalid", "invalid"), ("pending", "pending"), ("Dead", "invalid"), ("ACTIVE", "valid"), ("PENDING", "pending"),
])
def test_status_words(raw, status):
    assert cv.parse_status(raw) == status


def test_unknown_status_raises():
    # (A bibliographic change, 著录项目变更, once raised here too: it tells no status, so it is
    # now None and the row is kept; see test_more_status_words_of_real_exports.)
    with pytest.raises(ValueError, match="unknown legal status"):
        cv.parse_status("XYZ")


def test_lapse_words():
    assert cv.status_means_lapse("未缴年费") and cv.status_means_lapse("期限届满")
    assert not cv.status_means_lapse("驳回") and not cv.status_means_lapse("部分无效")


@pytest.mark.parametrize(("raw", "code"), [
    ("中国", "CN"), ("俄罗斯", "RU"), ("俄罗斯联邦", "RU"), ("美国", "US"), ("欧洲专利局", "EP"),
    ("世界知识产权组织", "WO"), ("日本", "JP"), ("韩国", "KR"), ("中国台湾", "TW"), ("中国香港", "HK"),
    ("cn", "CN"), ("DE", "DE"), ("中国;美国", "CN"), ("United States", "US"),
])
def test_offices(raw, code):
    assert cv.country_code(raw) == code


def test_unknown_office_raises():
    with pytest.raises(ValueError, match="unknown office"):
        cv.country_code("火星")


def test_country_in_address():
    assert cv.country_in_text("美国加利福尼亚州库比蒂诺") == "US"
    assert cv.country_in_text("日本东京都港区") == "JP"
    assert cv.country_in_text("深圳市南山区") is None


@pytest.mark.parametrize(("raw", "yuan"), [
    ("300万元", 3_000_000.0), ("300 万", 3_000_000.0), ("1.5亿元", 150_000_000.0), ("12,000元", 12_000.0),
    ("5000", 5_000.0), (5000, 5_000.0), ("100万元;50万元", 1_500_000.0), ("人民币200万元", 2_000_000.0), (None, None),
])
def test_amounts(raw, yuan):
    assert cv.parse_amount(raw) == yuan


def test_bare_amount_uses_the_column_unit():
    assert cv.unit_factor_of_header("质押金额(万元)") == 10_000
    assert cv.parse_amount("300", cv.unit_factor_of_header("质押金额(万元)")) == 3_000_000
    assert cv.parse_amount(300, 10_000) == 3_000_000


def test_bad_amount_raises():
    with pytest.raises(ValueError):
        cv.parse_amount("三百万")


@pytest.mark.parametrize(("raw", "names"), [
    ("深圳市甲公司;乙大学", ["深圳市甲公司", "乙大学"]), ("甲公司；乙公司", ["甲公司", "乙公司"]),
    ("甲公司|乙公司", ["甲公司", "乙公司"]), ("甲公司、乙公司", ["甲公司", "乙公司"]),
    ("甲公司,乙公司", ["甲公司", "乙公司"]), ("APPLE INC.;;SONY CORP", ["APPLE INC.", "SONY CORP"]),
    ("Apple, Inc.", ["Apple, Inc."]), ("", []),
])
def test_applicant_lists(raw, names):
    assert cv.split_names(raw) == names


def test_ipc_main_first_spaces_removed_no_repeats():
    assert cv.parse_ipc("G06N 3/08; G06F 16/36", "G06F 16/36") == "G06F16/36|G06N3/08"
    assert cv.parse_ipc("G06F16/36(2019.01)|H04L 9/32") == "G06F16/36|H04L9/32"
    assert cv.parse_ipc(None, None) is None


def test_publication_numbers():
    assert cv.parse_pub_number(" cn 114000001 b ") == "CN114000001B"
    assert cv.parse_pub_number("CN_114000001_B") == "CN114000001B"
    assert cv.parse_app_number("ZL202110012345.6") == "CN202110012345.6"
    with pytest.raises(ValueError):
        cv.parse_pub_number("一种方法")
    # the longest the platform's tables hold (cv.PUB_NUMBER_MAX_LENGTH) is read; one more is refused
    longest = "CN" + "1" * (cv.PUB_NUMBER_MAX_LENGTH - 3) + "B"
    assert cv.parse_pub_number(longest) == longest
    with pytest.raises(ValueError, match="longer than 32"):
        cv.parse_pub_number("CN1" + longest[2:])


@pytest.mark.parametrize(("raw", "value"), [("是", True), ("true", True), ("否", False), ("FALSE", False), ("", None)])
def test_flags(raw, value):
    assert cv.parse_bool(raw) is value


def test_addresses_to_regions():
    found = addresses.regions_of_addresses(["广东省深圳市南山区科技园", "浙江省杭州市", "美国加州", None, "香港九龙"])
    assert found == ["440305", "330100", None, None, "810000"]
    assert addresses.country_of_region("810000") == "HK" and addresses.country_of_region("440305") == "CN"


def test_organisation_names_to_regions():
    found = addresses.regions_of_organisation_names(
        ["深圳市星河科技有限公司", "北京百度网讯科技有限公司", "东方电气集团", "华为技术有限公司", "南山区甲公司",
         "深圳市南山区乙公司", "枞阳县丙公司"])
    # 南山区 alone is 深圳's (440305) or 鹤岗's (230404): not derivable, so none (ip-indicators.md)
    assert found == ["440300", "110000", None, None, None, "440305", "340722"]


def test_numbers_typed_in_full_width_characters_read_as_their_ascii():
    # A Chinese input method left in full-width mode: ＣＮ１１４… and ＺＬ２０２１…．６ in a hand-kept list
    assert cv.parse_pub_number("ＣＮ１１４０００００１Ｂ") == "CN114000001B"
    assert cv.parse_app_number("ＺＬ２０２１１００１２３４５．６") == "CN202110012345.6"


@pytest.mark.parametrize(("raw", "status"), [
    ("在审", "pending"), ("待审", "pending"),  # other platforms' word for 审中
    ("PCT未进入指定国", "invalid"),  # a PCT application that entered no national phase there
    ("著录事项变更", None), ("专利权人的姓名或者名称、地址的变更", None),  # the latest event tells no status
    ("授权;著录事项变更", "valid"),
])
def test_more_status_words_of_real_exports(raw, status):
    assert cv.parse_status(raw) == status
