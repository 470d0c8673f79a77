"""The demo's public pages: the sample programme and two of its indicators published, so that a
newcomer who runs ``make run`` finds /open/ populated.

Published through the publication services (audited) as the demo's office account (``admin``).
A programme whose publication the office has already set, published or not, is left alone, so
running the demo twice changes nothing and an office's unpublishing is never undone.
"""

from __future__ import annotations

from typing import TextIO

from django.contrib.auth import get_user_model

from ipcity.core.access import is_office
from ipcity.programs.models import Program
from ipcity.publication import services
from ipcity.publication.models import ProgramPublication

DEMO_OFFICE = "admin"
INDICATORS = 2
SUMMARY = ("示例数据，仅供演示，不是真实统计。本页公开示例市知识产权强市建设工作方案的进展："
           "所选指标的实际值、规划目标、研判结论及其方法，可下载 CSV、XLSX、JSON。")


def load_demo(*, stdout: TextIO) -> None:
    office = get_user_model().objects.filter(username=DEMO_OFFICE, is_active=True).first()
    program = Program.objects.filter(is_sample=True).order_by("pk").first()
    if office is None or program is None or not is_office(office):
        stdout.write("政务公开示例：没有示例项目或示例办公室账号，未公开任何内容。\n")
        return
    if ProgramPublication.objects.filter(program=program).exists():
        stdout.write(f"政务公开示例：{program.title} 的公开设置已存在，未改变。\n")
        return
    # The first indicators that have values: a public page with a chart, a table and a verdict.
    indicators = list(program.indicators.filter(actuals__isnull=False).distinct().order_by("order", "pk")[:INDICATORS])
    services.program_publication_set(program=program, user=office, published=True, summary=SUMMARY)
    for indicator in indicators:
        services.indicator_publication_set(indicator=indicator, user=office, published=True)
    stdout.write(f"政务公开示例：已公开 {program.title} 及 {len(indicators)} 项指标（/open/）。\n")
