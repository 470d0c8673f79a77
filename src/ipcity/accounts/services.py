"""Writes for users, roles and API tokens. Each is one audited transaction.

These live here, above ``ipcity.audit``, rather than in ``ipcity.core``: they write audit records,
and the audit app reads core (roles, scoping, the models) to show and scope its trail. Keeping the
writer below core instead would split the audit app in two; moving the account writes (and their
pages) up one layer keeps both apps whole and the graph acyclic.

Who may do what: a site administrator manages everyone; an office administrator manages the
reporters and leaders of its own region (it cannot create offices or site administrators, nor
touch users outside its region). Everyone manages their own API tokens; an administrator may
revoke the tokens of the users it manages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.accounts.selectors import user_edit_state
from ipcity.audit.services import audit_record, snapshot
from ipcity.core.access import access_require_office, user_role
from ipcity.core.edit_stamps import require_unchanged
from ipcity.core.models import (
    ApiToken,
    Department,
    Profile,
    Region,
    Role,
    token_default_lifetime,
    token_lifetimes,
)
from ipcity.core.selectors import (
    assignable_departments,
    assignable_regions,
    assignable_roles,
    manageable_users,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User as AuthUser  # what get_user_model() returns

User = get_user_model()


def _check_role(actor: AuthUser, role: str, department: Department | None, region: Region | None) -> None:
    if role not in assignable_roles(actor):
        raise PermissionDenied(_("无权授予该角色"))
    if role == Role.REPORTER:
        if department is None:
            raise ValidationError({"department": _("部门填报员必须绑定一个部门")})
        if not assignable_departments(actor).filter(pk=department.pk).exists():
            raise PermissionDenied(_("该部门不在您的管理范围内"))
        return
    regions = assignable_regions(actor)
    if region is None:
        # A leader or office without a region sees every programme: only a site admin grants that.
        if user_role(actor) != Role.ADMIN:
            raise ValidationError({"region": _("请选择所属区划")})
    elif not regions.filter(pk=region.pk).exists():
        raise PermissionDenied(_("该区划不在您的管理范围内"))


@transaction.atomic
def user_create(
    *,
    actor: AuthUser,
    username: str,
    password: str,
    role: str,
    department: Department | None = None,
    region: Region | None = None,
    display_name: str = "",
    email: str = "",
):
    """A new account with its role. The password is checked by the site's validators."""
    _check_role(actor, role, department, region)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("用户名已存在")})
    user = User(username=username, email=email)
    validate_password(password, user)
    user.set_password(password)
    user.is_superuser = user.is_staff = role == Role.ADMIN
    user.save()
    Profile.objects.create(
        user=user, role=role, display_name=display_name,
        department=department if role == Role.REPORTER else None,
        region=None if role == Role.REPORTER else region,
    )
    audit_record(actor=actor, action="user.create", obj=user, after=user_edit_state(user))
    return user


@transaction.atomic
def user_update(
    *,
    actor: AuthUser,
    user: AuthUser,
    role: str,
    department: Department | None = None,
    region: Region | None = None,
    display_name: str = "",
    email: str = "",
    is_active: bool = True,
    password: str = "",
    seen: str | None = None,
):
    """Change a user's role, binding, name or state; a password only when one is given.
    ``seen``: the edit stamp the form was opened at; a save by someone else since then raises
    ``StaleEdit`` and writes nothing (None: no check)."""
    if not manageable_users(actor).filter(pk=user.pk).exists():
        raise PermissionDenied(_("无权管理该用户"))
    if user.pk == actor.pk and not is_active:
        raise ValidationError({"is_active": _("不能停用自己的账号")})
    _check_role(actor, role, department, region)
    user = User.objects.select_for_update().get(pk=user.pk)  # the row as it is now, held until saved
    before = user_edit_state(user)
    require_unchanged(before, seen)
    # The user's cached profile (if any) is the one updated, so the "after" snapshot sees the change.
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    user.profile = profile
    profile.role = role
    profile.department = department if role == Role.REPORTER else None
    profile.region = None if role == Role.REPORTER else region
    profile.display_name = display_name
    profile.save()
    user.email = email
    user.is_active = is_active
    user.is_superuser = user.is_staff = role == Role.ADMIN
    if password:
        validate_password(password, user)
        user.set_password(password)
    user.save()
    after = user_edit_state(user)
    if after == before and not password:
        return user  # saved again unchanged: no audit record of a non-event
    audit_record(actor=actor, action="user.update", obj=user, before=before, after=after,
                 note=_("已重设密码") if password else "")
    return user


