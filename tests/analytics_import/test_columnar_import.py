"""The columnar mapper gives exactly what the row-by-row mapper gave: records, rejections, notes.

Property tests: hypothesis writes export batches (a random choice of known headers, fallback
columns included, cells drawn from good, odd and bad values, text and spreadsheet types), and
both mappers map them; the staged Arrow tables (the Parquet the importer writes) must be equal,
as must the rejected lines with their reasons and the counted notes. The reference is the old
mapper, kept in ``rowmap_reference.py``. Plus the columnar helpers' own rules, worked by hand.
The cell pools below are authored for these tests (no shared data copied).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcity.analytics import addresses, columnar, distinct_values, importer
from ipcity.analytics import cell_values as cv
from ipcity.analytics.formats import detect_format, map_columns
from ipcity.analytics.rowmap import RowMapper
from ipcity.analytics.schema import CANONICAL_COLUMNS, OPTIONAL_COLUMNS
from tests.analytics_import.rowmap_reference import RowMapper as ReferenceMapper

DATES = ["2021-03-04", "2021/3/4", "20210304", "2021.03.04", "2021年3月4日", " 2019-12-31 ", "2021-02-30", "bad",
         "", "-", "44687", dt.date(2020, 5, 6), dt.datetime(2018, 1, 2, 3, 4), 44687, 44687.0, 20210304, None]
CELLS = {
    "公开(公告)号": ["CN114000001B", "cn 114000002 a", "CN1A", "US2021123456A1", "EP1234567B1", "WO2021000001A1",
                 "CN114000003U", "CN114000004S", "12345", "", "CN-114_000005 C", "JP2020123456A", "KR102345678B1",
                 "CN1", "XX"],
    "公开号": ["CN200000001A", "", "CN200000002U"],
    "申请号": ["CN202110000001.X", "ZL201910000002.3", "", "2021 1000 0003"],
    "申请日": DATES, "公开(公告)日": DATES, "授权公告日": DATES, "失效日": DATES, "最早优先权日": DATES,
    "专利类型": ["发明", "发明申请", "授权发明", "实用新型", "外观设计", "", "集成电路", "utility", "Design"],
    "法律状态": ["有效", "授权;未缴年费", "期限届满", "实质审查", "部分无效", "驳回", "", "未知状态", "Expired",
             "转让", "公开", "--"],
    "当前法律状态": ["有效", "", "撤回"],
    "受理局": ["中国", "CN", "美国", "欧洲专利局", "火星", "", "us"],
    "申请人": ["深圳市星河科技有限公司", "华为技术有限公司;中兴通讯股份有限公司", "Apple, Inc.", "北京百度网讯科技有限公司",
            "东方电气集团", "东方市某某公司", "", "张三、李四", "甲公司，乙公司", "Samsung Electronics Co., Ltd."],
    "申请人地址": ["广东省深圳市南山区科技路12号", "浙江省杭州市余杭区文一西路969号", "北京市海淀区", "美国加利福尼亚州",
              "深圳市南山区粤海街道1号;北京市", "", "江苏省南京市", "香港九龙", "湖北省武汉市洪山区珞喻路1037号",
              "台湾新竹市", "12号楼南山区"],
    "申请人国别代码": ["CN", "US", "", "JP", "中国", "火星"],
    "国省代码": ["44", "11", "JP", "广东", "", "440300"],
    "行政区划代码": ["440305", "", "330100", "abc", "44"],
    "申请人地区": ["广东省", "", "浙江"], "申请人城市": ["深圳市", "", "杭州市"],
    "IPC分类号": ["G06F 16/36; G06N 3/08", "H04L 29/06(2006.01)", "", "G06F16/36|G06F16/36"],
    "IPC主分类号": ["G06F 16/36", "", "H04W"],
    "名称": ["一种方法", "  一种数据处理装置及方法  ", "", "无", "A method\u3000for data", None],
    "摘要": ["本发明公开了一种方法。" * 3, " x ", "", "Abstract text that is long enough", "null"],
    "简单同族": ["US1234567B2;EP1234567A1", "JP2020123456A (失效)", "", "KR102345678B1 | CN114000001B"],
    "同族国家/地区": ["US;EP;WO", "", "JP、CN"],
    "PCT国际申请号": ["PCT/CN2021/000001", "", "-"],
    "质押金额(万元)": ["300", "1.5亿", "", "很多", "300万元;200万元", 300, 1.5],
    "获奖情况": ["中国专利金奖", "", None],
    # the optional columns (inventors, times cited, cited patents)
    "发明人": ["张三；李四", "ＺＨＡＮＧ　ＳＡＮ;;LI SI", "SMITH, JOHN; DOE, JANE", "", "王五，赵六\n钱七", None],
    "发明(设计)人": ["李四", ""],
    "被引证次数": ["12", "", "1,024", "十二", 3, 4.0, -1, "12次"],
    "引证专利": ["CN101234567A; US2005/0123456A1", "CN101234567-A   ZHANG S", "", "Nature 2001", None],
}
HEADERS = list(CELLS)

# A canonical file: every canonical column, values as a hand-made canonical CSV would carry them.
CANONICAL_CELLS = {
    "pub_number": ["CN114000001B", "cn114000002a", "", "12345", "US2021123456A1"],
    "office": ["CN", "", "us"], "app_number": ["CN202110000001.X", ""],
    "kind": ["invention", "utility", "design", "", "发明", "其他"],
    "app_date": DATES[:9], "grant_date": DATES[:9], "lapse_date": DATES[:9],
    "status": ["valid", "invalid", "pending", "", "有效", "怪"],
    "applicants": ["深圳市星河科技有限公司", "", "Apple, Inc."],
    "first_applicant_country": ["CN", "cn", "", "US"],
    "first_applicant_address": ["广东省深圳市南山区科技路12号", "", "美国"],
    "region_code": ["440305", "", "44", "4403"], "ipc": ["G06F 16/36", "", "G06F16/36|H04L9/00"],
    "title": ["t", " Title here "], "abstract": ["", "abstract"], "family_granted_offices": ["US|EP", ""],
    "pct": ["true", "false", "", "是", "maybe"], "pledge_amount": ["", "3000000", "300万元", "x"],
    "award": ["", "金奖"],
    "inventors": ["张三;李四", "", "ZHANG SAN"], "cited_by_count": ["", "3", "x"],
    "citations": ["CN101234567A|US7123456B2", ""],
}


def _mapped(mapper_class, header, rows, halves=True, arrow=False):
    """(staged table, rejected, notes) of mapping ``rows`` in two batches with one mapper;
    ``arrow``: each batch handed over as Arrow's CSV reader gives it (``columnar.ColumnBatch``)."""
    cmap = map_columns(header, detect_format(header))
    mapper = mapper_class(cmap)
    cut = len(rows) // 2 if halves else len(rows)
    tables, rejected, notes = [], [], {}
    for part in (rows[:cut], rows[cut:]):
        if arrow:
            part = columnar.ColumnBatch(np.array([line for line, _ in part], dtype=np.int64),
                                        [pa.array([cells[i] for _, cells in part], type=pa.string())
                                         for i in range(len(header))])
        result = mapper.map_batch(part)
        if mapper_class is ReferenceMapper:
            tables.append(pa.Table.from_pylist(result.records, schema=importer.STAGING_SCHEMA))
        else:
            tables.append(columnar.to_table(result.columns, importer.STAGING_SCHEMA, result.keep))
        rejected += result.rejected
        for key, count in result.notes.items():
            notes[key] = notes.get(key, 0) + count
    return pa.concat_tables(tables), rejected, notes


