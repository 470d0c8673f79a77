"""Personal API tokens. Only a hash is stored; the token is shown once when created."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=64)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "core"
        verbose_name = verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @classmethod
    def issue(cls, *, user, name: str) -> tuple[ApiToken, str]:
        token = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=_hash(token)), token

    @classmethod
    def user_for(cls, token: str):
        row = cls.objects.select_related("user").filter(key_hash=_hash(token)).first()
        if row is None or not row.user.is_active:
            return None
        cls.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        return row.user
