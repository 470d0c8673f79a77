"""An import review's warnings stored before notices were kept are stored as notices now.

Before 2026-12-06 the plan readers and the parser wrote their warnings as plain Chinese strings, and
a review stored them so: a draft left pending across the upgrade showed them in Chinese on the
English review page. Each warning one of the templates below accounts for becomes the stored notice
(``ipcity.notices.Notice.as_json``) the readers write today; one no template reads (the page's own
OCR warning, worded then with other punctuation; one worded in English at upload) stays as it was.
Backwards, a notice becomes its Chinese text again.
"""

import re

from django.db import migrations

# Copies of the readers' and the parser's templates as they were when this migration was written,
# with the kind of each value (the readers store numbers as numbers, page lists as lists joined by
# 、): a migration must read tomorrow what it reads today, whatever becomes of ``ipcity.plans``.
# tests/web/importing/test_warnings_migration.py checks each is read back to the notice it words.
_SPAN = {"start": "int", "end": "int", "quote": "str"}
TEMPLATES = {
    "第 %(pages)s 页没有文字（可能是扫描图片），其中内容未读取": {"pages": "int list"},
    "未能识别的表格（位置 %(start)s–%(end)s，%(rows)s 行）：%(quote)s": {**_SPAN, "rows": "int"},
    "疑似目标段落，但方案中未找到目标部分（位置 %(start)s–%(end)s）：%(quote)s": _SPAN,
    "指标表标题下未读到表格（可能以图片发布）（位置 %(start)s–%(end)s）：%(quote)s": _SPAN,
    "未能归属到任务的责任单位（位置 %(start)s–%(end)s）：%(quote)s": _SPAN,
    "目标部分有一行疑似表格行，未能读出指标（位置 %(start)s–%(end)s）：%(quote)s": _SPAN,
    "正文称任务分工见附件，但未能从附件读出任务表（位置 %(start)s–%(end)s）：%(quote)s": _SPAN,
    "文档中有 %(count)s 张图片：图片中的文字不会被读取，请对照原文核对": {"count": "int"},
    "OFD 文件中有 %(count)s 份文档，只读取了第一份": {"count": "int"},
    "文件编码按 %(encoding)s 读取（无 BOM）": {"encoding": "str"},
    "文件编码按 %(encoding)s 读取": {"encoding": "str"},
    "文件编码按 %(encoding)s 读取（自动识别）": {"encoding": "str"},
    "旧版 Word（.doc）文件已转换为 .docx 后读取：请对照原文核对表格和编号": {},
    "RTF 文件已转换为 .docx 后读取：请对照原文核对表格和编号": {},
    "文档含有修订标记：已按接受全部修订后的文字读取，请对照原文核对": {},
    "未找到规划期（起止年份）：请在核对时填写": {},
    "未能从标题或发文机关识别规划所属地区：请在核对时填写": {},
    "原文为繁体字，已按简体字识别：名称、单位和责任单位以简体字列出，请对照原文核对": {},
    "未识别出任何指标或任务，请确认这是一份工作方案或规划文件": {},
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def _value(kind, text):
    if kind == "int":
        return int(text)
    if kind == "int list":
        return [int(part) for part in text.split("、")]
    return text


def _pattern(template):
    parts, end = [], 0
    for found in _PLACEHOLDER.finditer(template):
        parts += [re.escape(template[end:found.start()]), f"(?P<{found.group(1)}>.+?)" if found.group(1) else "%"]
        end = found.end()
    return re.compile("".join([*parts, re.escape(template[end:])]) + r"\Z")


def _worded(template, values):
    return template % {k: "、".join(map(str, v)) if isinstance(v, list) else v for k, v in values.items()}


def stored_notice(text):
    """The stored notice a plain warning was worded from, or None when no template reads it back."""
    for template, kinds in TEMPLATES.items():
        found = _pattern(template).match(text)
        if not found:
            continue
        try:
            values = {name: _value(kinds[name], value) for name, value in found.groupdict().items()}
        except ValueError:  # "第 二 页": not the numbers the template was filled with
            continue
        if _worded(template, values) == text:  # "(.+?)" split it as the template wrote it
            return {"text": text, "template": template, "values": values}
    return None


def _rewrite(apps, change):
    PlanImport = apps.get_model("programs", "PlanImport")
    for pk, warnings in PlanImport.objects.exclude(warnings=[]).values_list("pk", "warnings").iterator():
        changed = [change(w) for w in warnings or []]
        if changed != warnings:
            PlanImport.objects.filter(pk=pk).update(warnings=changed)


def forwards(apps, schema_editor):
    _rewrite(apps, lambda w: (stored_notice(w) or w) if isinstance(w, str) else w)


def backwards(apps, schema_editor):
    _rewrite(apps, lambda w: w["text"] if isinstance(w, dict) and "text" in w else w)


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
