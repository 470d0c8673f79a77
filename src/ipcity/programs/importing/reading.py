"""A file → plan dict, the document's text and warnings: the parser for documents, or plan JSON.

Used by the upload view and by ``ipcity plan load``. A plan JSON file (what ``ipcity plan parse
--format json`` prints, or what ``/p/<id>/plan.json`` exports) is recognised by content: a JSON
object whose ``format`` is ``ipcity-plan/1``. Everything else goes to ``ipcity.plans``, which
types the file by its content and raises ``DocumentError`` for what it cannot read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ipcity.notices import Notice, gettext_noop
from ipcity.plans import DocumentError
from ipcity.plans.read.ocr import OcrReport

PLAN_FORMAT = "ipcity-plan/1"


@dataclass
class ReadPlan:
    plan: dict
    source_text: str
    warnings: list[str] = field(default_factory=list)
    kind: str = "document"  # or "json"


def plan_json_or_none(data: bytes) -> dict | None:
    """The plan when the bytes are plan JSON, else None (then it is a document to parse)."""
    head = data.lstrip()[:1]
    if head not in (b"{", b"\xef"):  # a JSON object, possibly after a UTF-8 BOM
        return None
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if isinstance(value, dict) and value.get("format") == PLAN_FORMAT:
        return value
    return None


def read_plan_file(path: str | Path, *, display_name: str | None = None) -> ReadPlan:
    """Read ``path``; DocumentError for a file that is neither plan JSON nor a readable document."""
    path = Path(path)
    name = display_name or path.name
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(name, "the file is empty", "文件为空")
    plan = plan_json_or_none(data)
    if plan is not None:
        return ReadPlan(plan=plan, source_text="", kind="json")
    from ipcity.plans.pipeline import read_and_parse

    plan, document = read_and_parse(path)
    warnings = list(document.warnings)
    if document.ocr is not None:
        warnings.insert(0, ocr_warning(document.ocr))
    if not plan.get("indicators") and not plan.get("tasks"):
        warnings.append(Notice(gettext_noop("未识别出任何指标或任务，请确认这是一份工作方案或规划文件")))
    return ReadPlan(plan=plan, source_text=document.text, warnings=warnings)


def ocr_warning(report: OcrReport) -> Notice:
    """What the reviewer must know about a scan: the text is OCR's, with this confidence."""
    low = report.weak_pages()
    if low:
        return Notice(gettext_noop("本文件是扫描件，文字由 OCR 识别（平均置信度 %(confidence).0f/100；置信度较低的页：第%(pages)s页），"
                                   "识别结果可能有错字，请对照原件核对名称、数字和责任单位"),
                      confidence=report.mean_confidence, pages=low)
    return Notice(gettext_noop("本文件是扫描件，文字由 OCR 识别（平均置信度 %(confidence).0f/100），"
                               "识别结果可能有错字，请对照原件核对名称、数字和责任单位"),
                  confidence=report.mean_confidence)
