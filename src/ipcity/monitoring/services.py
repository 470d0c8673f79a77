"""Every write of the monitoring app: one atomic, audited function per change.

``actual_value_record`` is the one path by which an actual value enters the platform (form,
Excel template, API, the patent engine, the demo all call it).
"""

from __future__ import annotations

import math
import sys

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ipcity.audit.services import audit_record, snapshot
from ipcity.core.edit_stamps import require_unchanged
from ipcity.core.models import Department
from ipcity.core.typed_text import typed_text
from ipcity.core.uploads import UploadRejected, check_file
from ipcity.monitoring import selectors, xlsx
from ipcity.monitoring.models import (
    ActualImport,
    IndicatorActual,
    IndicatorLink,
    ProgramThresholds,
    ReferenceValue,
    StandardIndicator,
)
from ipcity.monitoring.permissions import can_record, recordable_department_id
from ipcity.monitoring.values import ValueProblem, check_unit_sense
from ipcity.programs.lifecycle import ProgramArchived, require_not_archived
from ipcity.programs.models import Indicator, Program

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Kinds of ipcity.core.uploads a value's evidence may be; each is checked by its content there.
ATTACHMENT_KINDS = ("pdf", "png", "jpeg", "xlsx", "docx", "ofd", "csv", "txt")


