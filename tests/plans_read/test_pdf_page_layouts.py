"""PDF layouts real plans use (authored snippets): a signature date at a page's foot, and a
table typed as rows of cells apart by spaces."""

from __future__ import annotations

import pytest

from ipcity.plans import parse_file
from ipcity.plans.read import read_document
from tests.plans_read.pdf_builder import write_pdf


def test_signature_date_at_a_page_foot_is_not_glued_to_the_next_title(tmp_path):
    body = ("<p>各乡镇人民政府，县政府各部门：</p><p>现将《梅塘县知识产权强县建设工作方案》印发给你们，请认真贯彻执行。</p>"
            "<p style='text-align:right'>梅塘县人民政府</p><p style='text-align:right'>2024年9月12日</p>"
            "<h1 style='page-break-before:always'>梅塘县知识产权强县建设工作方案（2024—2026年）</h1>"
            "<p>一、工作目标</p><p>到2026年，全县有效发明专利达到500件。</p>")
    path = tmp_path / "plan.pdf"
    write_pdf(path, body)
    lines = [line for line in read_document(path).text.split("\n") if line]
    assert "2024年9月12日" in lines
    assert parse_file(path)["issued_on"] == "2024-09-12"


def test_rows_with_cells_apart_by_spaces_are_table_rows(tmp_path):
    gap = "&nbsp;" * 3
    rows = [["指标名称", "单位", "2023年", "2026年"], ["有效发明专利拥有量", "件", "3200", "4800"],
            ["知识产权服务机构数量", "家", "15", "30"]]
    body = ("<h1>沅北市知识产权工作方案（2024—2026年）</h1><p>一、主要目标</p><p>主要指标如下表：</p>"
            + "".join(f"<p class='noindent'>{gap.join(row)}</p>" for row in rows)
            + "<p>二、重点任务</p><p>（一）推进专利转化。开展专项行动。（市科技局负责）</p>")
    path = tmp_path / "plan.pdf"
    write_pdf(path, body)
    lines = read_document(path).text.split("\n")
    assert ["\t".join(row) for row in rows] == [line for line in lines if "\t" in line]
    targets = {i["name"]: i["targets"][0]["value"] for i in parse_file(path)["indicators"]}
    assert targets == {"有效发明专利拥有量": 4800, "知识产权服务机构数量": 30}


def test_justified_prose_is_not_split_into_cells(tmp_path):
    prose = "为加快建设知识产权强市，推动PCT国际专利申请和马德里商标国际注册，以高水平保护支撑高质量发展，" * 3
    path = tmp_path / "plan.pdf"
    write_pdf(path, f"<p>{prose}</p><p>{prose}</p>")
    assert "\t" not in read_document(path).text


def _task_rows(count: int) -> list[list[str]]:
    return [["序号", "重点任务", "牵头单位", "完成时限"]] + [
        [str(i), f"推进第{i}项知识产权重点工作", "区市场监管局", "2026年12月"] for i in range(1, count + 1)]


@pytest.mark.parametrize("ruled", [True, False])
def test_a_table_over_pages_without_a_repeated_header_keeps_every_row(tmp_path, ruled):
    rows = _task_rows(45)
    style = "" if ruled else "<style>td { border: none !important; }</style>"
    body = (style + "<p>附件</p><p>重点任务分工表</p><table>"
            + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
            + "</table><p>以上任务按期完成。</p>")
    path = tmp_path / "plan.pdf"
    write_pdf(path, body)
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2  # the table does run over a page break
    assert [line for line in read_document(path).text.split("\n") if "\t" in line] == ["\t".join(r) for r in rows]


_GAZETTE = ("<style>body { columns: 2; column-gap: 1.2cm; column-rule: 0.5pt solid #000; font-size: 10.5pt; }</style>"
            "<p class='noindent'>澄湾县人民政府关于印发澄湾县商标品牌建设行动方案（2025—2026年）的通知</p>"
            "<p>各乡镇人民政府，县政府各部门：现将《澄湾县商标品牌建设行动方案（2025—2026年）》印发给你们，请认真组织实施。</p>"
            "<p style='text-align:right'>澄湾县人民政府</p><p style='text-align:right'>2025年3月6日</p>"
            "<p class='noindent'>澄湾县商标品牌建设行动方案（2025—2026年）</p>"
            "<p>为推动商标品牌与特色产业融合发展，提升区域品牌的影响力和竞争力，结合本县实际，制定本方案。</p>"
            "<p>一、行动目标</p>"
            "<p>到2026年，全县有效商标注册量达到5200件，地理标志证明商标达到6件，商标品牌指导站覆盖全部乡镇。</p>"
            "<p>二、重点任务</p>"
            + "".join(f"<p>（{n}）开展第{n}项品牌行动。组织企业参加品牌培训和商标注册辅导，建立品牌培育名录并实行动态管理，"
                      f"推动品牌企业与电商平台对接，扩大品牌产品的市场覆盖面。（县市场监管局牵头，县商务局配合）</p>"
                      for n in "一二三四五六")
            + "<p>三、保障措施</p><p>各责任单位于每年12月10日前将年度工作情况报送县市场监管局。</p>")


