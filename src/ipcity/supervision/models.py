"""Reporting rounds, the department reports in them, reminders and in-app notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from ipcity.core.models import Department
from ipcity.programs.models import Indicator, Program, ReportingDuty, Task

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class SupervisionSettings(models.Model):
    """Per-programme choices; a programme without a row uses the defaults below."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="supervision_settings")
    head_approval = models.BooleanField(_("部门负责人审核后再报送办公室"), default=False)
    remind_days_before = models.PositiveSmallIntegerField(_("到期前提醒天数"), default=3)
    escalate_after_days = models.PositiveSmallIntegerField(_("逾期几天后抄送部门负责人"), default=3)
    board_blue_days = models.PositiveSmallIntegerField(_("看板“即将到期”天数"), default=7)

    class Meta:
        verbose_name = verbose_name_plural = _("督查设置")

    def __str__(self) -> str:
        return f"督查设置 · {self.program_id}"


class Round(models.Model):
    """One call for reports (2026年度工作推进情况, due 2026-12-15) in a programme."""

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        CLOSED = "closed", _("已结束")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="rounds")
    duty = models.ForeignKey(ReportingDuty, null=True, blank=True, on_delete=models.SET_NULL, related_name="rounds")
    # Makes generation idempotent: "duty:<id>:<nominal date>" or "office:<uuid>".
    key = models.CharField(max_length=64)
    title = models.CharField(_("名称"), max_length=255)
    period_year = models.PositiveSmallIntegerField(_("所报年度"))
    opens_on = models.DateField(_("开始日期"))
    nominal_due = models.DateField(_("文件规定期限"))
    due_date = models.DateField(_("截止日期（顺延至工作日）"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "due_date", "id"]
        constraints = [models.UniqueConstraint(fields=["program", "key"], name="round_key_once_per_program")]
        verbose_name = verbose_name_plural = _("报送轮次")

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    HEAD_REVIEW = "head_review", _("待部门负责人审核")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("已退回")
    RESUBMITTED = "resubmitted", _("已重新报送")
    ACCEPTED = "accepted", _("已通过")


EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)
WITH_OFFICE_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED)
# Not yet handed in by the department: these are the ones reminders chase.
NOT_HANDED_IN_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.HEAD_REVIEW)


