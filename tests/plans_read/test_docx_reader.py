"""Word documents built in the test: Word numbering, real tables with merged cells, order."""

from __future__ import annotations

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ipcity.plans.read import read_document
from ipcity.plans.read.numerals import chinese_counting, format_counter
from tests.plans_read.docx_builder import (
    CHINESE_OUTLINE,
    add_numbering,
    merge_cells,
    new_document,
    numbered_paragraph,
    restart_numbering,
)


def _read(document, tmp_path, name="plan.docx"):
    path = tmp_path / name
    document.save(path)
    result = read_document(path)
    assert result.format == "docx"
    return result


@pytest.mark.parametrize(("n", "expected"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"),
                                             (23, "二十三"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n, expected):
    assert chinese_counting(n) == expected


@pytest.mark.parametrize(("fmt", "n", "expected"), [
    ("decimalEnclosedCircle", 3, "③"), ("decimalEnclosedCircleChinese", 21, "21"),
    ("ideographTraditional", 2, "乙"), ("decimalEnclosedParen", 4, "⑷"), ("lowerRoman", 9, "ix"),
    ("upperLetter", 28, "BB"), ("chineseLegalSimplified", 12, "壹拾贰"), ("decimalFullWidth", 12, "１２"),
    ("bullet", 1, ""),
])
def test_number_formats(fmt, n, expected):
    assert format_counter(n, fmt) == expected


def test_outline_numbering_is_rendered_and_deeper_levels_restart(tmp_path):
    doc = new_document()
    outline = add_numbering(doc, CHINESE_OUTLINE)
    for text, level in [("总体思路", 0), ("重点任务", 0), ("实施创造工程", 1), ("建立激励机制。", 2),
                        ("实施培育计划。", 2), ("细项", 3), ("要点", 4), ("要点", 4), ("实施运用工程", 1),
                        ("专利导航。", 2), ("保障措施", 0)]:
        numbered_paragraph(doc, text, outline.num_id, level)
    assert _read(doc, tmp_path).text.split("\n\n") == [
        "一、总体思路", "二、重点任务", "（一）实施创造工程", "1.建立激励机制。", "2.实施培育计划。",
        "（1）细项", "①要点", "②要点", "（二）实施运用工程", "1.专利导航。", "三、保障措施"]


def test_a_new_num_with_start_override_restarts_the_list(tmp_path):
    doc = new_document()
    outline = add_numbering(doc, CHINESE_OUTLINE)
    numbered_paragraph(doc, "甲", outline.num_id, 2)
    numbered_paragraph(doc, "乙", outline.num_id, 2)
    numbered_paragraph(doc, "丙", restart_numbering(doc, outline, 2), 2)
    numbered_paragraph(doc, "丁", outline.num_id, 2)  # the original num continues the shared counter
    assert _read(doc, tmp_path).text.split("\n\n") == ["1.甲", "2.乙", "1.丙", "2.丁"]


def test_tab_suffix_gives_a_space_and_numbering_through_a_style(tmp_path):
    doc = new_document()
    outline = add_numbering(doc, [("chineseCounting", "%1、"), ("decimal", "%2.")], suffix="tab")
    styles = doc.styles.element
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TaskItem"><w:name w:val="Task Item"/>'
        f'<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="{outline.num_id}"/></w:numPr></w:pPr></w:style>'))
    numbered_paragraph(doc, "重点任务", outline.num_id, 0)
    doc.add_paragraph("2025年前建成服务中心。", style="Task Item")
    doc.add_paragraph("实施导航项目。", style="Task Item")
    assert _read(doc, tmp_path).text.split("\n\n") == ["一、重点任务", "1. 2025年前建成服务中心。", "2. 实施导航项目。"]


def test_table_rows_are_tab_separated_with_merged_cells(tmp_path):
    doc = new_document()
    doc.add_paragraph("表1 主要指标")
    table = doc.add_table(rows=4, cols=4)
    cells = [["主要指标", "单位", "2025年预期值", "属性"],
             ["每万人口高价值发明专利拥有量", "件", "11.5", "预期性"],
             ["知识产权质押融资金额", "亿元", "6", ""],
             ["注：数据来源于统计年鉴", "", "", ""]]
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merge_cells(table, (1, 3), (2, 3))  # 属性 runs down two rows
    merge_cells(table, (3, 0), (3, 3))  # the note spans the whole row
    doc.add_paragraph("二、重点任务")
    assert _read(doc, tmp_path).text == (
        "表1 主要指标\n\n"
        "主要指标\t单位\t2025年预期值\t属性\n"
        "每万人口高价值发明专利拥有量\t件\t11.5\t预期性\n"
        "知识产权质押融资金额\t亿元\t6\t预期性\n"
        "注：数据来源于统计年鉴\t\t\t\n\n"
        "二、重点任务")


def test_cell_paragraphs_join_into_one_cell_and_numbered_cells_count(tmp_path):
    doc = new_document()
    outline = add_numbering(doc, [("decimal", "%1.")])
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "市市场监管局"
    table.cell(0, 0).add_paragraph("市科技局")
    cell = table.cell(0, 1)
    cell.paragraphs[0].text = "建设中心"
    cell.paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{outline.num_id}"/></w:numPr>'))
    assert _read(doc, tmp_path).text == "市市场监管局 市科技局\t1.建设中心"


