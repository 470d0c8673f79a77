"""Writes of the report engine: request a report, generate it (in the background), publish it.

Each is one atomic function that writes its audit record. Generation runs outside a request
(huey task, ``reports.tasks``); it records progress as it goes and a failure as ``failed``
with the reason in words, never a half-written file.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from jinja2 import TemplateError

from ipcity.audit.services import audit_record, snapshot
from ipcity.programs.lifecycle import ACTIVE, program_state
from ipcity.programs.models import Program
from ipcity.reports.build import FORMATS, KINDS, build_report
from ipcity.reports.models import ReportTemplate, ReportVersion
from ipcity.reports.snapshot import ReportDataMissing
from ipcity.supervision.models import Round

logger = logging.getLogger(__name__)
AUDIT_FIELDS = ["program", "kind", "year", "round", "fmt", "status", "published_at"]


class ReportInputError(ValueError):
    """A request that cannot be made; ``field`` names the input, the message is Chinese."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@transaction.atomic
def report_version_request(*, program: Program, kind: str, year: int, fmt: str, user: User,
                           reporting_round: Round | None = None, text: str = "") -> ReportVersion:
    """Queue a report; ``report_version_generate`` (the task) makes it."""
    if kind not in KINDS:
        raise ReportInputError("kind", _("未知的报告类型：%(kind)s") % {"kind": kind})
    if fmt not in FORMATS:
        raise ReportInputError("fmt", _("未知的格式：%(fmt)s") % {"fmt": fmt})
    if reporting_round is not None and reporting_round.program_id != program.pk:
        raise ReportInputError("round", _("该督查轮次不属于本项目"))
    if kind == "final":
        # The 终期评估报告 reports on the plan's whole period: its year is the plan's end year, whatever
        # the form held; a programme whose plan is still running has no final evaluation to hand over.
        if program_state(program) == ACTIVE:
            raise ReportInputError("kind", _("终期评估报告在规划期结束后（%(next)s 年起）或项目归档后才能生成："
                                             "本项目规划期至 %(end)s 年，尚未结束。") % {
                "next": program.end_year + 1, "end": program.end_year})
        year = min(program.end_year, timezone.localdate().year)
    if not (1990 <= year <= 2100):
        raise ReportInputError("year", _("年度应在 1990 至 2100 之间"))
    # A report on a year that has not come has no figures: refused here rather than failing later
    # in the job with a message about missing data.
    if year > (this_year := timezone.localdate().year):
        raise ReportInputError("year", _("年度不能晚于今年（%(year)s 年）") % {"year": this_year})
    version = ReportVersion.objects.create(program=program, kind=kind, year=year, fmt=fmt, round=reporting_round, text=text,
                                           created_by=user if getattr(user, "is_authenticated", False) else None,
                                           template=active_template(kind, program))
    audit_record(actor=user, action="reports.request", obj=version, after=snapshot(version, AUDIT_FIELDS),
                 program_id=program.pk)
    return version


def active_template(kind: str, program: Program) -> ReportTemplate | None:
    """The programme's own template of that kind (an office's template never reaches another's reports)."""
    return ReportTemplate.objects.filter(kind=kind, program=program, is_active=True).order_by("-uploaded_at").first()


def _progress(version: ReportVersion, percent: int) -> None:
    ReportVersion.objects.filter(pk=version.pk).update(progress=percent)


def report_version_generate(*, version_id: int, programs: list[Program] | None = None) -> ReportVersion:
    """Make the queued report: snapshot, layout, file. A failure leaves ``failed`` and its reason."""
    version = ReportVersion.objects.select_related("program__region", "round", "template").get(pk=version_id)
    ReportVersion.objects.filter(pk=version.pk).update(status=ReportVersion.Status.RUNNING, progress=5)
    template = None
    if version.fmt == "docx" and version.template is not None:
        with version.template.file.open("rb") as fh:
            template = fh.read()
    try:
        built = build_report(program=version.program, kind=version.kind, year=version.year, fmt=version.fmt,
                             reporting_round=version.round, programs=programs, template=template, text=version.text,
                             progress=lambda p: _progress(version, p))
    except ReportDataMissing as exc:
        return _failed(version, str(exc))
    except Exception as exc:  # noqa: BLE001 - a report that cannot be laid out fails, the worker goes on
        # The exception's text is the engine's or the file system's (English, server paths): the log
        # keeps it, the page says what to do. Jinja refusing the office's own Word template (one
        # stored before the upload check, say) is the template's fault, for the office to mend.
        logger.exception("report %s failed", version.pk)
        if template is not None and isinstance(exc, TemplateError):
            return _failed(version, _("生成失败：本项目启用的 Word 模板无法套用。请在“Word 模板”中停用该模板或上传新的模板后再生成。"))
        return _failed(version, _("生成失败：排版或计算时出错（详情已记入服务器日志）。请重新生成；仍失败请联系系统管理员。"))
    with transaction.atomic():
        version.snapshot, version.source = built.snapshot, built.source
        version.status, version.progress, version.finished_at = ReportVersion.Status.DONE, 100, timezone.now()
        version.error = ""
        version.file.save(f"{version.kind}-{version.year}-v{version.pk}.{version.fmt}", ContentFile(built.content),
                          save=False)
        version.save()
        audit_record(actor=None, action="reports.generate", obj=version, after=snapshot(version, AUDIT_FIELDS),
                     program_id=version.program_id)
    return version


