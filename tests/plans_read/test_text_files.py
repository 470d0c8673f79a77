"""Plain-text plans: encodings detected, line ends unified, type judged by content."""

from __future__ import annotations

import pytest

from ipcity.plans.errors import DocumentError
from ipcity.plans.read import read_document

PLAN = "铜陵市国家知识产权强市建设试点城市工作方案（2022—2025年）\n\n主要指标\t单位\t2025年预期值\n每万人口高价值发明专利拥有量\t件\t11.5\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_decode_to_the_same_text(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode(encoding))
    result = read_document(path)
    assert result.format == "txt"
    assert result.text == PLAN


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode(encoding))
    result = read_document(path)
    assert (result.text, result.warnings) == (PLAN, [f"文件编码按 {encoding} 读取（无 BOM）"])


def test_legacy_encoding_is_reported_as_a_warning(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode("gb18030"))
    assert read_document(path).warnings == ["文件编码按 gb18030 读取"]


def test_gb18030_characters_outside_gbk_survive(tmp_path):
    text = "㐀字与𠀀字都在方案中（市市场监管局负责）"
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document(path).text == text


def test_windows_line_ends_and_form_feeds_become_newlines(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("第一行\r\n第二行\r第三行\f第四行".encode())
    assert read_document(path).text.split("\n") == ["第一行", "第二行", "第三行", "第四行"]


def test_seed_texts_read_unchanged(seeds_dir):
    for seed in sorted(seeds_dir.glob("*.txt")):
        result = read_document(seed)
        assert (result.format, result.text) == ("txt", seed.read_text(encoding="utf-8")), seed.name


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<html><body><div class='nav'>首页</div><div class='TRS_Editor'><p>一、总体要求</p>"
                    "<p>到2025年，每万人口高价值发明专利拥有量达到14件。</p></div></body></html>", encoding="utf-8")
    result = read_document(path)
    assert result.format == "html"
    assert result.text == "一、总体要求\n\n到2025年，每万人口高价值发明专利拥有量达到14件。"


def test_binary_garbage_is_refused(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert "binary data" in err.value.problem
    assert err.value.problem_zh == "无法识别的文件内容（不是可读取的文档格式）"