def _as_csv_text(header, rows):
    """The rows as a CSV file gives them: every cell text, every row as wide as the header."""
    width = len(header)
    return [(line, ["" if c is None else str(c) for c in (list(cells) + [None] * width)[:width]])
            for line, cells in rows]


def _assert_same(header, rows):
    new_table, new_rejected, new_notes = _mapped(RowMapper, header, rows)
    ref_table, ref_rejected, ref_notes = _mapped(ReferenceMapper, header, rows)
    assert new_rejected == ref_rejected
    assert new_notes == ref_notes
    assert new_table.to_pylist() == ref_table.to_pylist()
    assert new_table.equals(ref_table)
    # The same rows read by Arrow's CSV reader straight into columns (the importer's fast path).
    text_rows = _as_csv_text(header, rows)
    arrow_table, arrow_rejected, arrow_notes = _mapped(RowMapper, header, text_rows, arrow=True)
    ref_table, ref_rejected, ref_notes = _mapped(ReferenceMapper, header, text_rows)
    assert arrow_rejected == ref_rejected
    assert arrow_notes == ref_notes
    assert arrow_table.to_pylist() == ref_table.to_pylist()
    assert arrow_table.equals(ref_table)


@st.composite
def exports(draw):
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=len(HEADERS), unique=True))
    if "公开(公告)号" not in headers and "公开号" not in headers:
        headers.insert(0, "公开(公告)号")
    headers = draw(st.permutations(headers))
    row = st.tuples(*(st.sampled_from(CELLS[h]) for h in headers)).map(list)
    lines = draw(st.lists(st.tuples(st.integers(1, 3), row), min_size=1, max_size=30))
    rows, line = [], 2
    for step, cells in lines:  # physical lines as a multi-line cell would leave them
        if draw(st.booleans()) and len(cells) > 1:
            cells = cells[: draw(st.integers(0, len(cells)))]  # a short row
        rows.append((line, cells))
        line += step
    return headers, rows


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports())
def test_columnar_mapper_equals_the_row_mapper_on_generated_exports(export):
    headers, rows = export
    _assert_same(headers, rows)