class MonitoringInputError(ValueError):
    """Bad input for a monitoring write; ``field`` names it, the message says why (Chinese)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# ---------------------------------------------------------------- actual values

@transaction.atomic
def actual_value_record(*, indicator: Indicator, year: int, value: float, user: User | None, source: str = "", note: str = "",
                        lineage: dict | None = None, attachment=None,
                        channel: str = IndicatorActual.Channel.FORM) -> IndicatorActual:
    """Record (or correct) one year's value. A correction keeps the old row as history.

    ``user`` None means the system (the patent engine, the demo); a person must be allowed to
    record this indicator. ``lineage`` marks the figure as computed.
    """
    if user is not None and not can_record(user, indicator):
        raise PermissionDenied(gettext("只有知识产权办公室或该指标的数据责任部门可以填报"))
    require_not_archived(indicator.program)
    year = _checked_year(indicator, year)
    value = _checked_value(indicator, value)
    source, note = _checked_text("source", source, gettext("数据来源")), _checked_text("note", note, gettext("备注"))
    if attachment is not None:
        attachment_check(attachment)
    current = (IndicatorActual.objects.select_for_update()
               .filter(indicator=indicator, year=year, is_current=True).first())
    if (current is not None and current.value == value and current.source == source[:255] and current.note == note
            and attachment is None and stable_lineage(lineage) == stable_lineage(current.lineage)):
        current.unchanged = True  # transient, for the caller to say 未变更
        return current  # nothing changed: no new history row, no audit noise
    before = None
    if current is not None:
        before = snapshot(current)
        current.is_current = False
        current.save(update_fields=["is_current"])
    actual = IndicatorActual(
        indicator=indicator, year=year, value=value, source=source[:255], note=note,
        computed=lineage is not None, lineage=_lineage_with_time(lineage), channel=channel,
        entered_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if attachment is not None:
        actual.attachment.save(attachment.name, attachment, save=False)
    elif current is not None and current.attachment:
        actual.attachment = current.attachment.name  # a corrected figure keeps its evidence
    actual.save()
    if current is not None:
        current.superseded_by = actual
        current.save(update_fields=["superseded_by"])
    audit_record(actor=user, action="monitoring.actual.correct" if current else "monitoring.actual.create",
                 obj=actual, before=before, after=snapshot(actual), program_id=indicator.program_id)
    actual.unchanged = False
    return actual


def _checked_text(field: str, raw: str, label: str) -> str:
    """Typed text without a control character (PostgreSQL cannot store a NUL; the form's field
    refuses one, the API's did not). Length stays the caller's: the form and the API cap the source
    at its column, the system's long sources are cut below as before."""
    try:
        return typed_text(raw, label=label, limit=sys.maxsize)
    except ValidationError as exc:
        raise MonitoringInputError(field, exc.messages[0]) from exc


def _checked_year(indicator: Indicator, year) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise MonitoringInputError("year", gettext("年份必须是整数"))
    allowed = selectors.indicator_years(indicator)
    if year not in allowed:
        raise MonitoringInputError("year", gettext("%(year)s 年不在规划期内（%(start)s—%(end)s 年）") % {"year": year, "start": allowed.start,
                                                                      "end": allowed.stop - 1})
    return year


def _checked_value(indicator: Indicator, value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MonitoringInputError("value", gettext("实际值必须是数字"))
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        number = math.inf
    if not math.isfinite(number):
        raise MonitoringInputError("value", gettext("实际值必须是数字"))
    try:
        check_unit_sense(number, unit=indicator.unit, name=indicator.name)
    except ValueProblem as exc:
        raise MonitoringInputError("value", str(exc)) from exc
    return number


# Lineage keys that say when, not what: two figures whose lineages differ only there are the same.
VOLATILE_LINEAGE_KEYS = ("computed_at", "recorded_at")


def stable_lineage(lineage: dict | None) -> dict | None:
    """The lineage without its times (None for none or an empty one), for "did anything change?"."""
    if not lineage:
        return None
    return {k: v for k, v in lineage.items() if k not in VOLATILE_LINEAGE_KEYS}


def _lineage_with_time(lineage: dict | None) -> dict | None:
    if lineage is None:
        return None
    return {"recorded_at": timezone.now().isoformat(), **lineage}


def attachment_check(upload) -> None:
    """Size, type and content (ipcity.core.uploads) before anything is stored."""
    try:
        check_file(upload, accept=ATTACHMENT_KINDS, max_bytes=MAX_ATTACHMENT_BYTES)
    except UploadRejected as exc:
        raise MonitoringInputError("attachment", gettext("附件：%(reason)s") % {"reason": exc.message}) from exc


# ---------------------------------------------------------------- the Excel template

def actual_import_dry_run(*, user: User, data: bytes, filename: str, program: Program | None = None,
                          department: Department | None = None) -> ActualImport:
    """Read and check an uploaded template; write no value. The result waits for confirmation.

    A programme's template (``program``) or a department's across its programmes (``department``).
    """
    own_department_id = recordable_department_id(user)
    require_not_archived(program)
    if program is not None:
        indicators = selectors.recordable_indicators(program, own_department_id)
    elif department is not None:
        if own_department_id is not None and own_department_id != department.pk:
            raise PermissionDenied(gettext("只能上传本部门的模板"))
        indicators = selectors.department_indicators(user, department.pk)
    else:
        raise MonitoringInputError("program", gettext("缺少项目或部门"))
    try:
        cells = xlsx.template_read(data, filename)
    except xlsx.TemplateUnreadable as exc:
        checked = xlsx.CheckedUpload(problems=[{"row": exc.row, "column": "", "message": str(exc)}])
    else:
        checked = xlsx.rows_check(
            cells, indicators={i.pk: i for i in indicators},
            years={i.pk: selectors.indicator_years(i) for i in indicators},
            current=selectors.current_values(indicators),
        )
        if not checked.rows and not checked.problems:
            checked.problems.append({"row": None, "column": "填报值", "message": "模板中没有新填写或修改的数值"})
    return ActualImport.objects.create(
        program=program, department=department, original_name=filename[:255], rows=checked.rows, problems=checked.problems,
        status=ActualImport.Status.REJECTED if checked.problems else ActualImport.Status.PENDING,
        created_by=user,
    )


@transaction.atomic
def actual_import_confirm(*, actual_import: ActualImport, user: User) -> int:
    """Write every row of a clean dry run, all or nothing. Returns the number of values written."""
    actual_import = ActualImport.objects.select_for_update().get(pk=actual_import.pk)
    if actual_import.created_by_id != user.pk:
        raise PermissionDenied(gettext("只能确认自己上传的模板"))
    if actual_import.status != ActualImport.Status.PENDING:
        raise MonitoringInputError("import", gettext("该模板已处理或存在错误，不能写入"))
    indicators = (Indicator.objects.select_related("program").prefetch_related("targets")
                  .in_bulk([r["indicator_id"] for r in actual_import.rows]))
    # A programme archived since the dry run (a department's template spans its programmes): said on
    # the import's page, with what to do, before anything is written; not a 403 page that only the
    # site administrator could act on.
    for program in sorted({i.program for i in indicators.values()}, key=lambda p: p.pk):
        try:
            require_not_archived(program)
        except ProgramArchived as exc:
            raise MonitoringInputError("import", gettext(
                "模板中有项目“%(title)s”的指标，该项目已归档，不能再写入；本模板未写入任何数值。"
                "请重新下载模板（其中不再有该项目的指标）后填写上传。") % {"title": program.title}) from exc
    for row in actual_import.rows:
        indicator = indicators.get(row["indicator_id"])
        if indicator is None:
            raise MonitoringInputError("import", gettext("第 %(row)s 行的指标已被删除") % {"row": row["row"]})
        actual_value_record(indicator=indicator, year=row["year"], value=row["value"], user=user,
                            source=row["source"], note=row["note"], channel=IndicatorActual.Channel.EXCEL)
    actual_import.status = ActualImport.Status.CONFIRMED
    actual_import.save(update_fields=["status"])
    audit_record(actor=user, action="monitoring.import.confirm", obj=actual_import,
                 after={"file": actual_import.original_name, "rows": len(actual_import.rows),
                        "department_id": actual_import.department_id},
                 program_id=actual_import.program_id)
    return len(actual_import.rows)


# ---------------------------------------------------------------- office settings

@transaction.atomic
def thresholds_set(*, program: Program, user: User, near: float, on_track: float, acceleration: float,
                   seen: str | None = None) -> ProgramThresholds:
    """The programme's three thresholds. ``seen``: the edit stamp the form was opened at; another
    save since then raises ``StaleEdit`` and writes nothing (None, as from the API: no check)."""
    if not 0 < near <= 1:
        raise MonitoringInputError("near", gettext("年度接近阈值应在 0 到 1 之间"))
    if not 0 <= acceleration < on_track:
        raise MonitoringInputError("acceleration", gettext("需加快阈值应不小于 0 且小于正常阈值"))
    require_not_archived(program)
    thresholds, created = ProgramThresholds.objects.select_for_update().get_or_create(program=program)
    require_unchanged(selectors.thresholds_edit_state(thresholds), seen)
    if not created and (thresholds.near, thresholds.on_track, thresholds.acceleration) == (near, on_track, acceleration):
        return thresholds  # saved again unchanged: nothing written, no audit record of a non-event
    before = snapshot(thresholds)
    thresholds.near, thresholds.on_track, thresholds.acceleration = near, on_track, acceleration
    thresholds.save()
    audit_record(actor=user, action="monitoring.thresholds.update", obj=thresholds, before=before,
                 program_id=program.pk)
    return thresholds


@transaction.atomic
def reference_value_record(*, indicator: Indicator, year: int, value: float, user: User | None, label: str = "全省平均水平",
                           source: str = "") -> ReferenceValue:
    require_not_archived(indicator.program)
    _checked_year(indicator, year)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise MonitoringInputError("value", gettext("参照值必须是数字"))
    reference = ReferenceValue.objects.filter(indicator=indicator, year=year).first()
    before = snapshot(reference) if reference else None
    if reference is None:
        reference = ReferenceValue(indicator=indicator, year=year)
    reference.value, reference.label, reference.source = float(value), label or "全省平均水平", source
    reference.entered_by = user
    reference.save()
    audit_record(actor=user, action="monitoring.reference.record", obj=reference, before=before,
                 program_id=indicator.program_id)
    return reference


@transaction.atomic
def indicator_owner_set(*, indicator: Indicator, department: Department | None, user: User | None) -> Indicator:
    require_not_archived(indicator.program)
    before = snapshot(indicator, ["owner_department"])
    indicator.owner_department = department
    indicator.save(update_fields=["owner_department"])
    audit_record(actor=user, action="monitoring.indicator.owner", obj=indicator, before=before,
                 after=snapshot(indicator, ["owner_department"]), program_id=indicator.program_id)
    return indicator


@transaction.atomic
def indicator_link_confirm(*, indicator: Indicator, standard: StandardIndicator, user: User | None) -> IndicatorLink:
    """The office confirms that ``indicator`` measures the catalogue's ``standard`` indicator.

    Identity, not resemblance: an indicator whose name is, in the catalogue, the name of another
    standard indicator (万人发明专利拥有量 is 每万人口发明专利拥有量) cannot be linked elsewhere
    (to 每万人口高价值发明专利拥有量), whatever the office clicks.
    """
    from ipcity.monitoring.compare import catalogue_match

    require_not_archived(indicator.program)
    named = catalogue_match(indicator.name)
    if named is not None and named.pk != standard.pk:
        raise MonitoringInputError("standard", gettext("「%(indicator)s」在指标目录中是“%(named)s”（%(code)s），"
                                                       "不能关联为“%(standard)s”") % {
            "indicator": indicator.name, "named": named.name, "code": named.code, "standard": standard.name})
    link = IndicatorLink.objects.select_for_update().filter(indicator=indicator).first()
    before = {"standard": link.standard.code} if link else None
    if link is not None and link.standard_id == standard.pk:
        return link
    if link is None:
        link = IndicatorLink(indicator=indicator)
    link.standard, link.confirmed_by, link.confirmed_at = standard, user, timezone.now()
    link.save()
    audit_record(actor=user, action="monitoring.link.confirm", obj=link, before=before,
                 after={"standard": standard.code, "indicator": indicator.pk}, program_id=indicator.program_id)
    return link


@transaction.atomic
def indicator_link_remove(*, link: IndicatorLink, user: User) -> None:
    require_not_archived(link.indicator.program)
    audit_record(actor=user, action="monitoring.link.remove", obj=link,
                 before={"standard": link.standard.code, "indicator": link.indicator_id},
                 program_id=link.indicator.program_id)
    link.delete()


def imports_follow_department_merge(source: Department, target: Department, actor) -> int:
    """``source`` is merged into ``target`` (``programs.reform.services.department_merge``, in its transaction):
    its department-template value imports still waiting for confirmation become the target's (the
    indicators in them are the target's now). Returns how many moved. Registered with core.contributions."""
    return ActualImport.objects.filter(department=source, status=ActualImport.Status.PENDING).update(department=target)
