"""Messages that list several items join them in the page's language: 、/； in Chinese, , / ; in English.

A message's words come from the catalogue, but the marks between listed items are written by the
code; before, they were always 、 and ；, so an English page read "Missing fields: name、unit".
"""

from __future__ import annotations

import io

from django.utils import translation
from openpyxl import Workbook

from ipcity.monitoring import xlsx
from ipcity.plans.read.ocr import OcrReport
from ipcity.programs.importing.notices import stored, worded
from ipcity.programs.importing.reading import ocr_warning
from ipcity.programs.importing.validation import plan_problems
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)


def _problems_of_an_indicator_without_fields() -> list[str]:
    plan = {"format": "ipcity-plan/1", "title": "某市规划", "region": {"name": "某市", "code": "110100"},
            "period": {"start": 2025, "end": 2027}, "indicators": [{"name": "专利"}], "tasks": [],
            "phases": [], "reporting": []}
    return [p for p in plan_problems(plan) if "unit" in p]


def _workbook_without_columns() -> bytes:
    book = Workbook()
    book.active.append(["指标编号", "备注"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _template_message() -> str:
    try:
        xlsx.template_read(_workbook_without_columns(), "填报.xlsx")
    except xlsx.TemplateUnreadable as exc:
        return str(exc)
    raise AssertionError("a template without 年份 and 填报值 was read")


def test_listed_items_take_the_english_comma(english_catalogue):  # noqa: F811
    with translation.override("en"):
        (missing_fields,) = _problems_of_an_indicator_without_fields()
        template = _template_message()
        scan = worded(stored([ocr_warning(OcrReport(mean_confidence=70, page_confidences=[50, 90, 40]))])[0])
    assert "unit, baseline" in missing_fields and "、" not in missing_fields
    assert "年份, 填报值" in template and "、" not in template
    assert "1, 3" in scan and "、" not in scan and "；" not in scan


def test_chinese_keeps_its_marks():
    with translation.override("zh-hans"):
        (missing_fields,) = _problems_of_an_indicator_without_fields()
        template = _template_message()
        scan = worded(stored([ocr_warning(OcrReport(mean_confidence=70, page_confidences=[50, 90, 40]))])[0])
    assert "unit、baseline" in missing_fields
    assert "年份、填报值" in template
    assert "第1、3页" in scan
