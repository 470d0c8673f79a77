"""Weak passwords are refused everywhere a password is set; the demo's generated ones pass."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from ipcity.core.models import Role
from ipcity.core.passwords import generate_password

CJK = re.compile(r"[\u4e00-\u9fff]")

WEAK = {
    "zzzzzzzzzzzz": "四类中的 3 类",             # one class
    "zzzzzzzzzzZ1": "连续出现",                  # long repeat
    "Aa1!Aa1!Aa1!": "过于单调",                  # four characters, one chunk repeated
    "Xy7-Xy7-Xy7-Xy7-": "过于单调",              # a chunk written four times
    "Qwerty-7531x": "键盘序列",                  # keyboard row
    "Harbor-4321-x": "键盘序列",                 # digits backwards
    "1qaz@WSX-lamp": "键盘序列",                 # keyboard column
    "Lamp-ABCD-9217": "键盘序列",                # alphabet, any case
    "lanternharbor5829": "四类中的 3 类",        # two classes
    "Ab1-x": "密码太短",                         # too short: Django's message had no Chinese (field test)
}


@pytest.mark.parametrize(("password", "message"), WEAK.items())
def test_weak_passwords_are_refused_with_a_chinese_message(password, message):
    with pytest.raises(ValidationError) as exc:
        validate_password(password)
    text = " ".join(exc.value.messages)
    assert message in text and CJK.search(text)


@pytest.mark.parametrize("password", ["Correct-Horse-9472", "Tongling-Report-2025", "Lantern-Harbor-5829",
                                      "知识产权-Strong-7"])
def test_strong_passwords_pass(password):
    validate_password(password)


def test_the_user_name_is_refused_in_any_case_or_backwards():
    user = get_user_model()(username="liuwei")
    for password in ("Liuwei-2026!x", "x!9-IEWUIL-Lamp"):
        with pytest.raises(ValidationError, match="用户名"):
            validate_password(password, user)
    validate_password("Lantern-Harbor-5829", user)


def test_generated_passwords_pass_every_validator():
    for _ in range(200):
        validate_password(generate_password())


@pytest.mark.django_db
def test_the_office_cannot_create_a_user_with_a_weak_password(client, world):
    client.force_login(world.office)
    response = client.post(reverse("accounts:user_new"), {
        "username": "newbie", "role": Role.REPORTER, "department": world.sci.pk, "password": "zzzzzzzzzzzz"})
    assert response.status_code == 200 and "密码须至少包含" in response.content.decode()
    assert not get_user_model().objects.filter(username="newbie").exists()
    response = client.post(reverse("accounts:user_edit", args=[world.reporter.pk]), {
        "role": Role.REPORTER, "department": world.msa.pk, "password": "Reporter-1234", "is_active": "on"})
    assert response.status_code == 200 and "键盘序列" in response.content.decode()


@pytest.mark.django_db
def test_the_demo_generates_passwords_that_pass(tmp_path, monkeypatch):
    from ipcity.programs.demo import load_demo

    monkeypatch.delenv("IPCITY_DEMO_PASSWORD", raising=False)
    result = load_demo(stdout=io.StringIO(), seeds_dir=tmp_path / "none", feature_apps=False)
    for user in get_user_model().objects.all():
        assert user.check_password(result.password)
        validate_password(result.password, user)


@pytest.mark.django_db
def test_stored_passwords_use_the_production_hasher_outside_tests():
    """Tests hash with MD5 for speed (tests/conftest.py); the settings every installation runs
    keep PBKDF2 first, and an account saved under them gets a PBKDF2 hash that checks."""
    from django.conf import global_settings
    from django.test import override_settings

    from ipcity.web import settings as production

    hashers = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    assert hashers[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    assert not any("MD5" in hasher for hasher in hashers)
    with override_settings(PASSWORD_HASHERS=hashers):
        user = get_user_model().objects.create_user(username="hashed", password="Lantern-Harbor-5829")
        assert user.password.startswith("pbkdf2_sha256$1000000$")
        stored = get_user_model().objects.get(username="hashed")
        assert stored.check_password("Lantern-Harbor-5829") and not stored.check_password("Lantern-Harbor-5828")
