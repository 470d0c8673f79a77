"""The home page tells the office which programmes have indicators no department answers for.

Found by the empty-installation field test: after its first import none of a programme's indicators
has a 数据责任部门, so no reporting round asks anyone for their values, and nothing said so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.programs.models import Indicator

WORDS = "项指标未指定数据责任部门"


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("programs:home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_office_is_told_and_led_to_the_indicators(client, world):
    assert WORDS not in _home(client, world.office)  # every indicator of the factory has its owner
    Indicator.objects.filter(program=world.tl_prog).exclude(order=0).update(owner_department=None)
    page = _home(client, world.office)
    assert f"{world.tl_prog.title}：2 {WORDS}" in page
    assert reverse("programs:indicators", args=[world.tl_prog.pk]) in page
    Indicator.objects.filter(program=world.tl_prog).update(owner_department=world.msa)
    assert WORDS not in _home(client, world.office)


@pytest.mark.django_db
def test_only_the_office_of_the_region_sees_it_and_not_for_a_sample(client, world):
    Indicator.objects.filter(program=world.bb_prog).update(owner_department=None)
    assert WORDS not in _home(client, world.office)  # 铜陵's office: 蚌埠's programme is not its own
    assert world.bb_prog.title in _home(client, world.office_all)
    for reader in (world.leader, world.reporter):
        assert WORDS not in _home(client, reader)
    world.bb_prog.is_sample = True
    world.bb_prog.save(update_fields=["is_sample"])
    assert WORDS not in _home(client, world.office_all)


@pytest.mark.django_db
def test_english_home_words_it_in_english(client, world):
    Indicator.objects.filter(program=world.tl_prog).update(owner_department=None)
    client.cookies["django_language"] = "en"
    page = _home(client, world.office)
    assert "3 indicators have no data owner" in page
    assert WORDS not in page
