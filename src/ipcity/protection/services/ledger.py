"""Importing an office's case ledger (台账): a dry run that checks every row, then one confirmation.

The dry run reads the upload through the platform's checks (``ipcity.core.uploads`` for what the
file is; ``ipcity.core.spreadsheets`` for a workbook's size, unpacked size and rows, before and
while streaming it; the same byte and row limits for a CSV), checks every row
(``protection.ledger_rows``) and stores the validated rows on a ``LedgerImport``; it writes no
case. The confirmation writes every case, its parties, its timeline entry (step ``import``) and
its due dates (``protection.deadlines``) in one transaction, with one audit record for the
import: a row that fails there (a case type deactivated since the dry run) leaves nothing behind.
A file already imported (same SHA-256) is named on the dry run's page and must be confirmed again
on purpose (``allow_duplicate``): importing a ledger twice would count every case twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record
from ipcity.casework import calendar
from ipcity.core import spreadsheets
from ipcity.core.access import is_office
from ipcity.core.departments import DepartmentIndex
from ipcity.core.models import Department, Region
from ipcity.core.uploads import UploadRejected, check_bytes, text_check
from ipcity.protection import deadlines
from ipcity.protection.ledger_rows import LedgerUnreadable, Lookups, case_type_lookup, check_rows, csv_rows
from ipcity.protection.models import Case, CaseEvent, CaseParty, CaseType, LedgerImport
from ipcity.protection.services.intake import case_number_next

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# A ledger is one sheet of a few thousand rows and a score of columns; docs/security.md lists these.
LIMITS = spreadsheets.WorkbookLimits(max_bytes=MAX_BYTES, max_unpacked_bytes=40 * 1024 * 1024, max_members=500,
                                     max_shared_strings_bytes=10 * 1024 * 1024, max_rows=MAX_ROWS, max_columns=50)
ACCEPT = ("xlsx", "xls", "csv")


class LedgerError(ValueError):
    """A ledger that will not be imported; ``message`` (Chinese) says why. Nothing was written."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def import_region(user: User) -> Region:
    """The region the user's imported cases belong to: an office's own region."""
    if not is_office(user):
        raise PermissionDenied(_("只有知识产权办公室可以导入台账"))
    region = getattr(getattr(user, "profile", None), "region", None)
    if region is None:
        raise PermissionDenied(_("导入台账需要绑定区划的知识产权办公室账号（案件归属该区划）"))
    return region