class DepartmentReport(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reports")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="supervision_reports")
    status = models.CharField(_("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    # Optimistic locking: every save bumps it; a save that names an older version is refused.
    version = models.PositiveIntegerField(default=1)
    summary = models.TextField(_("总体情况"), blank=True)
    office_comment = models.TextField(_("办公室意见"), blank=True)
    times_returned = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    first_submitted_at = models.DateTimeField(_("首次报送时间"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["round", "department__name"]
        constraints = [models.UniqueConstraint(fields=["round", "department"], name="one_report_per_department_round")]
        verbose_name = verbose_name_plural = _("部门报告")

    def __str__(self) -> str:
        return f"{self.round} · {self.department}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class LineStatus(models.TextChoices):
    ON_TRACK = "on_track", _("正常推进")
    BEHIND = "behind", _("进度滞后")
    SERIOUSLY_BEHIND = "seriously_behind", _("严重滞后")
    DONE = "done", _("已完成")


BEHIND_STATUSES = (LineStatus.BEHIND, LineStatus.SERIOUSLY_BEHIND)


class TaskLine(models.Model):
    """What the department says about one task it leads or co-handles."""

    report = models.ForeignKey(DepartmentReport, on_delete=models.CASCADE, related_name="task_lines")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="supervision_lines")
    is_lead = models.BooleanField(_("牵头"), default=False)
    status = models.CharField(_("进展状态"), max_length=16, choices=LineStatus.choices, blank=True)
    progress = models.PositiveSmallIntegerField(_("完成进度%"), null=True, blank=True)
    done = models.TextField(_("工作进展"), blank=True)
    reason = models.TextField(_("滞后原因"), blank=True)
    remedy = models.TextField(_("整改措施"), blank=True)
    # The office's word on this task when it returned the report; replaced at the next return.
    office_comment = models.TextField(_("办公室对本任务的意见"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("任务进展记录")
        ordering = ["report", "task__order"]
        constraints = [models.UniqueConstraint(fields=["report", "task"], name="task_once_per_report")]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.task_id}"

    @classmethod
    def written_only(cls, queryset: models.QuerySet) -> models.QuerySet:
        """The lines someone wrote: a round creates every line blank, so a blank line of a report
        never handed in holds nothing (programs.revision counts only these as data lost)."""
        return queryset.filter(
            ~models.Q(status="") | models.Q(progress__isnull=False) | ~models.Q(done="") | ~models.Q(reason="")
            | ~models.Q(remedy="") | ~models.Q(office_comment="") | models.Q(report__first_submitted_at__isnull=False))


class IndicatorValue(models.Model):
    """A value of an indicator the department owns, for the round's year."""

    report = models.ForeignKey(DepartmentReport, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="supervision_values")
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.FloatField(_("数值"), null=True, blank=True)
    source = models.CharField(_("数据来源"), max_length=255, blank=True)
    note = models.CharField(_("说明"), max_length=255, blank=True)
    recorded_in_monitoring = models.BooleanField(default=False, help_text="written to monitoring on acceptance")

    class Meta:
        verbose_name = verbose_name_plural = _("指标填报值")
        ordering = ["report", "indicator__order"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="indicator_once_per_report")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}: {'—' if self.value is None else self.value}"

    @classmethod
    def written_only(cls, queryset: models.QuerySet) -> models.QuerySet:
        """The values someone filled in (a round creates them empty; see ``TaskLine.written_only``)."""
        return queryset.filter(
            models.Q(value__isnull=False) | ~models.Q(source="") | ~models.Q(note="")
            | models.Q(report__first_submitted_at__isnull=False))


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never comes from the user: services set a random name with the checked suffix.
    return f"supervision/{instance.report.round_id}/{instance.report_id}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF")
        DOCX = "docx", _("Word")
        OFD = "ofd", _("OFD")
        XLSX = "xlsx", _("Excel")
        IMAGE = "image", _("图片")

    report = models.ForeignKey(DepartmentReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=255)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at", "id"]
        verbose_name = verbose_name_plural = _("佐证材料")

    def __str__(self) -> str:
        return self.original_name


class ReviewStep(models.Model):
    """The report's history as people read it (the audit trail keeps the field-level detail)."""

    report = models.ForeignKey(DepartmentReport, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    comment = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action} → {self.to_status}"

    ACTION_LABELS = {"submit": gettext_noop("报送"), "head_approve": gettext_noop("负责人同意"),
                     "head_reject": gettext_noop("负责人退回"), "return": gettext_noop("办公室退回"),
                     "accept": gettext_noop("办公室通过"), "unlock": gettext_noop("办公室解锁"),
                     "urge": gettext_noop("办公室催办")}

    @property
    def action_label(self) -> str:
        label = self.ACTION_LABELS.get(self.action)
        return gettext(label) if label else self.action

    @property
    def to_label(self) -> StrOrPromise:
        return ReportStatus(self.to_status).label


class Reminder(models.Model):
    """One chase sent for one report. The unique key is what makes a second scan send nothing."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("即将到期")
        DUE = "due", _("今日到期")
        OVERDUE = "overdue", _("已逾期")
        ESCALATION = "escalation", _("抄送部门负责人")
        URGE = "urge", _("催办")

    key = models.CharField(max_length=96, unique=True)
    report = models.ForeignKey(DepartmentReport, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    for_date = models.DateField()
    recipients = models.JSONField(default=list)
    # Who urged (催办), for the office's own reminders; the daily scan leaves it empty.
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-for_date", "-id"]

    def __str__(self) -> str:
        return self.key


class OverdueDigest(models.Model):
    """The office's daily summary of what is overdue in one programme: one row per day, written
    before anyone is told, so a second scan the same day sends nothing."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    for_date = models.DateField()
    reports = models.PositiveIntegerField(default=0)
    recipients = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-for_date", "program"]
        constraints = [models.UniqueConstraint(fields=["program", "for_date"], name="one_overdue_digest_per_day")]

    def __str__(self) -> str:
        return f"{self.program_id} {self.for_date}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        REMINDER = "reminder", _("到期提醒")
        URGE = "urge", _("催办")
        SUBMITTED = "submitted", _("报送")
        RESUBMITTED = "resubmitted", _("已重新提交")
        REVIEW = "review", _("审核结果")
        SUMMARY = "summary", _("逾期汇总")
        OTHER = "other", _("其他")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_notifications")
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=255, blank=True)
    report = models.ForeignKey(DepartmentReport, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    # Set for every notice about a programme (the overdue summary has no report), for grouping.
    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = verbose_name_plural = _("通知")

    def __str__(self) -> str:
        return self.title
