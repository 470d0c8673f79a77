"""Every generated report, kept: its snapshot (every number printed), its file and where it came from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcity.programs.models import Program
from ipcity.supervision.models import Round


def report_path(instance: ReportVersion, filename: str) -> str:
    return f"reports/{instance.program_id}/{filename}"


def template_path(instance: ReportTemplate, filename: str) -> str:
    return f"reports/templates/{instance.kind}/{filename}"


class Kind(models.TextChoices):
    ANNUAL = "annual", _("年度监测评估报告")
    BULLETIN = "bulletin", _("情况通报")
    WHITEPAPER = "whitepaper", _("知识产权发展与保护状况白皮书")
    SUMMARY = "summary", _("领导摘要")
    FINAL = "final", _("终期评估报告")


class Format(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (.docx)"


class ReportVersion(models.Model):
    """One generated report. Its file lives under the data directory and is served only through an
    access-checked, audited download view; ``snapshot`` holds every number it prints."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="report_versions")
    kind = models.CharField("报告类型", max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("年度")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="report_versions")
    fmt = models.CharField("格式", max_length=4, choices=Format.choices)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("进度%", default=0)
    error = models.TextField("错误", blank=True)
    file = models.FileField("文件", upload_to=report_path, blank=True, max_length=255)
    text = models.TextField("办公室撰写的正文", blank=True, help_text="the office's own text (the white paper's overview)")
    snapshot = models.JSONField("数据快照", default=dict, blank=True)
    source = models.JSONField("数据来源", default=dict, blank=True,
                              help_text="datasets, value record ids and dates, round: which data the report printed")
    template = models.ForeignKey("ReportTemplate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["program", "kind", "year"])]
        verbose_name = verbose_name_plural = "报告版本"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} #{self.pk} ({self.fmt})"

    @property
    def number(self) -> int:
        """The version's number among its programme's reports of the same kind and year (1 for the
        first), not the table-wide id: an office's first white paper is v1 whatever came before."""
        return ReportVersion.objects.filter(program_id=self.program_id, kind=self.kind, year=self.year,
                                            pk__lte=self.pk).count()

    @property
    def download_name(self) -> str:
        return f"{self.program.title}-{self.year}-{self.get_kind_display()}-v{self.number}.{self.fmt}"


class ReportTemplate(models.Model):
    """The office's own Word template for one kind of report of one programme (checked at upload:
    fields and content); it is used only for that programme's reports."""

    kind = models.CharField("报告类型", max_length=16, choices=Kind.choices)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=template_path, max_length=255)
    original_name = models.CharField("文件名", max_length=255)
    is_active = models.BooleanField("启用", default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = verbose_name_plural = "报告模板"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"
