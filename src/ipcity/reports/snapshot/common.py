"""What every snapshot builder shares: the error for missing data, the programme header, numbers."""

from __future__ import annotations

import datetime as dt
import math

from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.programs.models import Program
from ipcity.supervision.models import Round


class ReportDataMissing(ValueError):
    """The year or round has nothing to report. ``items`` are (msgid, parameters) pairs, marked with
    ``gettext_noop``: the message is translated when shown, in the language of whoever reads it,
    although the report itself is always built in Chinese."""

    def __init__(self, items: list[tuple[str, dict]]):
        self.items = items
        super().__init__(items)

    @property
    def missing(self) -> list[str]:
        return [_(msgid) % params for msgid, params in self.items]

    def __str__(self) -> str:
        return _("无法生成报告，缺少以下数据：%(missing)s") % {"missing": "；".join(self.missing)}


def program_header(program: Program) -> dict:
    return {"id": program.pk, "title": program.title, "region": program.region_name or program.region.name,
            "region_code": program.region.code, "region_level": program.region.level, "issuer": program.issuer or "", "doc_number": program.doc_number or "",
            "start_year": program.start_year, "end_year": program.end_year, "is_sample": program.is_sample}


def now_stamp() -> dict:
    now = timezone.localtime()
    return {"generated_at": now.isoformat(timespec="seconds"), "as_of_date": timezone.localdate().isoformat()}


def as_of_date(snapshot: dict) -> dt.date:
    return dt.date.fromisoformat(snapshot["as_of_date"])


def year_round(program: Program, year: int, reporting_round: Round | None) -> Round | None:
    """The round given, else the programme's round reporting on ``year`` that is due last."""
    if reporting_round is not None:
        return reporting_round
    from ipcity.supervision.selectors.rounds import rounds_of

    return next((r for r in rounds_of(program) if r.period_year == year), None)


def clean(value: float | None) -> float | None:
    """A JSON-safe number (no NaN/inf), rounded to what a report can print."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return round(float(value), 6)


class ReportRefused(ReportDataMissing):
    """The report cannot be made of this programme at all (not missing data: e.g. the 终期评估报告 of
    a programme whose plan is still running). Caught wherever ``ReportDataMissing`` is (exit 2 in
    the command, the reason on the version's row); says so in its own words."""

    def __str__(self) -> str:
        return _("无法生成报告：%(reason)s") % {"reason": "；".join(self.missing)}
