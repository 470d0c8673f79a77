"""What the office has published on the public open-data pages (政务公开).

Nothing is public by default. A programme is public when its ``ProgramPublication`` says so; an
indicator is public when its own ``IndicatorPublication`` says so *and* its programme is public
(unpublishing the programme takes its indicators off the public pages with it, and publishing it
again brings back exactly what was published before). Rows are kept when unpublished, so the
summary the office wrote is not lost; the audit trail keeps who changed what and when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcity.programs.models import Indicator, Program


class ProgramPublication(models.Model):
    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="publication")
    published = models.BooleanField("已公开", default=False)
    summary = models.TextField("公开摘要", blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("项目公开")

    def __str__(self) -> str:
        return f"{self.program} ({'公开' if self.published else '未公开'})"


class IndicatorPublication(models.Model):
    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="publication")
    published = models.BooleanField("已公开", default=False)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("指标公开")

    def __str__(self) -> str:
        return f"{self.indicator} ({'公开' if self.published else '未公开'})"
