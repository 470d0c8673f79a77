"""Two administrators editing the same user in two tabs: the second save is stopped with 409 and
keeps its input, not allowed to write back what the first one changed (the browser field test left
this form last-writer-wins)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ipcity.accounts import services
from ipcity.accounts.selectors import user_edit_state
from ipcity.audit.models import AuditEvent
from ipcity.core.edit_stamps import StaleEdit, edit_stamp
from ipcity.core.models import Role

pytestmark = pytest.mark.django_db


def _stamp(page: str) -> str:
    return re.search(r'name="stamp" value="([0-9a-f]+)"', page).group(1)


def test_a_stale_user_form_is_refused_and_keeps_its_input(client, world):
    client.force_login(world.office)
    url = reverse("accounts:user_edit", args=[world.reporter.pk])
    seen_by_b = _stamp(client.get(url).content.decode())
    seen_by_a = _stamp(client.get(url).content.decode())
    form = {"role": Role.REPORTER, "department": world.msa.pk, "is_active": "on"}
    assert client.post(url, {**form, "display_name": "甲改的名字", "stamp": seen_by_a}).status_code == 302
    stale = client.post(url, {**form, "department": world.sci.pk, "display_name": "乙的名字", "stamp": seen_by_b})
    page = stale.content.decode()
    assert stale.status_code == 409 and "已被修改" in page
    assert 'value="乙的名字"' in page  # B's input is kept
    world.reporter.refresh_from_db()
    assert world.reporter.profile.display_name == "甲改的名字" and world.reporter.profile.department == world.msa
    assert AuditEvent.objects.filter(action="user.update").count() == 1
    # Saving again from the conflict page (it carries the new stamp) goes through, knowingly.
    again = client.post(url, {**form, "department": world.sci.pk, "display_name": "乙的名字", "stamp": _stamp(page)})
    assert again.status_code == 302
    world.reporter.refresh_from_db()
    assert world.reporter.profile.department == world.sci


def test_the_users_own_sign_in_does_not_make_the_form_stale(client, world):
    """The stamp is what the form edits: a sign-in (last_login) or a password change is no conflict."""
    opened = edit_stamp(user_edit_state(world.reporter))
    client.force_login(world.reporter)  # stamps last_login
    world.reporter.set_password("Another-Pass-2026")
    world.reporter.save()
    services.user_update(actor=world.office, user=world.reporter, role=Role.REPORTER, department=world.msa,
                         display_name="新名字", seen=opened)
    with pytest.raises(StaleEdit):
        services.user_update(actor=world.office, user=world.reporter, role=Role.REPORTER, department=world.msa,
                             display_name="旧名字", seen=opened)
    world.reporter.refresh_from_db()
    assert world.reporter.profile.display_name == "新名字"


def test_saving_a_user_unchanged_writes_no_audit_record_but_a_new_password_does(client, world):
    client.force_login(world.office)
    url = reverse("accounts:user_edit", args=[world.reporter.pk])
    form = {"role": Role.REPORTER, "department": world.msa.pk, "is_active": "on", "display_name": "甲"}
    assert client.post(url, {**form, "stamp": _stamp(client.get(url).content.decode())}).status_code == 302
    assert client.post(url, {**form, "stamp": _stamp(client.get(url).content.decode())}).status_code == 302
    assert AuditEvent.objects.filter(action="user.update").count() == 1
    services.user_update(actor=world.office, user=world.reporter, role=Role.REPORTER, department=world.msa,
                         region=None, display_name="甲", email=world.reporter.email, is_active=True,
                         password="Another-Pass-2026-x")
    assert AuditEvent.objects.filter(action="user.update").count() == 2
