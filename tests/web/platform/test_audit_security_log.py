"""The security log page: the site admin sees all; an office its region's accounts; no one else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ipcity.audit.context import bound_client_ip
from ipcity.audit.models import AuditEvent
from ipcity.audit.services import security_record
from ipcity.core.models import Role
from tests.web.platform import factories as f

pytestmark = pytest.mark.django_db
URL = "/audit/security/"


@pytest.fixture
def log(world):
    """Sign-in events of a city-A reporter, a city-B office, and an unknown name."""
    bb_office = f.user("bb_office", Role.OFFICE, region=world.bb)
    with bound_client_ip("192.0.2.10"):
        security_record(action="auth.login", actor=world.reporter)
        security_record(action="auth.login_failed", username="reporter", target=world.reporter)
    with bound_client_ip("192.0.2.99"):
        security_record(action="auth.login", actor=bb_office)
        security_record(action="auth.login_failed", username="root-guess")
    return bb_office


def _shown(client) -> set[tuple[str, str]]:
    response = client.get(URL)
    assert response.status_code == 200
    return {(e.action, e.actor_name) for e, _changes in response.context["rows"]}


def test_site_admin_sees_every_record(client, world, log):
    client.force_login(world.admin)
    assert _shown(client) == {("auth.login", "reporter"), ("auth.login_failed", "reporter"),
                              ("auth.login", "bb_office"), ("auth.login_failed", "root-guess")}


def test_an_office_sees_only_its_regions_accounts(client, world, log):
    client.force_login(world.office)
    assert _shown(client) == {("auth.login", "reporter"), ("auth.login_failed", "reporter")}
    client.force_login(log)
    assert _shown(client) == {("auth.login", "bb_office")}


def test_leaders_and_reporters_are_refused(client, world, log):
    for user in (world.leader, world.reporter):
        client.force_login(user)
        assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_the_log_filters_by_kind_user_and_address_and_shows_the_address(client, world, log):
    client.force_login(world.admin)
    failed = client.get(URL, {"action": "auth.login_failed"}).context["rows"]
    assert {e.actor_name for e, _ in failed} == {"reporter", "root-guess"}
    by_ip = client.get(URL, {"ip": "192.0.2.99"}).context["rows"]
    assert {e.actor_name for e, _ in by_ip} == {"bb_office", "root-guess"}
    assert client.get(URL, {"ip": "not-an-ip"}).context["page"].paginator.count >= 4  # ignored, not an error
    html = client.get(URL, {"actor": "root"}).content.decode()
    assert "192.0.2.99" in html and "登录失败" in html


def test_programme_records_stay_out_of_the_security_log(client, world, log):
    from ipcity.audit.services import audit_record

    audit_record(actor=world.office, action="program.update", obj=world.tl_prog, program_id=world.tl_prog.pk)
    client.force_login(world.admin)
    assert "program.update" not in {a for a, _ in _shown(client)}
    assert AuditEvent.objects.filter(action="program.update").exists()


def test_office_and_admin_find_the_log_in_the_menu(client, world):
    client.force_login(world.office)
    assert f'href="{reverse("audit:security")}"' in client.get(reverse("programs:home")).content.decode()
    client.force_login(world.leader)
    assert f'href="{reverse("audit:security")}"' not in client.get(reverse("programs:home")).content.decode()
