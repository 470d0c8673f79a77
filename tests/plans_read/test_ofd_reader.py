"""The OFD reader: OFD packages built in the test (``ofd_builder.py``, authored fixtures, no
OFD file from elsewhere) read into the same text as their PDF rendering, and hostile packages
refused before anything heavy is read."""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path

import pytest

from ipcity.plans.errors import DocumentError
from ipcity.plans.pipeline import read_and_parse
from ipcity.plans.read import ofd_package, read_document
from ipcity.plans.read.ofd_reader import grid_rows, page_items, path_rules, text_chars
from tests.conftest import SHARED
from tests.plans_read.ofd_builder import (
    BODY,
    LEFT,
    NS,
    TOP,
    Layout,
    layout_blocks,
    ofd_from_text,
    package_files,
    write_ofd,
    write_package,
)
from tests.plans_variants.render import Block, to_blocks, write_pdf_file

TASKS = ("（一）实施专利导航工程。围绕主导产业开展专利导航，建设产业知识产权运营中心，形成一批导航成果。"
         "（市市场监管局牵头，市科技局、市工业和信息化局配合）")


def _scorer():
    spec = importlib.util.spec_from_file_location("plan_score", SHARED / "tools" / "plan_score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("stem", ["000_3c8ebd50ad477ee4", "003_ad1ce068d66b7838"])
def test_a_seed_as_ofd_scores_like_its_pdf(tmp_path, stem):
    text = (SHARED / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    ofd = ofd_from_text(text, tmp_path / f"{stem}.ofd", running_header=stem)
    pdf = tmp_path / f"{stem}.pdf"
    write_pdf_file(to_blocks(text), pdf, running_header=stem)
    gold = json.loads((SHARED / "seeds" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    scorer = _scorer()
    ofd_plan, ofd_result = read_and_parse(ofd)
    pdf_plan, _ = read_and_parse(pdf)
    assert ofd_result.format == "ofd"
    ofd_score, pdf_score = scorer.score(gold, ofd_plan), scorer.score(gold, pdf_plan)
    for key in ("ind_f1", "task_f1"):
        assert ofd_score[key] >= 0.9 and ofd_score[key] >= pdf_score[key] - 0.02, (ofd_score, pdf_score)
    # The template page's running header and the page numbers are furniture.
    assert stem not in ofd_result.text and "— 2 —" not in ofd_result.text


def _read(tmp_path: Path, blocks: list[Block], **options) -> str:
    return read_document(write_ofd(blocks, tmp_path / "plan.ofd", **options)).text


def test_wrapped_justified_paragraphs_are_joined_and_headings_stay_apart(tmp_path):
    blocks = [Block("heading", "示例市知识产权强市建设工作方案", level=1), Block("heading", "二、重点任务", level=2),
              Block("paragraph", TASKS), Block("paragraph", "到2027年，发明专利拥有量达到 1.5 万件。")]
    assert _read(tmp_path, blocks).split("\n\n") == [b.text for b in blocks]


def test_text_scaled_by_its_ctm_reads_as_plain_text(tmp_path):
    blocks = [Block("paragraph", TASKS), Block("table", rows=[["指标", "单位", "2027年"], ["专利拥有量", "件", "15"]])]
    plain = _read(tmp_path, blocks)
    assert _read(tmp_path, blocks, scaled_text=True) == plain
    assert "专利拥有量\t件\t15" in plain


def test_ruled_table_cells_wrap_and_merged_cells_follow_the_readers_rule(tmp_path):
    rows = [["序号", "重点任务", "牵头单位", "完成时限"],
            ["1", "建设知识产权保护中心，开展快速预审、快速确权和快速维权服务，覆盖主导产业", "市市场监管局", "2025年"],
            ["2", "培育知识产权示范企业", "市市场监管局", "2025年"],
            ["3", "开展专利导航", "市科技局", "2026年"]]
    text = _read(tmp_path, [Block("table", rows=rows)])
    # The merged 牵头单位 (rows 1–2) and 完成时限 (rows 1–2) are repeated in each row they span.
    assert text.split("\n") == ["\t".join(r) for r in rows]


def test_an_unruled_table_is_read_from_its_column_gaps(tmp_path):
    layout = Layout()
    layout.paragraph("表1 主要指标")
    for row in (["指标名称", "单位", "2025年", "2027年"], ["有效发明专利拥有量", "件", "1200", "1500"],
                ["知识产权质押融资额", "亿元", "6", "10"]):
        for x, cell in zip((LEFT, LEFT + 70, LEFT + 95, LEFT + 125), row, strict=True):
            layout.text(x, layout.y, BODY, cell)
        layout.y += BODY * 1.6
    layout.paragraph(TASKS)
    text = read_document(write_package(dict(package_files(layout)), tmp_path / "t.ofd")).text
    assert "指标名称\t单位\t2025年\t2027年\n有效发明专利拥有量\t件\t1200\t1500\n知识产权质押融资额\t亿元\t6\t10" in text


def _chars_line(text: str, x: float, baseline: float, size: float = 12.0) -> list[dict]:
    return [{"text": ch, "x0": x + size * n, "x1": x + size * (n + 1), "size": size, "top": baseline - 10,
             "bottom": baseline + 2, "baseline": baseline} for n, ch in enumerate(text)]


def test_a_cell_spanning_columns_gives_its_value_once_then_empty_cells():
    from ipcity.plans.read.ofd_reader import Rule, _grids

    xs, ys = [0.0, 100.0, 200.0, 300.0], [0.0, 20.0, 40.0]
    horizontal = [Rule(y, 0, 300, True) for y in ys]
    # Row 0 has no stroke between its 2nd and 3rd cell: one cell across two columns.
    vertical = [Rule(x, 0, 40, False) for x in (0.0, 100.0, 300.0)] + [Rule(200.0, 20, 40, False)]
    (grid,) = _grids(horizontal, vertical)
    assert grid.columns == xs and grid.rows == ys
    chars = _chars_line("指标", 5, 15) + _chars_line("目标值", 150, 15) + _chars_line("专利", 5, 35) \
        + _chars_line("2025", 105, 35) + _chars_line("2027", 205, 35)
    assert grid_rows(chars, grid, horizontal, vertical) == [["指标", "目标值", ""], ["专利", "2025", "2027"]]


def test_a_one_column_frame_is_a_box_of_paragraphs_not_a_table():
    rules = [path_rules(_path(f"M 0 0 L {w} {h}", 10, 10 if h else 10 + y, w or 0.3, h or 0.3))
             for w, h, y in ((150, 0, 0), (150, 0, 40))]
    rules += [path_rules(_path("M 0 0 L 0 40", x, 10, 0.3, 40)) for x in (10, 160)]
    assert [len(r) for r in rules] == [1, 1, 1, 1]
    chars = _chars_line("专栏1 重点工程", 40, 60)
    items = page_items(chars, [r for rs in rules for r in rs], 0)
    assert [type(i).__name__ for i in items] == ["Line"]


def _path(data: str, x: float, y: float, w: float, h: float) -> object:
    from lxml import etree

    return etree.fromstring(f'<ofd:PathObject xmlns:ofd="{NS}" ID="1" Boundary="{x} {y} {w} {h}">'
                            f"<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>")


def _text_object(attributes: str, code: str) -> object:
    from lxml import etree

    return etree.fromstring(f'<ofd:TextObject xmlns:ofd="{NS}" ID="1" Font="3" {attributes}>{code}</ofd:TextObject>')


def test_text_code_positions_follow_boundary_ctm_and_delta_x():
    obj = _text_object('Boundary="20 30 100 10" Size="1" CTM="5 0 0 5 2 0"',
                       '<ofd:TextCode X="0" Y="0.88" DeltaX="g 2 1.2">知识产</ofd:TextCode>')
    chars = text_chars(obj)
    mm = 72 / 25.4
    assert [c["text"] for c in chars] == list("知识产")
    assert [round(c["x0"] / mm, 3) for c in chars] == [22.0, 28.0, 34.0]
    assert round(chars[0]["size"] / mm, 3) == 5.0 and round(chars[0]["baseline"] / mm, 3) == 34.4


def test_turned_text_a_seal_or_watermark_is_left_out():
    obj = _text_object('Boundary="20 30 100 10" Size="5" CTM="0.7 0.7 -0.7 0.7 0 0"',
                       '<ofd:TextCode X="0" Y="4">示例市人民政府</ofd:TextCode>')
    assert text_chars(obj) == []


def test_images_are_counted_in_a_chinese_warning(tmp_path):
    result = read_document(write_ofd([Block("paragraph", TASKS)], tmp_path / "p.ofd", images=2))
    assert result.warnings == ["文档中有 2 张图片：图片中的文字不会被读取，请对照原文核对"]


def _files(**options) -> dict[str, str | bytes]:
    return dict(package_files(layout_blocks([Block("paragraph", TASKS)]), **options))


def _refused(tmp_path: Path, files: dict[str, str | bytes]) -> DocumentError:
    path = write_package(files, tmp_path / "bad.ofd")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.problem_zh
    return caught.value


def test_an_ofd_zip_is_typed_ofd_whatever_its_name(tmp_path):
    path = write_package(_files(), tmp_path / "方案.docx")
    assert read_document(path).format == "ofd"


def test_missing_doc_root_broken_xml_and_missing_page_are_named(tmp_path):
    files = _files()
    files["OFD.xml"] = f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocInfo/></ofd:DocBody></ofd:OFD>'
    assert "DocRoot" in _refused(tmp_path, files).problem_zh
    files = _files()
    files["Doc_0/Pages/Page_0/Content.xml"] = "<ofd:Page><ofd:Content>"
    assert "不是有效的 XML" in _refused(tmp_path, files).problem_zh
    files = _files()
    del files["Doc_0/Pages/Page_0/Content.xml"]
    assert "缺少文件" in _refused(tmp_path, files).problem_zh


def test_encrypted_and_image_only_ofd_are_refused_in_chinese(tmp_path):
    files = _files()
    files["Encryptions.xml"] = f'<ofd:Encryptions xmlns:ofd="{NS}"/>'
    assert "已加密" in _refused(tmp_path, files).problem_zh
    layout = Layout()
    layout.image()
    # Signed (a seal image) but no text: a scan, needs OCR.
    error = _refused(tmp_path, dict(package_files(layout, page_numbers=False)))
    assert "OCR" in error.problem_zh


@pytest.fixture
def no_xml_read(monkeypatch):
    """Fails the test if the reader parses any XML part."""
    def refuse(*args, **kwargs):
        raise AssertionError("XML was read before the package was refused")
    monkeypatch.setattr(ofd_package, "read_xml", refuse)


def test_a_zip_bomb_is_refused_before_any_part_is_read(tmp_path, no_xml_read):
    files = _files()
    files["Doc_0/Res/padding.bin"] = b"\0" * (3 * 1024 * 1024)  # compresses about 1000×
    assert "压缩炸弹" in _refused(tmp_path, files).problem_zh


def test_member_names_that_climb_out_of_the_package_are_refused_unread(tmp_path, no_xml_read):
    files = _files()
    files["../../etc/cron.d/evil"] = "x"
    assert "包外" in _refused(tmp_path, files).problem_zh


def test_a_doc_root_outside_the_package_is_refused(tmp_path):
    files = _files()
    files["OFD.xml"] = str(files["OFD.xml"]).replace("Doc_0/Document.xml", "../../etc/passwd")
    assert "包外" in _refused(tmp_path, files).problem_zh


def test_a_huge_page_list_is_refused_before_any_page_is_opened(tmp_path):
    files = _files()
    pages = "".join(f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(5000))
    document = str(files["Doc_0/Document.xml"])
    files["Doc_0/Document.xml"] = document[:document.index("<ofd:Pages>")] + f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
    # Pages 1… do not exist: opening any of them would fail with "missing part" instead.
    error = _refused(tmp_path, files)
    assert "5000 页" in error.problem_zh


@pytest.mark.parametrize("part", ["OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"])
def test_entities_and_dtds_are_refused_before_parsing(tmp_path, part):
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 if n > 1 else "")) * 10}">' for n in range(1, 10))
              + f']><ofd:Page xmlns:ofd="{NS}"><ofd:Content>&lol9;</ofd:Content></ofd:Page>')
    files = _files()
    files[part] = laughs
    assert "DTD" in _refused(tmp_path, files).problem_zh


