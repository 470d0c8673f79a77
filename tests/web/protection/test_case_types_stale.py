"""Two administrators changing a case type's limits in two tabs: the second save is stopped with
409 and keeps its input, not allowed to write back what the first one changed (the browser field
test left this form last-writer-wins)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.core.edit_stamps import StaleEdit, edit_stamp
from ipcity.protection import services
from ipcity.protection.models import CaseType
from ipcity.protection.selectors.case_types import case_type_edit_state

pytestmark = pytest.mark.django_db


def _row_stamp(page: str, case_type: CaseType) -> str:
    row = page.split(f'id="type-{case_type.pk}"')[1].split("</tr>")[0]
    return re.search(r'name="stamp" value="([0-9a-f]+)"', row).group(1)


def test_a_stale_case_type_form_is_refused_and_keeps_its_input(cases_world):
    client = Client()
    client.force_login(cases_world.admin)
    mediation = CaseType.objects.get(code="mediation")
    page_url, url = reverse("protection:case_types"), reverse("protection:case_type_update", args=[mediation.pk])
    seen_by_b = _row_stamp(client.get(page_url).content.decode(), mediation)
    seen_by_a = _row_stamp(client.get(page_url).content.decode(), mediation)
    prefix = f"type-{mediation.pk}-"
    form = {prefix + "review_days": "5", prefix + "referral_receipt_days": "15", prefix + "active": "on"}
    assert client.post(url, {**form, prefix + "statutory_days": "100", "stamp": seen_by_a}).status_code == 302
    stale = client.post(url, {**form, prefix + "statutory_days": "90", "stamp": seen_by_b})
    page = stale.content.decode()
    assert stale.status_code == 409 and "已被修改" in page
    row = page.split(f'id="type-{mediation.pk}"')[1].split("</tr>")[0]
    assert 'value="90"' in row and "<details open>" in row  # B's input is kept, the form open
    assert '<td class="num">100</td>' in row  # and the row shows what A saved
    mediation.refresh_from_db()
    assert mediation.statutory_days == 100
    assert AuditEvent.objects.filter(action="protection.case_type.update").count() == 1
    # Saving again from the conflict page (the row carries the new stamp) goes through, knowingly.
    again = client.post(url, {**form, prefix + "statutory_days": "90", "stamp": _row_stamp(page, mediation)})
    assert again.status_code == 302
    mediation.refresh_from_db()
    assert mediation.statutory_days == 90


def test_another_types_save_does_not_make_this_one_stale(cases_world):
    mediation, other = CaseType.objects.get(code="mediation"), CaseType.objects.exclude(code="mediation").first()
    opened = edit_stamp(case_type_edit_state(mediation))
    services.case_type_update(case_type=other, user=cases_world.admin, review_days=3, referral_receipt_days=15,
                              statutory_days=100, active=True)
    services.case_type_update(case_type=mediation, user=cases_world.admin, review_days=5, referral_receipt_days=15,
                              statutory_days=110, active=True, seen=opened)
    with pytest.raises(StaleEdit):
        services.case_type_update(case_type=mediation, user=cases_world.admin, review_days=5,
                                  referral_receipt_days=15, statutory_days=80, active=True, seen=opened)
    mediation.refresh_from_db()
    assert mediation.statutory_days == 110
