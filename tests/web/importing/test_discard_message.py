"""The discard notice names the file after the page language's colon (field test 2026-12-06: the
English page read “Import discarded:nanan.rtf”, the name glued to the colon)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

from .test_views import pending  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_the_english_notice_has_a_space_after_its_colon(office_client, pending, english_catalogue):  # noqa: F811
    office_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = office_client.post(reverse("programs:importing:discard", args=[pending.pk]), follow=True).content.decode()
    assert f"Import discarded: {pending.original_name}" in page


@pytest.mark.django_db
def test_the_chinese_notice_is_unchanged(office_client, pending):  # noqa: F811
    page = office_client.post(reverse("programs:importing:discard", args=[pending.pk]), follow=True).content.decode()
    assert f"已放弃导入：{pending.original_name}" in page
