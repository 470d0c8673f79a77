"""Word 97–2003 (.doc) and RTF plans, read through LibreOffice's conversion to .docx.

The .doc and .rtf files are made here by LibreOffice from a .docx written from a seed plan's text
(paragraphs with their numbers typed, tables with merged cells, as tests/plans_variants/render.py
writes them): authored documents in the real binary formats, so the test shows the conversion keeps
what the parser reads, not that every real .doc converts well. (Word's automatic numbering is left
out of the seed document: LibreOffice's own *export* to .doc and RTF turns 一、 lists into 1、 and
restarts continued lists, which says nothing of how it reads a .doc that Word wrote; a decimal
list is checked on its own below.)
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ipcity.plans import DocumentError
from ipcity.plans.pipeline import read_and_parse
from ipcity.plans.read import legacy_office, read_document
from tests.plans_variants.render import _docx_table as docx_table
from tests.plans_variants.render import new_document, to_blocks

SEED = "000_3c8ebd50ad477ee4"


def convert(source: Path, fmt: str, out: Path) -> Path:
    """``source`` saved by LibreOffice as ``fmt`` (doc, rtf) in ``out`` (a profile of its own)."""
    program = legacy_office.soffice()
    assert program, "LibreOffice (libreoffice-writer-nogui) is installed by make test"
    subprocess.run([program, "--headless", "--norestore", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                    "--convert-to", fmt, "--outdir", str(out), str(source)], check=True, capture_output=True,
                   timeout=120)
    return out / f"{source.stem}.{fmt}"


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory, shared_dir) -> Path:
    """The seed as a Word document: its paragraphs as typed, its tables as Word tables."""
    path = tmp_path_factory.mktemp("seed") / "plan.docx"
    document = new_document()
    for block in to_blocks((shared_dir / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")):
        if block.kind == "table":
            docx_table(document, block.rows)
        else:
            document.add_paragraph(block.text)
    document.save(path)
    return path


def _essentials(plan: dict) -> dict:
    """What the office reviews: every field but where its evidence lies in the text."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("evidence", "span", "spans")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(plan)


@pytest.mark.parametrize("fmt", ["doc", "rtf"])
def test_a_doc_or_rtf_plan_parses_as_its_docx(seed_docx, tmp_path, fmt):
    old = convert(seed_docx, fmt, tmp_path)
    disguised = tmp_path / "附件1.txt"  # typed by content, not by name
    shutil.copyfile(old, disguised)
    from_docx, _ = read_and_parse(seed_docx)
    from_old, result = read_and_parse(disguised)
    assert _essentials(from_old) == _essentials(from_docx)
    assert len(from_old["indicators"]) == 8 and len(from_old["tasks"]) == 19  # as the seed's gold counts them
    assert result.format == "docx" and "已转换为 .docx 后读取" in result.warnings[0]


def test_word_decimal_numbering_survives_the_conversion(tmp_path):
    from tests.plans_read.docx_builder import add_numbering, numbered_paragraph
    from tests.plans_read.docx_builder import new_document as new_word_document

    document = new_word_document()
    document.add_paragraph("示例市知识产权强市建设工作方案（2025—2027年）")
    style = add_numbering(document, [("decimal", "%1.")])
    for title in ("实施专利导航工程。（市科技局负责）", "建设知识产权保护中心。（市市场监管局负责）"):
        numbered_paragraph(document, title, style.num_id, 0)
    document.save(tmp_path / "list.docx")
    text = read_document(convert(tmp_path / "list.docx", "doc", tmp_path)).text
    assert "1.实施专利导航工程" in text.replace(" ", "") and "2.建设知识产权保护中心" in text.replace(" ", "")


def test_a_doc_never_updates_a_link_to_a_local_file(tmp_path):
    """A .doc whose field includes a file of the server (INCLUDETEXT) keeps the text it was saved
    with: the file's contents never reach the plan. (LibreOffice 7.4 does not update such a link
    on loading by default either; the conversion's settings keep it that way.)"""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    secret = tmp_path / "secret.txt"
    document = docx.Document()
    document.add_paragraph("示例市知识产权强市建设工作方案（2025—2027年）")
    paragraph = document.add_paragraph("附：")
    paragraph._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=\' INCLUDETEXT "{secret}" \'>'
                                  '<w:r><w:t>（引用）</w:t></w:r></w:fldSimple>'))
    document.save(tmp_path / "linked.docx")
    hostile = convert(tmp_path / "linked.docx", "doc", tmp_path)
    secret.write_text("SERVER-SECRET-7f3a", encoding="utf-8")
    text = read_document(hostile).text
    assert "（引用）" in text and "SERVER-SECRET" not in text


def test_a_damaged_doc_is_refused_in_one_line(seed_docx, tmp_path):
    data = convert(seed_docx, "doc", tmp_path).read_bytes()
    cut = tmp_path / "cut.doc"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(DocumentError) as caught:
        read_document(cut)
    assert any(words in str(caught.value) for words in ("cannot be converted", "damaged", "no text"))


