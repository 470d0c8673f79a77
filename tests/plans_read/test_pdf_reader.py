"""PDFs rendered by WeasyPrint: paragraphs rebuilt, furniture dropped, tables kept; bad PDFs refused."""

from __future__ import annotations

import pytest

from ipcity.plans.errors import DocumentError
from ipcity.plans.read import read_document
from ipcity.plans.read.pdf_layout import is_page_number
from tests.plans_read.pdf_builder import encrypted_pdf, image_only_pdf, write_pdf

LONG_TASK = ("1.建立健全创造激励机制。" + "完善知识产权政策体系，鼓励知识产权创造运用，强化质量导向。" * 30
             + "（市市场监管局、市科技局等按职责分工负责）")
GOAL = "到2025年，基本建成创造运用高效、保护体系完善、管理体制健全、服务环境优良的知识产权强市。" * 3


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    body = (
        "<h1>某某市国家知识产权强市建设试点城市工作方案（2022—2025年）的通知文件标题</h1>"
        "<p class='noindent'>一、建设目标</p>"
        f"<p>{GOAL}</p>"
        "<table><tr><th>主要指标</th><th>单位</th><th>2025年预期值</th><th>备注</th></tr>"
        "<tr><td>每万人口高价值发明专利拥有量（统计口径按照国家知识产权局发布的数据计算）</td><td>件</td>"
        "<td>11.5</td><td rowspan='2'>累计值</td></tr>"
        "<tr><td>知识产权质押融资金额</td><td>亿元</td><td>6</td></tr>"
        "<tr><td colspan='2'>专利商标行政执法办案量增幅</td><td>10%</td><td>年均值</td></tr></table>"
        "<p class='noindent'>二、重点工作任务</p>"
        f"<p>{LONG_TASK}</p>"
        "<p>2.实施高价值专利培育计划。加强专利布局。（市科技局负责）</p>"
    )
    write_pdf(path, body, header="某某市人民政府文件")
    return read_document(path)


def test_pdf_is_read_as_pdf_without_warnings(plan_pdf):
    assert plan_pdf.format == "pdf"
    assert plan_pdf.warnings == []


def test_paragraphs_spanning_lines_and_pages_come_back_whole(plan_pdf):
    paragraphs = plan_pdf.text.split("\n\n")
    assert LONG_TASK in paragraphs
    assert GOAL in paragraphs
    assert "2.实施高价值专利培育计划。加强专利布局。（市科技局负责）" in paragraphs


def test_a_title_wrapped_over_two_lines_is_one_line(plan_pdf):
    assert plan_pdf.text.split("\n\n")[0] == "某某市国家知识产权强市建设试点城市工作方案（2022—2025年）的通知文件标题"


def test_running_header_and_page_numbers_are_dropped(plan_pdf):
    assert "某某市人民政府文件" not in plan_pdf.text
    assert "—" not in plan_pdf.text.replace("2022—2025", "")


def test_table_rows_with_wrapped_and_merged_cells(plan_pdf):
    rows = [line.split("\t") for line in plan_pdf.text.split("\n") if "\t" in line]
    assert rows == [
        ["主要指标", "单位", "2025年预期值", "备注"],
        ["每万人口高价值发明专利拥有量（统计口径按照国家知识产权局发布的数据计算）", "件", "11.5", "累计值"],
        ["知识产权质押融资金额", "亿元", "6", "累计值"],
        ["专利商标行政执法办案量增幅", "", "10%", "年均值"],
    ]


def test_table_broken_by_a_page_break_is_one_table(tmp_path):
    rows = "".join(f"<tr><td>指标{i}</td><td>{i}件</td></tr>" for i in range(1, 61))
    path = tmp_path / "long.pdf"
    write_pdf(path, f"<p>前言。</p><table><thead><tr><th>指标名称</th><th>目标值</th></tr></thead>{rows}</table>"
                    "<p>后记。</p>")
    text = read_document(path).text
    table = text.split("\n\n")[1].split("\n")
    assert table[0] == "指标名称\t目标值"
    assert table[1:] == [f"指标{i}\t{i}件" for i in range(1, 61)]


@pytest.mark.parametrize("line", ["— 3 —", "- 12 -", "3", "第3页", "第 3 页 共 12 页", "3/12", "Page 4 of 9"])
def test_page_number_shapes(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["2025年", "一、总体要求", "3. 实施计划", "（市科技局负责）"])
def test_content_is_not_a_page_number(line):
    assert not is_page_number(line)


def test_scanned_pdf_needs_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    image_only_pdf(path)
    with pytest.raises(DocumentError, match="scanned PDF without a text layer: needs OCR"):
        read_document(path)


def test_encrypted_pdf_is_refused(tmp_path):
    path = tmp_path / "locked.pdf"
    encrypted_pdf(path)
    with pytest.raises(DocumentError, match="password-protected") as err:
        read_document(path)
    assert "加密" in err.value.problem_zh


def test_truncated_pdf_is_corrupt(tmp_path):
    good = tmp_path / "good.pdf"
    write_pdf(good, "<p>一、总体要求。</p>")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(DocumentError, match="corrupt PDF"):
        read_document(bad)


def test_a_pdf_whose_pages_cannot_be_parsed_is_corrupt_also_when_closed(tmp_path):
    # pdfplumber parses the pages again when it closes the file: the damage must not escape there.
    path = tmp_path / "plan.pdf"
    write_pdf(path, "<p>一、工作目标</p><p>（一）加强创造。</p>")
    data = path.read_bytes()
    at = data.index(b"/Length ")
    path.write_bytes(data[:at] + b"/Length!" + data[at + len(b"/Length "):])
    with pytest.raises(DocumentError, match="corrupt PDF"):
        read_document(path)
