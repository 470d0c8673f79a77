"""``manage.py audit_purge``: delete audit records older than IPCITY_AUDIT_RETENTION_DAYS."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "删除超过保存期限（IPCITY_AUDIT_RETENTION_DAYS，至少 180 天）的审计记录；更新的记录一律保留。"

    def handle(self, *args, **options):
        from ipcity.audit.services import audit_purge, retention_days

        try:
            days = retention_days()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        deleted = audit_purge()
        self.stdout.write(f"已删除 {deleted} 条超过 {days} 天的审计记录。")
