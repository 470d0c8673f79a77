"""API tokens expire (30, 90 or 365 days, chosen when made; ``IPCITY_API_TOKEN_MAX_DAYS`` caps it):
an expired token gets the API's one 401 shape saying it expired; the token page shows expiry and
last use and warns a week ahead; an administrator lists its users' tokens and revokes one, audited.
Tokens made before the expiry existed get migration time + 90 days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ipcity.accounts import services
from ipcity.accounts.forms import TokenForm
from ipcity.audit.models import AuditEvent
from ipcity.core.models import ApiToken, token_lifetimes
from tests.web.migration_states import migrate_to, migrate_to_latest
from tests.web.platform import factories as f
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db


def _at(monkeypatch, when: dt.datetime) -> None:
    """Let the token code see ``when`` as now."""
    monkeypatch.setattr(timezone, "now", lambda: when)


def test_a_token_lives_the_days_chosen_and_the_audit_records_its_expiry(world):
    before = timezone.now()
    token, _secret = services.token_issue(user=world.reporter, name="填报脚本", days=30)
    assert before + dt.timedelta(days=30) <= token.expires_at <= timezone.now() + dt.timedelta(days=30)
    default, _secret = services.token_issue(user=world.reporter, name="默认")
    assert default.expires_at - default.created_at == pytest.approx(dt.timedelta(days=90), abs=dt.timedelta(seconds=5))
    event = AuditEvent.objects.get(action="token.create", object_id=str(token.pk))
    assert event.after["expires_at"] and event.after["name"] == "填报脚本"


def test_a_lifetime_not_offered_is_refused_and_the_site_cap_lowers_the_choices(world, settings):
    with pytest.raises(ValidationError):
        services.token_issue(user=world.reporter, name="x", days=1000)
    settings.IPCITY_API_TOKEN_MAX_DAYS = 60
    assert token_lifetimes() == [30, 60]
    with pytest.raises(ValidationError):
        services.token_issue(user=world.reporter, name="x", days=365)
    token, _secret = services.token_issue(user=world.reporter, name="x")  # the default, capped to 60
    assert token.expires_at - token.created_at == pytest.approx(dt.timedelta(days=60), abs=dt.timedelta(seconds=5))
    assert [value for value, _label in TokenForm().fields["days"].choices] == [30, 60]
    assert TokenForm().fields["days"].initial == 60
    assert not ApiToken.objects.filter(name="x").exclude(pk=token.pk).exists()


def test_expiry_boundary_the_last_instant_works_the_expiry_itself_is_refused(world, monkeypatch):
    token, secret = services.token_issue(user=world.reporter, name="脚本", days=30)
    _at(monkeypatch, token.expires_at - dt.timedelta(microseconds=1))
    assert services.token_authenticate(secret=secret) == world.reporter
    token.refresh_from_db()
    stamped = token.last_used_at
    _at(monkeypatch, token.expires_at)
    with pytest.raises(services.TokenExpired):
        services.token_authenticate(secret=secret)
    token.refresh_from_db()
    assert token.last_used_at == stamped  # a refused use is not a use


def test_an_expired_token_gets_the_one_401_shape_saying_it_expired(client, world, english_catalogue):  # noqa: F811
    token, secret = services.token_issue(user=world.reporter, name="脚本", days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    indicator = world.tl_prog.indicators.first()
    for response in (client.get("/api/programs", HTTP_AUTHORIZATION=f"Bearer {secret}"),
                     client.post(f"/api/monitoring/indicators/{indicator.pk}/actuals", content_type="application/json",
                                 data={"year": 2024, "value": 1.0}, HTTP_AUTHORIZATION=f"Bearer {secret}")):
        assert response.status_code == 401
        body = response.json()
        assert set(body) == {"detail"} and "过期" in body["detail"] and "无效" not in body["detail"]
        assert response["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
        assert "expired" in response["WWW-Authenticate"]
    english = client.get("/api/programs", HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE="en")
    assert "expired" in english.json()["detail"]
    # A token that never existed keeps the plain answer.
    unknown = client.get("/api/programs", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert unknown.json() == {"detail": "需要登录或 API 令牌"} and unknown["WWW-Authenticate"] == "Bearer"
    # Nor does an expired token open the schema, whose 401 says the same.
    schema = client.get("/api/openapi.json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert schema.status_code == 401 and schema.json() == body
    assert schema["WWW-Authenticate"].startswith('Bearer error="invalid_token"')


def test_the_token_page_shows_expiry_and_last_use_and_warns_a_week_ahead(client, world):
    soon, secret = services.token_issue(user=world.reporter, name="快到期的脚本", days=30)
    ApiToken.objects.filter(pk=soon.pk).update(expires_at=timezone.now() + dt.timedelta(days=3))
    services.token_authenticate(secret=secret)
    services.token_issue(user=world.reporter, name="新脚本", days=365)
    gone, _secret = services.token_issue(user=world.reporter, name="旧脚本", days=30)
    ApiToken.objects.filter(pk=gone.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    client.force_login(world.reporter)
    response = client.get(reverse("accounts:tokens"))
    page = response.content.decode()
    assert [t.name for t in response.context["expiring"]] == ["快到期的脚本"]  # not the new one, not the expired one
    assert 'id="tokens-expiring"' in page and "快到期的脚本" in page.split('id="tokens-expiring"')[1].split("</div>")[0]
    assert "已过期" in page and "到期时间" in page
    soon.refresh_from_db()
    assert timezone.localtime(soon.last_used_at).strftime("%Y-%m-%d %H:%M") in page
    assert timezone.localtime(soon.expires_at).strftime("%Y-%m-%d %H:%M") in page
    # No warning when nothing expires within the week.
    ApiToken.objects.filter(pk=soon.pk).update(expires_at=timezone.now() + dt.timedelta(days=8))
    assert 'id="tokens-expiring"' not in client.get(reverse("accounts:tokens")).content.decode()


def test_the_token_form_posts_the_lifetime(client, world):
    client.force_login(world.reporter)
    client.post(reverse("accounts:tokens"), {"name": "年度脚本", "days": "365"})
    token = ApiToken.objects.get(user=world.reporter)
    assert token.expires_at - token.created_at == pytest.approx(dt.timedelta(days=365), abs=dt.timedelta(seconds=5))
    response = client.post(reverse("accounts:tokens"), {"name": "永久", "days": "9999"})
    assert response.context["form"].errors and ApiToken.objects.count() == 1


def test_the_office_lists_its_users_tokens_without_secrets_and_revokes_one_audited(client, world):
    mine, mine_secret = services.token_issue(user=world.reporter, name="填报脚本")
    leader_token, _secret = services.token_issue(user=world.leader, name="看板")
    outsider = f.user("bb_reporter", "reporter", department=world.bb_msa)
    theirs, _secret = services.token_issue(user=outsider, name="蚌埠脚本")
    own, _secret = services.token_issue(user=world.office, name="办公室自己的")
    client.force_login(world.office)
    response = client.get(reverse("accounts:managed_tokens"))
    assert {t.pk for t in response.context["tokens"]} == {mine.pk, leader_token.pk}  # its region's users only
    page = response.content.decode()
    assert "填报脚本" in page and "reporter" in page and "蚌埠脚本" not in page
    assert mine_secret not in page and mine.key_hash not in page
    for column in ("用户", "用途", "创建时间", "最近使用", "到期时间"):
        assert f"<th>{column}</th>" in page

    response = client.post(reverse("accounts:managed_token_revoke", args=[mine.pk]))
    assert response.status_code == 302 and not ApiToken.objects.filter(pk=mine.pk).exists()
    assert services.token_authenticate(secret=mine_secret) is None
    event = AuditEvent.objects.get(action="token.delete", object_id=str(mine.pk))
    assert event.actor == world.office and event.before["name"] == "填报脚本" and "reporter" in event.note
    assert event.before["user_id"] == world.reporter.pk
    # Outside its users: 404, and nothing changes.
    for other in (theirs, own):
        assert client.post(reverse("accounts:managed_token_revoke", args=[other.pk])).status_code == 404
        assert ApiToken.objects.filter(pk=other.pk).exists()


def test_the_site_admin_sees_every_token_and_a_reporter_none(client, world):
    services.token_issue(user=world.office, name="办公室脚本")
    services.token_issue(user=world.reporter, name="填报脚本")
    client.force_login(world.admin)
    assert {t.name for t in client.get(reverse("accounts:managed_tokens")).context["tokens"]} == {"办公室脚本", "填报脚本"}
    with pytest.raises(PermissionDenied):
        services.token_revoke_managed(actor=world.reporter, token_id=ApiToken.objects.first().pk)
    client.force_login(world.reporter)
    assert client.get(reverse("accounts:managed_tokens")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_tokens_made_before_expiry_existed_get_migration_time_plus_90_days_and_it_reverses():
    old = migrate_to([("core", "0003_api_idempotency_key")])
    User = old.get_model("auth", "User")
    user = User.objects.create(username="script_owner")
    old.get_model("core", "ApiToken").objects.create(user=user, name="旧令牌", key_hash="a" * 64)
    start = timezone.now()
    new = migrate_to([("core", "0004_api_token_expires_at")])
    row = new.get_model("core", "ApiToken").objects.get(name="旧令牌")
    assert start + dt.timedelta(days=90) <= row.expires_at <= timezone.now() + dt.timedelta(days=90)
    back = migrate_to([("core", "0003_api_idempotency_key")])
    assert back.get_model("core", "ApiToken").objects.filter(name="旧令牌").exists()
    migrate_to_latest()
