"""PDF tables the ruling lines do not give (authored snippets, invented places and units):

- a task table without ruling lines whose cells wrap over several lines and sit vertically
  centred, running over pages without its header repeated (an appendix 分工表);
- table rows typed with tabs whose cells the page leaves barely apart (``序号指标名称单位``).
"""

from __future__ import annotations

import pdfplumber
import pytest

from ipcity.plans import parse_file
from ipcity.plans.read import read_document
from ipcity.plans.read.pdf_layout import Line
from ipcity.plans.read.pdf_open_tables import rebuild_open_tables
from ipcity.plans.read.pdf_reader import _narrow_gap_cells
from tests.plans_read.pdf_builder import write_pdf

OPEN_CSS = """<style>
table.open td { border: none; vertical-align: middle; }
table.open td.n { width: 1.2em; }  /* narrow: the header 序号 wraps to two lines */
table.open td.w { width: 11em; }
p.row { text-indent: 0; white-space: pre-wrap; }
</style>"""

DEPARTMENTS = ["县发展和改革局", "县教育体育局、县人力资源和社会保障局", "县农业农村局（县乡村振兴局）",
               "县商务局", "县司法局、县公安局和县人民法院", "县卫生健康局"]


def _task_rows(count: int, serial: bool) -> list[list[str]]:
    header = (["序号"] if serial else []) + ["工作任务", "牵头单位", "协办单位", "完成时间"]
    rows = [header]
    for i in range(1, count + 1):
        task = f"围绕第{i}个特色产业链开展专利导航和布局分析，形成导航成果并推动落地应用" + ("，建立跟踪评估机制" * (i % 3))
        lead = DEPARTMENTS[i % len(DEPARTMENTS)]
        partner = DEPARTMENTS[(i + 2) % len(DEPARTMENTS)] + ("、各乡镇人民政府" if i % 2 else "")
        due = "长期坚持" if i % 5 == 0 else f"{2025 + i % 3}年{i % 12 + 1}月"
        rows.append(([str(i)] if serial else []) + [task, lead, partner, due])
    return rows


def _open_table(rows: list[list[str]], serial: bool) -> str:
    def cell(c: int, text: str) -> str:
        cls = " class='n'" if serial and c == 0 else (" class='w'" if c == int(serial) else "")
        return f"<td{cls}>{text}</td>"

    return ("<table class='open'>"
            + "".join("<tr>" + "".join(cell(c, t) for c, t in enumerate(r)) + "</tr>" for r in rows)
            + "</table>")


def _plan(table: str, after: str = "<p>各牵头单位要按时报送任务进展。</p>") -> str:
    return (OPEN_CSS + "<h1>青禾县知识产权强县建设工作方案（2025—2027年）</h1><p>一、工作目标</p>"
            "<p>到2027年，全县知识产权综合实力明显提升。</p><p>二、重点任务</p>"
            "<p>各项任务的牵头单位和完成时间见附件。</p><p>三、保障措施</p><p>县财政安排专项经费。</p>"
            "<p>附件</p><p>青禾县知识产权强县建设重点任务分工表</p>" + table + after)


def _tab_rows(text: str) -> list[str]:
    return [line for line in text.split("\n") if "\t" in line]


