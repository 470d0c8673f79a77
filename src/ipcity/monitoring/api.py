"""JSON API of monitoring, mounted at /api/monitoring (OpenAPI at /api/docs).

A malformed call changes nothing: schema errors come back as 422 naming the field (ninja), a
value the method refuses as 400 ``{"detail", "field", "message"}`` (``detail`` as everywhere).
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, StrictFloat, StrictInt

from ipcity.monitoring import labels, selectors, services
from ipcity.monitoring.models import IndicatorActual
from ipcity.programs.access import access_indicator, access_program
from ipcity.programs.models import Indicator

router = Router(tags=["monitoring"])


class ActualIn(Schema):
    year: StrictInt = Field(..., description="the year the value is for")
    value: StrictFloat | StrictInt = Field(..., description="the value, in the indicator's unit")
    source: str = Field("", max_length=255)
    note: str = ""


class ActualOut(Schema):
    id: int
    indicator_id: int
    year: int
    value: float
    source: str
    note: str
    computed: bool
    is_current: bool
    entered_at: str


class Error(Schema):
    """A refusal: ``detail`` as everywhere in the API, and which field it is about. A 400 or 403
    given before this route runs (a body that is not JSON, a session's CSRF check) has ``detail``
    only, so the other two are not required."""

    detail: str
    field: str = Field("", description="the field refused (absent when the refusal is not about a field)")
    message: str = Field("", description="the same text as detail (the older name, kept for clients that read it)")


YearStatus = Literal["met", "near", "behind", "no_data", "no_target"]
Outlook = Literal["achieved", "on_track", "needs_acceleration", "off_track", "regressing", "no_target",
                  "insufficient_data"]


class VerdictStart(Schema):
    """The start of the outlook's projection: the baseline, or the earliest value before the latest."""

    year: int
    value: float


class Verdict(Schema):
    """One indicator judged: the fields of shared/spec/progress-method.md, "Output" (method version
    1), in its words. Numbers are not rounded; a field that does not apply is null."""

    as_of: int | None = Field(..., description="the year judged (default: the latest observed year)")
    value: float | None = Field(..., description="the value of as_of (kind average: the mean up to as_of)")
    expected: float | None = Field(..., description="what the plan asks of as_of (or the reference value)")
    year_status: YearStatus = Field(..., description="lens 1, this year (年度研判)")
    final_year: int | None = Field(..., description="the year of the final target")
    final_target: float | None = Field(..., description="the target with the latest year")
    start: VerdictStart | None = Field(..., description="where the projection starts")
    method: Literal["cagr", "linear", "mean"] | None = Field(..., description="how the value was projected")
    projected: float | None = Field(..., description="the value expected at final_year at the pace so far")
    progress_ratio: float | None = Field(..., description="projected progress relative to the required progress")
    outlook: Outlook = Field(..., description="lens 2, the outlook (终期研判)")
    required_annual_growth: float | None = Field(
        ..., description="the yearly growth needed from now to reach the final target (cagr only)")
    thresholds: dict[str, float] | None = Field(
        None, description="only when the programme changed a threshold: {name: value} of those changed")


class IndicatorVerdict(Verdict):
    """A verdict with the indicator it is of and the words the pages show."""

    id: int
    name: str
    unit: str | None
    owner_department_id: int | None
    year_status_word: str = Field(..., description="year_status in the user's language")
    outlook_word: str = Field(..., description="outlook in the user's language")
    worse_since_last_year: list[Literal["year_status", "outlook"]] = Field(
        ..., description="the lenses whose verdict is worse than the year before's (empty: none)")


class ThresholdsOut(Schema):
    near: float = Field(..., description="this year: near from this share of the expected value")
    on_track: float = Field(..., description="outlook: progress ratio for on_track")
    acceleration: float = Field(..., description="outlook: progress ratio for needs_acceleration")


class ThresholdChanged(Schema):
    name: Literal["near", "on_track", "acceleration"]
    default: float
    value: float


class ProgramVerdicts(Schema):
    program_id: int
    thresholds: ThresholdsOut
    thresholds_changed: list[ThresholdChanged]
    indicators: list[IndicatorVerdict]


def _error(status: int, field: str, message: str) -> Status:
    return Status(status, {"detail": message, "field": field, "message": message})


def _actual_out(actual: IndicatorActual) -> dict:
    return {"id": actual.pk, "indicator_id": actual.indicator_id, "year": actual.year, "value": actual.value,
            "source": actual.source, "note": actual.note, "computed": actual.computed,
            "is_current": actual.is_current, "entered_at": actual.entered_at.isoformat()}


def _indicator(request, indicator_id: int) -> Indicator:
    """404 unless the caller may see the indicator (a reporter: only its department's)."""
    return access_indicator(request.user, indicator_id)


# exclude_unset: a verdict's ``thresholds`` appears only when a threshold was changed, as the spec says.
@router.get("/programs/{program_id}/verdicts", response=ProgramVerdicts, exclude_unset=True,
            summary="Every indicator of a programme judged (both lenses)")
def program_verdicts(request, program_id: int, year: int | None = None):
    program = access_program(request.user, program_id)
    board = selectors.program_dashboard(program, user=request.user, as_of=year)
    return {
        "program_id": program.pk,
        "thresholds": {"near": board.thresholds.near, "on_track": board.thresholds.on_track,
                       "acceleration": board.thresholds.acceleration},
        "thresholds_changed": [{"name": c["code"], "default": c["default"], "value": c["value"]}
                               for c in labels.thresholds_changed(board.thresholds)],
        "indicators": [{"id": v.indicator.pk, "name": v.indicator.name, "unit": v.indicator.unit,
                        "owner_department_id": v.indicator.owner_department_id,
                        "year_status_word": str(v.year_badge["word"]), "outlook_word": str(v.outlook_badge["word"]),
                        "worse_since_last_year": v.worse, **v.assessment.to_dict()}
                       for v in board.verdicts],
    }


@router.get("/indicators/{indicator_id}/actuals", response=list[ActualOut], summary="Values with their history")
def actuals_list(request, indicator_id: int):
    return [_actual_out(a) for a in selectors.value_history(_indicator(request, indicator_id))]


@router.post("/indicators/{indicator_id}/actuals", response={201: ActualOut, 400: Error, 403: Error},
             summary="Record or correct one year's value")
def actuals_create(request, indicator_id: int, payload: ActualIn):
    indicator = _indicator(request, indicator_id)
    try:
        actual = services.actual_value_record(indicator=indicator, year=payload.year, value=payload.value,
                                              user=request.user, source=payload.source, note=payload.note,
                                              channel=IndicatorActual.Channel.API)
    except services.MonitoringInputError as exc:
        return _error(400, exc.field, exc.message)
    except PermissionDenied as exc:
        return _error(403, "indicator_id", str(exc))
    except Http404 as exc:  # pragma: no cover - raised above already
        raise HttpError(404, str(exc)) from exc
    return Status(201, _actual_out(actual))