TOKEN_FIELDS = ["id", "user", "name", "expires_at"]


class TokenExpired(Exception):
    """A bearer token that exists and whose user is active, but whose time is up."""

    def __init__(self, expired_at):
        super().__init__(f"API token expired at {expired_at.isoformat()}")
        self.expired_at = expired_at


@transaction.atomic
def token_issue(*, user: AuthUser, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A personal API token expiring in ``days`` (one of ``token_lifetimes()``; the default when
    not given); the secret is returned once and only its hash is kept."""
    if user_role(user) is None:
        raise PermissionDenied(_("该账号没有角色，不能创建令牌"))
    days = token_default_lifetime() if days is None else days
    if days not in token_lifetimes():
        raise ValidationError({"days": _("有效期只能选 %(choices)s 天") % {
            "choices": " / ".join(str(d) for d in token_lifetimes())}})
    name = name.strip()[:64] or _("未命名")
    token, secret = ApiToken.new(user=user, name=name, days=days)
    token.save()
    audit_record(actor=user, action="token.create", obj=token, after=snapshot(token, TOKEN_FIELDS))
    return token, secret


@transaction.atomic
def token_revoke(*, user: AuthUser, token_id: int) -> None:
    """Delete one of the user's own tokens; another user's token is not found."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise ValidationError(_("令牌不存在"))
    before = snapshot(token, TOKEN_FIELDS)
    audit_record(actor=user, action="token.delete", obj=token, before=before, after=None)
    token.delete()


@transaction.atomic
def token_revoke_managed(*, actor: AuthUser, token_id: int) -> ApiToken:
    """An administrator revokes a token of a user it manages (a site admin: anyone's; an office:
    its region's reporters and leaders, as on the user pages). Audited under the administrator,
    with the owner named in the note. Another token: PermissionDenied for a non-office, else
    ``ApiToken.DoesNotExist`` (the page answers 404: not whose it is)."""
    access_require_office(actor)
    token = ApiToken.objects.select_related("user").filter(
        pk=token_id, user__in=manageable_users(actor)).first()
    if token is None:
        raise ApiToken.DoesNotExist
    before = snapshot(token, TOKEN_FIELDS)
    audit_record(actor=actor, action="token.delete", obj=token, before=before, after=None,
                 note=_("管理员撤销 %(owner)s 的令牌") % {"owner": token.user.username})
    token.delete()
    return token


def token_authenticate(*, secret: str) -> AuthUser | None:
    """The active user a bearer token stands for, or None; stamps the token's last use.
    Raises ``TokenExpired`` for a token whose time is up (its use is not stamped), so that the API
    can say so rather than "invalid".

    Not audited and no transaction of its own: every API call passes here, and the stamp is one
    UPDATE of one row.
    """
    row = ApiToken.for_secret(secret)
    if row is None:
        return None
    now = timezone.now()
    if row.is_expired(now):
        raise TokenExpired(row.expires_at)
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


@transaction.atomic
def demo_account_ensure(*, username: str, role: str, password: str, reset: bool, department: Department | None = None,
                        display_name: str = "") -> tuple[AuthUser, bool]:
    """A demo account (``ipcity demo``): created once; later runs keep it, resetting its password only when asked.

    Returns the user and whether it was created. No actor: the demo runs from the command line.
    """
    user = User.objects.filter(username=username).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(username=username, password=password)
    elif reset:
        user.set_password(password)
        user.save(update_fields=["password"])
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.role, profile.department, profile.display_name = role, department, display_name
    profile.save()
    if created:
        # The chosen fields, as user_create records them: the default snapshot held the password hash.
        audit_record(actor=None, action="user.create", obj=user, after=user_edit_state(user), note="ipcity demo")
    return user, created
