"""Actual values of indicators, the office's settings for judging them, and cross-programme links.

A corrected value never overwrites the old one: the old row is kept with ``is_current=False``
and ``superseded_by`` pointing at its successor, so the history of every figure stays visible.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipcity.core.models import Department
from ipcity.programs.models import Indicator, Program


def attachment_path(instance: IndicatorActual, filename: str) -> str:
    return f"monitoring/{instance.indicator.program_id}/{instance.indicator_id}/{instance.year}/{filename}"


class IndicatorActual(models.Model):
    """One year's actual value of an indicator, as entered (or computed) at one moment."""

    class Channel(models.TextChoices):
        FORM = "form", _("表单")
        EXCEL = "excel", _("Excel 模板")
        API = "api", _("接口")
        ENGINE = "engine", _("专利数据引擎")
        CASES = "cases", _("维权案件统计")  # protection.services.indicator_feed
        TRANSFER = "transfer", _("供需对接合同")  # transfer.services.indicator_feed
        DEMO = "demo", _("示例数据")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    year = models.PositiveSmallIntegerField(_("年份"))
    value = models.FloatField(_("实际值"))
    source = models.CharField(_("数据来源"), max_length=255, blank=True)
    note = models.TextField(_("备注"), blank=True)
    attachment = models.FileField(_("附件"), upload_to=attachment_path, blank=True, max_length=255)
    channel = models.CharField(_("填报方式"), max_length=8, choices=Channel.choices, default=Channel.FORM)
    computed = models.BooleanField(_("系统计算"), default=False)
    lineage = models.JSONField(_("计算来源"), null=True, blank=True,
                               help_text="dataset, reference versions, parameters and time of a computed figure")
    is_current = models.BooleanField(_("现行值"), default=True)
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "year", "-entered_at"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], condition=Q(is_current=True),
                                               name="one_current_actual_per_indicator_year")]
        indexes = [models.Index(fields=["indicator", "is_current", "year"])]
        verbose_name = verbose_name_plural = _("指标实际值")

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.year}: {self.value:g}"


class ProgramThresholds(models.Model):
    """The method's thresholds for one programme (defaults from the spec when absent)."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="monitoring_thresholds")
    near = models.FloatField(_("年度接近阈值"), default=0.9)
    on_track = models.FloatField(_("终期正常阈值"), default=0.95)
    acceleration = models.FloatField(_("终期需加快阈值"), default=0.60)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("研判阈值")

    def __str__(self) -> str:
        return f"{self.program}: {self.near}/{self.on_track}/{self.acceleration}"


class ReferenceValue(models.Model):
    """A comparison figure (the province average...) for judging a qualitative target."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reference_values")
    year = models.PositiveSmallIntegerField(_("年份"))
    value = models.FloatField(_("参照值"))
    label = models.CharField(_("参照对象"), max_length=64, default="全省平均水平")
    source = models.CharField(_("数据来源"), max_length=255, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="one_reference_per_indicator_year")]
        verbose_name = verbose_name_plural = _("参照值")

    def __str__(self) -> str:
        return f"{self.label} {self.year}: {self.value:g}"


class StandardIndicator(models.Model):
    """An indicator of the national programme as one identity (每万人口高价值发明专利拥有量, code HVIP_PER_10K).

    Programmes write the same measure under different names; the office links each programme's
    indicator to its catalogue entry, and only linked indicators are compared across cities.
    ``aliases`` are names documents use for exactly this measure: they let the system *suggest* a
    link (exact match after normalising), never make one.
    """

    code = models.CharField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("标准名称"), max_length=255)
    unit = models.CharField(_("单位"), max_length=32, blank=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    definition = models.TextField(_("口径说明"), blank=True)
    # How the indicator is computed from IP records (``ipcity.analytics.formulas``): a figure of
    # ``ipcity indicators compute`` (tm_valid), a sum (licences + transfers), a part
    # (pledge_amount_by_kind.patent) or a growth (growth(copyright_works)); empty: not computable.
    formula = models.CharField(_("从知识产权数据计算"), max_length=200, blank=True,
                               help_text="ipcity.analytics.formulas; the value is in 件, 元 or %, converted to the indicator's unit")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = _("标准指标目录")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class IndicatorLink(models.Model):
    """A programme's indicator confirmed by the office as the catalogue's ``standard`` indicator."""

    standard = models.ForeignKey(StandardIndicator, on_delete=models.PROTECT, related_name="links")
    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="monitoring_link")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("跨项目指标关联")

    def __str__(self) -> str:
        return f"{self.standard_id} ← {self.indicator_id}"


class ActualImport(models.Model):
    """An uploaded Excel template after its dry run, waiting for the user to confirm."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已写入")
        REJECTED = "rejected", _("有错误")

    # A programme's template, or a department's template across all its programmes.
    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.CASCADE, related_name="actual_imports")
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    original_name = models.CharField(max_length=255)
    rows = models.JSONField(default=list, help_text="rows to write: indicator_id, year, value, source, note")
    problems = models.JSONField(default=list, help_text="every row's problem, in sheet order")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"
