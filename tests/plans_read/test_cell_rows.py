"""Tables copied one cell per paragraph (no tab) are read back as tab-separated rows.

Authored snippets (invented places and numbers), in every format the reader reads.
"""

from __future__ import annotations

from ipcity.plans import parse_file
from ipcity.plans.read import read_document
from ipcity.plans.read.cell_rows import is_column_word, rebuild_cell_tables
from tests.plans_read.docx_builder import new_document
from tests.plans_read.pdf_builder import write_pdf

HEADER = ["序号", "指标名称", "单位", "2023年", "2026年目标"]
ROWS = [["1", "每万人口发明专利拥有量", "件", "6.1", "9"], ["2", "地理标志商标总数", "个", "14", "20"]]
BEFORE = ["一、工作目标", "到2026年，全县知识产权综合实力明显提升，主要指标如下："]
AFTER = ["二、重点任务", "（一）强化专利导航。围绕特色产业开展导航分析。（县科技局负责）"]
CELLS = [cell for row in [HEADER, *ROWS] for cell in row]
EXPECTED = ["\t".join(row) for row in [HEADER, *ROWS]]


def _paragraph_text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_cells_one_per_paragraph_become_rows():
    text = rebuild_cell_tables(_paragraph_text(BEFORE + CELLS + AFTER))
    assert _lines(text) == BEFORE + EXPECTED + AFTER


def test_rows_are_consecutive_lines_and_the_next_paragraph_stands_apart():
    text = rebuild_cell_tables(_paragraph_text(CELLS + AFTER))
    assert text.split("\n")[:4] == [*EXPECTED, ""]


def test_headings_and_captions_are_no_header_cells():
    assert not is_column_word("二、工作目标")
    assert not is_column_word("表1 主要指标")
    assert is_column_word("牵头单位") and is_column_word("2025年目标值") and is_column_word("序号")


def test_short_paragraphs_without_an_item_column_stay_paragraphs():
    text = _paragraph_text(["三、保障措施", "牵头单位", "配合单位", "完成时限", "各单位要按时报送进展。"])
    assert rebuild_cell_tables(text) == text


def test_a_serial_table_stops_where_the_numbers_stop():
    text = _paragraph_text(CELLS + ["4", "下一段不是表格的内容", "件", "1", "2"])
    assert _lines(rebuild_cell_tables(text))[:4] == [*EXPECTED, "4"]


def test_a_row_shifted_by_a_lost_cell_ends_the_table():
    header = ["指标名称", "2023年", "2026年"]
    cells = header + ["专利拥有量", "10件", "14件", "满意度", "86%", "商标注册量", "4万件", "6万件"]
    lines = _lines(rebuild_cell_tables(_paragraph_text(cells)))
    assert lines[:2] == ["指标名称\t2023年\t2026年", "专利拥有量\t10件\t14件"]
    assert "满意度" in lines  # the shifted cells stay paragraphs, not a row of wrong columns


def test_lines_with_tabs_are_left_alone():
    text = "指标\t单位\t2025年\n专利\t件\t10"
    assert rebuild_cell_tables(text) == text


def test_text_files_are_returned_as_written(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(_paragraph_text(CELLS), encoding="utf-8")
    assert "\t" not in read_document(path).text


def test_docx_with_the_table_pasted_as_paragraphs(tmp_path):
    document = new_document()
    for text in BEFORE + CELLS + AFTER:
        document.add_paragraph(text)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert _lines(read_document(path).text) == BEFORE + EXPECTED + AFTER


def test_html_with_one_cell_per_p(tmp_path):
    body = "".join(f"<p>{text}</p>" for text in BEFORE + CELLS + AFTER)
    path = tmp_path / "plan.html"
    path.write_text(f"<html><body><div id='zoom'>{body}</div></body></html>", encoding="utf-8")
    assert _lines(read_document(path).text) == BEFORE + EXPECTED + AFTER


def test_pdf_with_one_cell_per_line_is_parsed_into_indicators(tmp_path):
    body = ("<h1>青崖县知识产权工作方案（2024—2026年）</h1>"
            + "".join(f"<p class='noindent'>{text}</p>" for text in BEFORE + CELLS + AFTER))
    path = tmp_path / "plan.pdf"
    write_pdf(path, body)
    assert all(row in _lines(read_document(path).text) for row in EXPECTED)
    names = {i["name"] for i in parse_file(path)["indicators"]}
    assert {"每万人口发明专利拥有量", "地理标志商标总数"} <= names


def test_a_task_table_whose_titles_name_figures_and_whose_deadlines_are_words_stays_whole():
    """Titles with figures (``建设培育中心5家``) make no value column, and a 完成时限 column may say
    持续推进 after dates: neither ends the table (a web page's ``<div>`` rows come one cell a line)."""
    rows = [["序号", "重点任务", "责任单位", "完成时限"],
            ["1", "建设高价值专利培育中心4家", "市监局（牵头），市科技局", "2026年12月"],
            ["2", "新增质押融资企业90家", "市金融办（牵头），市监局", "2027年6月"],
            ["3", "建设知识产权保护中心", "市监局（牵头），市编办", "持续推进"],
            ["4", "开展执法行动", "市监局（牵头），市公安局", "每年"]]
    text = rebuild_cell_tables(_paragraph_text([cell for row in rows for cell in row] + AFTER))
    assert _lines(text) == ["\t".join(row) for row in rows] + AFTER
