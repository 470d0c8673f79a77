"""Two offices changing a programme's thresholds in two tabs: the second save is stopped with 409
and keeps its input, not allowed to write back what the first one changed (the browser field test
left this form last-writer-wins)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.core.edit_stamps import StaleEdit
from ipcity.monitoring import selectors, services

pytestmark = pytest.mark.django_db


def _stamp(page: str) -> str:
    return re.search(r'name="stamp" value="([0-9a-f]+)"', page).group(1)


def test_a_stale_thresholds_form_is_refused_and_keeps_its_input(client, world):
    client.force_login(world.office)
    url = reverse("monitoring:thresholds", args=[world.program.pk])
    seen_by_b = _stamp(client.get(url).content.decode())  # no row yet: the defaults
    seen_by_a = _stamp(client.get(url).content.decode())
    assert client.post(url, {"near": 0.9, "on_track": 0.8, "acceleration": 0.5, "stamp": seen_by_a}).status_code == 302
    stale = client.post(url, {"near": 0.85, "on_track": 0.95, "acceleration": 0.6, "stamp": seen_by_b})
    page = stale.content.decode()
    assert stale.status_code == 409 and "已被修改" in page
    assert 'value="0.85"' in page  # B's input is kept
    assert selectors.program_thresholds(world.program).on_track == 0.8  # A's change stands
    assert AuditEvent.objects.filter(action="monitoring.thresholds.update").count() == 1
    # Saving again from the conflict page (it carries the new stamp) goes through, knowingly.
    again = client.post(url, {"near": 0.85, "on_track": 0.95, "acceleration": 0.6, "stamp": _stamp(page)})
    assert again.status_code == 302
    assert selectors.program_thresholds(world.program).near == 0.85


def test_the_service_checks_the_stamp_under_its_lock_and_the_api_skips_it(world):
    from ipcity.core.edit_stamps import edit_stamp

    opened = edit_stamp(selectors.thresholds_edit_state(selectors.program_thresholds(world.program)))
    services.thresholds_set(program=world.program, user=world.office, near=0.9, on_track=0.8, acceleration=0.5)
    with pytest.raises(StaleEdit):
        services.thresholds_set(program=world.program, user=world.office, near=0.8, on_track=0.8, acceleration=0.5,
                                seen=opened)
    assert selectors.program_thresholds(world.program).near == 0.9
    # No stamp (a direct call): no check.
    services.thresholds_set(program=world.program, user=world.office, near=0.8, on_track=0.8, acceleration=0.5)
    assert selectors.program_thresholds(world.program).near == 0.8


def test_saving_the_thresholds_unchanged_writes_no_audit_record(client, world):
    client.force_login(world.office)
    url = reverse("monitoring:thresholds", args=[world.program.pk])
    values = {"near": 0.9, "on_track": 0.8, "acceleration": 0.5}
    assert client.post(url, {**values, "stamp": _stamp(client.get(url).content.decode())}).status_code == 302
    assert client.post(url, {**values, "stamp": _stamp(client.get(url).content.decode())}).status_code == 302
    assert AuditEvent.objects.filter(action="monitoring.thresholds.update").count() == 1
