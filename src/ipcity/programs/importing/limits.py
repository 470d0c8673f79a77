"""How large a plan may be: characters of text, indicators, tasks (and so the review page).

A real 知识产权强市 work plan has 5,000–40,000 characters, about 20 indicators and 30 tasks (the
largest seed: 13 indicators, 31 tasks). The limits below leave ample room for the largest
provincial plans while refusing what is no plan at all: a 5 MB text that parsed into 2,192
indicators and 5,206 tasks and a 10 MB review page. Each refusal names the limit. They are listed
in docs/security.md ("Upload limits"); change both together.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from ipcity.core.uploads import decode_text

MAX_TEXT_CHARS = 200_000
MAX_INDICATORS = 300
MAX_TASKS = 600

_TAG = re.compile(r"<[^>]*>")


def _n(value: int) -> str:
    return f"{value:,}"


def text_length_problem(characters: int) -> str | None:
    if characters <= MAX_TEXT_CHARS:
        return None
    return _("文本过长（约 %(n)s 字），每份计划最多 %(limit)s 字；请确认上传的是一份工作方案或规划，或将其拆分后分别导入") % {
        "n": _n(characters), "limit": _n(MAX_TEXT_CHARS)}


def raw_text_length(data: bytes) -> int | None:
    """Characters of a text or HTML upload (markup left out), counted before any parsing; None
    for a Word/PDF/zip file, whose text is only known once read."""
    if data.startswith((b"PK\x03\x04", b"%PDF-")):
        return None
    text = decode_text(data)
    if text is None:
        text = data.decode("utf-8", errors="replace")
    return len(_TAG.sub("", text))


def count_problems(plan: dict) -> list[str]:
    """The item counts over their limits, each message naming the count and the limit."""
    problems = []
    indicators = plan.get("indicators")
    tasks = plan.get("tasks")
    if isinstance(indicators, list) and len(indicators) > MAX_INDICATORS:
        problems.append(_("指标过多（%(n)s 个），每份计划最多 %(limit)s 个指标") % {
            "n": _n(len(indicators)), "limit": MAX_INDICATORS})
    if isinstance(tasks, list) and len(tasks) > MAX_TASKS:
        problems.append(_("任务过多（%(n)s 项），每份计划最多 %(limit)s 项任务") % {"n": _n(len(tasks)), "limit": MAX_TASKS})
    return problems
