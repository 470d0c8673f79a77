"""The office manages its region's reporters and leaders; everyone manages their own API tokens."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ipcity.accounts import services
from ipcity.audit.models import AuditEvent
from ipcity.core.models import ApiToken, Role

pytestmark = pytest.mark.django_db
GOOD = "Tongling-Report-2025"


def test_office_creates_a_reporter_bound_to_a_department_through_the_page(client, world):
    client.force_login(world.office)
    response = client.post(reverse("accounts:user_new"), {
        "username": "sci_reporter", "display_name": "科技局填报员", "role": Role.REPORTER,
        "department": world.sci.pk, "password": GOOD,
    })
    assert response.status_code == 302
    user = get_user_model().objects.get(username="sci_reporter")
    assert (user.profile.role, user.profile.department) == (Role.REPORTER, world.sci)
    assert user.check_password(GOOD) and not user.is_staff
    event = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
    assert event.actor == world.office and event.after["profile.department_id"] == world.sci.pk
    assert "sci_reporter" in client.get(reverse("accounts:users")).content.decode()


def test_reporter_needs_a_department(world):
    with pytest.raises(ValidationError):
        services.user_create(actor=world.office, username="x", password=GOOD, role=Role.REPORTER)


def test_office_cannot_grant_office_or_admin_roles_nor_leave_its_region(world):
    for role in (Role.OFFICE, Role.ADMIN):
        with pytest.raises(PermissionDenied):
            services.user_create(actor=world.office, username="boss", password=GOOD, role=role, region=world.tl)
    with pytest.raises(PermissionDenied):  # a department of another city
        services.user_create(actor=world.office, username="x", password=GOOD, role=Role.REPORTER, department=world.bb_msa)
    with pytest.raises(ValidationError):  # a leader with no region would see every programme
        services.user_create(actor=world.office, username="x", password=GOOD, role=Role.LEADER)
    assert not get_user_model().objects.filter(username__in=["boss", "x"]).exists()


def test_office_lists_and_edits_only_users_of_its_region(client, world):
    from tests.web.platform import factories as f

    outsider = f.user("bb_reporter", Role.REPORTER, department=world.bb_msa)
    client.force_login(world.office)
    listed = {u.username for u in client.get(reverse("accounts:users")).context["users"]}
    assert listed == {"leader", "reporter", "reporter_edu"}
    assert client.get(reverse("accounts:user_edit", args=[outsider.pk])).status_code == 404
    assert client.get(reverse("accounts:user_edit", args=[world.admin.pk])).status_code == 404


def test_office_moves_a_reporter_and_deactivates_it_audited(client, world):
    client.force_login(world.office)
    url = reverse("accounts:user_edit", args=[world.reporter.pk])
    response = client.post(url, {"role": Role.REPORTER, "department": world.sci.pk, "display_name": "x"})
    assert response.status_code == 302
    world.reporter.refresh_from_db()
    assert world.reporter.profile.department == world.sci and not world.reporter.is_active
    event = AuditEvent.objects.get(action="user.update")
    assert event.before["profile.department_id"] == world.msa.pk and event.after["profile.department_id"] == world.sci.pk
    assert event.before["is_active"] is True and event.after["is_active"] is False


def test_invalid_form_shows_errors_and_changes_nothing(client, world):
    client.force_login(world.office)
    response = client.post(reverse("accounts:user_new"), {"username": "weak", "role": Role.REPORTER,
                                                      "department": world.sci.pk, "password": "123"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not get_user_model().objects.filter(username="weak").exists()


def test_site_admin_may_create_an_office(world):
    user = services.user_create(actor=world.admin, username="office2", password=GOOD, role=Role.OFFICE, region=world.bb)
    assert user.profile.role == Role.OFFICE


def test_token_is_shown_once_stored_hashed_and_revocable(client, world):
    client.force_login(world.reporter)
    response = client.post(reverse("accounts:tokens"), {"name": "填报脚本"})
    secret = response.context["secret"]
    assert secret and secret in response.content.decode() and response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=world.reporter)
    assert token.key_hash != secret and secret not in token.key_hash
    assert secret not in client.get(reverse("accounts:tokens")).content.decode()  # never shown again
    assert services.token_authenticate(secret=secret) == world.reporter
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None  # the use is stamped
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert not ApiToken.objects.exists()
    assert AuditEvent.objects.filter(action__in=["token.create", "token.delete"]).count() == 2


def test_nobody_revokes_another_users_token(client, world):
    token, _secret = services.token_issue(user=world.office, name="x")
    client.force_login(world.reporter)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_demo_account_is_recorded_without_its_password_hash(world):
    """The demo's accounts were recorded with the default snapshot: the password hash sat in the trail."""
    from ipcity.accounts.services import demo_account_ensure

    user, created = demo_account_ensure(username="demo_reporter", role=Role.REPORTER, password=GOOD, reset=False,
                                        department=world.sci, display_name="示例填报员")
    event = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
    assert created and "password" not in event.after and "last_login" not in event.after
    assert event.after["username"] == "demo_reporter" and event.after["profile.department_id"] == world.sci.pk