def _pages_of(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.mark.parametrize("serial", [True, False])
def test_an_open_table_with_wrapped_centred_cells_over_pages_is_read_row_by_row(tmp_path, serial):
    rows = _task_rows(16, serial)
    path = tmp_path / "plan.pdf"
    write_pdf(path, _plan(_open_table(rows, serial)), header="青禾县人民政府办公室")
    pages = _pages_of(path)
    with pdfplumber.open(path) as pdf:
        assert not any(page.lines or page.rects for page in pdf.pages)  # no ruling lines at all
    assert len(pages) >= 2 and sum("协办单位" in page for page in pages) == 1  # over pages, header once
    text = read_document(path).text
    assert _tab_rows(text) == ["\t".join(r) for r in rows]
    assert "\n\n各牵头单位要按时报送任务进展。" in text  # the paragraph after the table stays one
    tasks = parse_file(path)["tasks"]
    assert len(tasks) == 16
    assert [task["departments"][0] for task in tasks] == [r[int(serial) + 1].split("、")[0] for r in rows[1:]]


def test_a_repeated_header_on_the_next_page_is_dropped_and_a_ruled_table_is_left_alone(tmp_path):
    rows = _task_rows(14, True)
    thead = "<thead><tr>" + "".join(f"<td>{c}</td>" for c in rows[0]) + "</tr></thead>"
    table = _open_table(rows[1:], True).replace("<table class='open'>", "<table class='open'>" + thead)
    path = tmp_path / "plan.pdf"
    write_pdf(path, _plan(table))
    assert sum("协办单位" in page for page in _pages_of(path)) >= 2  # the header does repeat
    assert _tab_rows(read_document(path).text) == ["\t".join(r) for r in rows]
    ruled = tmp_path / "ruled.pdf"
    write_pdf(ruled, _plan(_open_table(rows[:4], True).replace("class='open'", "")))
    assert _tab_rows(read_document(ruled).text) == ["\t".join(r) for r in rows[:4]]


def test_prose_and_a_short_line_after_an_open_table_are_no_rows(tmp_path):
    rows = _task_rows(3, True)
    after = "<p>附件2</p><p>" + "各乡镇人民政府和县直有关单位要对照分工表细化措施，明确责任人和时间表，确保各项任务按期完成。" * 2 + "</p>"
    path = tmp_path / "plan.pdf"
    write_pdf(path, _plan(_open_table(rows, True), after))
    text = read_document(path).text
    assert _tab_rows(text) == ["\t".join(r) for r in rows]
    assert "\n\n附件2\n\n" in text


def test_an_open_appendix_table_pointing_to_body_items_gives_their_units(tmp_path):
    """An appendix 分工表 without lines whose 对应条目 column points to body items (one row to two),
    one row naming its 配合单位 but no lead: the header is read with its 对应条目 column, each body
    item takes its row's units, and the empty lead stays empty (the PDF reader repeats a merged
    cell; a row that names units but no lead has none)."""
    rows = [["序号", "对应条目", "工作任务", "牵头单位", "配合单位"],
            ["1", "（一）", "建设维权援助工作站", "县司法局", "县市场监管局"],
            ["2", "（二）（三）", "开展执法行动，推进品牌培育", "县市场监管局", "县公安局"],
            ["3", "（四）", "建设乡镇服务窗口", "", "各乡镇人民政府"]]
    table = "<table class='open'>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"
    body = (OPEN_CSS + "<h1>青禾县知识产权强县建设工作方案（2025—2027年）</h1><p>一、重点任务</p>"
            "<p>（一）建设维权援助工作站。</p><p>（二）开展执法行动。</p><p>（三）推进品牌培育。</p>"
            "<p>（四）建设乡镇服务窗口。</p><p>二、保障措施</p><p>县财政安排专项经费。</p>"
            "<p>附件</p><p>重点任务分工表</p>" + table)
    path = tmp_path / "plan.pdf"
    write_pdf(path, body)
    assert _tab_rows(read_document(path).text) == ["\t".join(r) for r in rows]
    tasks = {task["ref"]: (task["departments"], task["lead"]) for task in parse_file(path)["tasks"]}
    assert tasks == {"一/（一）": (["县司法局", "县市场监管局"], ["县司法局"]),
                     "一/（二）": (["县市场监管局", "县公安局"], ["县市场监管局"]),
                     "一/（三）": (["县市场监管局", "县公安局"], ["县市场监管局"]),
                     "一/（四）": (["各乡镇人民政府"], ["各乡镇人民政府"])}


def _line(text: str, x0: float, top: float, page: int = 0, size: float = 10.0) -> Line:
    return Line(text, x0, x0 + size * len(text), top, top + size, size, page,
                cells=[(text, x0, x0 + size * len(text))])


def _row_line(pieces: list[tuple[str, float]], top: float, page: int = 0) -> Line:
    cells = [(t, x, x + 10.0 * len(t)) for t, x in pieces]
    return Line(" ".join(t for t, _ in pieces), cells[0][1], cells[-1][2], top, top + 10, 10.0, page, cells=cells)


def test_rows_are_cut_at_the_widest_band_without_ink_and_at_a_page_break():
    # columns at x = 50 (序号), 80 (任务), 250 (单位); cells wrap, the number sits in the middle
    header = _row_line([("序号", 50), ("任务", 80), ("责任单位", 250)], 100)
    page0 = [header,
             _row_line([("甲任务第一行", 80), ("甲局", 250)], 120),
             _row_line([("1", 50), ("甲任务第二行", 80)], 132),
             _row_line([("甲任务第三行", 80)], 144),
             _row_line([("乙任务第一行", 80)], 166),  # the band of 12 before it is the row gap
             _row_line([("2", 50), ("乙任务第二行", 80), ("乙局", 250)], 178)]
    page1 = [_row_line([("丙任务第一行", 80), ("丙局", 250)], 60, 1),
             _row_line([("3", 50), ("丙任务第二行", 80)], 72, 1)]
    out = rebuild_open_tables([list(page0), list(page1)])
    tables = [item for items in out for item in items if not isinstance(item, Line)]
    assert len(tables) == 1 and out[1] == []
    assert tables[0].rows == [["序号", "任务", "责任单位"], ["1", "甲任务第一行甲任务第二行甲任务第三行", "甲局"],
                              ["2", "乙任务第一行乙任务第二行", "乙局"], ["3", "丙任务第一行丙任务第二行", "丙局"]]


def test_lines_without_a_header_of_column_words_are_left_as_they_are():
    page = [_row_line([("甲乙", 50), ("丙丁", 80), ("戊己", 250)], 100), _line("正文一段", 50, 120)]
    assert rebuild_open_tables([list(page)]) == [page]


# --- cells barely apart under a header of column words ------------------------------------------

def _chars(spec: list[tuple[str, float]], size: float = 12.0) -> list[dict]:
    """Characters of ``size`` placed left to right, each after the gap given with it."""
    chars, x = [], 0.0
    for text, gap in spec:
        for n, ch in enumerate(text):
            x += gap if n == 0 else 0.0
            chars.append({"text": ch, "x0": x, "x1": x + size, "size": size})
            x += size
    return chars


def test_narrow_gaps_split_only_where_they_stand_out_from_the_line_spacing():
    tight = _chars([("序号", 0), ("指标名称", 0.8), ("单位", 1.5), ("2024年", 0.8)])
    assert [t for t, _, _ in _narrow_gap_cells(tight, 12)] == ["序号", "指标名称", "单位", "2024年"]
    # justified text: every character 0.5 apart, one 0.9 gap is ordinary spacing, not a cell
    spread = [{**c, "x0": c["x0"] + 0.5 * n, "x1": c["x1"] + 0.5 * n}
              for n, c in enumerate(_chars([("推动专利转化运用", 0), ("提升", 0.4)]))]
    assert _narrow_gap_cells(spread, 12) == []
    # asked for four cells, the three widest gaps must stand clearly apart from the others
    row = _chars([("1", 0), ("专利密集型产品备案数", 9), ("个", 3), ("40", 2.5), ("65", 6)])
    assert len(_narrow_gap_cells(row, 12, want=4)) == 0
    assert [t for t, _, _ in _narrow_gap_cells(row, 12, want=5)] == ["1", "专利密集型产品备案数", "个", "40", "65"]


ROWS = [["序号", "指标名称", "单位", "2024年", "2027年"], ["1", "每万人口高价值发明专利拥有量", "件", "4.6", "7"],
        ["2", "专利密集型产品备案数", "个", "40", "65"], ["3", "知识产权质押融资金额", "亿元", "9", "16"]]


@pytest.mark.parametrize("separator", ["\t", " "])
def test_rows_typed_with_a_tab_or_one_space_keep_their_cells(tmp_path, separator):
    body = (OPEN_CSS + "<h1>临川区知识产权强区建设方案（2025—2027年）</h1><p>一、目标任务</p>"
            "<p>到2027年，全区知识产权工作取得明显成效。主要指标如下：</p>"
            + "".join(f"<p class='row'>{separator.join(row)}</p>" for row in ROWS)
            + "<p>二、重点任务</p><p>（一）推进专利转化。开展专项行动。（区科技局负责）</p>")
    path = tmp_path / "plan.pdf"
    write_pdf(path, body)
    text = read_document(path).text
    assert _tab_rows(text) == ["\t".join(r) for r in ROWS]
    assert "\n\n二、重点任务\n\n" in text
    targets = {i["name"]: i["targets"][0]["value"] for i in parse_file(path)["indicators"]}
    assert targets == {"每万人口高价值发明专利拥有量": 7, "专利密集型产品备案数": 65, "知识产权质押融资金额": 16}


def test_prose_with_spaces_under_no_header_is_not_split(tmp_path):
    prose = "推动 PCT 国际专利申请和马德里商标国际注册，指标名称 单位 目标 等词语出现在正文中也不成表格。"
    path = tmp_path / "plan.pdf"
    write_pdf(path, f"<p class='row'>{prose}</p><p class='row'>{prose}</p>")
    assert "\t" not in read_document(path).text
