"""One page across every programme a leader may see: indicators by verdict and task completion."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from ipcity.monitoring import labels
from ipcity.programs.models import Program
from ipcity.reports.snapshot.annual import indicator_rows
from ipcity.reports.snapshot.common import ReportDataMissing, now_stamp, program_header
from ipcity.supervision.selectors.rollup import rollup
from ipcity.supervision.selectors.rounds import rounds_of


def build(*, program: Program, year: int, programs: list[Program] | None = None, **_ignored) -> tuple[dict, dict]:
    programs = programs if programs is not None else [program]
    items, records = [], []
    for p in programs:
        rows, recs = indicator_rows(p, year)
        records += recs
        counts = {code: sum(r["year_status"] == code for r in rows) for code in labels.YEAR_STATUS}
        rnd = next((r for r in rounds_of(p) if r.period_year == year), None)
        completion = rollup(reporting_round=rnd)[1] if rnd else None
        if not any(r["actual"] is not None for r in rows) and rnd is None:
            continue
        items.append({"program": program_header(p), "indicators": len(rows),
                      "met": counts["met"], "near": counts["near"], "behind": counts["behind"],
                      "no_data": counts["no_data"] + counts["no_target"],
                      "completion": completion, "round": rnd.title if rnd else "",
                      "behind_names": [r["name"] for r in rows if r["year_status"] == "behind"][:3]})
    if not items:
        raise ReportDataMissing([(gettext_noop("%(year)s 年没有任何项目的指标实际值或督查轮次"), {"year": year})])
    snapshot = {"kind": "summary", "program": program_header(program), "year": year, **now_stamp(),
                "programs": items, "words": {c: str(w) for c, (w, _c) in labels.YEAR_STATUS.items()}}
    return snapshot, {"value_records": records, "programs": [p.pk for p in programs]}
