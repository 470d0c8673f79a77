"""OCR of scanned PDFs: the text rules (units), the table rules from the image, and a seed
scanned at 200 dpi read back through Tesseract (slow)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ipcity.plans.errors import DocumentError
from ipcity.plans.pipeline import read_and_parse
from ipcity.plans.read import ocr, read_document
from ipcity.plans.read.ocr_repair import close_open_brackets, repair_line
from ipcity.plans.read.ocr_rules import erase_rules
from ipcity.plans.read.ocr_tables import grid_rows, group_table_rows
from ipcity.plans.read.ocr_text import OcrWord, line_cells, normalise_ocr_text
from ipcity.plans.read.pdf_layout import Line, TableBlock
from tests.conftest import SHARED
from tests.plans_read.pdf_builder import image_only_pdf, scanned_pdf

needs_ocr = pytest.mark.skipif(not ocr.ocr_available(), reason="tesseract-ocr-chi-sim not installed")


@pytest.mark.parametrize(("raw", "clean"), [
    ("知 识 产 权 局", "知识产权局"),
    ("到 2025 年 , 达 到 １２ 件", "到2025年，达到12件"),
    ("牵头单位: 市科技局; 配合单位", "牵头单位：市科技局；配合单位"),
    ("Page 3", "Page 3"),
    ("9:30", "9:30"),
])
def test_ocr_text_spacing_and_widths(raw, clean):
    assert normalise_ocr_text(raw) == clean


@pytest.mark.parametrize(("raw", "fixed"), [
    ("梅政【2023] 12号", "梅政〔2023〕12号"),
    ("梅政【2023]12号", "梅政〔2023〕12号"),  # the number right after the bracket, as printed
    ("铜政〔2022]49号", "铜政〔2022〕49号"),
    ("工作方案〈2024一2026年)", "工作方案（2024—2026年）"),
    ("2024年1]月5日", "2024年11月5日"),
    ("2024年11]月5日", "2024年11月5日"),
    ("10，推进专利导航", "10.推进专利导航"),
    ("三)强化保护", "（三）强化保护"),
    ("7.，”优化服务", "7.优化服务"),
    ("《纲要〈2021-2035年)》为主线", "《纲要（2021-2035年）》为主线"),
    ("市政府办公室（外事办》、市仲裁委", "市政府办公室（外事办）、市仲裁委"),
    ("动员部署阶段（2025年5月一2025年6月）", "动员部署阶段（2025年5月—2025年6月）"),
    ("试运行（2025年9月一12月）", "试运行（2025年9月—12月）"),
    ("每月一次，2025年一季度", "每月一次，2025年一季度"),  # 一 of a count or a quarter stays
])
def test_ocr_confusions_repaired(raw, fixed):
    assert repair_line(raw) == fixed


def test_a_paragraph_left_inside_a_bracket_is_closed():
    assert close_open_brackets("推进工作。《县科技局、县财政局按职责分工负责") == "推进工作。（县科技局、县财政局按职责分工负责）"
    assert close_open_brackets("完整的句子（县科技局负责）。") == "完整的句子（县科技局负责）。"


def test_tsv_words_keep_their_line_box_and_confidence_and_noise_goes():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t10\t20\t300\t30\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t20\t100\t30\t96.5\t知识\n"
           "5\t1\t1\t1\t1\t2\t112\t20\t100\t30\t91.0\t产权\n"
           "5\t1\t2\t1\t1\t1\t400\t900\t40\t20\t0.0\tET\n")  # a page number's garbage
    words = ocr.parse_tsv(tsv)
    assert [(w.text, w.line, w.x0, w.x1, w.confidence) for w in words] == [
        ("知识", (1, 1, 1), 10, 110, 96.5), ("产权", (1, 1, 1), 112, 212, 91.0)]


def test_a_bracket_read_with_its_character_is_kept_though_tesseract_scores_it_low():
    """``(市`` at a line's start: Tesseract scores the mixed word near 0 though it read it right;
    dropping it cut ``市知识产权局`` to ``知识产权局`` and lost the list's bracket."""
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "5\t1\t1\t1\t1\t1\t10\t20\t60\t30\t0.0\t(市\n"
           "5\t1\t1\t1\t1\t2\t72\t20\t100\t30\t96.5\t知识\n"
           "5\t1\t1\t1\t1\t3\t174\t20\t30\t30\t4.0\t丨\n")  # a speck stays noise
    assert [w.text for w in ocr.parse_tsv(tsv)] == ["(市", "知识"]


