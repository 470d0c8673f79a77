"""A programme: one plan document made living (indicators, tasks, departments, duties).

The fields mirror the plan interchange format (``shared/spec/plan-format.md``) so that a plan
loads and exports without loss; ``plan_export.program_to_plan`` is the inverse of the loader.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcity.core.models import Department, Region


class Program(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("实施中")
        ARCHIVED = "archived", _("已归档")

    title = models.CharField(_("标题"), max_length=255)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="programs")
    region_name = models.CharField(_("文件所称地区"), max_length=64, help_text="as the document names it")
    issuer = models.CharField(_("发文机关"), max_length=128, blank=True, null=True)
    doc_number = models.CharField(_("文号"), max_length=64, blank=True, null=True)
    issued_on = models.DateField(_("印发日期"), blank=True, null=True)
    start_year = models.PositiveSmallIntegerField(_("起始年"))
    end_year = models.PositiveSmallIntegerField(_("结束年"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    source_text = models.TextField(_("文件文本"), blank=True, help_text="extracted text; evidence offsets point into it")
    is_sample = models.BooleanField(_("示例数据"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-start_year", "title"]
        verbose_name = verbose_name_plural = _("强市建设项目")

    def __str__(self) -> str:
        return self.title


class Phase(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("阶段"), max_length=128)
    start = models.CharField(_("开始(YYYY-MM)"), max_length=7)
    end = models.CharField(_("结束(YYYY-MM)"), max_length=7)

    class Meta:
        ordering = ["program", "order"]

    def __str__(self) -> str:
        return f"{self.name} ({self.start}–{self.end})"


class ReportingDuty(models.Model):
    """每年12月15日前报送 (month/day), 2025年1月前评估 (date), 每半年 (every_months)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="reporting_duties")
    order = models.PositiveSmallIntegerField(default=0)
    what = models.CharField(_("事项"), max_length=255)
    who = models.CharField(_("责任主体"), max_length=255, blank=True, null=True)
    due_month = models.PositiveSmallIntegerField(null=True, blank=True)
    due_day = models.PositiveSmallIntegerField(null=True, blank=True)
    due_date = models.CharField(_("一次性期限(YYYY-MM)"), max_length=7, blank=True, null=True)
    every_months = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["program", "order"]

    def __str__(self) -> str:
        return self.what

    def due_dict(self) -> dict:
        if self.every_months:
            return {"every_months": self.every_months}
        if self.due_date:
            return {"date": self.due_date}
        return {"month": self.due_month, "day": self.due_day}


class Indicator(models.Model):
    class Source(models.TextChoices):
        TABLE = "table", _("指标表")
        TEXT = "text", _("正文")

    class Direction(models.TextChoices):
        UP = "up", _("越高越好")
        DOWN = "down", _("越低越好")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("指标名称"), max_length=255)
    unit = models.CharField(_("单位"), max_length=32, blank=True, null=True)
    baseline_year = models.PositiveSmallIntegerField(_("基期年"), null=True, blank=True)
    baseline_value = models.FloatField(_("基期值"), null=True, blank=True)
    qualitative_target = models.CharField(_("定性目标"), max_length=255, blank=True, null=True)
    tags = models.JSONField(_("属性"), default=list, blank=True)
    source = models.CharField(_("来源"), max_length=8, choices=Source.choices, default=Source.TABLE)
    evidence = models.JSONField(null=True, blank=True)
    direction = models.CharField(_("方向"), max_length=4, choices=Direction.choices, blank=True, null=True)
    owner_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_indicators",
        verbose_name=_("数据责任部门"),
    )

    class Meta:
        ordering = ["program", "order"]
        verbose_name = verbose_name_plural = _("指标")

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    class Comparator(models.TextChoices):
        GE = ">=", "≥"
        LE = "<=", "≤"
        EQ = "=", "="

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("年份"))
    value = models.FloatField(_("目标值"))
    comparator = models.CharField(max_length=2, choices=Comparator.choices, default=Comparator.GE)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_indicator_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.comparator} {self.value}"


class Task(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(default=0)
    ref = models.CharField(_("编号"), max_length=64)
    title = models.CharField(_("任务"), max_length=500)
    evidence = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["program", "order"]
        verbose_name = verbose_name_plural = _("重点任务")

    def __str__(self) -> str:
        return f"{self.ref} {self.title}"

    @property
    def section(self) -> str:
        """The part of the ref above the item itself (三/（一）/1 → 三/（一）)."""
        return self.ref.rsplit("/", 1)[0] if "/" in self.ref else ""


class TaskAssignment(models.Model):
    """A department answering for a task, as lead (牵头) or co-responsible (配合)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="assignments")
    order = models.PositiveSmallIntegerField(default=0)
    is_lead = models.BooleanField(_("牵头"), default=False)
    name_as_written = models.CharField(_("原文名称"), max_length=255)

    class Meta:
        ordering = ["task", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "department"], name="department_once_per_task")]

    def __str__(self) -> str:
        return f"{self.name_as_written} ({'牵头' if self.is_lead else '配合'})"


class TaskTarget(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.FloatField()
    unit = models.CharField(max_length=32, blank=True, null=True)
    comparator = models.CharField(max_length=2, choices=IndicatorTarget.Comparator.choices, default=">=")

    class Meta:
        ordering = ["task", "order"]

    def __str__(self) -> str:
        return f"{self.name} {self.comparator} {self.value}{self.unit or ''}"


class PlanImport(models.Model):
    """An uploaded plan document waiting for a person to check and confirm what was read."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        DISCARDED = "discarded", _("已放弃")

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    source_text = models.TextField(blank=True)
    parsed = models.JSONField(help_text="the plan as the parser read it")
    edited = models.JSONField(help_text="the plan as the reviewer corrected it")
    warnings = models.JSONField(default=list, blank=True)
    target_program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions",
        help_text="set when this is a revised document for an existing programme",
    )
    result_program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"
