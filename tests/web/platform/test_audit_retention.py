"""Audit records are kept at least 180 days (网络安全法 第二十一条); the purge never deletes younger ones."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from ipcity.audit.services import audit_purge, retention_days, security_record

pytestmark = pytest.mark.django_db


def _aged(days: float) -> AuditEvent:
    event = security_record(action="auth.login", username=f"aged-{days}")
    AuditEvent.objects.filter(pk=event.pk).update(at=timezone.now() - datetime.timedelta(days=days))
    return event


def test_default_is_a_year_and_less_than_180_days_is_refused(settings):
    assert retention_days() == 365
    settings.IPCITY_AUDIT_RETENTION_DAYS = 179
    with pytest.raises(ImproperlyConfigured):
        retention_days()
    with pytest.raises(CommandError):
        call_command("audit_purge", stdout=io.StringIO())
    settings.IPCITY_AUDIT_RETENTION_DAYS = 180
    assert retention_days() == 180


def test_a_short_retention_stops_start_up(tmp_path):
    env = {**os.environ, "IPCITY_AUDIT_RETENTION_DAYS": "90", "IPCITY_DATA_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "ipcity.web.settings"}
    proc = subprocess.run([sys.executable, "-m", "ipcity.manage", "check"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode != 0 and "IPCITY_AUDIT_RETENTION_DAYS=90" in proc.stderr and "180" in proc.stderr


def test_purge_deletes_only_records_past_the_retention(settings):
    settings.IPCITY_AUDIT_RETENTION_DAYS = 180
    kept = [_aged(0), _aged(179), _aged(179.9)]
    gone = [_aged(180.1), _aged(400)]
    assert audit_purge() == 2
    remaining = set(AuditEvent.objects.values_list("pk", flat=True))
    assert {e.pk for e in kept} <= remaining and not {e.pk for e in gone} & remaining
    (purge,) = AuditEvent.objects.filter(action="audit.purge")
    assert "deleted=2" in purge.note and "retention_days=180" in purge.note


def test_the_default_keeps_a_year_and_the_command_says_how_many(settings):
    kept, gone = _aged(364), _aged(366)
    out = io.StringIO()
    call_command("audit_purge", stdout=out)
    assert "已删除 1 条" in out.getvalue()
    assert AuditEvent.objects.filter(pk=kept.pk).exists() and not AuditEvent.objects.filter(pk=gone.pk).exists()


def test_the_nightly_job_purges_with_the_same_rule(settings):
    from ipcity.audit.tasks import audit_purge_job

    settings.IPCITY_AUDIT_RETENTION_DAYS = 200
    kept, gone = _aged(199), _aged(201)
    assert audit_purge_job.call_local() == {"deleted": 1}
    assert AuditEvent.objects.filter(pk=kept.pk).exists() and not AuditEvent.objects.filter(pk=gone.pk).exists()
