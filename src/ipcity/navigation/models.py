"""A navigation project (专利导航), its versioned technology decomposition and cached analyses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcity.core.models import Region
from ipcity.programs.models import Program, Task


class NavigationProject(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="navigation_projects")
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="navigation_projects", verbose_name=_("规划任务"))
    title = models.CharField(_("名称"), max_length=255)
    dataset = models.CharField(_("专利数据集"), max_length=128)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("地区"))
    aliases = models.JSONField(_("申请人别名"), default=dict, blank=True,
                               help_text="applicant name → the name it is merged into")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["program", "pk"]
        verbose_name = _("专利导航项目")

    def __str__(self) -> str:
        return self.title


class DefinitionVersion(models.Model):
    """One saved state of the decomposition; every change makes a new one (never edited)."""

    project = models.ForeignKey(NavigationProject, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=12, help_text="Definition.version: a hash of the content")
    body = models.JSONField()
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["project", "-number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="navigation_version_number")]

    def __str__(self) -> str:
        return f"v{self.number} ({self.content_hash})"


class Analysis(models.Model):
    """The computed analyses of one (definition version, dataset version): a cache and a record."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("计算中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    project = models.ForeignKey(NavigationProject, on_delete=models.CASCADE, related_name="analyses")
    version = models.ForeignKey(DefinitionVersion, on_delete=models.CASCADE, related_name="analyses")
    dataset_version = models.CharField(max_length=200)
    aliases_key = models.CharField(max_length=12, blank=True, default="",
                                   help_text="a hash of the project's applicant aliases used (empty: none)")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-pk"]
        constraints = [models.UniqueConstraint(fields=["version", "dataset_version", "aliases_key"],
                                               name="navigation_analysis_key")]

    def __str__(self) -> str:
        return f"{self.version} × {self.dataset_version}: {self.status}"