def test_a_word_file_is_still_read_as_word(tmp_path):
    from tests.plans_variants.render import write_docx

    path = tmp_path / "plan.ofd"  # the name says OFD, the content is Word
    write_docx([Block("paragraph", TASKS)], path)
    assert read_document(path).format == "docx"


def test_a_zip_without_ofd_or_word_parts_is_still_named_a_zip(tmp_path):
    path = tmp_path / "x.ofd"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ofd.txt", "hello")
    with pytest.raises(DocumentError, match="zip archive"):
        read_document(path)


def test_page_origin_is_the_top_left(tmp_path):
    # The builder's first line stands at the top margin: its characters' top is near TOP mm.
    layout = Layout()
    layout.text(LEFT, TOP, BODY, "知识产权")
    from lxml import etree

    obj = etree.fromstring(f'<x xmlns:ofd="{NS}">{layout.pages[0].objects[0]}</x>')[0]
    chars = text_chars(obj)
    assert abs(chars[0]["x0"] - LEFT * 72 / 25.4) < 0.01 and abs(chars[0]["top"] - TOP * 72 / 25.4) < 1.5


def test_a_page_with_garbage_numbers_is_a_damaged_document_not_a_crash(tmp_path):
    files = _files()
    page = str(files["Doc_0/Pages/Page_0/Content.xml"])
    files["Doc_0/Pages/Page_0/Content.xml"] = page.replace('<ofd:TextCode X="0"', '<ofd:TextCode X="zero"', 1)
    assert "第 1 页" in _refused(tmp_path, files).problem_zh


