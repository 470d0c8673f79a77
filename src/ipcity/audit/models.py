"""The audit trail: who changed what, when, from what to what. Rows are never updated."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcity.core.localtime import local_text


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True, help_text="kept when the user is deleted")
    action = models.CharField(max_length=64, db_index=True, help_text="e.g. program.create, indicator.update")
    object_type = models.CharField(max_length=64, help_text="app_label.model")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=255, blank=True)
    program_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)
    # The client's address for every record made during a request (None for jobs and the CLI).
    client_ip = models.GenericIPAddressField(null=True, blank=True, verbose_name=_("来源地址"))

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = verbose_name_plural = _("审计记录")

    def __str__(self) -> str:
        return f"{local_text(self.at)} {self.actor_name} {self.action} {self.object_repr}"  # admin lists: local time
