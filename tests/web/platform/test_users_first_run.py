"""The user form on an installation with no plan yet: the empty 区划 and 部门 lists say where their
choices come from (found by the empty-installation field test: the site admin's first page was a
form whose region list held nothing, with no word why)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.web.platform import factories as f

pytestmark = pytest.mark.django_db

NO_REGION = "尚无区划：办公室确认导入第一份工作方案后"
NO_DEPARTMENT = "尚无部门：工作方案导入并确认后"


def _form(client) -> str:
    response = client.get(reverse("accounts:user_new"))
    assert response.status_code == 200
    return response.content.decode()


def test_an_empty_installation_says_where_regions_and_departments_come_from(client):
    client.force_login(get_user_model().objects.create_superuser("chief", "chief@example.cn", "x-unused-pass"))
    page = _form(client)
    assert NO_REGION in page and NO_DEPARTMENT in page
    # an office created without a region is accepted (it is given one after the first import)
    response = client.post(reverse("accounts:user_new"), {"username": "office1", "role": "office",
                                                              "password": "Office-Pass-2026-x"})
    assert response.status_code == 302
    client.cookies["django_language"] = "en"
    page = _form(client)
    assert "No regions yet" in page and NO_REGION not in page

    region = f.region()
    f.department(region, "市市场监管局")
    client.cookies["django_language"] = "zh-hans"
    page = _form(client)
    assert NO_REGION not in page and NO_DEPARTMENT not in page and "铜陵市" in page
