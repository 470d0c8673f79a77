"""Password validators of our own, beside Django's (length, similarity, common, numeric).

Django's set lets ``zzzzzzzzzzzz``, ``Aa1Aa1Aa1Aa1`` or ``qwertyuiop12`` through. These refuse:

- fewer than three of the four character classes (lower case, upper case, digits, others);
- a character repeated more than ``max_run`` times in a row, fewer than ``min_unique`` different
  characters, or one short chunk repeated over the whole password;
- a run of more than ``max_run`` characters along the alphabet, the digits or a keyboard row or
  column, forwards or backwards (``abcd``, ``4321``, ``qwer``, ``1qaz``);
- the user name inside the password (forwards or backwards).

And Django's minimum length again (``MinimumLengthValidator``), only to word its refusal in Chinese.

They are listed in ``AUTH_PASSWORD_VALIDATORS``, so every path that calls ``validate_password``
applies them: the password change page, the office's user pages (``accounts.services``) and the demo's
generated passwords (``generate_password``).
"""

from __future__ import annotations

import secrets

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Runs a person types without thinking: alphabet, digits, keyboard rows and columns (US layout,
# the one Chinese keyboards use).
SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "!@#$%^&*()",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/",
)


def _classes(password: str) -> int:
    return sum((
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not (c.islower() or c.isupper() or c.isdigit()) for c in password),
    ))


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule, its refusal worded in Chinese: Django 5.2 rewrote the message
    (``This password is too short. It must contain at least %d characters.``) and its zh_Hans
    catalogue has no translation of the new one, so the office saw it in English among the
    Chinese refusals (field test, session 33)."""

    def get_error_message(self) -> str:
        return _("密码太短：至少需要 %(n)d 个字符。") % {"n": self.min_length}


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if _classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_uniform")

    def get_help_text(self) -> str:
        return _("密码须至少包含小写字母、大写字母、数字、符号四类中的 %(n)d 类。") % {"n": self.min_classes}


def _longest_repeat(password: str) -> int:
    longest = current = 0
    previous = None
    for char in password:
        current = current + 1 if char == previous else 1
        previous = char
        longest = max(longest, current)
    return longest


def _is_repeated_chunk(password: str, min_times: int = 3) -> bool:
    """``abc1abc1abc1``: the password is one chunk written ``min_times`` times or more."""
    n = len(password)
    for size in range(1, n // min_times + 1):
        if n % size == 0 and password[:size] * (n // size) == password:
            return True
    return False


class RepetitionValidator:
    def __init__(self, max_run: int = 3, min_unique: int = 6):
        self.max_run = max_run
        self.min_unique = min_unique

    def validate(self, password: str, user=None) -> None:
        if _longest_repeat(password) > self.max_run:
            raise ValidationError(
                _("密码中同一字符不能连续出现超过 %(n)d 次。") % {"n": self.max_run}, code="password_repetitive")
        if len(set(password)) < self.min_unique or _is_repeated_chunk(password):
            raise ValidationError(
                _("密码过于单调：请使用至少 %(n)d 个不同的字符，不要重复同一段字符。") % {"n": self.min_unique},
                code="password_repetitive")

    def get_help_text(self) -> str:
        return _("密码不能由重复的字符或片段组成。")


def _sequence_run(password: str, length: int) -> str | None:
    """The first part of ``length`` characters that runs along a sequence (either direction)."""
    lowered = password.lower()
    for start in range(len(lowered) - length + 1):
        part = lowered[start:start + length]
        for sequence in SEQUENCES:
            if part in sequence or part in sequence[::-1]:
                return password[start:start + length]
    return None


class SequenceValidator:
    def __init__(self, max_run: int = 3):
        self.max_run = max_run

    def validate(self, password: str, user=None) -> None:
        run = _sequence_run(password, self.max_run + 1)
        if run is not None:
            raise ValidationError(
                _("密码不能包含连续的字母、数字或键盘序列（如“%(run)s”）。") % {"run": run}, code="password_sequence")

    def get_help_text(self) -> str:
        return _("密码不能包含 abcd、1234、qwer 这类连续的字母、数字或键盘序列。")


class UsernameValidator:
    """The user name in the password, even in another case or backwards (``Admin2024!`` for admin)."""

    min_length = 3  # shorter names occur by chance in any password

    def validate(self, password: str, user=None) -> None:
        username = (user.get_username() if user is not None else "") or ""
        name = username.lower()
        lowered = password.lower()
        if len(name) >= self.min_length and (name in lowered or name[::-1] in lowered):
            raise ValidationError(_("密码不能包含用户名。"), code="password_contains_username")

    def get_help_text(self) -> str:
        return _("密码不能包含用户名。")


def generate_password(length: int = 16, attempts: int = 200) -> str:
    """A random password that passes the site's validators (used by the demo)."""
    from django.contrib.auth.password_validation import validate_password

    for _attempt in range(attempts):
        candidate = secrets.token_urlsafe(length)[:length]
        try:
            validate_password(candidate)
        except ValidationError:
            continue
        return candidate
    raise RuntimeError("could not generate a password that passes the validators")