def test_damaged_compressed_data_is_a_damaged_document(tmp_path):
    path = write_package(_files(), tmp_path / "p.ofd")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("Doc_0/Pages/Page_0/Content.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] = 0xFF  # a deflate block of the reserved type: zlib refuses it
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "已损坏" in caught.value.problem_zh


def test_a_zip_needing_an_unknown_version_is_a_damaged_document(tmp_path):
    path = write_package(_files(), tmp_path / "p.ofd")
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 207  # "version needed to extract": 20.7, which zipfile does not implement
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "已损坏" in caught.value.problem_zh


def test_a_cell_merged_down_across_a_page_break_continues_under_the_repeated_header(tmp_path):
    rows = [["序号", "指标名称", "单位", "备注"]]
    rows += [[str(n), f"第{n}项知识产权指标", "件", "累计值" if n <= 40 else "年均值"] for n in range(1, 46)]
    path = write_ofd([Block("paragraph", TASKS), Block("table", rows=rows)], tmp_path / "long.ofd")
    with zipfile.ZipFile(path) as archive:
        assert "Doc_0/Pages/Page_1/Content.xml" in archive.namelist()  # the table goes over a page
    text = read_document(path).text
    assert text.split("\n\n")[1].split("\n") == ["\t".join(r) for r in rows]


def test_ipcity_plan_parse_reads_an_ofd(tmp_path):
    from click.testing import CliRunner

    from ipcity.cli.main import cli

    path = write_ofd([Block("heading", "示例市知识产权强市建设工作方案（2025—2027年）", level=1),
                      Block("heading", "二、重点任务", level=2), Block("paragraph", TASKS)],
                     tmp_path / "方案.ofd", images=1)
    result = CliRunner().invoke(cli, ["plan", "parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["title"].startswith("示例市") and plan["tasks"][0]["departments"][0] == "市市场监管局"
    assert "文档中有 1 张图片" in result.stderr


def test_cells_drawn_as_closed_rectangles_or_thin_filled_bars_make_a_grid():
    from lxml import etree

    mm = 72 / 25.4
    rects = [path_rules(_path("M 0 0 L 40 0 L 40 10 L 0 10 C", 20 + 40 * c, 20 + 10 * r, 40, 10))
             for r in range(2) for c in range(2)]
    bars = [path_rules(etree.fromstring(
        f'<ofd:PathObject xmlns:ofd="{NS}" ID="2" Boundary="20 {y} 80 0.2" Stroke="false" Fill="true">'
        "<ofd:AbbreviatedData>M 0 0 L 80 0 L 80 0.2 L 0 0.2 C</ofd:AbbreviatedData></ofd:PathObject>"))
        for y in (45, 55)]
    assert all(len(r) == 4 for r in rects) and [len(b) for b in bars] == [1, 1]
    chars = (_chars_line("指标", 25 * mm, 27 * mm) + _chars_line("单位", 65 * mm, 27 * mm)
             + _chars_line("专利", 25 * mm, 37 * mm) + _chars_line("件", 65 * mm, 37 * mm))
    items = page_items(chars, [r for rs in rects for r in rs], 0)
    assert len(items) == 1 and items[0].rows == [["指标", "单位"], ["专利", "件"]]
    # A filled bar thinner than a stroke counts as a rule along its middle.
    assert all(rule.horizontal for b in bars for rule in b)
