"""Two office users editing the same technology need: the second save is stopped, not allowed to
write back the phone number the first one changed (field test 2026-12-06, two tabs)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ipcity.transfer import services
from ipcity.transfer.models import TechNeed
from tests.web.transfer.test_pages import client_for
from tests.web.transfer.transfer_fixtures import need_input

pytestmark = pytest.mark.django_db


def _form(need: TechNeed, **changes) -> dict:
    data = {"enterprise": need.enterprise, "contact_person": need.contact_person, "phone": need.phone,
            "description": need.description, "products": need.products, "industry_code": need.industry_code,
            "region_code": need.region_code, "budget_wan": need.budget_wan, "mode": need.mode}
    return {**data, **changes}


def test_a_stale_need_form_is_refused_and_the_first_change_stays(transfer_world):
    need = services.need_create(user=transfer_world.office_a, data=need_input())
    client = client_for(transfer_world.office_a)
    url = reverse("transfer:need_update", args=[need.pk])
    stamp = re.search(r'name="stamp" value="([0-9a-f]+)"', client.get(url).content.decode()).group(1)
    assert client.post(url, {**_form(need, phone="0562-7654321"), "stamp": stamp}).status_code == 302
    stale = client.post(url, {**_form(need, budget_wan=200), "stamp": stamp})
    assert stale.status_code == 409 and "已被修改" in stale.content.decode()
    need.refresh_from_db()
    assert (need.phone, need.budget_wan) == ("0562-7654321", 300.0)