def _word(text, x0, x1, top=100, line=(1, 1, 1)):
    return OcrWord(text, line, x0, top, x1, top + 40, 90.0)


def test_words_a_column_gap_apart_are_cells():
    cells = line_cells([_word("专利", 0, 80), _word("拥有量", 84, 200), _word("件", 400, 440)], 40)
    assert [text for text, _, _ in cells] == ["专利拥有量", "件"]


def test_unruled_rows_become_one_table_and_keep_their_columns():
    def row(cells, top):
        return [(t, x0, x1) for t, x0, x1 in cells], Line(" ".join(c[0] for c in cells), 0, 500, top, top + 12, 12, 0)
    lines = [row([("指标", 0, 50), ("单位", 200, 240), ("2026年", 300, 360)], 0),
             row([("专利拥有量", 0, 120), ("14", 310, 330)], 20),
             ([("一段正文。", 0, 500)], Line("一段正文。", 0, 500, 40, 52, 12, 0))]
    items = group_table_rows(lines, 0)
    assert isinstance(items[0], TableBlock) and items[0].rows == [["指标", "单位", "2026年"], ["专利拥有量", "", "14"]]
    assert isinstance(items[1], Line)


def _ruled_table_image(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (1600, 900), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 300, 500, 700):
        draw.line((100, y, 1500, y), fill=0, width=3)
    for x in (100, 400, 1000, 1500):
        draw.line((x, 100, x, 700), fill=0, width=3)
    draw.rectangle((150, 150, 180, 180), fill=0)  # a "character": short strokes stay
    image.save(path)


def test_table_rules_are_found_and_erased(tmp_path):
    from PIL import Image

    path = tmp_path / "page.pgm"
    _ruled_table_image(path)
    grids = erase_rules(path, 200).grids()
    assert len(grids) == 1
    grid = grids[0]
    assert [round(x / 10) for x in grid.columns] == [10, 40, 100, 150]
    assert [round(y / 10) for y in grid.rows] == [10, 30, 50, 70]
    with Image.open(path) as image:
        assert image.getpixel((700, 300)) == 255 and image.getpixel((160, 160)) == 0


def test_words_are_placed_in_the_ruled_grid_and_wrapped_cells_joined(tmp_path):
    path = tmp_path / "page.pgm"
    _ruled_table_image(path)
    grid = erase_rules(path, 200).grids()[0]
    words = [_word("指标", 120, 200, 150), _word("2026年", 450, 600, 150), _word("目标", 450, 550, 200),
             _word("专利拥有量", 120, 380, 380), _word("14件", 450, 520, 380)]
    assert grid_rows(words, grid) == [["指标", "2026年目标", ""], ["专利拥有量", "14件", ""]]


def test_scan_is_refused_in_one_line_without_tesseract(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    path = tmp_path / "scan.pdf"
    image_only_pdf(path)
    with pytest.raises(DocumentError, match="needs OCR .OCR is not installed") as err:
        read_document(path)
    assert "\n" not in str(err.value)


@needs_ocr
def test_a_scan_without_words_is_refused_after_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    image_only_pdf(path)
    with pytest.raises(DocumentError, match="OCR found no text"):
        read_document(path)


def _scorer():
    spec = importlib.util.spec_from_file_location("plan_score", SHARED / "tools" / "plan_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@needs_ocr
@pytest.mark.parametrize("stem", ["000_3c8ebd50ad477ee4", "004_3e7befcbca53493b"])
def test_scanned_seed_is_read_by_ocr_and_scores(tmp_path, stem):
    import json

    scan = scanned_pdf((SHARED / "seeds" / f"{stem}.txt").read_text(encoding="utf-8"), tmp_path, stem)
    plan, result = read_and_parse(scan)
    assert result.format == "pdf" and result.ocr is not None
    assert 50 < result.ocr.mean_confidence <= 100 and len(result.ocr.page_confidences) >= 5
    assert not any("OCR" in w for w in result.warnings)  # told once, from result.ocr, by whoever shows it
    assert all(item["evidence"]["ocr"] for item in plan["indicators"] + plan["tasks"])
    gold = json.loads((SHARED / "seeds" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    score = _scorer().score(gold, plan)
    assert score["ind_f1"] >= 0.9 and score["task_f1"] >= 0.9, score