def read_ledger(data: bytes, filename: str) -> list[tuple[int, tuple]]:
    """The upload's non-empty rows as ``(row number, cells)``; ``LedgerError`` when it is no ledger.

    Sizes are checked before anything is parsed: the bytes, then (a workbook) the zip's declared
    unpacked size and members, then the sheet's declared dimension, then the rows as they stream."""
    if len(data) > MAX_BYTES:
        raise LedgerError(_("文件超过大小上限（%(limit)s MB）") % {"limit": MAX_BYTES // (1024 * 1024)})
    try:
        if filename.lower().endswith(".xlsx"):
            spreadsheets.check_archive(data, LIMITS).close()
        check_bytes(data, filename, accept=ACCEPT, max_bytes=MAX_BYTES)
        if filename.lower().endswith(".csv"):
            if data.count(b"\n") > MAX_ROWS + 1:
                raise LedgerError(_("台账行数过多（上限 %(limit)s 行），请分批导入") % {"limit": MAX_ROWS})
            return csv_rows(text_check(data))
        return spreadsheets.read_sheet(data, limits=LIMITS)
    except UploadRejected as exc:
        raise LedgerError(exc.message) from exc
    except spreadsheets.SpreadsheetRefused as exc:
        raise LedgerError(exc.message) from exc


def _lookups(region: Region) -> Lookups:
    index = DepartmentIndex.for_region(region)

    def department(name: str) -> int | None:
        found = index.resolve(name)
        return found.pk if found is not None else None

    types = CaseType.objects.filter(active=True).values_list("pk", "code", "name")
    return Lookups(case_types=case_type_lookup(types), departments=department,
                   calendar_range=calendar.counting_range(), today=timezone.localdate())


def _deadline_problems(rows: list[dict], errors: list[dict]) -> list[dict]:
    """Rows whose due dates would fall outside the calendar's counting range (past the provisional
    year after the known ones): refused now, not at confirmation."""
    limits = {pk: (review, statutory) for pk, review, statutory
              in CaseType.objects.values_list("pk", "review_days", "statutory_days")}
    kept = []
    for row in rows:
        review, statutory = limits[row["case_type_id"]]
        try:
            calendar.due_date(dt.date.fromisoformat(row["received_on"]), review)
            if row["accepted_on"]:
                calendar.due_date(dt.date.fromisoformat(row["accepted_on"]), statutory)
        except calendar.CalendarRangeError as exc:
            errors.append({"row": row["row"], "column": _("受理日期") if row["accepted_on"] else _("登记日期"),
                           "message": _("办理期限 %(due)s 个工作日后超出工作日历的范围（至 %(last)s），无法计算期限")
                           % {"due": statutory if row["accepted_on"] else review, "last": exc.last.isoformat()}})
            continue
        kept.append(row)
    return kept


def ledger_import_dry_run(*, user: User, data: bytes, filename: str) -> LedgerImport:
    """Check an uploaded ledger; write no case. ``LedgerError`` when the file cannot be read at all.

    The result holds every row's problem (status ``failed``: nothing can be confirmed) or the
    validated rows waiting for confirmation (status ``dry_run``)."""
    region = import_region(user)
    rows = read_ledger(data, filename)
    try:
        checked = check_rows(rows, _lookups(region))
    except LedgerUnreadable as exc:
        raise LedgerError(exc.message) from exc
    valid = _deadline_problems(checked.rows, checked.errors)
    errors = sorted(checked.errors, key=lambda e: e["row"])
    if not valid and not errors:
        errors = [{"row": None, "column": "", "message": _("台账中没有案件行")}]
    return LedgerImport.objects.create(
        created_by=user, filename=filename[:255], sha256=hashlib.sha256(data).hexdigest(),
        rows=len(valid) + len({e["row"] for e in errors if e["row"] is not None}),
        status=LedgerImport.Status.FAILED if errors else LedgerImport.Status.DRY_RUN,
        errors=errors, payload=[] if errors else valid)


def previous_imports(ledger_import: LedgerImport) -> list[LedgerImport]:
    """Confirmed imports of the same file (by SHA-256), newest first: the re-import warning."""
    return list(LedgerImport.objects.filter(sha256=ledger_import.sha256, status=LedgerImport.Status.CONFIRMED)
                .exclude(pk=ledger_import.pk).order_by("-pk"))


@transaction.atomic
def ledger_import_confirm(*, ledger_import: LedgerImport, user: User, allow_duplicate: bool = False) -> int:
    """Write every validated row as a case, all or nothing; the number of cases created."""
    region = import_region(user)
    ledger_import = LedgerImport.objects.select_for_update().get(pk=ledger_import.pk)
    if ledger_import.created_by_id != user.pk:
        raise PermissionDenied(_("只能确认自己上传的台账"))
    if ledger_import.status != LedgerImport.Status.DRY_RUN:
        raise LedgerError(_("这次导入不能确认（状态：%(status)s）") % {"status": ledger_import.get_status_display()})
    if previous_imports(ledger_import) and not allow_duplicate:
        raise LedgerError(_("同一文件已经导入过；如确需再次导入，请勾选“确认重复导入”"))
    types = {t.pk: t for t in CaseType.objects.filter(active=True)}
    departments = {d.pk: d for d in Department.objects.filter(region=region)}
    created = []
    for row in ledger_import.payload:
        case_type = types.get(row["case_type_id"])
        if case_type is None:
            raise LedgerError(_("第 %(row)s 行：案件类型“%(type)s”已停用，请重新检查台账") % {"row": row["row"], "type": row["case_type"]})
        department = departments.get(row["department_id"]) if row["department_id"] else None
        if row["department_id"] and department is None:
            raise LedgerError(_("第 %(row)s 行：承办部门“%(name)s”已不存在，请重新检查台账") % {"row": row["row"], "name": row["department"]})
        created.append(_create_case(row, case_type=case_type, department=department, region=region,
                                    ledger_import=ledger_import, user=user))
    ledger_import.status = LedgerImport.Status.CONFIRMED
    ledger_import.save(update_fields=["status"])
    audit_record(actor=user, action="protection.ledger.import", obj=ledger_import,
                 after={"filename": ledger_import.filename, "sha256": ledger_import.sha256, "cases": len(created),
                        "first": created[0].number if created else None,
                        "last": created[-1].number if created else None, "region": region.code},
                 note=_("台账导入 %(n)s 件") % {"n": len(created)})
    return len(created)


def _status(row: dict) -> str:
    if row["closed_on"]:
        return "closed"
    if row["accepted_on"]:
        return "assigned" if row["department_id"] else "accepted"
    return "registered"


def _create_case(row: dict, *, case_type: CaseType, department: Department | None, region: Region,
                 ledger_import: LedgerImport, user: User) -> Case:
    received = dt.date.fromisoformat(row["received_on"])
    enterprise = row["claimant"] if row["claimant_kind"] == "enterprise" else ""
    case = Case.objects.create(
        number=case_number_next(received.year), case_type=case_type, channel=row["channel"], ip_kind=row["ip_kind"],
        region_code=region.code, subject=row["subject"] or row["claimant"], summary=row["summary"],
        received_on=received, status=_status(row),
        accepted_on=dt.date.fromisoformat(row["accepted_on"]) if row["accepted_on"] else None,
        closed_on=dt.date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
        result=row["result"], closure_note=row["closure_note"], handling_department=department,
        enterprise_name=enterprise, enterprise_credit_code=row["enterprise_credit_code"],
        source=Case.Source.LEDGER, ledger_import=ledger_import, created_by=user,
        # the type's limits at the import, kept by the case (protection.deadlines)
        **{field: getattr(case_type, field) for field in deadlines.LIMIT_FIELDS})
    # The clocks read the case's suspensions (none yet), so the case must exist before they run;
    # the dry run has already proved every date inside the calendar.
    deadlines.case_deadlines_refresh(case)
    case.save(update_fields=["review_due", "statutory_due", "receipt_due"])
    CaseParty.objects.create(case=case, role="claimant", kind=row["claimant_kind"], name=row["claimant"],
                             contact_person=row["contact_person"], phone=row["phone"])
    if row["respondent"]:
        CaseParty.objects.create(case=case, role="respondent",
                                 kind="enterprise" if row["respondent"].endswith(("公司", "厂", "集团")) else "individual",
                                 name=row["respondent"])
    CaseEvent.objects.create(case=case, step="import", actor=user,
                             note=_("自台账“%(file)s”第 %(row)s 行导入") % {"file": ledger_import.filename, "row": row["row"]},
                             data={"ledger_import": ledger_import.pk, "row": row["row"], "ledger_number": row["number"]})
    return case
