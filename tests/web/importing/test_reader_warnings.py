"""What the document readers warn of reaches the review page in Chinese, once.

The readers' warnings (images, tracked changes, pages without text, an assumed encoding) were
English and were shown as they were on the Chinese review page; a scan's OCR was told twice, once
by the page in the reader's English and once by the page's own words.
"""

from __future__ import annotations

import io

import docx
import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ipcity.cli.main import cli
from ipcity.plans import pipeline
from ipcity.plans.read import OcrReport, ReadResult
from ipcity.programs.models import PlanImport

ENGLISH_WORDS = ("tracked", "image", "decoded", "OCR (Tesseract)", "pages")


def _plan_with_tracked_changes() -> bytes:
    document = docx.Document()
    for line in ("示例市知识产权强市建设工作方案（2025—2027年）", "一、工作目标"):
        document.add_paragraph(line)
    paragraph = document.add_paragraph("到2027年，每万人口高价值发明专利拥有量达到15件，知识产权质押融资额达到20亿元。")
    for line in ("二、重点任务", "（一）实施专利导航工程。开展产业专利导航。（市市场监管局牵头，市科技局配合）",
                 "（二）强化知识产权保护。建设保护中心。（市市场监管局负责）"):
        document.add_paragraph(line)
    paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="办公室" w:date="2025-01-01T00:00:00Z">'
                                  f'<w:r><w:t>（新增）</w:t></w:r></w:ins>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_tracked_changes_are_named_in_chinese_on_the_review_page(client, office_user):
    client.force_login(office_user)
    upload = SimpleUploadedFile("方案.docx", _plan_with_tracked_changes(),
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response = client.post(reverse("programs:importing:upload"), {"document": upload})
    assert response.status_code == 302, response.content.decode()[-3000:]
    imp = PlanImport.objects.get()
    assert "文档含有修订标记：已按接受全部修订后的文字读取，请对照原文核对" in imp.warnings
    page = client.get(reverse("programs:importing:review", args=[imp.pk])).content.decode()
    assert "文档含有修订标记" in page
    assert not [w for w in imp.warnings if any(word in w for word in ENGLISH_WORDS)]


def test_the_command_line_tells_of_ocr_once(tmp_path, monkeypatch):
    plan = {"format": "ipcity-plan/1", "indicators": [], "tasks": [{"title": "专利导航"}]}
    result = ReadResult("专利导航", "pdf", [], OcrReport(86.4, [92.0, 71.5]))
    monkeypatch.setattr(pipeline, "read_and_parse", lambda path: (plan, result))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.7 scan")
    out = CliRunner().invoke(cli, ["plan", "parse", str(scan)])
    assert out.exit_code == 0, out.output
    assert out.stderr.count("OCR") == 1
    assert "平均置信度 86/100；置信度较低的页：第 2 页" in out.stderr
