"""Regions (GB/T 2260), departments with their aliases, the user's role, and personal API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        CITY = "city", _("地级")
        DISTRICT = "district", _("县级")

    code = models.CharField(_("区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A unit that answers for tasks (市市场监管局, 各县、区人民政府...). One record per real unit."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("名称"), max_length=128)
    head_email = models.EmailField(_("负责人邮箱"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region__code", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="department_unique_name_in_region")]
        verbose_name = verbose_name_plural = _("部门")

    def __str__(self) -> str:
        return self.name


class DepartmentAlias(models.Model):
    """Another way a document writes the department's name (市市场监督管理局 for 市市场监管局)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("别名"), max_length=128)
    # The alias with white space removed and brackets folded to one width, for matching.
    normalised = models.CharField(max_length=128, db_index=True, editable=False)

    class Meta:
        ordering = ["alias"]
        constraints = [models.UniqueConstraint(fields=["department", "normalised"], name="alias_unique_per_department")]
        verbose_name = verbose_name_plural = _("部门别名")

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        from ipcity.core.naming import normalise_unit_name

        self.normalised = normalise_unit_name(self.alias)
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    OFFICE = "office", _("知识产权办公室管理员")
    REPORTER = "reporter", _("部门填报员")
    LEADER = "leader", _("领导（只读）")
    ADMIN = "admin", _("系统管理员")


class Profile(models.Model):
    """What a user is in ipcity. A reporter is bound to one department; an office to a region."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.LEADER)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT, related_name="reporters")
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT,
        help_text=_("办公室或领导所属区划；为空表示可见全部项目"),
    )
    display_name = models.CharField(_("显示名称"), max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("用户角色")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


# Personal API tokens. Only a hash is stored; the token is shown once when created.

def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=64)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @classmethod
    def new(cls, *, user, name: str) -> tuple[ApiToken, str]:
        """An unsaved token and its secret (``accounts.services.token_issue`` saves it, audited)."""
        token = secrets.token_urlsafe(32)
        return cls(user=user, name=name, key_hash=_token_hash(token)), token

    @classmethod
    def for_secret(cls, token: str) -> ApiToken | None:
        """The token with this secret if its user is active, else None (a read; see token_authenticate)."""
        row = cls.objects.select_related("user").filter(key_hash=_token_hash(token)).first()
        return row if row is not None and row.user.is_active else None


class ApiIdempotencyKey(models.Model):
    """An API write sent with an ``Idempotency-Key`` header and, once done, its answer: a retry
    with the same key gets that answer again instead of doing the write twice
    (``ipcity.core.idempotency``). Kept a day; request bookkeeping, not audited."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of method, path, query and body
    status = models.PositiveSmallIntegerField(null=True, blank=True)  # None: the first request is still running
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="core_idempotency_user_key")]

    def __str__(self) -> str:
        return f"{self.user} · {self.key}"
