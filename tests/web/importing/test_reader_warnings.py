"""What the document readers warn of reaches the review page in Chinese, once.

The readers' warnings (images, tracked changes, pages without text, an assumed encoding) were
English and were shown as they were on the Chinese review page; a scan's OCR was told twice, once
by the page in the reader's English and once by the page's own words.
"""

from __future__ import annotations

import ast
import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ipcity.cli.main import cli
from ipcity.notices import Notice, gettext_noop
from ipcity.plans import pipeline
from ipcity.plans.read import OcrReport, ReadResult
from ipcity.programs.importing.notices import stored
from ipcity.programs.models import PlanImport
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

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
    texts = [w["text"] for w in imp.warnings]
    assert "文档含有修订标记：已按接受全部修订后的文字读取，请对照原文核对" in texts
    page = client.get(reverse("programs:importing:review", args=[imp.pk])).content.decode()
    assert "文档含有修订标记" in page
    assert not [w for w in texts if any(word in w for word in ENGLISH_WORDS)]


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


@pytest.mark.django_db
def test_the_english_review_page_words_the_warnings_in_english(client, office_user, english_catalogue):  # noqa: F811
    """Warnings are stored with their template and values, so the English page words them again;
    the document's own words they quote stay Chinese, marked lang="zh"."""
    client.force_login(office_user)
    upload = SimpleUploadedFile("方案.docx", _plan_with_tracked_changes(),
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    client.post(reverse("programs:importing:upload"), {"document": upload})
    imp = PlanImport.objects.get()
    imp.warnings = [*imp.warnings, stored([Notice(
        gettext_noop("未能识别的表格（位置 %(start)s–%(end)s，%(rows)s 行）：%(quote)s"),
        start=10, end=40, rows=3, quote="<b>序号 | 项目</b>")])[0], "旧版导入的警告"]
    imp.save()
    url = reverse("programs:importing:review", args=[imp.pk])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert "The document has tracked changes" in english
    assert "文档含有修订标记" not in english
    assert 'A table that was not read (at 10–40, 3 rows): <span lang="zh">&lt;b&gt;序号 | 项目&lt;/b&gt;</span>' in english
    assert '<span lang="zh">旧版导入的警告</span>' in english  # stored before notices: as it was
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = client.get(url).content.decode()
    assert "文档含有修订标记：已按接受全部修订后的文字读取" in chinese
    assert "未能识别的表格（位置 10–40，3 行）" in chinese


SRC = Path(__file__).resolve().parents[3] / "src" / "ipcity"


def _library_templates() -> set[str]:
    found = set()
    for path in (SRC / "plans").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "gettext_noop"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def test_every_library_warning_has_an_english_wording(english_catalogue):  # noqa: F811
    """The readers' and the parser's templates (marked ``gettext_noop``) are in the catalogue."""
    templates = _library_templates()
    assert len(templates) >= 14
    with translation.override("en"):
        missing = sorted(t for t in templates if translation.gettext(t) == t)
    assert not missing, missing


@pytest.mark.django_db
def test_an_old_word_doc_is_imported_and_the_review_says_it_was_converted(client, office_user, tmp_path):
    from tests.plans_read.test_legacy_office import convert

    (tmp_path / "plan.docx").write_bytes(_plan_with_tracked_changes())
    doc = convert(tmp_path / "plan.docx", "doc", tmp_path)
    client.force_login(office_user)
    upload = SimpleUploadedFile("方案.doc", doc.read_bytes(), "application/msword")
    response = client.post(reverse("programs:importing:upload"), {"document": upload})
    assert response.status_code == 302, response.content.decode()[-3000:]
    imp = PlanImport.objects.get()
    assert len(imp.parsed["tasks"]) == 2 and imp.parsed["indicators"]
    page = client.get(reverse("programs:importing:review", args=[imp.pk])).content.decode()
    assert "旧版 Word（.doc）文件已转换为 .docx 后读取" in page