@st.composite
def canonical_exports(draw):
    headers = list(CANONICAL_COLUMNS) + draw(st.lists(st.sampled_from(OPTIONAL_COLUMNS), unique=True))
    row = st.tuples(*(st.sampled_from(CANONICAL_CELLS[h]) for h in headers)).map(list)
    cells = draw(st.lists(row, min_size=1, max_size=25))
    return headers, [(i + 2, c) for i, c in enumerate(cells)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(canonical_exports())
def test_columnar_mapper_equals_the_row_mapper_on_canonical_files(export):
    headers, rows = export
    _assert_same(headers, rows)


def test_lens_numbers_from_three_columns_and_blank_rows():
    header = ["jurisdiction", "number", "kind", "lens_id", "applicants", "publication_date"]
    rows = [(2, ["CN", "114000001", "B", "1", "深圳市星河科技有限公司", "2022-01-01"]),
            (3, ["", "", "", "", "", ""]), (4, []), (5, ["US", "12345", "A1", "2", "Apple, Inc.", "2021-01-01"]),
            (6, ["C", "?", "", "3", "", ""])]
    _assert_same(header, rows)
    table, rejected, _ = _mapped(RowMapper, header, rows)
    assert table.column("pub_number").to_pylist() == ["CN114000001B", "US12345A1"]
    assert [line for line, _ in rejected] == [6]


# ---------------------------------------------------------------- the helpers, by hand


def test_distinct_map_parses_each_value_once_and_keeps_errors_per_row():
    calls = []

    def parse(value):
        calls.append(value)
        return cv.parse_date(value)

    dates = distinct_values.DistinctMap(parse)
    first = dates(["2021-03-04", "bad", "2021-03-04", None])
    assert first.values == [dt.date(2021, 3, 4), None, dt.date(2021, 3, 4), None]
    assert first.errors == {1: "unreadable date 'bad'"}
    second = dates(["bad", "2021-03-04", "2022-01-01"])
    assert second.errors == {0: "unreadable date 'bad'"}
    assert calls == ["2021-03-04", "bad", None, "2022-01-01"]  # each distinct value once, across batches


def test_distinct_map_tells_spreadsheet_types_apart():
    # 1, 1.0 and True are one dict key; a date parser reads the number 1 (an Excel serial) and
    # the boolean differently.
    parsed = distinct_values.DistinctMap(cv.parse_date)([1, True, "1"])
    assert parsed.values[0] == dt.date(1899, 12, 31)
    assert set(parsed.errors) == {1}


def test_first_errors_keep_the_first_failed_check():
    failed = distinct_values.first_errors([{2: "pub"}, {2: "kind", 5: "kind"}, {5: "date", 7: "date"}])
    assert failed == {2: (0, "pub"), 5: (1, "kind"), 7: (2, "date")}
    assert distinct_values.passing(8, failed, 2) == [True, True, False, True, True, False, True, True]


def test_address_prefix_stops_at_the_first_digit():
    assert addresses.address_prefix("广东省深圳市南山区科技路12号") == "广东省深圳市南山区科技路"
    assert addresses.address_prefix("北京市海淀区") == "北京市海淀区"


def test_prefix_regions_equal_whole_address_resolution():
    from ipcity.analytics import addresses

    texts = ["广东省深圳市南山区科技路12号", "广东省深圳市南山区科技路13号", "深圳市1号南山区", "北京市12号海淀区",
             "12号楼", "浙江省杭州市余杭区文一西路969号", "美国加利福尼亚州1号"]
    assert addresses.PrefixRegions()(texts) == addresses.regions_of_addresses(texts)


def test_clean_texts_in_arrow_equal_clean():
    values = ["abc", "  hello world ", "hello\nworld\n", "a\u3000bcdef", "nan", "NONE ", "abcde", "x\xa0yzzz",
              "\u2028abcdef", "abcdef\x85", None, "", "—", "一种方法", "一种方法"]
    assert columnar.clean_texts(values, cv.clean).to_pylist() == [cv.clean(v) for v in values]
    assert columnar.clean_texts([1.5, "abc  "], cv.clean).to_pylist() == ["1.5", "abc"]
