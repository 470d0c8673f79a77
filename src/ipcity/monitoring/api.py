"""JSON API of monitoring, mounted at /api/monitoring (OpenAPI at /api/docs).

A malformed call changes nothing: schema errors come back as 422 naming the field (ninja), a
value the method refuses as 400 ``{"detail", "field", "message"}`` (``detail`` as everywhere).
"""

from __future__ import annotations

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
    """A refusal: ``detail`` as everywhere in the API, and which field it is about."""

    detail: str
    field: str
    message: str  # the same text as ``detail`` (the older name, kept for clients that read it)


def _error(status: int, field: str, message: str) -> Status:
    return Status(status, {"detail": message, "field": field, "message": message})


def _actual_out(actual: IndicatorActual) -> dict:
    return {"id": actual.pk, "indicator_id": actual.indicator_id, "year": actual.year, "value": actual.value,
            "source": actual.source, "note": actual.note, "computed": actual.computed,
            "is_current": actual.is_current, "entered_at": actual.entered_at.isoformat()}


def _indicator(request, indicator_id: int) -> Indicator:
    """404 unless the caller may see the indicator (a reporter: only its department's)."""
    return access_indicator(request.user, indicator_id)


@router.get("/programs/{program_id}/verdicts", summary="Every indicator of a programme judged (both lenses)")
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
