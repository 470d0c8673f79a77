"""Sign-in events in the audit trail, the lockout page, and the audited password change.

Connected in ``AuditConfig.ready``. The receivers record:

- ``auth.login`` / ``auth.logout``: a person signing in or out over HTTP. A login with no HTTP
  method (``Client.force_login`` in tests, a shell) is no sign-in by a person and is not recorded.
- ``auth.login_failed``: the username as typed (never the password; Django hands the receiver a
  cleansed copy anyway and only the username is read), linked to the account when it exists.
- ``auth.lockout``: the failure that starts a lock, with its length and end. Attempts made while
  locked are ``auth.login_failed`` with a note; they do not move the end of the lock
  (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``).
- ``auth.password_change``: the user's own change through ``PasswordChangeView`` below.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import password_change, security_record
from ipcity.core.selectors import user_by_username

LOCKOUT_TEMPLATE = "registration/lockout.html"


def _is_http(request) -> bool:
    return request is not None and bool(getattr(request, "method", None))


def _typed_username(credentials: dict | None, request) -> str:
    from axes.helpers import get_client_username

    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = get_client_username(request, credentials)
    return str(username or "")[:150]


def _account(username: str):
    return user_by_username(username)


def on_logged_in(sender, request, user, **kwargs) -> None:
    if _is_http(request):
        security_record(action="auth.login", actor=user)


def on_logged_out(sender, request, user, **kwargs) -> None:
    if _is_http(request) and user is not None:
        security_record(action="auth.logout", actor=user)


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = _typed_username(credentials, request)
    # axes leaves ``axes_failures_since_start`` unset (None) when it refused the attempt because
    # the account was already locked: the password was not even checked.
    while_locked = (request is not None and getattr(request, "axes_locked_out", False)
                    and getattr(request, "axes_failures_since_start", None) is None)
    account = _account(username)
    if while_locked:
        note = _("账号锁定期间的登录尝试（未核对密码）")
    else:
        note = _("密码错误") if account is not None else _("用户名不存在")
    security_record(action="auth.login_failed", username=username, target=account, note=note)


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    if request is not None and getattr(request, "axes_failures_since_start", None) is None:
        return  # an attempt during the lock, already recorded as a failed login
    typed = str(username or "")[:150]
    ends = lockout_ends_at(request, {"username": typed}) if request is not None else None
    if ends is not None:
        note = _("连续登录失败，账号锁定 %(minutes)d 分钟，至 %(end)s 解除") % {
            "minutes": cool_off_minutes(), "end": timezone.localtime(ends).strftime("%Y-%m-%d %H:%M")}
    else:
        note = _("连续登录失败，账号锁定 %(minutes)d 分钟") % {"minutes": cool_off_minutes()}
    security_record(action="auth.lockout", username=typed, target=_account(typed), note=note)


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(on_logged_in, dispatch_uid="ipcity.audit.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="ipcity.audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="ipcity.audit.login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="ipcity.audit.locked_out")


def cool_off() -> datetime.timedelta:
    from axes.helpers import get_cool_off

    return get_cool_off() or datetime.timedelta(0)


def cool_off_minutes() -> int:
    return int(cool_off().total_seconds() // 60)


def lockout_ends_at(request, credentials: dict | None) -> datetime.datetime | None:
    """When the lock ends: the failure that started it plus the cool-off. Attempts made during
    the lock leave that failure's time alone, so this moment does not move."""
    from axes.handlers.database import AxesDatabaseHandler

    if not hasattr(request, "axes_ip_address"):
        return None
    latest = None
    for attempts in AxesDatabaseHandler().filter_user_attempts(request, credentials):
        for at in attempts.values_list("attempt_time", flat=True):
            latest = at if latest is None or at > latest else latest
    return latest + cool_off() if latest is not None else None


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: a page in the user's language saying how long and until when."""
    from django.conf import settings

    ends = lockout_ends_at(request, credentials)
    return render(request, LOCKOUT_TEMPLATE, {
        "minutes": cool_off_minutes(),
        "ends_at": ends,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view; the new password and its audit record are one service call (``password_change``)."""

    def form_valid(self, form):
        # Django's form_valid, with the save going through the audited service.
        password_change(form=form)
        update_session_auth_hash(self.request, form.user)  # other sessions of the user end
        return HttpResponseRedirect(self.get_success_url())
