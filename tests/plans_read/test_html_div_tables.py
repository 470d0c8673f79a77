"""Web pages whose tables are built of ``<div>``s: rows of cells, and CSS grids of sibling cells.

Authored snippets (invented places, units and numbers). A header whose words are not all known
column words (``时间安排``) is the case the reader must read from the markup: the rebuilding of
one-cell-per-line tables (``cell_rows``) needs such words and would leave it as paragraphs.
"""

from __future__ import annotations

from ipcity.plans import parse_file
from ipcity.plans.read.html_div_tables import grid_columns
from ipcity.plans.read.html_reader import html_to_text

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>枣林县专利工作方案_枣林县人民政府</title>
<style>.zb-grid {{ display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); }}
.zb-grid > div {{ border: 1px solid #ccc; }}</style></head><body>
<div class="side"><div><p>政务公开</p><p>政策文件</p></div><div><p>通知公告</p></div></div>
<div class="TRS_Editor"><p>枣林县专利工作方案（2025—2026年）</p>
<p>一、工作目标</p><p>到2026年，全县专利工作取得新进展。</p>{goals}
<p>二、重点任务</p><p>重点任务分工如下。</p>{tasks}
<p>三、保障措施</p><p>各单位每半年报送一次工作进展。</p></div></body></html>"""

TASK_ROWS = [["序号", "工作内容", "责任部门", "时间安排"],
             ["1", "开展专利导航", "县科技局、县工信局", "2025年"],
             ["2", "建设维权工作站", "县市场监管局", "逐年推进"]]
GOAL_ROWS = [["指标", "单位", "2024年", "2026年"],
             ["有效发明专利拥有量", "件", "310", "420"],
             ["专利质押融资金额", "亿元", "0.8", "1.5"]]


def rows_of_cells(rows: list[list[str]]) -> str:
    return '<div class="tbl">' + "".join(
        '<div class="tr">' + "".join(f'<div class="td"><p>{c}</p></div>' for c in row) + "</div>" for row in rows
    ) + "</div>"


def flat_grid(rows: list[list[str]], style: str = "", cls: str = "zb-grid") -> str:
    cells = "".join(f"<div>{c}</div>" for row in rows for c in row)
    return f'<div class="{cls}" style="{style}">{cells}</div>'


def tab_rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if "\t" in line]


def test_rows_of_div_cells_are_a_table_whatever_its_header_words():
    text = html_to_text(PAGE.format(goals="", tasks=rows_of_cells(TASK_ROWS)))
    assert tab_rows(text) == TASK_ROWS


def test_a_flat_css_grid_is_cut_into_rows_by_its_stylesheet_columns():
    text = html_to_text(PAGE.format(goals=flat_grid(GOAL_ROWS), tasks=""))
    assert tab_rows(text) == GOAL_ROWS


def test_a_flat_css_grid_styled_inline_and_a_grid_of_unknown_columns():
    inline = flat_grid(GOAL_ROWS, style="display:grid;grid-template-columns:120px 40px 1fr 1fr", cls="g")
    assert tab_rows(html_to_text(PAGE.format(goals=inline, tasks=""))) == GOAL_ROWS
    unknown = flat_grid(GOAL_ROWS, cls="g")  # no column count anywhere: one cell a line, no guess
    assert tab_rows(html_to_text(PAGE.format(goals=unknown, tasks=""))) == []


def test_layout_divs_and_boxes_of_paragraphs_are_no_tables():
    box = ('<div class="zl"><div><p>专栏1 重点工程</p><p>建设导航中心。</p></div>'
           '<div><p>专栏2 服务工程</p><div><p>建设服务站。</p></div></div></div>')
    text = html_to_text(PAGE.format(goals="", tasks=box))
    assert tab_rows(text) == []
    assert "建设导航中心。" in text and "政务公开" not in text


def test_the_plan_reads_its_tasks_and_goals_from_div_tables(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(goals=flat_grid(GOAL_ROWS), tasks=rows_of_cells(TASK_ROWS)), encoding="utf-8")
    plan = parse_file(path)
    assert [(t["title"], t["departments"]) for t in plan["tasks"]] == [
        ("开展专利导航", ["县科技局", "县工信局"]), ("建设维权工作站", ["县市场监管局"])]
    assert [(i["name"], i["baseline"], [t["value"] for t in i["targets"]]) for i in plan["indicators"]] == [
        ("有效发明专利拥有量", {"year": 2024, "value": 310}, [420]), ("专利质押融资金额", {"year": 2024, "value": 0.8}, [1.5])]


def test_grid_template_columns():
    assert grid_columns("display:grid; grid-template-columns: repeat(4, 1fr);") == 4
    assert grid_columns("grid-template-columns: 80px minmax(0, 1fr) 2fr !important") == 3
    assert grid_columns("grid-template-columns: [start] 1fr [mid] 2fr [end]") == 2
    assert grid_columns("grid-template-columns: 80px repeat(2, 1fr)") is None
    assert grid_columns("display: flex") is None
