"""Sign-in in the audit trail: logins, logouts, failed logins, lockouts, password changes.

The lockout tests move the time of axes' attempt record back instead of freezing the clock
(freezegun is not installed): the lock is computed from that time alone.
"""

from __future__ import annotations

import datetime

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from tests.web.platform import factories as f

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
WRONG = "Wrong-Guess-7731"


@pytest.fixture
def axes_on(settings):
    if not settings.AXES_ENABLED:
        pytest.skip("django-axes disabled by IPCITY_AXES=0")
    return settings


def _events(action: str):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_login_and_logout_are_recorded_with_the_client_address(client, world):
    response = client.post(LOGIN, {"username": "leader", "password": f.PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    (login,) = _events("auth.login")
    assert login.actor == world.leader and login.client_ip == "198.51.100.7"
    client.post(reverse("logout"), REMOTE_ADDR="198.51.100.7")
    (logout,) = _events("auth.logout")
    assert logout.actor == world.leader and logout.client_ip == "198.51.100.7"


def test_failed_login_records_the_username_as_typed_and_never_the_password(client, world):
    client.post(LOGIN, {"username": "leader", "password": WRONG})
    client.post(LOGIN, {"username": "no-such-user", "password": WRONG})
    known, unknown = _events("auth.login_failed")
    assert known.object_repr == "leader" and known.object_id == str(world.leader.pk) and known.actor is None
    assert unknown.actor_name == "no-such-user" and unknown.object_id == ""
    assert known.note == "密码错误" and unknown.note == "用户名不存在"
    assert known.client_ip == "127.0.0.1"
    for event in AuditEvent.objects.all():
        stored = " ".join(str(v) for v in (event.note, event.before, event.after, event.object_repr, event.actor_name))
        assert WRONG not in stored


def test_force_login_without_a_request_is_no_sign_in(client, world):
    """Tests and shells log users in with no HTTP request: that is not a person signing in."""
    client.force_login(world.office)
    assert not _events("auth.login")


def test_lockout_page_is_chinese_with_its_length_and_end(client, world, axes_on):
    from axes.models import AccessAttempt

    for _ in range(axes_on.AXES_FAILURE_LIMIT):
        response = client.post(LOGIN, {"username": "leader", "password": WRONG})
    assert response.status_code == 429
    began = AccessAttempt.objects.get(username="leader").attempt_time
    html = response.content.decode()
    ends = timezone.localtime(began + datetime.timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")
    assert "账号已暂时锁定" in html and "锁定 30 分钟" in html and ends in html
    (lockout,) = _events("auth.lockout")
    assert lockout.object_repr == "leader" and "30" in lockout.note and ends in lockout.note


def test_lock_ends_30_minutes_after_it_began_even_with_attempts_during_it(client, world, axes_on):
    from axes.models import AccessAttempt

    def minutes_pass(minutes: int) -> None:
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=minutes))

    def sign_in(password: str):
        return client.post(LOGIN, {"username": "leader", "password": password})

    for _ in range(axes_on.AXES_FAILURE_LIMIT):
        sign_in(WRONG)
    began = AccessAttempt.objects.get(username="leader").attempt_time
    minutes_pass(10)
    assert sign_in(WRONG).status_code == 429
    minutes_pass(10)
    assert sign_in(f.PASSWORD).status_code == 429  # the right password does not open a lock
    minutes_pass(9)  # 29 minutes after the lock began, after two attempts made during it
    assert sign_in(f.PASSWORD).status_code == 429 and "_auth_user_id" not in client.session
    # The attempts during the lock left its start alone (axes' default would have restarted it).
    assert AccessAttempt.objects.get(username="leader").attempt_time == began - datetime.timedelta(minutes=29)
    minutes_pass(2)  # 31 minutes
    response = sign_in(f.PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(world.leader.pk)
    assert len(_events("auth.lockout")) == 1
    during = [e for e in _events("auth.login_failed") if "锁定期间" in e.note]
    assert len(during) == 3 and all("锁定期间" in e.note for e in during)


def test_every_sentence_of_the_lockout_page_is_marked_for_translation(client, world, axes_on):
    """The English reply comes from the catalogue: no Chinese outside translate tags."""
    import re

    for _ in range(axes_on.AXES_FAILURE_LIMIT):
        response = client.post(LOGIN, {"username": "leader", "password": WRONG})
    template = next(t for t in response.templates if t.name == "registration/lockout.html")
    source = template.source
    unmarked = re.sub(r'{% translate ".*?" %}|{% blocktranslate.*?%}.*?{% endblocktranslate %}', "", source, flags=re.S)
    assert "锁定" in source and not re.search(r"[\u4e00-\u9fff]", unmarked)


def test_password_change_is_recorded_and_weak_passwords_are_refused(client, world):
    client.force_login(world.reporter)
    url = reverse("password_change")
    weak = client.post(url, {"old_password": f.PASSWORD, "new_password1": "zzzzzzzzzzzz",
                             "new_password2": "zzzzzzzzzzzz"})
    assert weak.status_code == 200 and "密码须至少包含" in weak.content.decode()
    world.reporter.refresh_from_db()
    assert world.reporter.check_password(f.PASSWORD) and not _events("auth.password_change")
    new = "Lantern-Harbor-5829"
    response = client.post(url, {"old_password": f.PASSWORD, "new_password1": new, "new_password2": new},
                           REMOTE_ADDR="203.0.113.20")
    assert response.status_code == 302
    (event,) = _events("auth.password_change")
    assert event.actor == world.reporter and event.client_ip == "203.0.113.20"
    assert new not in str(event.after) + event.note
