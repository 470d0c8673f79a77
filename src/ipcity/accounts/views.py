"""Account pages: user administration for the office, personal API tokens for everyone, and the
administrator's list of its users' tokens (revocable)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ipcity.accounts import services
from ipcity.accounts.forms import TokenForm, UserForm
from ipcity.accounts.selectors import user_edit_state
from ipcity.core.access import access_require_office
from ipcity.core.edit_stamps import StaleEdit, edit_stamp, seen_stamp, stale_message
from ipcity.core.models import TOKEN_EXPIRY_WARNING_DAYS, ApiToken
from ipcity.core.requests import AuthenticatedRequest
from ipcity.core.selectors import manageable_users, managed_user_tokens, user_tokens


def users(request: HttpRequest) -> HttpResponse:
    access_require_office(request.user)
    return render(request, "core/users.html", {"users": manageable_users(request.user)})


def _apply_errors(form: UserForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error("password" if "password" in form.fields else None, exc)


def user_new(request: AuthenticatedRequest) -> HttpResponse:
    access_require_office(request.user)
    form = UserForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已创建用户 %(name)s") % {"name": user.username})
            return redirect("accounts:users")
    return render(request, "core/user_form.html", {"form": form, "editing": False})


def user_edit(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    access_require_office(request.user)
    target = get_object_or_404(manageable_users(request.user), pk=user_id)
    profile = getattr(target, "profile", None)
    initial = {
        "username": target.username, "email": target.email, "is_active": target.is_active,
        "role": profile.role if profile else "", "display_name": profile.display_name if profile else "",
        "department": profile.department_id if profile else None, "region": profile.region_id if profile else None,
    }
    form = UserForm(request.POST or None, actor=request.user, editing=True, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "username"}
        try:
            services.user_update(actor=request.user, user=target, seen=seen_stamp(request.POST), **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        except StaleEdit:
            # Saved by someone else since this form was opened: the input stays (but a password,
            # which is never sent back), with the new stamp, so that saving again is a knowing choice.
            form.add_error(None, stale_message())
            status = 409
            target = get_object_or_404(manageable_users(request.user), pk=user_id)
        else:
            messages.success(request, _("已保存用户 %(name)s") % {"name": target.username})
            return redirect("accounts:users")
    return render(request, "core/user_form.html", {"form": form, "editing": True, "target": target,
                                                   "stamp": edit_stamp(user_edit_state(target))}, status=status)


def tokens(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own API tokens. A new token's secret is shown on this response only."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.token_issue(user=request.user, name=form.cleaned_data["name"],
                                                  days=form.cleaned_data["days"])
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = TokenForm()
    now = timezone.now()
    tokens = list(user_tokens(request.user))
    response = render(request, "core/tokens.html", {
        "form": form, "secret": secret, "tokens": tokens,
        "expiring": [t for t in tokens if t.expires_soon(now)], "warning_days": TOKEN_EXPIRY_WARNING_DAYS,
    })
    response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response


@require_POST
def token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    try:
        services.token_revoke(user=request.user, token_id=token_id)
    except ValidationError:
        messages.error(request, _("令牌不存在"))
    else:
        messages.success(request, _("令牌已撤销"))
    return redirect("accounts:tokens")


@require_safe
def managed_tokens(request: AuthenticatedRequest) -> HttpResponse:
    """Every API token of the users the administrator manages (never the secret, which is not kept)."""
    access_require_office(request.user)
    return render(request, "core/managed_tokens.html", {
        "tokens": managed_user_tokens(request.user), "warning_days": TOKEN_EXPIRY_WARNING_DAYS,
    })


@require_POST
def managed_token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    """An administrator revokes a token of a user it manages; audited under the administrator."""
    try:
        token = services.token_revoke_managed(actor=request.user, token_id=token_id)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("已撤销 %(owner)s 的令牌“%(name)s”") % {"owner": token.user.username, "name": token.name})
    return redirect("accounts:managed_tokens")


app_name = "accounts"
urlpatterns = [
    path("users/", users, name="users"),
    path("users/new/", user_new, name="user_new"),
    path("users/<int:user_id>/", user_edit, name="user_edit"),
    path("users/tokens/", managed_tokens, name="managed_tokens"),
    path("users/tokens/<int:token_id>/revoke/", managed_token_revoke, name="managed_token_revoke"),
    path("tokens/", tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", token_revoke, name="token_revoke"),
]
