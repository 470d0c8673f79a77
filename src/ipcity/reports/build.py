"""One report from live data to bytes: snapshot → document → PDF or .docx (no database write)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation

from ipcity.programs.models import Program
from ipcity.reports.compose import compose
from ipcity.reports.snapshot import build_snapshot
from ipcity.supervision.models import Round

KINDS = ("annual", "bulletin", "whitepaper", "summary", "final")
FORMATS = ("pdf", "docx")
REPORT_LANGUAGE = "zh-hans"


@dataclass
class Built:
    content: bytes
    snapshot: dict
    source: dict


def build_report(*, program: Program, kind: str, year: int, fmt: str, reporting_round: Round | None = None,
                 programs: list[Program] | None = None, template: bytes | None = None, text: str = "",
                 progress: Callable[[int], None] | None = None) -> Built:
    """Raises ``ReportDataMissing`` (nothing to report), ``ValueError`` (bad kind or format)."""
    if kind not in KINDS or fmt not in FORMATS:
        raise ValueError(f"kind {kind!r} / format {fmt!r}")
    step = progress or (lambda _percent: None)
    step(10)
    # An official document of a Chinese office: its words are Chinese whatever the language of the
    # user who asks for it (a refusal, ``ReportDataMissing``, is translated when it is shown).
    with translation.override(REPORT_LANGUAGE):
        snapshot, source = build_snapshot(kind, program=program, year=year, reporting_round=reporting_round, programs=programs,
                                          text=text)
        step(40)
        content = render(snapshot, fmt, template=template)
    return Built(content=content, snapshot=snapshot, source=source)


def render(snapshot: dict, fmt: str, *, template: bytes | None = None) -> bytes:
    """Lay out a (possibly stored) snapshot again: the same numbers, the same report."""
    with translation.override(REPORT_LANGUAGE):
        document = compose(snapshot)
    if fmt == "pdf":
        from ipcity.reports.render.pdf import render_pdf

        return render_pdf(document)
    from ipcity.reports.render.docx import render_docx

    return render_docx(document, template=template)
