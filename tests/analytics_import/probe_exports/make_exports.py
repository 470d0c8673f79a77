"""Write the probe's authored export files (README.md says which details are known, which assumed).

Run once from the checkout: ``.venv/bin/python tests/analytics_import/probe_exports/make_exports.py``.
The files are committed; this script is kept so that how each quirk was made can be read. Every
row is invented. The files imitate what each platform writes, as far as we know it, including the
quirks of real exports (title lines, two-row headers, footers, text numbers, odd dates).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from xls_files import write_xls  # noqa: E402  (tests/xls_files.py: how the tests write BIFF)


def serial(day: str) -> int:
    """The Excel serial number of an ISO date (day 0 = 1899-12-30)."""
    return (dt.date.fromisoformat(day) - dt.date(1899, 12, 30)).days


def cn_app(body: str) -> str:
    """A CN application number with its check digit (12 digits, weights 2..9,2..5; 10 → X)."""
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    return f"{body}.{'X' if total == 10 else total}"


def full_width(text: str) -> str:
    """Digits and the dot as a Chinese input method types them (０-９, ．)."""
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789."})


def d(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day)


# --- p01: incoPat download (.xls, BIFF), a query sheet in front -------------------------------
def p01_incopat() -> None:
    header = ["序号", "标题", "申请号", "申请日", "公开(公告)号", "公开(公告)日", "授权公告日",
              "专利类型", "公开国别", "申请人", "当前权利人", "申请人地址", "中国申请人地市",
              "中国申请人区县", "IPC主分类", "IPC", "专利有效性", "当前法律状态", "法律状态",
              "失效日", "PCT国际申请号", "简单同族", "同族国家/地区", "发明人", "合享价值度"]
    rows = [
        [1, "一种铜基复合材料及其制备方法", "CN" + cn_app("202110012345"), "2021-01-05",
         "CN113000001B", d("2022-08-09"), d("2022-08-09"), "发明授权", "CN",
         "铜陵某新材料股份有限公司; 合肥某大学", "铜陵某新材料股份有限公司; 合肥某大学",
         "安徽省铜陵市铜官区长江西路1号", "铜陵市", "铜官区", "C08K3/22",
         "C08K3/22; C08L23/06; C08K5/14", "有效", "授权", "公开; 实质审查; 授权", "",
         "PCT/CN2021/071234", "CN113000001A; CN113000001B; US2022000001A1; US11500001B2",
         "CN; US", "张三; 李四", 9],
        [2, "一种散热装置", "CN" + cn_app("202120023456"), "2021-02-01", "CN214000002U",
         d("2021-09-10"), d("2021-09-10"), "实用新型", "CN", "铜陵某电子有限公司",
         "铜陵某电子有限公司", "安徽省铜陵市义安区顺安镇工业园8号", "铜陵市", "义安区",
         "H05K7/20", "H05K7/20", "失效", "未缴年费", "授权; 未缴年费", d("2023-03-04"), "",
         "CN214000002U", "CN", "王五", 5],
        [3, "一种数据检索方法", "CN" + cn_app("202210034567"), "2022-03-15", "CN115000003A",
         d("2022-06-17"), "", "发明申请", "CN", "合肥某信息技术有限公司",
         "合肥某信息技术有限公司", "安徽省合肥市蜀山区黄山路100号", "合肥市", "蜀山区",
         "G06F16/36", "G06F16/36; G06N3/08", "审中", "实质审查", "公开; 实质审查", "", "",
         "CN115000003A", "CN", "赵六", 7],
        [4, "包装盒", "CN" + cn_app("202130045678"), "2021-05-06", "CN306000004S",
         d("2021-11-12"), d("2021-11-12"), "外观设计", "CN", "芜湖某包装有限公司\n芜湖某设计工作室",
         "芜湖某包装有限公司\n芜湖某设计工作室", "安徽省芜湖市鸠江区皖江路9号", "芜湖市", "鸠江区",
         "", "", "有效", "授权", "授权", "", "", "CN306000004S", "CN", "孙七", 4],
        [5, "Battery electrode", "US17000005", "2020-07-01", "US11000005B2", d("2021-05-25"),
         d("2021-05-25"), "发明授权", "US", "Acme Energy, Inc.", "Acme Energy, Inc.",
         "Springfield, IL, US", "", "", "H01M4/36", "H01M4/36; H01M10/052", "有效", "授权", "授权",
         "", "", "US11000005B2", "US", "SMITH, JOHN", 6],
        [6, "一种冶炼炉", "CN" + cn_app("200510056789"), "2005-06-20", "CN100500006C",
         d("2008-05-14"), d("2008-05-14"), "发明授权", "CN", "铜陵某冶炼厂", "铜陵某冶炼厂",
         "安徽省铜陵市铜官区冶炼路3号", "铜陵市", "铜官区", "C22B15/00", "C22B15/00", "失效",
         "期限届满", "授权; 期限届满", d("2025-06-20"), "", "CN100500006C", "CN", "钱八", 8],
    ]
    query = [["检索式", "AP=(铜陵 OR 合肥 OR 芜湖) AND AD=[2008-01-01 TO 2022-12-31]"],
             ["检索结果", "6 条"], ["导出时间", "2026-11-30 10:02:33"]]
    write_xls(HERE / "p01_incopat.xls", [header, *rows], sheet_name="题录",
              before=[("检索条件", query)])


# --- p02: PatSnap 智慧芽 Analytics (.xlsx): a conditions sheet, then the list --------------------
def p02_patsnap() -> None:
    wb = openpyxl.Workbook()
    cond = wb.active
    cond.title = "检索条件"
    for row in [["检索式：", "TACD:(储能) AND APD:[20200101 TO 20221231]"],
                ["导出时间：", "2026-11-30 11:20:05"], ["导出数量：", "5"]]:
        cond.append(row)
    ws = wb.create_sheet("专利列表")
    ws.append(["序号", "公开(公告)号", "法律状态/事件", "[标]当前申请(专利权)人", "申请日",
               "公开(公告)日", "标题(译)(简体中文)", "摘要(译)(简体中文)", "专利类型", "受理局",
               "IPC分类号", "IPC主分类号", "被引用专利数量", "发明人数量", "当前申请(专利权)人数量"])
    ws.append([1, "CN112000011B", "授权 | 权利转移", "深圳市星河科技有限公司 | 某某大学", "2020-03-04",
               "2021-11-23", "一种储能电池管理方法", "本发明公开了一种储能电池管理方法，\n包括：采集电压。",
               "授权发明", "CN", "H02J7/00 | G06F16/36", "H02J7/00", 12, 3, 2])
    ws.append([2, "CN113000012A", "实质审查", "杭州西湖某储能科技有限公司", "2021-05-06",
               "2021-08-10", "一种储能柜", "一种储能柜。", "发明申请", "CN", "H01M10/42", "H01M10/42",
               0, 2, 1])
    ws.append([3, "CN213000013U", "未缴年费 | 权利终止", "深圳市某电源有限公司", d("2020-09-09"),
               d("2021-06-01"), "一种电源插座", "一种电源插座。", "实用新型", "CN", "H01R13/66",
               "H01R13/66", 1, 1, 1])
    ws.append([4, "US2021000015A1", "公开", "Acme Energy, Inc.", "2020-12-01", "2021-06-03",
               "电池模组", "A battery module.", "发明申请", "US", "H01M50/20", "H01M50/20", 0, 2, 1])
    ws.append([5, "CN114000014B", "授权 | 质押 | 许可", "华为技术有限公司", "2021-07-08",
               "2023-02-14", "一种充电方法", "一种充电方法。", "授权发明", "CN",
               "H02J7/00 | H02J7/02 | H01M10/44", "H02J7/00", 4, 5, 1])
    wb.save(HERE / "p02_patsnap.xlsx")


# --- p03: CNIPR CSV in GBK: title and export-time lines, text numbers, a 合计 line -------------
def p03_cnipr() -> None:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    out.write("中国知识产权网（CNIPR）专利信息服务平台 检索结果\r\n")
    out.write("导出时间：2026-11-30 09:12:45,检索式：申请（专利权）人=(芜湖)\r\n")
    w.writerow(["序号", "申请号", "申请日", "公开(公告)号", "公开(公告)日", "发明名称",
                "申请人/专利权人", "主分类号", "分类号", "法律状态", "专利类型"])
    w.writerow([1, "'" + cn_app("202110067890"), "2021.03.04", '="CN113000021A"', "20210611",
                "一种机械臂", "芜湖某机器人有限公司；安徽某大学", "B25J9/16", "B25J9/16;B25J13/08",
                "实质审查", "发明"])
    w.writerow([2, "'" + cn_app("202120078901"), "2021.04.12", '="CN214000022U"', "20211105",
                "一种夹具", "芜湖某机器人有限公司", "B25J15/00", "B25J15/00", "有效", "实用新型"])
    w.writerow([3, "'" + cn_app("202110089012"), "2021.02.30", '="CN113000023A"', "20210720",
                "一种焊接方法", "芜湖某焊接技术有限公司", "B23K31/02", "B23K31/02", "实质审查", "发明"])
    w.writerow([4, "'" + cn_app("201910090123"), "2019.11.20", '="CN110000024B"', "20220104",
                "一种控制系统", "芜湖某自动化有限公司；芜湖某研究院", "G05B19/418",
                "G05B19/418; G06N3/04", "有效", "发明"])
    w.writerow([5, "'" + cn_app("202030001234"), "2020.01.03", '="CN305000025S"', "20200714",
                "机器人外壳", "芜湖某工业设计有限公司", "", "", "专利权终止", "外观设计"])
    out.write("合计：5 条,,,,,,,,,,\r\n")
    (HERE / "p03_cnipr_gbk.csv").write_bytes(out.getvalue().encode("gbk"))


def _html_xls(title: str, group: list[tuple[str, int]] | None, header: list[str],
              rows: list[list[str]], footer: str) -> bytes:
    width = len(header)
    cells = lambda row: "".join(  # noqa: E731
        f'<td style="mso-number-format:\'\\@\'">{c}</td>' for c in row)
    parts = ['<html xmlns:o="urn:schemas-microsoft-com:office:office" '
             'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">',
             '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
             "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>"
             "<x:Name>Sheet1</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook>"
             "</xml><![endif]--></head><body>",
             '<table border="1" cellspacing="0">',
             f'<tr><td colspan="{width}" align="center"><b>{title}</b></td></tr>',
             f'<tr><td colspan="{width}">导出时间：2026-11-30 15:20:11</td></tr>']
    if group:
        parts.append("<tr>" + "".join(f'<th colspan="{n}">{g}</th>' for g, n in group) + "</tr>")
    parts.append("<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>")
    parts += ["<tr>" + cells(r) + "</tr>" for r in rows]
    parts.append(f'<tr><td colspan="{width}">{footer}</td></tr></table></body></html>')
    return "\r\n".join(parts).encode("gbk")


# --- p04: a provincial platform's "导出Excel": an HTML table, GBK, under .xls ------------------
def p04_provincial_html() -> None:
    header = ["序号", "申请号", "申请日", "公开（公告）号", "公开（公告）日", "名称", "申请（专利权）人",
              "发明（设计）人", "地址", "国省代码", "主分类号", "分类号", "最新法律状态", ""]
    group = [("基本信息", 6), ("申请人信息", 4), ("分类与法律状态", 3), ("", 1)]
    rows = [
        ["1", cn_app("202110012347"), "2021/3/4 0:00:00", "CN113000031A", "2021/6/8 0:00:00",
         "一种锂电池正极材料", "合肥某新能源科技有限公司；合肥某大学", "周一；吴二",
         "安徽省合肥市蜀山区长江西路200号", "34", "H01M4/36", "H01M 4/36; H01M 10/0525", "实质审查", ""],
        ["2", cn_app("202010023458"), "2020/7/15 0:00:00", "CN111000032B", "2022/1/11 0:00:00",
         "一种电解液", "合肥某新能源科技有限公司", "郑三", "安徽省合肥市高新区创新大道1号", "34",
         "H01M10/0567", "H01M10/0567;H01M10/0525", "授权", ""],
        ["3", cn_app("201820034569"), "2018/5/2 0:00:00", "CN208000033U", "2019/1/4 0:00:00",
         "一种电池壳", "合肥某电池有限公司", "冯四", "安徽省合肥市包河区徽州大道9号", "34",
         "H01M50/10", "H01M50/10", "专利权的终止", ""],
        ["4", cn_app("202110045670"), "2021/8/30 0:00:00", "CN113000034A", "2021/12/3 0:00:00",
         "一种隔膜", "合肥某材料有限公司", "陈五", "安徽省合肥市肥西县桃花镇1号", "34",
         "H01M50/40", "H01M50/40", "发明专利申请公布后的视为撤回", ""],
    ]
    (HERE / "p04_provincial_html.xls").write_bytes(
        _html_xls("安徽省知识产权公共服务平台 专利检索结果", group, header, rows, "共 4 条记录"))


# --- p05: a provincial platform's XLSX: hidden notes sheet, merged two-row header ---------------
def p05_provincial_two_row_header() -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["本表由知识产权公共服务平台导出，仅供参考。"])
    notes.sheet_state = "hidden"
    ws = wb.create_sheet("检索结果")
    ws.append(["铜陵市专利数据导出（申请（专利权）人地址含“铜陵”）"])
    ws.merge_cells("A1:P1")
    ws.append(["导出时间：2026/11/30 16:05:12    共 4 件"])
    ws.merge_cells("A2:P2")
    # Row 3: groups; the ungrouped fields are merged down over rows 3-4 (their name is in row 3).
    group = ["序号", "申请号", "申请日", "著录项目", None, None, None, None, None,
             "申请人信息", None, None, "分类", None, "法律状态", "备注"]
    field = [None, None, None, "公开（公告）号", "公开（公告）日", "授权公告日", "名称", "专利类型", None,
             "申请（专利权）人", "地址", "国省代码", "主分类号", "分类号", None, None]
    ws.append(group)
    ws.append(field)
    for col in "ABCOP":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("D3:H3")
    ws.merge_cells("J3:L3")
    ws.merge_cells("M3:N3")
    rows = [
        [1, cn_app("202110012348"), serial("2021-01-08"), "CN113000041B", d("2021-05-14"),
         "20220809", "一种铜箔的制备方法", "发明", None, "铜陵某铜箔有限公司;安徽某大学",
         "安徽省铜陵市铜官区翠湖一路6号", "34", "C25D1/04", "C25D 1/04（2006.01）；C25D 3/38（2006.01）",
         "2021-05-14 公开；2021-06-01 实质审查的生效；2022-08-09 授权；"
         "2023-04-07 专利权质押合同登记的生效", ""],
        [2, full_width(cn_app("202120023459")), serial("2021-02-09"),
         "CN214000042U", d("2021-09-07"), "20210907", "一种收卷装置", "实用新型", None,
         "铜陵某机械有限公司", "安徽省铜陵市义安区钟鸣镇5号", "34", "B65H18/10", "B65H18/10",
         "2021-09-07 授权；2023-04-15 未缴年费专利权终止", ""],
        [3, cn_app("202110034561"), serial("2021-03-10"), "CN 113000043 A", d("2021-06-22"), "",
         "一种电解铜的提纯方法", "发明", None, "铜陵某冶炼有限公司", "安徽省铜陵市郊区大通镇3号", "34",
         "C25C1/12", "C25C1/12", "2021-06-22 公开；2021-07-09 实质审查的生效；"
         "2023-01-10 发明专利申请公布后的驳回", "驳回"],
        [4, cn_app("201610045672"), serial("2016-04-11"), "CN105000044（Ｂ）", d("2016-08-17"),
         "20180605", "一种铜合金", "发明", None, "铜陵某合金有限公司",
         "安徽省铜陵市铜官区石城路2号", "34", "C22C9/00", "C22C9/00",
         "2016-08-17 公开；2018-06-05 授权；2020-03-01 专利权人的姓名或者名称、地址的变更", ""],
    ]
    for r in rows:
        ws.append(r)
    for cell in ws["E"][4:]:
        cell.number_format = "yyyy-mm-dd"
    for cell in ws["O"][4:]:
        cell.alignment = Alignment(wrap_text=True)
    ws.append(["合计", "共 4 件"])
    wb.save(HERE / "p05_provincial_two_row_header.xlsx")


# --- t01: 中国商标网 list, UTF-8 with BOM, numbers as ="…", a 共 N 条 line ------------------------
def t01_cnipa_trademark() -> None:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    out.write("商标查询结果（申请人名称：铜陵）\r\n")
    w.writerow(["序号", "申请/注册号", "国际分类", "商标名称", "商标类型", "商标申请日期", "注册公告日期",
                "专用权期限", "商标状态", "国际注册日期", "申请人名称(中文)", "申请人地址(中文)"])
    w.writerow([1, '="12345678"', "35", "铜都", "普通商标", "2012年03月05日", "",
                "2023年05月21日至2033年05月20日", "注册商标", "", "铜陵某商贸有限公司",
                "安徽省铜陵市铜官区长江中路10号"])
    w.writerow([2, '="23456789"', "09", "铜芯", "普通商标", "2017年04月01日", "2018年06月07日",
                "2018年06月07日至2028年06月06日", "注册商标", "", "铜陵某电子有限公司；铜陵某投资有限公司",
                "安徽省铜陵市义安区顺安镇工业园8号"])
    w.writerow([3, '="34567890"', "31", "铜陵白姜", "地理标志证明商标", "2008年09月10日",
                "2010年02月14日", "2020年02月14日至2030年02月13日", "注册商标", "",
                "铜陵市某白姜协会", "安徽省铜陵市义安区五松镇1号"])
    w.writerow([4, '="45678901"', "43", "铜韵", "普通商标", "2019年01月15日", "", "", "商标无效", "",
                "铜陵某餐饮管理有限公司", "安徽省铜陵市郊区铜山镇2号"])
    w.writerow([5, "G1234567", "7", "CUPRA", "普通商标", "", "", "2021年04月01日至2031年04月01日",
                "注册商标", "2021年04月01日", "铜陵某机械有限公司", "安徽省铜陵市铜官区石城路9号"])
    out.write("共 5 条,,,,,,,,,,,\r\n")
    (HERE / "t01_cnipa_trademark_bom.csv").write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())


# --- t02: 企查查 trademark list (.xlsx): title and export lines, picture column, date cells -------
def t02_qcc_trademark() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "商标信息"
    ws.append(["芜湖某机器人有限公司-商标信息"])
    ws.merge_cells("A1:M1")
    ws.append(["导出时间：2026-11-30 14:02:10    数据来源：企查查"])
    ws.merge_cells("A2:M2")
    ws.append(["序号", "商标图片", "商标名称", "注册号", "国际分类", "商标状态", "流程状态", "申请日期",
               "注册公告日期", "专用权期限", "申请人", "申请人地址", "代理机构"])
    ws.append([1, None, "芜机", "51234567", "第7类 机械设备", "商标已注册",
               "商标注册申请\n注册公告", d("2020-11-03"), d("2021-06-14"),
               "2021-06-14至2031-06-13", "芜湖某机器人有限公司", "安徽省芜湖市鸠江区皖江路9号", "某代理公司"])
    ws.append([2, None, "芜机智造", "51234568", "第9类 科学仪器", "注册申请初步审定",
               "商标注册申请\n初审公告", d("2022-05-20"), None, None, "芜湖某机器人有限公司",
               "安徽省芜湖市鸠江区皖江路9号", "某代理公司"])
    ws.append([3, None, "WJ", "41234569", "第42类 设计研究", "撤销/无效宣告申请审查中",
               "商标注册申请\n注册公告\n撤销三年不使用待审", d("2019-08-08"), d("2020-03-21"),
               "2020-03-21至2030-03-20", "芜湖某机器人有限公司；芜湖某投资有限公司",
               "安徽省芜湖市鸠江区皖江路9号", ""])
    ws.append([4, None, "芜机", "31234560", "第7类 机械设备", "商标无效",
               "商标注册申请\n注册公告\n商标续展", d("2018-02-01"), d("2019-01-07"),
               "2019-01-07至2029-01-06", "芜湖某机器人有限公司", "安徽省芜湖市鸠江区皖江路9号", ""])
    for row in ws.iter_rows(min_row=4, min_col=7, max_col=7):
        row[0].alignment = Alignment(wrap_text=True)
    wb.save(HERE / "t02_qcc_trademark.xlsx")


# --- t03: 天眼查 trademark list (.xls): a title line, full-width digits, a 共 N 条 line ------------
def t03_tyc_trademark() -> None:
    rows = [
        ["合肥某信息技术有限公司 商标信息（天眼查）"],
        ["序号", "商标", "商标名称", "注册号", "类别", "状态", "申请日期", "注册公告日期", "专用期限",
         "注册人", "注册人地址"],
        [1, "", "合信", "61234561", "第9类", "已注册", "2021/3/4 0:00:00", "2021/12/6 0:00:00",
         "2021-12-06至2031-12-05", "合肥某信息技术有限公司", "安徽省合肥市蜀山区黄山路100号"],
        [2, "", "合信云", "６１２３４５６２", "第42类", "申请中", "2022/7/19 0:00:00", "", "",
         "合肥某信息技术有限公司", "安徽省合肥市蜀山区黄山路100号"],
        [3, "", "HEXIN", "61234563", "第46类", "已注册", "2021/3/4 0:00:00", "2021/12/6 0:00:00",
         "2021-12-06至2031-12-05", "合肥某信息技术有限公司", "安徽省合肥市蜀山区黄山路100号"],
        [4, "", "合信", "21234564", "第35类", "已销亡", "2016/2/2 0:00:00", "2017/3/14 0:00:00",
         "2017-03-14至2027-03-13", "合肥某信息技术有限公司", "安徽省合肥市蜀山区黄山路100号"],
        ["共 4 条"],
    ]
    write_xls(HERE / "t03_tyc_trademark.xls", rows, sheet_name="商标信息")


# --- c01: 企查查 software copyright list (.xlsx): serial dates as plain numbers --------------------
def c01_qcc_software() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "软件著作权"
    ws.append(["合肥某信息技术有限公司-软件著作权"])
    ws.append(["导出时间：2026-11-30 14:30:00"])
    ws.append(["序号", "软件名称", "软件简称", "登记号", "分类号", "版本号", "著作权人", "首次发表日期",
               "登记批准日期"])
    ws.append([1, "合信数据检索系统", "合信检索", "2023SR0123456", "30200-0000", "V1.0",
               "合肥某信息技术有限公司", serial("2022-12-01"), serial("2023-02-14")])
    ws.append([2, "合信云管理平台", "", "2023SR0234567", "30200-0000", "V2.1",
               "合肥某信息技术有限公司；合肥某大学", "未发表", serial("2023-05-06")])
    ws.append([3, "合信移动办公软件", "", "2022SR1234568", "30100-0000", "V1.0",
               "合肥某信息技术有限公司", serial("2022-03-03"), serial("2022-09-30")])
    wb.save(HERE / "c01_qcc_software.xlsx")


# --- c02: 中国版权保护中心 software announcement, copied into a tab-separated UTF-8 file --------------
def c02_ccpc_software() -> None:
    lines = ["计算机软件著作权登记公告（2023年第18期）",
             "\t".join(["登记号", "分类号", "软件全称", "软件简称", "版本号", "著作权人", "首次发表日期",
                        "登记日期"]),
             "\t".join(["2023SR0500001", "30200-0000", "智慧园区管理系统", "园区管理", "V1.0",
                        "芜湖某软件科技有限公司、芜湖某大学", "2023-01-10", "2023-04-21"]),
             "\t".join(["2023SR0500002", "30100-7500", "工业机器人示教软件", "", "V3.2",
                        "芜湖某机器人有限公司", "未发表", "2023-04-21"]),
             "\t".join(["2023SR0500003", "30200-0000", "铜材质量追溯平台", "", "V1.0",
                        "铜陵某铜箔有限公司", "2022-11-30", "2023-04-21"]),
             ""]
    (HERE / "c02_ccpc_software_tab.csv").write_text("\r\n".join(lines), encoding="utf-8")


# --- c03: a provincial copyright office's works list, HTML table saved as .xls, GBK ----------------
def c03_works_html() -> None:
    header = ["序号", "登记号", "作品名称", "作品类别", "著作权人", "创作完成日期", "首次发表日期", "登记日期"]
    rows = [
        ["1", "皖作登字-2023-F-00012345", "铜都印象", "美术作品", "铜陵某文化传媒有限公司",
         "2022.10.01", "2022.10.15", "2023.03.04"],
        ["2", "皖作登字-2023-I-00012346", "长江夜景", "摄影作品", "王某某", "2022.08.20", "未发表",
         "2023.03.06"],
        ["3", "国作登字-2023-A-00023456", "铜陵故事", "文字作品", "铜陵某出版有限公司；铜陵某文化馆",
         "2022.12.30", "2023.01.05", "2023.05.18"],
    ]
    (HERE / "c03_copyright_works_html.xls").write_bytes(
        _html_xls("作品登记信息公示", None, header, rows, "合计：3 件"))


# --- g01: CNIPA 专利权质押合同登记生效 (gazette list) as .xlsx: no amount, one row per patent --------
def g01_cnipa_pledge() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "专利权质押"
    ws.append(["专利权质押合同登记生效信息（2023年第20卷第15号）"])
    ws.append(["序号", "主分类号", "专利号", "申请日", "授权公告日", "登记号", "登记生效日", "出质人",
               "质权人", "发明名称"])
    ws.append([1, "C25D1/04", "ZL" + cn_app("202110012348"), d("2021-01-08"), d("2022-08-09"),
               "Y2023980012345", d("2023-04-07"), "铜陵某铜箔有限公司",
               "中国工商银行股份有限公司铜陵分行", "一种铜箔的制备方法"])
    ws.append([2, "B65H18/10", "ZL" + cn_app("202120023459"), d("2021-02-09"), d("2021-09-07"),
               "Y2023980012345", d("2023-04-07"), "铜陵某铜箔有限公司",
               "中国工商银行股份有限公司铜陵分行", "一种收卷装置"])
    ws.append([3, "B25J9/16", "ZL" + cn_app("201910090123"), d("2019-11-20"), d("2022-01-04"),
               "Y2023980023456", d("2023-05-16"), "芜湖某自动化有限公司",
               "芜湖扬子农村商业银行股份有限公司", "一种控制系统"])
    ws.append([4, "H01M4/36", "ZL" + cn_app("202010023458"), d("2020-07-15"), d("2022-01-11"),
               "Y2023980034567", None, "合肥某新能源科技有限公司", "合肥科技农村商业银行股份有限公司",
               "一种电解液"])
    wb.save(HERE / "g01_cnipa_pledge.xlsx")


# --- g02: CNIPA 专利实施许可合同备案 (gazette list) as .xls: dotted dates, one contract on two rows ---
def g02_cnipa_licence() -> None:
    rows = [
        ["专利实施许可合同备案的生效、变更及注销"],
        ["序号", "主分类号", "专利号", "申请日", "授权公告日", "合同备案号", "让与人", "受让人",
         "发明名称", "许可种类", "备案日期"],
        [1, "C08K3/22", "ZL" + cn_app("202110012345"), "2021.01.05", "2022.08.09", "X2023340000123",
         "合肥某大学", "铜陵某新材料股份有限公司", "一种铜基复合材料及其制备方法", "独占许可", "2023.06.06"],
        [2, "C08L23/06", "ZL" + cn_app("202110012349"), "2021.01.05", "2022.09.13", "X2023340000123",
         "合肥某大学", "铜陵某新材料股份有限公司", "一种聚乙烯复合材料", "独占许可", "2023.06.06"],
        [3, "B25J9/16", "ZL" + cn_app("202110067890"), "2021.03.04", "2023.01.17", "X2023340000456",
         "安徽某大学", "芜湖某机器人有限公司", "一种机械臂", "普通许可", "2023.07.21"],
        [4, "G06F16/36", "ZL" + cn_app("202210034567"), "2022.03.15", "2023.09.01", "X2023340000789",
         "合肥某信息技术有限公司", "深圳市某数据有限公司", "一种数据检索方法", "排他许可", "2023.11.02"],
    ]
    write_xls(HERE / "g02_cnipa_licence.xls", rows, sheet_name="许可备案")


if __name__ == "__main__":
    for make in (p01_incopat, p02_patsnap, p03_cnipr, p04_provincial_html,
                 p05_provincial_two_row_header, t01_cnipa_trademark, t02_qcc_trademark,
                 t03_tyc_trademark, c01_qcc_software, c02_ccpc_software, c03_works_html,
                 g01_cnipa_pledge, g02_cnipa_licence):
        make()
    print("written to", HERE)
