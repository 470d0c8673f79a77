"""Damaged files (bytes flipped, cut, spliced) either read or raise DocumentError: never a crash."""

from __future__ import annotations

import io
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcity.plans.errors import DocumentError
from ipcity.plans.read import ReadResult, read_document
from tests.plans_read.docx_builder import CHINESE_OUTLINE, add_numbering, new_document, numbered_paragraph
from tests.plans_read.ofd_builder import layout_blocks, package_files, write_package
from tests.plans_read.pdf_builder import write_pdf
from tests.plans_variants.render import Block

HTML = ("<html><head><meta charset='utf-8'></head><body><div class='nav'>首页</div><div class='TRS_Editor'>"
        "<p>一、工作目标</p><table><tr><td>指标</td><td>2025年</td></tr><tr><td>专利</td><td>14件</td></tr>"
        "</table><p>（一）加强创造。（市科技局负责）</p></div></body></html>")


@cache
def samples() -> dict[str, bytes]:
    doc = new_document()
    outline = add_numbering(doc, CHINESE_OUTLINE)
    numbered_paragraph(doc, "工作目标", outline.num_id, 0)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "指标", "14件"
    numbered_paragraph(doc, "加强创造。（市科技局负责）", outline.num_id, 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "plan.pdf"
        write_pdf(pdf, "<p>一、工作目标</p><table><tr><td>指标</td><td>14件</td></tr></table><p>（一）加强创造。</p>")
        pdf_bytes = pdf.read_bytes()
        ofd = write_package(dict(package_files(layout_blocks([
            Block("paragraph", "一、工作目标"), Block("table", rows=[["指标", "单位", "2025年"], ["专利", "件", "14"]]),
            Block("paragraph", "（一）加强创造。（市科技局负责）")]))), Path(tmp) / "plan.ofd")
        ofd_bytes = ofd.read_bytes()
    return {"docx": buffer.getvalue(), "pdf": pdf_bytes, "ofd": ofd_bytes, "html": HTML.encode("utf-8"),
            "gbk": "一、工作目标\n（一）加强创造。（市科技局负责）\n".encode("gbk")}


@st.composite
def damaged(draw) -> bytes:
    data = bytearray(samples()[draw(st.sampled_from(sorted(samples())))])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "splice", "zero"]))
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[i:]
        elif op == "splice":
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
        else:
            data[i:i + draw(st.integers(1, 512))] = b"\0" * 16
        if not data:
            break
    return bytes(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_file_reads_or_raises_document_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("damaged") / "plan.bin"
    path.write_bytes(data)
    try:
        result = read_document(path)
    except DocumentError as exc:
        assert "\n" not in str(exc) and exc.problem_zh
    else:
        assert isinstance(result, ReadResult) and result.text.strip()