def test_without_libreoffice_a_doc_is_refused_with_what_to_do(seed_docx, tmp_path, monkeypatch):
    doc = convert(seed_docx, "doc", tmp_path)
    monkeypatch.setattr(legacy_office, "soffice", lambda: None)
    with pytest.raises(DocumentError) as caught:
        read_document(doc)
    assert "另存为 .docx" in caught.value.problem_zh and "LibreOffice" in caught.value.problem_zh


def test_an_old_excel_workbook_is_no_plan(tmp_path):
    from tests.xls_files import write_xls

    path = write_xls(tmp_path / "plan.doc", [["指标", "目标"]])
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "不是 Word 文档" in caught.value.problem_zh and "Excel" in caught.value.problem_zh


def test_a_doc_whose_directory_lies_past_its_first_megabyte_is_read(tmp_path):
    """LibreOffice and Word may write the compound file's directory at its end: behind a picture
    of 2 MB the stream names are past any fixed look-ahead, so the whole file's directory is read."""
    import io
    import os

    import docx
    from PIL import Image

    picture = io.BytesIO()
    Image.frombytes("RGB", (900, 900), os.urandom(900 * 900 * 3)).save(picture, "PNG")
    picture.seek(0)
    document = docx.Document()
    document.add_paragraph("示例市知识产权强市建设工作方案（2025—2027年）")
    document.add_picture(picture)
    document.add_paragraph("一、工作目标")
    document.save(tmp_path / "big.docx")
    doc = convert(tmp_path / "big.docx", "doc", tmp_path)
    data = doc.read_bytes()
    assert data.find("WordDocument".encode("utf-16-le")) > 1024 * 1024
    result = read_document(doc)
    assert "示例市知识产权强市建设工作方案" in result.text and "一、工作目标" in result.text


def _hanging_office(tmp_path: Path) -> Path:
    """A stand-in for /usr/bin/soffice that behaves as a conversion LibreOffice never finishes:
    like Debian's soffice script (which execs oosplash, which starts soffice.bin), it starts a
    child that keeps running and writes into the profile; the child's pid is left in a file."""
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n"
                      "for arg in \"$@\"; do case $arg in -env:UserInstallation=file://*) "
                      "profile=${arg#-env:UserInstallation=file://};; esac; done\n"
                      f"sh -c 'while true; do touch \"$0/alive\"; sleep 0.1; done' \"$profile\" &\n"
                      f"echo $! > {tmp_path / 'child.pid'}\n"
                      "wait\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:  # a zombie waits for its parent: dead
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_a_conversion_that_hangs_is_stopped_with_every_process_it_started(tmp_path, monkeypatch):
    """A file that makes LibreOffice hang: at the limit the whole process group is killed (soffice
    is a script whose soffice.bin child outlived a kill of the script alone, kept writing into the
    profile and left the temporary directory behind), the worker gets its refusal, nothing stays."""
    import os
    import tempfile
    import time

    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setattr(legacy_office, "soffice", lambda: str(_hanging_office(tmp_path)))
    monkeypatch.setattr(legacy_office, "CONVERT_SECONDS", 1)
    source = tmp_path / "plan.rtf"
    source.write_bytes(b"{\\rtf1 hello}")
    with pytest.raises(DocumentError) as caught:
        with legacy_office.as_docx(source, "plan.rtf", "an RTF file", "RTF 文件"):
            pass
    assert "转换超时" in caught.value.problem_zh and "另存为 .docx" in caught.value.problem_zh
    child = int((tmp_path / "child.pid").read_text())
    deadline = time.monotonic() + 10  # a SIGKILL lands at once; the wait only allows for a busy machine
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
    assert os.listdir(tmp_path / "tmp") == []


def _rtf(text: str) -> bytes:
    """RTF source with its Chinese as \\u escapes (what Word and WPS write)."""
    return "".join(c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?"
                   for c in text).encode("ascii")