def _failed(version: ReportVersion, message: str) -> ReportVersion:
    with transaction.atomic():
        version.status, version.error, version.finished_at = ReportVersion.Status.FAILED, message, timezone.now()
        version.save(update_fields=["status", "error", "finished_at"])
        audit_record(actor=None, action="reports.fail", obj=version, after=snapshot(version, AUDIT_FIELDS),
                     program_id=version.program_id, note=message[:500])
    return version


@transaction.atomic
def report_version_publish(*, version: ReportVersion, user: User) -> ReportVersion:
    """Mark a finished report as published (the publication app shows what is published)."""
    if version.status != ReportVersion.Status.DONE:
        raise ReportInputError("status", _("只有已生成的报告可以公开"))
    if version.kind != "whitepaper":  # the public side shows white papers only (docs/publication.md)
        raise ReportInputError("kind", _("只有白皮书可以公开"))
    before = snapshot(version, AUDIT_FIELDS)
    version.published_at, version.published_by = timezone.now(), user if getattr(user, "is_authenticated", False) else None
    version.save(update_fields=["published_at", "published_by"])
    audit_record(actor=user, action="reports.publish", obj=version, before=before,
                 after=snapshot(version, AUDIT_FIELDS), program_id=version.program_id)
    return version


@transaction.atomic
def report_version_unpublish(*, version: ReportVersion, user: User) -> ReportVersion:
    before = snapshot(version, AUDIT_FIELDS)
    version.published_at, version.published_by = None, None
    version.save(update_fields=["published_at", "published_by"])
    audit_record(actor=user, action="reports.unpublish", obj=version, before=before,
                 after=snapshot(version, AUDIT_FIELDS), program_id=version.program_id)
    return version


@transaction.atomic
def report_template_upload(*, kind: str, uploaded: UploadedFile, user: User, program: Program) -> ReportTemplate:
    """Check and store an office's Word template for ``kind`` of ``program``; it replaces the active one."""
    from ipcity.reports.templates_check import TemplateRejected, check_template

    if kind not in KINDS:
        raise TemplateRejected(_("未知的报告类型：%(kind)s") % {"kind": kind})
    uploaded.seek(0)
    data = uploaded.read()
    check_template(data, uploaded.name or "")
    ReportTemplate.objects.filter(kind=kind, program=program, is_active=True).update(is_active=False)
    template = ReportTemplate(kind=kind, program=program, original_name=(uploaded.name or "template.docx")[:255],
                              uploaded_by=user if getattr(user, "is_authenticated", False) else None)
    template.file.save(f"{kind}.docx", ContentFile(data), save=False)
    template.save()
    audit_record(actor=user, action="reports.template_upload", obj=template,
                 program_id=program.pk)
    return template


@transaction.atomic
def report_template_deactivate(*, template: ReportTemplate, user: User) -> ReportTemplate:
    """Stop using an office's Word template: that kind's reports are laid out in the built-in one
    again (a template that fails, or one the office no longer wants, needs no replacement to go)."""
    if not template.is_active:
        raise ReportInputError("template", _("该模板已停用"))
    before = snapshot(template, ["is_active"])
    template.is_active = False
    template.save(update_fields=["is_active"])
    audit_record(actor=user, action="reports.template_deactivate", obj=template, before=before,
                 after=snapshot(template, ["is_active"]), program_id=template.program_id)
    return template