def test_a_page_in_two_columns_is_read_left_column_first(tmp_path):
    """A 政府公报 prints its articles in two columns; pdfplumber's lines run across both, so each
    line of the left column came out glued to the line beside it in the right one."""
    path = tmp_path / "gazette.pdf"
    write_pdf(path, _GAZETTE, header="澄湾县人民政府公报　　2025年第2期")
    text = read_document(path).text
    paragraphs = [p for p in text.split("\n") if p]
    assert "到2026年，全县有效商标注册量达到5200件，地理标志证明商标达到6件，商标品牌指导站覆盖全部乡镇。" in paragraphs
    tasks = [p for p in paragraphs if p.startswith("（") and p.endswith("配合）")]
    assert len(tasks) == 6 and "\t" not in text
    plan = parse_file(path)
    assert plan["title"] == "澄湾县商标品牌建设行动方案（2025—2026年）" and plan["region"] == "澄湾县"
    assert [t["ref"] for t in plan["tasks"]] == [f"二/（{n}）" for n in "一二三四五六"]
    assert plan["reporting"][0]["due"] == {"month": 12, "day": 10}


def test_an_unruled_table_is_no_pair_of_columns(tmp_path):
    """Cells of an unruled table leave a gap down the page too, but each side of it holds several
    short cells, not one line of text: the page stays in one column (its rows are read as rows)."""
    rows = [["序号", "对应条目", "重点任务", "牵头单位", "配合单位"]] + [
        [str(n), f"（{c}）", f"推进第{n}项品牌培育工作", "县市场监管局", "县商务局、县农业农村局"]
        for n, c in enumerate("一二三四五六七八九十", start=1)]
    body = ("<style>td { border: none !important; }</style><p>附件</p><p>重点任务分工表</p><table>"
            + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>")
    path = tmp_path / "plan.pdf"
    write_pdf(path, body)
    lines = read_document(path).text.split("\n")
    assert "\t".join(rows[3]) in lines


def test_a_table_across_both_columns_stands_between_the_bands_it_cuts(tmp_path):
    """A gazette sets a wide table across the page: the columns above it are read, then the table,
    then the columns below it (a table inside one column is read with that column)."""
    rows = [["序号", "指标名称", "单位", "2024年", "2026年"], ["1", "有效商标注册量", "件", "4100", "5200"],
            ["2", "地理标志证明商标", "件", "3", "6"]]
    table = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    intro = "".join(f"<p>推动商标品牌与特色产业融合发展第{n}段，提升区域品牌的影响力和竞争力，结合本县实际，制定本方案。</p>"
                    for n in range(1, 5))
    tasks = "".join(f"<p>（{n}）开展第{n}项品牌行动。组织企业参加品牌培训和商标注册辅导，建立品牌培育名录并实行动态管理，"
                    "推动品牌企业与电商平台对接。（县市场监管局牵头，县商务局配合）</p>" for n in "一二三四五六")
    body = ("<style>div.cols { columns: 2; column-gap: 1.2cm; font-size: 10.5pt; }</style>"
            "<div class='cols'><p class='noindent'>澄湾县商标品牌建设行动方案（2025—2026年）</p>" + intro
            + "<p>一、行动目标</p><p>到2026年，全县商标品牌指导站覆盖全部乡镇。主要指标见下表。</p></div>"
            + table + "<div class='cols'><p>二、重点任务</p>" + tasks + "</div>")
    path = tmp_path / "gazette.pdf"
    write_pdf(path, body)
    lines = [line for line in read_document(path).text.split("\n") if line]
    at = lines.index("\t".join(rows[0]))
    assert lines[at - 1].endswith("主要指标见下表。") and lines[at + 3] == "二、重点任务"
    assert lines[at + 1:at + 3] == ["\t".join(rows[1]), "\t".join(rows[2])]
    assert lines[at - 6:at - 2] == [f"推动商标品牌与特色产业融合发展第{n}段，提升区域品牌的影响力和竞争力，结合本县实际，制定本方案。"
                                    for n in range(1, 5)]


def test_a_table_inside_a_column_is_read_with_it(tmp_path):
    rows = [["序号", "指标名称", "单位", "2026年"], ["1", "有效商标注册量", "件", "5200"], ["2", "地理标志证明商标", "件", "6"]]
    table = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    tasks = "".join(f"<p>（{n}）开展第{n}项品牌行动。组织企业参加品牌培训和商标注册辅导，建立品牌培育名录并实行动态管理，"
                    "推动品牌企业与电商平台对接。（县市场监管局牵头，县商务局配合）</p>" for n in "一二三四五六")
    body = ("<style>body { columns: 2; column-gap: 1.2cm; font-size: 10.5pt; }</style>"
            "<p>一、行动目标</p><p>到2026年，全县商标品牌指导站覆盖全部乡镇。主要指标见下表。</p>" + table
            + "<p>二、重点任务</p>" + tasks)
    path = tmp_path / "gazette.pdf"
    write_pdf(path, body)
    lines = [line for line in read_document(path).text.split("\n") if line]
    at = lines.index("\t".join(rows[0]))
    assert lines[at - 1].endswith("主要指标见下表。") and lines[at + 3] == "二、重点任务"
