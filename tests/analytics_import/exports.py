"""Invented rows for the real export header sets (shared/data/export_headers), as CSV or XLSX.

Each header gets the value a vendor would write for one of two patents: a granted invention of
a Shenzhen company (Nanshan district) and a lapsed utility model of a Longgang company.
Headers not listed here (other counts, addresses of inventors…) get a plausible filler.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl

from ipcity.analytics.formats import normalise_header

GRANTED = {
    "公开(公告)号": "CN114000001B", "公开公告号": "CN114000001B", "公开号": "CN114000001B",
    "display_key": "CN_114000001_B", "number": "114000001", "jurisdiction": "CN", "kind": "B",
    "申请号": "CN202110012345.6", "申请(专利)号": "CN202110012345.6", "专利号": "ZL202110012345.6",
    "application_number": "CN202110012345.6",
    "申请日": "2021-03-04", "application_date": "2021-03-04",
    "优先权日": "2021-01-05", "最早优先权日": "2021-01-05", "earliest_priority_date": "2021-01-05",
    "公开(公告)日": "2022/5/6", "公开公告日": "2022/5/6", "公开日": "2022/5/6", "公开日期": "2022/5/6",
    "publication_date": "2022-05-06", "授权公告日": "2022年5月6日",
    "专利类型": "授权发明", "文件类型": "发明", "document_type": "GRANTED_PATENT",
    "法律状态/事件": "授权", "专利有效性": "有效", "当前法律状态": "授权", "法律状态": "有效",
    "最新法律状态": "授权", "专利权状态": "有效", "INPADOC法律状态": "有效",
    "受理局": "中国", "公开国别": "中国", "申请国代码": "CN",
    "[标]当前申请(专利权)人": "深圳市星河科技有限公司;张三", "当前权利人": "深圳市星河科技有限公司;张三",
    "申请人": "深圳市星河科技有限公司;张三", "申请(专利权)人": "深圳市星河科技有限公司;张三",
    "申请人/专利权人": "深圳市星河科技有限公司;张三", "专利权人/申请人": "深圳市星河科技有限公司;张三",
    "owners": "深圳市星河科技有限公司;;张三", "applicants": "深圳市星河科技有限公司;;张三",
    "[标]原始申请(专利权)人": "深圳市星河科技有限公司",
    "申请人地址": "广东省深圳市南山区科技园南区1号", "地址": "518057 广东省深圳市南山区科技园南区1号",
    "当前专利权人地址": "广东省深圳市南山区科技园南区1号",
    "国省代码": "44", "申请人省市代码": "44", "中国申请人地市": "深圳市", "中国申请人区县": "南山区",
    "申请人地区": "广东省", "申请人城市": "深圳市", "申请人区县": "南山区",
    "申请人国别代码": "CN", "专利权人 - 原始 - 国家/地区": "CN",
    "IPC分类号": "G06N 3/08; G06F 16/36", "分类号": "G06F16/36;G06N3/08", "IPC": "G06F 16/36; G06N 3/08",
    "IPC - 现版": "G06F 16/36 | G06N 3/08", "ipcr_classifications": "G06F16/36;;G06N3/08",
    "IPC主分类号": "G06F 16/36", "IPC主分类": "G06F 16/36", "主分类号": "G06F16/36",
    "标题(译)(简体中文)": "一种图谱检索方法", "标题": "一种图谱检索方法", "发明名称": "一种图谱检索方法",
    "名称": "一种图谱检索方法", "专利名称": "一种图谱检索方法", "专利名": "一种图谱检索方法", "title": "一种图谱检索方法",
    "摘要(译)(简体中文)": "本发明公开了一种方法。", "摘要": "本发明公开了一种方法。", "摘要文本": "本发明公开了一种方法。",
    "申请摘要": "本发明公开了一种方法。", "abstract": "本发明公开了一种方法。",
    "PCT国际申请号": "PCT/CN2021/080001", "国际申请": "PCT/CN2021/080001",
    "PCT国际公布号": "WO2021000001A1", "国际公布": "WO2021000001A1",
    "同族国家/地区": "CN;US;EP;WO", "简单同族": "CN114000001B; US11500000B2; EP4000000A1",
    "专利同族": "CN114000001B; US11500000B2; EP4000000A1",
    "INPADOC 同族专利成员 失效/有效": "US11500000B2 (有效); JP2022000001A (失效)",
    "失效日": "",
    # the optional columns: inventors, times cited, cited patents
    **{k: "张三；李四" for k in ("发明人", "发明(设计)人", "当前发明人名称", "发明人 - 原始")},
    "发明人 - DWPI": "ZHANG S;LI S", "inventors": "ZHANG SAN;;LI SI",
    **{k: "12" for k in ("被引证次数", "被引用专利数量", "施引专利计数 - DPCI", "cited_by_patent_count")},
    **{k: "CN101234567A; US2005/0123456A1" for k in ("引证专利", "专利引证", "引用专利")},
    **{k: "CN101234567-A   ZHANG S; US20050123456-A1   SMITH J"
       for k in ("引用的专利详细信息 - DPCI", "引用的参考文献详细信息 - 专利")},
}
LAPSED = {
    **{k: v for k, v in GRANTED.items()},
    "公开(公告)号": "CN214000002U", "公开公告号": "CN214000002U", "公开号": "CN214000002U",
    "display_key": "CN_214000002_U", "number": "214000002", "kind": "U",
    "申请日": "20200102", "application_date": "2020-01-02", "优先权日": "20200102", "最早优先权日": "20200102",
    "earliest_priority_date": "2020-01-02",
    "公开(公告)日": "2020.09.01", "公开公告日": "2020.09.01", "公开日": "2020.09.01", "公开日期": "2020.09.01",
    "publication_date": "2020-09-01", "授权公告日": "2020-09-01",
    "专利类型": "实用新型", "文件类型": "实用新型", "document_type": "UTILITY_MODEL",
    "法律状态/事件": "授权;未缴年费", "专利有效性": "失效", "当前法律状态": "未缴年费", "法律状态": "未缴年费",
    "最新法律状态": "未缴年费", "专利权状态": "失效", "INPADOC法律状态": "失效",
    **{k: "华为技术有限公司" for k in ("[标]当前申请(专利权)人", "当前权利人", "申请人", "申请(专利权)人",
                                    "申请人/专利权人", "专利权人/申请人", "owners", "applicants", "[标]原始申请(专利权)人")},
    "申请人地址": "广东省深圳市龙岗区坂田华为总部办公楼", "地址": "广东省深圳市龙岗区坂田华为总部办公楼",
    "当前专利权人地址": "广东省深圳市龙岗区坂田华为总部办公楼", "中国申请人区县": "龙岗区", "申请人区县": "龙岗区",
    "IPC分类号": "H04L 1/00", "分类号": "H04L1/00", "IPC": "H04L 1/00", "IPC - 现版": "H04L 1/00",
    "ipcr_classifications": "H04L1/00", "IPC主分类号": "H04L 1/00", "IPC主分类": "H04L 1/00", "主分类号": "H04L1/00",
    "PCT国际申请号": "", "国际申请": "", "PCT国际公布号": "", "国际公布": "", "同族国家/地区": "", "简单同族": "", "专利同族": "",
    "INPADOC 同族专利成员 失效/有效": "", "失效日": "2022-01-02",
}
_BY_NORMALIZED = {
    "granted": {normalise_header(k): v for k, v in GRANTED.items()},
    "lapsed": {normalise_header(k): v for k, v in LAPSED.items()},
}


def header_sets(shared_dir: Path) -> dict[str, list[str]]:
    data = json.loads((shared_dir / "data" / "export_headers" / "export_headers.json").read_text(encoding="utf-8"))
    return {name: entry["columns"] for name, entry in data.items() if not name.startswith("_")}


def row_for(headers: list[str], which: str) -> list[str]:
    values = _BY_NORMALIZED[which]
    return [values.get(normalise_header(h), "3") for h in headers]


def write_csv(path: Path, headers: list[str], rows: list[list[object]], encoding: str = "utf-8-sig",
              delimiter: str = ",") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, headers: list[str], rows: list[list[object]], title_rows: int = 0) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for _ in range(title_rows):
        sheet.append(["专利检索结果导出", "检索式: 新能源"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
