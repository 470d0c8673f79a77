"""ipcity.core.uploads: one content check for every accepted upload type."""

from __future__ import annotations

import io

import pytest

from ipcity.core.uploads import UploadRejected, check_bytes
from tests.web.uploads.files import million_row_bomb, minimal_pdf, workbook, zip_bomb_docx

EVERYTHING = ("pdf", "docx", "xlsx", "png", "jpeg", "gif", "webp", "csv", "txt")
MB = 1024 * 1024


def check(name: str, data: bytes, accept=EVERYTHING):
    return check_bytes(data, name, accept=accept, max_bytes=20 * MB)


def _docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("佐证材料")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("a.pdf", minimal_pdf(), "pdf"),
    ("a.docx", _docx(), "docx"),
    ("a.xlsx", workbook([["年份", 2024]]), "xlsx"),
    ("a.png", b"\x89PNG\r\n\x1a\n" + bytes(8), "png"),
    ("a.jpg", b"\xff\xd8\xff\xe0" + bytes(8), "jpeg"),
    ("a.gif", b"GIF89a" + bytes(8), "gif"),
    ("a.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
    ("a.csv", "指标,值\r\n专利,12\r\n".encode("gb18030"), "csv"),
    ("a.txt", "MZ市专利工作总结\t第一季度\n".encode(), "txt"),  # text that merely starts with MZ
])
def test_real_files_pass(name, data, kind):
    assert check(name, data).kind == kind


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.exe", b"MZ", "只接受 PDF、Word（.docx）"),
    ("a.csv", b"", "文件为空"),
    ("a.csv", b"\x7fELF\x02\x01\x01\x00" + bytes(32), "可执行程序"),
    ("a.csv", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(32), "可执行程序"),
    ("a.txt", b"plain\x00text", "控制字符"),
    ("a.txt", b"\x1b[31mred", r"控制字符（U\+001B）"),
    ("a.csv", b"\x89PNG\r\n\x1a\n" + bytes(8), "内容为 PNG"),
    ("a.docx", workbook([["x"]]), "内容为 Excel"),
    ("a.xlsx", _docx(), "内容为 Word"),
    ("a.png", minimal_pdf(), "内容为 PDF"),
    ("a.pdf", b"%PDF-1.4\n<html><body>hi</body></html>\n%%EOF", "网页"),
    ("a.pdf", b"%PDF-x", "文件头无效"),
])
def test_bad_files_are_refused_with_the_reason(name, data, message):
    with pytest.raises(UploadRejected, match=message):
        check(name, data)


def test_only_the_accepted_kinds_pass():
    with pytest.raises(UploadRejected, match="只接受 PDF、PNG 文件"):
        check("a.csv", b"a,b\n", accept=("pdf", "png"))


def test_size_limit_is_named():
    with pytest.raises(UploadRejected, match="大小上限（1 MB）"):
        check_bytes(b"x" * (MB + 1), "a.txt", accept=("txt",), max_bytes=MB)


def test_office_bombs_are_refused_before_anything_reads_them():
    with pytest.raises(UploadRejected, match="疑似压缩炸弹"):
        check("佐证.docx", zip_bomb_docx(200))
    # The million-row workbook as an attachment: 33 MB of XML from 82 KB is an absurd ratio.
    with pytest.raises(UploadRejected, match="压缩比异常"):
        check("数据.xlsx", million_row_bomb(dimension="A1:A1000000"))


def _ofd(tmp_path, **files: str) -> bytes:
    """A one-page OFD (authored by the plan reader's test builder), with parts replaced or added."""
    from tests.plans_read.ofd_builder import layout_blocks, package_files, to_blocks, write_package

    parts = dict(package_files(layout_blocks(to_blocks("佐证材料：2025年专利导航项目验收意见"))))
    parts.update(files)
    return write_package(parts, tmp_path / "a.ofd").read_bytes()


def test_an_ofd_attachment_passes_by_its_package(tmp_path):
    # 公文 are issued as OFD (GB/T 33190): a department's evidence may be one
    assert check("验收意见.ofd", _ofd(tmp_path), accept=(*EVERYTHING, "ofd")).kind == "ofd"
    with pytest.raises(UploadRejected, match="只接受"):
        check("验收意见.ofd", _ofd(tmp_path))  # where OFD is not accepted, it is not


@pytest.mark.parametrize(("parts", "message"), [
    ({"OFD.xml": "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>"}, "没有指明文档"),
    ({"Doc_0/Encryptions.xml": "<x/>"}, "已加密"),
    ({"OFD.xml": "<!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>"}, "OFD 文件无法使用"),
])
def test_a_broken_or_hostile_ofd_is_refused_in_words(tmp_path, parts, message):
    with pytest.raises(UploadRejected, match=message):
        check("a.ofd", _ofd(tmp_path, **parts), accept=("ofd",))


def test_a_docx_renamed_ofd_is_named_for_what_it_is():
    with pytest.raises(UploadRejected, match="内容为 Word"):
        check("a.ofd", _docx(), accept=("ofd", "docx"))


# --- old binary Excel (.xls): WPS's 97-2003 save and several exports

def _xls(rows) -> bytes:
    import tempfile
    from pathlib import Path

    from tests.xls_files import write_xls

    with tempfile.TemporaryDirectory() as tmp:
        return write_xls(Path(tmp) / "a.xls", rows).read_bytes()


def test_an_xls_workbook_is_accepted_where_xls_is():
    assert check("需求.xls", _xls([["企业名称", "需求描述"], ["某公司", "电解铜箔"]]), accept=("xlsx", "xls", "csv")).kind == "xls"


def _broken_workbook_stream() -> bytes:
    """A sound compound file whose workbook stream does not start with a BIFF record."""
    data = bytearray(_xls([["x", 1]] * 50))
    data[512:528] = b"\xff" * 16  # the workbook stream's first sector follows the 512-byte header
    return bytes(data)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.xls", _xls([["x"]]).replace("Workbook".encode("utf-16-le"), "Wordbook".encode("utf-16-le")),
     "文件内容与扩展名不符或已损坏"),  # an OLE file with no workbook: a .doc renamed
    ("a.xlsx", _xls([["x"]]), "内容为 Excel 97-2003（.xls）"),
    ("a.xls", _xls([["x", 1]] * 50)[:1536], "文件内容与扩展名不符或已损坏"),  # cut short
    ("a.xls", _broken_workbook_stream(), "无法打开该 Excel 97-2003（.xls）文件"),
])
def test_what_is_no_readable_xls_is_refused(name, data, message):
    with pytest.raises(UploadRejected, match=message.replace("(", r"\(").replace(")", r"\)")):
        check(name, data, accept=("xlsx", "xls", "csv"))

