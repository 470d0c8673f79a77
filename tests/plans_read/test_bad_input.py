"""Every unreadable file gives one DocumentError naming the file and the problem (EN and ZH)."""

from __future__ import annotations

import zipfile

import pytest

from ipcity.plans.errors import DocumentError
from ipcity.plans.read import read_document
from tests.plans_read.bad_files import BAD_FILES


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_raises_one_clear_document_error(tmp_path, case):
    name, make, words = BAD_FILES[case]
    path = tmp_path / name
    make(path)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert words in message
    assert "\n" not in message
    assert err.value.problem_zh and err.value.problem_zh != err.value.problem


def test_size_limit_is_checked_before_reading_and_can_be_lowered(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("一、总体要求\n" * 200, encoding="utf-8")
    assert read_document(path).text.startswith("一、总体要求")
    with pytest.raises(DocumentError, match="over the 1000 bytes limit"):
        read_document(path, max_bytes=1000)


def test_zip_bomb_is_refused_without_unpacking(tmp_path, monkeypatch):
    name, make, _ = BAD_FILES["zip_bomb"]
    path = tmp_path / name
    make(path)
    assert path.stat().st_size < 1024 * 1024  # 80 MB declared inside a small file

    def no_extraction(*args, **kwargs):
        raise AssertionError("a member was opened before the sizes were checked")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_extraction)
    with pytest.raises(DocumentError, match="zip bomb"):
        read_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="not a file"):
        read_document(tmp_path / "nope.docx")


@pytest.mark.parametrize(("suffix", "label"), [(".docx", "Word"), (".html", "网页")])
def test_a_file_without_text_is_named_by_its_format_in_chinese(tmp_path, suffix, label):
    """Found in the browser: a document without text said “未在该ofd文件中找到文字” (a code, lowercase)."""
    from docx import Document

    path = tmp_path / f"plan{suffix}"
    if suffix == ".docx":
        Document().save(path)
    else:
        path.write_text("<html><body><p> </p></body></html>", encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert err.value.problem_zh == f"未在该{label}文件中找到文字"
