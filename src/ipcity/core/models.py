"""Regions (GB/T 2260), departments with their aliases, the user's role, and personal API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
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
    # 机构改革: a unit merged into another keeps its row (reports written under its name stay
    # with it) and points at its successor; retired (is_active False) by the merge or on its own.
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_from", verbose_name=_("并入部门"))
    retired_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        ordering = ["region__code", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="department_unique_name_in_region")]
        verbose_name = verbose_name_plural = _("部门")

    def __str__(self) -> str:
        return self.name


# An alias as written and its matching key (NFKC may make the key the longer: core.services).
ALIAS_MAX_LENGTH = 128


class DepartmentAlias(models.Model):
    """Another way a document writes the department's name (市市场监督管理局 for 市市场监管局)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("别名"), max_length=ALIAS_MAX_LENGTH)
    # The alias with white space removed and brackets folded to one width, for matching.
    normalised = models.CharField(max_length=ALIAS_MAX_LENGTH, db_index=True, editable=False)

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


# How long a new API token lives, in days: the choices offered, and the one preselected. The site
# may cap them with ``IPCITY_API_TOKEN_MAX_DAYS`` (settings): a choice above the cap becomes the cap.
TOKEN_LIFETIME_DAYS = (30, 90, 365)
TOKEN_DEFAULT_DAYS = 90
TOKEN_EXPIRY_WARNING_DAYS = 7  # the token page warns of a token that expires within this


def token_lifetimes() -> list[int]:
    """The lifetimes (days) a new token may be given on this site, shortest first."""
    cap = int(getattr(settings, "IPCITY_API_TOKEN_MAX_DAYS", max(TOKEN_LIFETIME_DAYS)))
    return sorted({min(days, cap) for days in TOKEN_LIFETIME_DAYS})


def token_default_lifetime() -> int:
    """The lifetime preselected for a new token: the default, or the site's cap when lower."""
    return min(TOKEN_DEFAULT_DAYS, max(token_lifetimes()))


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=64)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # From this instant on the token is refused (401, "expired"); chosen when it is created.
    expires_at = models.DateTimeField(_("到期时间"))

    class Meta:
        verbose_name = verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @classmethod
    def new(cls, *, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
        """An unsaved token and its secret, expiring ``days`` from now (the default lifetime when
        not given); ``accounts.services.token_issue`` checks the days and saves it, audited."""
        token = secrets.token_urlsafe(32)
        expires_at = timezone.now() + dt.timedelta(days=days or token_default_lifetime())
        return cls(user=user, name=name, key_hash=_token_hash(token), expires_at=expires_at), token

    @classmethod
    def for_secret(cls, token: str) -> ApiToken | None:
        """The token with this secret if its user is active, else None, expired or not (a read;
        token_authenticate refuses an expired one)."""
        row = cls.objects.select_related("user").filter(key_hash=_token_hash(token)).first()
        return row if row is not None and row.user.is_active else None

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    def expires_soon(self, now: dt.datetime | None = None) -> bool:
        """Still valid, but not for more than ``TOKEN_EXPIRY_WARNING_DAYS``."""
        now = now or timezone.now()
        return not self.is_expired(now) and self.expires_at - now <= dt.timedelta(days=TOKEN_EXPIRY_WARNING_DAYS)


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
