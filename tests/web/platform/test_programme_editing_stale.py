"""Two people editing the same indicator, task or schedule: the second save is stopped and told,
not allowed to write back what the first one changed (field test 2026-12-06: tab B, opened
before tab A saved a baseline of 15, saved its targets and silently put the baseline back to 14)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse


def _stamp(page: str) -> str:
    return re.search(r'name="stamp" value="([0-9a-f]+)"', page).group(1)


@pytest.mark.django_db
def test_a_stale_indicator_form_is_refused_and_keeps_its_input(client, world):
    client.force_login(world.office)
    prog = world.tl_prog
    indicator = prog.indicators.order_by("order").first()
    url = reverse("programs:editing:indicator", args=[prog.pk, indicator.pk])
    seen_by_b = _stamp(client.get(url).content.decode())
    seen_by_a = _stamp(client.get(url).content.decode())
    assert client.post(url, {"unit": "件", "baseline_year": "2021", "baseline_value": "15",
                             "targets": "2025 >= 20", "stamp": seen_by_a}).status_code == 302
    stale = client.post(url, {"unit": "件", "baseline_year": "2021", "baseline_value": "14",
                              "targets": "2026 >= 30", "stamp": seen_by_b})
    page = stale.content.decode()
    assert stale.status_code == 409 and "已被修改" in page
    assert "2026 &gt;= 30" in page or "2026 >= 30" in page  # B's input is kept
    indicator.refresh_from_db()
    assert indicator.baseline_value == 15 and [t.year for t in indicator.targets.all()] == [2025]
    # saving again from the conflict page (it carries the new stamp) goes through, knowingly
    again = client.post(url, {"unit": "件", "baseline_year": "2021", "baseline_value": "15",
                              "targets": "2026 >= 30", "stamp": _stamp(page)})
    assert again.status_code == 302
    indicator.refresh_from_db()
    assert [t.year for t in indicator.targets.all()] == [2026]


@pytest.mark.django_db
def test_a_stale_task_or_schedule_form_is_refused(client, world):
    client.force_login(world.office)
    prog = world.tl_prog
    task = prog.tasks.order_by("order").first()
    url = reverse("programs:editing:task", args=[prog.pk, task.pk])
    old = _stamp(client.get(url).content.decode())
    assert client.post(url, {"leads": [world.fin.pk], "stamp": old}).status_code == 302
    assert client.post(url, {"leads": [world.edu.pk], "stamp": old}).status_code == 409
    assert [a.department for a in task.assignments.all()] == [world.fin]

    url = reverse("programs:editing:schedule", args=[prog.pk])
    old = _stamp(client.get(url).content.decode())
    assert client.post(url, {"phases": "推进 | 2023-01 | 2024-12", "reporting": "", "stamp": old}).status_code == 302
    assert client.post(url, {"phases": "收尾 | 2025-01 | 2025-12", "reporting": "", "stamp": old}).status_code == 409
    assert list(prog.phases.values_list("name", flat=True)) == ["推进"]