def test_an_rtf_under_a_doc_name_reaches_neither_the_servers_files_nor_the_network(tmp_path):
    """An RTF saved as .doc whose fields include a server file (INCLUDETEXT, as a path and as a
    file: URL), a picture and a link on a web server, and a linked OLE object: the plan holds the
    text the file was saved with, nothing of the file, and nothing is fetched (a listener on the
    loopback counts connections; an authored file)."""
    import socket
    import threading

    secret = tmp_path / "secret.txt"
    secret.write_text("SERVER-SECRET-7f3a", encoding="utf-8")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    port, connections, done = listener.getsockname()[1], [], threading.Event()

    def accept() -> None:
        while not done.is_set():
            try:
                connections.append(listener.accept()[0])
            except TimeoutError:
                continue

    watcher = threading.Thread(target=accept)
    watcher.start()
    source = tmp_path / "方案.doc"
    source.write_bytes(_rtf(
        "{\\rtf1\\ansi\\ansicpg936 \\pard 示例市知识产权强市建设工作方案\\par\n"
        f'\\pard {{\\field{{\\*\\fldinst INCLUDETEXT "{secret.as_uri()}"}}{{\\fldrslt （引用一）}}}}\\par\n'
        f'\\pard {{\\field{{\\*\\fldinst INCLUDETEXT "{secret}"}}{{\\fldrslt （引用二）}}}}\\par\n'
        f'\\pard {{\\field{{\\*\\fldinst INCLUDEPICTURE "http://127.0.0.1:{port}/p.png" \\\\d}}{{\\fldrslt }}}}\\par\n'
        f'\\pard {{\\field{{\\*\\fldinst HYPERLINK "http://127.0.0.1:{port}/a"}}{{\\fldrslt 链接}}}}\\par\n'
        f"\\pard {{\\object\\objautlink\\rsltpict{{\\*\\objclass Word.Document.8}}{{\\*\\objlink {secret.as_uri()}}}"
        "{\\result 对象}}\\par\n\\pard 一、工作目标\\par}"))
    try:
        result = read_document(source)
    finally:
        done.set()
        watcher.join()
        listener.close()
    assert "（引用一）" in result.text and "（引用二）" in result.text and "一、工作目标" in result.text
    assert "SERVER-SECRET" not in result.text
    assert connections == []


def test_two_conversions_at_once_each_get_their_own_profile(seed_docx, tmp_path):
    """Two offices uploading a .doc at the same moment: each conversion runs its own LibreOffice
    with its own profile, so neither waits for nor breaks the other."""
    from concurrent.futures import ThreadPoolExecutor

    doc = convert(seed_docx, "doc", tmp_path)
    rtf = convert(seed_docx, "rtf", tmp_path)
    with ThreadPoolExecutor(2) as pool:
        texts = [r.text for r in pool.map(read_document, [doc, rtf])]
    assert all("知识产权" in text for text in texts) and texts[0] == texts[1]


def test_a_doc_whose_directory_loops_is_refused_at_once(tmp_path):
    """A .doc whose directory entries each name the next as both siblings: xlrd's walk of it made
    2^40 calls (authored: tests/ole2_files.py); it is now a damaged file, refused in words."""
    from tests.ole2_files import directory_bomb

    path = tmp_path / "方案.doc"
    path.write_bytes(directory_bomb(40, name="WordDocument"))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "已损坏或不是 Word 文档" in caught.value.problem_zh and "另存为 .docx" in caught.value.problem_zh


def test_a_doc_whose_short_stream_loops_is_refused_by_the_conversion(tmp_path):
    from tests.ole2_files import looping_short_stream

    path = tmp_path / "方案.doc"
    path.write_bytes(looping_short_stream("WordDocument"))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "无法转换" in caught.value.problem_zh and "另存为 .docx" in caught.value.problem_zh


def test_a_web_page_under_a_doc_name_is_read_as_the_page_it_is(tmp_path):
    """Typed by its bytes: no conversion is started for it."""
    path = tmp_path / "方案.doc"
    path.write_text("<html><head><meta charset='utf-8'></head><body><p>示例市知识产权强市建设工作方案</p>"
                    "<p>一、工作目标</p></body></html>", encoding="utf-8")
    result = read_document(path)
    assert result.format == "html" and "一、工作目标" in result.text


def test_a_conversion_that_allocates_without_end_is_stopped_at_the_memory_limit(tmp_path, monkeypatch):
    """A stand-in for LibreOffice that writes its .docx only if it could take 600 MB: under an
    address-space limit of 512 MB (the conversion's, 2 GB in use, lowered here to keep the test
    light; inherited by every process it starts) it cannot, and the file is refused as one that
    cannot be converted; given room, the same stand-in converts."""
    import sys

    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n"
                      "for arg in \"$@\"; do [ \"$next\" = 1 ] && out=$arg; next=; [ \"$arg\" = --outdir ] && next=1; done\n"
                      f"{sys.executable} -c 'bytearray(600 * 1024**2)' && mkdir -p \"$out\" && echo x > \"$out/document.docx\"\n",
                      encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(legacy_office, "soffice", lambda: str(script))
    monkeypatch.setattr(legacy_office, "MEMORY_BYTES", 512 * 1024**2)
    source = tmp_path / "plan.rtf"
    source.write_bytes(b"{\\rtf1 hello}")
    with pytest.raises(DocumentError) as caught:
        with legacy_office.as_docx(source, "plan.rtf", "an RTF file", "RTF 文件"):
            pass
    assert "无法转换" in caught.value.problem_zh
    monkeypatch.setattr(legacy_office, "MEMORY_BYTES", 4 * 1024**3)
    with legacy_office.as_docx(source, "plan.rtf", "an RTF file", "RTF 文件") as converted:
        assert converted.read_text() == "x\n"