def test_paragraph_furniture_inside_runs(tmp_path):
    doc = new_document()
    paragraph = doc.add_paragraph("　　到2025年，")
    paragraph.add_run("被删除的字")._r.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:vanish/></w:rPr>'))
    paragraph.add_run("专利拥有量\t达到")
    paragraph.add_run().add_break()
    paragraph.add_run("14件。")
    deleted = parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
                        f'<w:r><w:delText>旧文字</w:delText></w:r></w:del>')
    paragraph._p.append(deleted)
    result = _read(doc, tmp_path)
    # hidden and deleted text go; a tab in prose is a space; a manual line break is a line end
    assert result.text == "到2025年，专利拥有量 达到\n14件。"
    assert result.warnings == ["文档含有修订标记：已按接受全部修订后的文字读取，请对照原文核对"]


def test_text_box_content_follows_its_anchor_paragraph(tmp_path):
    doc = new_document()
    anchor = doc.add_paragraph("专栏1 主要指标")
    anchor._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        f'<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>'
        f'</v:textbox></v:shape></w:pict></w:r>'))
    doc.add_paragraph("下一段")
    assert _read(doc, tmp_path).text.split("\n\n") == ["专栏1 主要指标", "框内文字", "下一段"]


def test_docx_with_a_txt_extension_is_read_as_word(tmp_path):
    doc = new_document()
    doc.add_paragraph("一、总体要求")
    assert _read(doc, tmp_path, "plan.txt").text == "一、总体要求"


def test_numbering_through_a_num_style_link(tmp_path):
    # Word templates define an outline list once and point other lists at it by a numbering style.
    doc = new_document()
    outline = add_numbering(doc, CHINESE_OUTLINE, abstract_id=91)
    doc.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="PlanOutline"><w:name w:val="Plan Outline"/>'
        f'<w:pPr><w:numPr><w:numId w:val="{outline.num_id}"/></w:numPr></w:pPr></w:style>'))
    numbering = doc.part.numbering_part.element
    linked = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="92">'
                       f'<w:numStyleLink w:val="PlanOutline"/></w:abstractNum>')
    numbering.find(qn("w:num")).addprevious(linked)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="2092"><w:abstractNumId w:val="92"/></w:num>'))
    numbered_paragraph(doc, "重点任务", 2092, 0)
    numbered_paragraph(doc, "加强创造", 2092, 1)
    assert _read(doc, tmp_path).text.split("\n\n") == ["一、重点任务", "（一）加强创造"]


def test_one_column_box_and_nested_tables_are_read_as_their_content(tmp_path):
    doc = new_document()
    box = doc.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "专栏1 主要指标"
    box.cell(0, 0).add_paragraph("1.每万人口高价值发明专利拥有量达到14件。")
    inner = box.cell(0, 0).add_table(rows=2, cols=2)
    for r, row in enumerate([["指标", "2025年"], ["专利", "14件"]]):
        for c, value in enumerate(row):
            inner.cell(r, c).text = value
    doc.add_paragraph("二、重点任务")
    assert _read(doc, tmp_path).text.split("\n\n") == [
        "专栏1 主要指标", "1.每万人口高价值发明专利拥有量达到14件。", "指标\t2025年\n专利\t14件", "二、重点任务"]


def test_paragraphs_typed_with_tabs_are_a_table_only_where_their_cells_agree(tmp_path):
    # Authored: a header row whose first cell is empty, a row with an empty value, then rows whose
    # tab counts differ, a tabbed paragraph with a line break and a lone tabbed signature line.
    doc = new_document()
    for text in ["\t2024年\t2027年", "有效发明专利拥有量\t3100\t4800", "地理标志产品\t\t6",
                 "甲\t乙\t丙", "甲\t乙\t丙\t丁", "第一行\t甲\t乙"]:
        doc.add_paragraph(text)
    broken = doc.add_paragraph("第二行\t甲\t乙")
    broken.add_run().add_break()
    broken.add_run("续\t丙\t丁")
    doc.add_paragraph("青松市人民政府\t\t\t2025年3月9日")
    assert _read(doc, tmp_path).text.split("\n\n") == [
        "\t2024年\t2027年\n有效发明专利拥有量\t3100\t4800\n地理标志产品\t\t6\n甲\t乙\t丙",
        "甲 乙 丙 丁", "第一行 甲 乙", "第二行 甲 乙\n续 丙 丁", "青松市人民政府   2025年3月9日"]


def test_a_caption_between_two_tabbed_tables_starts_the_second(tmp_path):
    # Authored: two tables typed with tabs, of the same width, the second under its caption.
    doc = new_document()
    for text in ["指标\t2024年\t2027年", "专利\t1\t2", "表2 重点项目", "项目\t单位\t时限", "导航\t市局\t2026年"]:
        doc.add_paragraph(text)
    assert _read(doc, tmp_path).text.split("\n\n") == [
        "指标\t2024年\t2027年\n专利\t1\t2", "表2 重点项目", "项目\t单位\t时限\n导航\t市局\t2026年"]
