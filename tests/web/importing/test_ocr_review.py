"""A plan read from a scan by OCR: the review screen says so, with the OCR's confidence."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.plans import pipeline
from ipcity.plans.read import OcrReport, ReadResult
from ipcity.programs.importing.reading import ocr_warning, read_plan_file
from ipcity.programs.models import PlanImport


def test_ocr_warning_names_the_confidence_and_the_weak_pages():
    text = ocr_warning(OcrReport(86.4, [92.0, 71.5, 90.0, 60.2]))
    assert "OCR" in text and "86/100" in text and "第2、4页" in text
    assert "置信度较低" not in ocr_warning(OcrReport(92.0, [92.0, 91.0]))


def test_read_plan_file_puts_the_ocr_warning_first(tmp_path, monkeypatch):
    plan = {"indicators": [{"name": "专利", "evidence": {"text": "专利", "start": 0, "end": 2, "ocr": True}}],
            "tasks": []}
    result = ReadResult("专利", "pdf", ["第 3 页没有文字（可能是扫描图片），其中内容未读取"], OcrReport(88.0, [88.0]))
    monkeypatch.setattr(pipeline, "read_and_parse", lambda path: (plan, result))
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7 scan")
    read = read_plan_file(path)
    assert read.warnings[0].startswith("本文件是扫描件，文字由 OCR 识别（平均置信度 88/100")
    assert read.source_text == "专利"


@pytest.mark.django_db
def test_review_marks_evidence_read_by_ocr(client, office_user, load_gold):
    client.force_login(office_user)
    plan = load_gold("000_3c8ebd50ad477ee4")
    plan["indicators"][0]["evidence"] = {"text": plan["indicators"][0]["name"], "start": 0, "end": 4,
                                         "ocr": True, "ocr_confidence": 91.6}
    upload = SimpleUploadedFile("plan.json", json.dumps(plan, ensure_ascii=False).encode(), "application/json")
    assert client.post(reverse("programs:importing:upload"), {"document": upload}).status_code == 302
    imp = PlanImport.objects.get()
    page = client.get(reverse("programs:importing:review", args=[imp.pk])).content.decode()
    assert page.count("OCR 识别 · 置信度 92/100") == 1  # only the item read by OCR carries it
