"""The rules found by field-testing ``ipcity records import`` on real record layouts
(tests/record_formats/real_layouts/NOTES.md), each on **authored** rows: the header spellings and
value formats are the real layouts' (facts); every name, number, date and place is invented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ipcity.analytics import datasets, record_import
from ipcity.analytics.record_columns import choose_columns, party_names
from ipcity.analytics.record_import import RecordImportFailed

D = dt.date


def _import(tmp_path: Path, kind: str, text: str) -> tuple[record_import.ImportReport, dict[str, dict]]:
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    report = record_import.import_records(path, kind, "city", data_dir=tmp_path)
    table = pq.read_table(datasets.kind_path("city", kind, data_dir=tmp_path)).to_pylist()
    return report, {row["reg_number"]: row for row in table}


def test_a_cnipa_detail_page_copied_into_a_table_imports(tmp_path: Path):
    # 中国商标网's detail page labels: 注册号/申请号, 国际分类号, and a term with wide spaces round 至.
    report, rows = _import(tmp_path, "trademark",
                           "注册号/申请号,国际分类号,申请日期,申请人名称(中文),申请人地址(中文),初审公告日期,注册公告日期,"
                           "专用权期限,优先权日期,商标类型,是否共有商标\n"
                           "9000001,39,2011-01-05,甲乡村旅游专业合作社,四川省成都市某县某镇,2012-04-13,2012-07-14,"
                           "2012年07月14日    至    2022年07月13日,无,集体商标,否\n")
    assert report.format == "trademark_columns"
    row = rows["9000001"]
    assert (row["nice_class"], row["mark_type"], row["reg_date"], row["expiry_date"]) == (
        39, "collective", D(2012, 7, 14), D(2022, 7, 13))


def test_the_terms_two_ends_in_columns_of_their_own(tmp_path: Path):
    # A warehouse table's 专用权期限开始日期/截止日期: the start of a renewed term is taken back to
    # the registration (as the 专用权期限 range's start is), the end is the expiry.
    _, rows = _import(tmp_path, "trademark",
                      "注册号,申请号,尼斯分类号,当前权利状态名称,商标类型名称,申请日期,专用权期限开始日期,专用权期限截止日期\n"
                      "7000001,7000001,29,已注册,证明商标,2008-12-30,2020-09-14,2030-09-13\n"
                      "7000002,7000002,09,待审中,普通商标,2021-10-11,,\n")
    renewed, pending = rows["7000001"], rows["7000002"]
    assert (renewed["reg_date"], renewed["expiry_date"], renewed["status"]) == (
        D(2010, 9, 14), D(2030, 9, 13), "registered")
    assert (pending["nice_class"], pending["reg_date"], pending["status"]) == (9, None, "pending")


def test_an_api_s_keys_are_headers_and_its_status_words_beat_its_status_codes(tmp_path: Path):
    # 企查查's trademark rows: RegNo, IntCls, AppDate with a time, Status (a code) and FlowStatusDesc.
    report, rows = _import(tmp_path, "trademark",
                           "Id,RegNo,IntCls,Name,AppDate,ApplicantCn,Status,FlowStatus,FlowStatusDesc\n"
                           "X1,16000001,45,甲,2015/3/4 0:00:00,苏州甲网络科技有限公司,4,224,商标注册申请受理通知书发文\n"
                           "X2,15000002,42,乙,2014/9/22 0:00:00,苏州甲网络科技有限公司,2,202,商标无效\n")
    assert report.rejected_count == 0
    assert rows["16000001"]["app_date"] == D(2015, 3, 4)
    assert [rows[k]["status"] for k in ("16000001", "15000002")] == ["pending", "invalid"]
    assert rows["16000001"]["region_code"] == "320500"  # 苏州… from the holder's name


def test_the_current_holder_comes_before_the_applicant_of_record():
    choice = choose_columns("trademark", ["注册证号", "国际分类", "申请人中文名称", "权利人中文名称", "申请日期"])
    assert choice.header_of("holders") == "权利人中文名称"
    assert choice.header_of("reg_number") == "注册证号"


def test_shang_biao_lei_bie_is_not_the_nice_class():
    # The enterprise-data services' 商标类别 is the form of the mark (普通商标…), not a class.
    choice = choose_columns("trademark", ["注册号", "国际分类", "商标类别", "申请日期"])
    assert choice.fields["nice_class"] == [1]


def test_a_file_without_an_application_date_column_is_refused_naming_it(tmp_path: Path):
    path = tmp_path / "no_app_date.csv"
    path.write_text("商标名称,注册证号,国际分类,商标状态,专用期开始时间,注册日期,专用期结束时间,权利人中文名称\n"
                    "甲,20000001,42,商标已注册,2017-08-28,2017-08-28,2027-08-27,杭州甲科技有限公司\n", encoding="utf-8")
    with pytest.raises(RecordImportFailed) as caught:
        record_import.import_records(path, "trademark", "city", data_dir=tmp_path)
    assert "No column for app_date (one of: 商标申请日期, 申请日期" in str(caught.value)
    assert datasets.kind_path("city", "trademark", data_dir=tmp_path) is None


def test_a_list_of_geographical_indication_products_is_refused_saying_what_it_is(tmp_path: Path):
    _import(tmp_path, "trademark", "注册号,国际分类,申请日期\n8000001,31,2010-01-04\n")
    path = tmp_path / "gi.csv"
    path.write_text("公告号,公告日期,产品名称,公告类型,所在地域,保护范围,申请人名称\n"
                    "2010年第1号,2010-09-01,某溪竹笋,批准公告,浙江省某县,某县某镇现辖行政区域,某县农业局\n",
                    encoding="utf-8")
    with pytest.raises(RecordImportFailed) as caught:
        record_import.import_records(path, "trademark", "city", data_dir=tmp_path)
    assert "not a trademark file" in str(caught.value) and "地理标志产品" in str(caught.value)
    kept = pq.read_table(datasets.kind_path("city", "trademark", data_dir=tmp_path)).to_pylist()
    assert [r["reg_number"] for r in kept] == ["8000001"]  # the dataset as it was


def test_software_rows_under_an_api_s_keys(tmp_path: Path):
    # 企查查's software copyright rows: RegisterNo, Owner, RegisterAperDate as an ISO timestamp.
    report, rows = _import(tmp_path, "copyright",
                           "Category,RegisterNo,Name,ShortName,Owner,VersionNo,PublishDate,RegisterAperDate\n"
                           "30200-0000,2016SR000001,甲软件,,苏州甲网络科技有限公司,V1.0,2016-05-27T00:00:00+08:00,"
                           "2016-10-27T00:00:00+08:00\n")
    assert report.format == "copyright_columns"
    row = rows["2016SR000001"]
    assert (row["work_type"], row["category"], row["reg_date"], row["owners"]) == (
        "software", None, D(2016, 10, 27), "苏州甲网络科技有限公司")


def test_a_warehouse_s_zhu_ce_hao_is_the_registration_number(tmp_path: Path):
    # Enterprise-data warehouses label the 登记号 注册号 and the owner's country 国家.
    _, rows = _import(tmp_path, "copyright",
                      "注册号,作品名称,作品类别,著作权人,国家,省,市,登记日期\n"
                      "国作登字-2023-F-00000001,甲吉祥物,美术,丙某,中国,浙江省,杭州市,2023-05-20\n"
                      "浙作登字-2022-I-00000002,乙摄影集,摄影,丁某,中国,浙江省,湖州市,2022-03-18\n")
    assert [(r["work_type"], r["category"], r["first_owner_country"]) for r in rows.values()] == [
        ("work", "美术", "CN"), ("work", "摄影", "CN")]


@pytest.mark.parametrize(("cell", "names"), [
    ("北京甲软件技术有限公司北京甲通讯技术有限公司", "北京甲软件技术有限公司|北京甲通讯技术有限公司"),
    ("甲有限责任公司乙有限公司丙股份有限公司", "甲有限责任公司|乙有限公司|丙股份有限公司"),
    ("甲有限公司北京分公司", "甲有限公司北京分公司"),  # a branch is no company of its own
    ("甲集团有限公司", "甲集团有限公司"),
    ("张某；李某", "张某|李某"),
])
def test_company_names_run_together_are_told_apart(cell: str, names: str):
    assert party_names(cell) == names


# CNIPA's flow words in 商标状态, as a trademark search service groups them into 已注册 / 已销亡 /
# 已驳回 / 待审中 (NOTES.md, "status words"); 已驳回 is the spec's invalid (a refused application is
# in force nowhere). Two of that grouping are read otherwise on purpose (see NOTES.md).
@pytest.mark.parametrize(("word", "status"), [
    ("商标已注册", "registered"), ("商标注册申请完成", "registered"), ("等待注册证发文", "registered"),
    ("商标注册申请注册公告排版完成", "registered"), ("驳回复审注册公告排版完成", "registered"),
    ("商标续展完成", "registered"), ("许可合同备案完成", "registered"), ("出具商标注册证明中", "registered"),
    ("核准证明打印发送", "registered"), ("冻结商标中", "registered"), ("排版送达公告(商标注册证)", "registered"),
    ("备案公告", "registered"),
    ("商标无效", "invalid"), ("注册申请部分驳回", "invalid"), ("等待驳回通知发文", "invalid"),
    ("商标注册申请驳回通知发文", "invalid"), ("打印驳回或部分驳回通知书", "invalid"), ("未续展商标注销公告", "invalid"),
    ("商标注册申请等待受理中", "pending"), ("驳回复审中", "pending"), ("商标异议申请中", "pending"),
    ("商标注册申请等待驳回复审", "pending"), ("评审分案", "pending"), ("初步审定公告", "pending"),
])
def test_cnipa_flow_words(word: str, status: str):
    from ipcity.analytics.record_values import parse_trademark_status

    assert parse_trademark_status(word)[0] == status


def test_a_term_column_holding_a_bare_zhi_is_no_term(tmp_path: Path):
    # A warehouse's 商标使用期限时间段 is '至' where the mark has no term yet; its
    # 专用权期限结束日期 is the expiry where there is one.
    report, rows = _import(tmp_path, "trademark",
                           "注册号,国际分类,商标状态,申请日期,专用权期限开始日期,专用权期限结束日期,商标使用期限时间段\n"
                           "6000001,30,等待驳回通知发文,2019-08-30,,,至\n"
                           "6000002,25,商标续展完成,2009-04-11,,2030-10-06,2020-10-07至2030-10-06\n")
    assert report.rejected_count == 0
    assert (rows["6000001"]["status"], rows["6000001"]["reg_date"]) == ("invalid", None)
    assert (rows["6000002"]["reg_date"], rows["6000002"]["expiry_date"]) == (D(2010, 10, 7), D(2030, 10, 6))


@pytest.mark.parametrize(("cell", "category"), [
    ("A 文字", "文字"), ("F 美术", "美术"), ("G 摄影", "摄影"), ("K 地图、示意图", "地图、示意图"),
    ("I 类似摄制电影方法创作作品", "类似摄制电影方法创作"), ("美术作品", "美术"), ("AI绘画", "AI绘画"),
])
def test_a_work_category_loses_its_register_code_letter(cell: str, category: str):
    from ipcity.analytics.record_values import parse_category

    assert parse_category(cell) == category


def test_prefixed_copyright_headers_of_a_soft_assets_table(tmp_path: Path):
    _, works = _import(tmp_path, "copyright",
                       "登记号,作品名称,作品著作权类别,作品著作权登记日期,作品著作权创作完成日期,著作权人\n"
                       "国作登字-2016-F-00000001,甲标志,F 美术,2016-08-02,2016-03-01,甲有限公司\n")
    assert (works["国作登字-2016-F-00000001"]["category"], works["国作登字-2016-F-00000001"]["reg_date"]) == (
        "美术", D(2016, 8, 2))
    _, software = _import(tmp_path, "copyright",
                          "登记号,软件全称,软件著作权版本号,软件著作权登记批准日期,著作权人\n"
                          "2017SR000001,甲平台,V1.0,2017年05月27日,甲有限公司\n")
    assert software["2017SR000001"]["reg_date"] == D(2017, 5, 27)
