"""The client address on every record, refused requests and downloads, all recorded in one place."""

from __future__ import annotations

import io

import pytest
from django.http import FileResponse, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from ipcity.audit.context import bound_client_ip, client_ip_from
from ipcity.audit.middleware import AuditRequestMiddleware
from ipcity.audit.models import AuditEvent
from ipcity.audit.services import audit_record
from ipcity.core.models import Role
from tests.web.platform import factories as f

pytestmark = pytest.mark.django_db


def _request(remote: str, forwarded: str = ""):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(settings):
    settings.IPCITY_TRUSTED_PROXIES = []
    assert client_ip_from(_request("198.51.100.1", "6.6.6.6")) == "198.51.100.1"
    settings.IPCITY_TRUSTED_PROXIES = ["10.0.0.0/8", "not-an-address"]
    assert client_ip_from(_request("198.51.100.1", "6.6.6.6")) == "198.51.100.1"  # peer is no proxy of ours
    assert client_ip_from(_request("10.0.0.5", "203.0.113.9")) == "203.0.113.9"
    # A client can put anything on the left; the nearest address our proxies did not add wins.
    assert client_ip_from(_request("10.0.0.5", "6.6.6.6, 203.0.113.9, 10.0.0.7")) == "203.0.113.9"
    assert client_ip_from(_request("10.0.0.5", "garbage")) == "10.0.0.5"
    assert client_ip_from(_request("10.0.0.5")) == "10.0.0.5"


def test_ordinary_service_writes_made_during_a_request_carry_the_address(client, world):
    client.force_login(world.office)
    response = client.post(reverse("accounts:user_new"), {
        "username": "newreporter", "role": Role.REPORTER, "department": world.sci.pk,
        "password": "Lantern-Harbor-5829",
    }, REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="user.create").client_ip == "203.0.113.77"
    # Outside a request (jobs, the CLI) there is no address.
    event = audit_record(actor=world.office, action="program.update", obj=world.tl_prog)
    assert event.client_ip is None
    with bound_client_ip("2001:db8::1"):
        assert audit_record(actor=None, action="program.update", obj=world.tl_prog).client_ip == "2001:db8::1"


def test_every_403_is_recorded_with_who_what_and_where(client, world):
    client.force_login(world.reporter)
    url = reverse("audit:program_export", args=[world.tl_prog.pk, "csv"])
    assert client.get(url, REMOTE_ADDR="192.0.2.44").status_code == 403
    event = AuditEvent.objects.get(action="request.denied")
    assert event.actor == world.reporter and event.client_ip == "192.0.2.44"
    assert event.note == f"403 GET {url}" and event.program_id == world.tl_prog.pk


def test_a_csrf_refusal_is_recorded(world):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(world.office)
    response = csrf_client.post(reverse("accounts:user_new"), {"username": "x"})
    assert response.status_code == 403
    assert AuditEvent.objects.get(action="request.denied").actor == world.office


def test_an_anonymous_api_refusal_is_recorded(client, world):
    response = client.get("/api/programs")
    assert response.status_code in (401, 403)
    event = AuditEvent.objects.get(action="request.denied")
    assert event.actor is None and event.actor_name == "anonymous"
    assert event.note.startswith(f"{response.status_code} GET /api/programs")


def test_exports_are_recorded_as_downloads_without_any_change_to_their_view(client, world):
    client.force_login(world.office)
    url = reverse("audit:program_export", args=[world.tl_prog.pk, "xlsx"])
    assert client.get(url, REMOTE_ADDR="192.0.2.8").status_code == 200
    event = AuditEvent.objects.get(action="file.download")
    assert event.actor == world.office and event.client_ip == "192.0.2.8"
    assert event.program_id == world.tl_prog.pk  # shown in the programme's trail
    assert url in event.note and f"program-{world.tl_prog.pk}-audit.xlsx" in event.note
    client.get(reverse("programs:home"))  # an ordinary page is no download
    assert AuditEvent.objects.filter(action="file.download").count() == 1


def test_file_responses_are_downloads_even_inline(world):
    request = RequestFactory().get("/evidence/1/", REMOTE_ADDR="192.0.2.9")
    request.user = world.reporter
    middleware = AuditRequestMiddleware(lambda r: FileResponse(io.BytesIO(b"%PDF-1.4"), filename="证明.pdf",
                                                               as_attachment=False))
    assert middleware(request).status_code == 200
    event = AuditEvent.objects.get(action="file.download")
    assert event.actor == world.reporter and event.client_ip == "192.0.2.9"
    assert event.note.endswith(" · 证明.pdf")  # the RFC 6266 filename*, decoded
    plain = AuditRequestMiddleware(lambda r: HttpResponse("<p>页面</p>"))
    plain(request)
    failed = AuditRequestMiddleware(lambda r: FileResponse(io.BytesIO(b"x"), status=404))
    failed(request)
    assert AuditEvent.objects.filter(action="file.download").count() == 1


def test_the_programme_trail_shows_downloads_and_refusals_with_their_address(client, world):
    client.force_login(world.reporter)
    client.get(reverse("audit:program_export", args=[world.tl_prog.pk, "csv"]), REMOTE_ADDR="192.0.2.50")
    client.force_login(world.office)
    client.get(reverse("audit:program_export", args=[world.tl_prog.pk, "csv"]), REMOTE_ADDR="192.0.2.51")
    client.force_login(world.leader)
    response = client.get(reverse("audit:program", args=[world.tl_prog.pk]))
    assert response.status_code == 200
    assert {e.action for e, _ in response.context["rows"]} == {"request.denied", "file.download"}
    html = response.content.decode()
    assert "192.0.2.50" in html and "192.0.2.51" in html and "拒绝访问" in html


def test_a_download_opens_no_account_history_to_programme_readers(client, world):
    """Request records belong to no account: a leader who reads the programme's trail still may
    not read the downloader's sign-in history."""
    client.force_login(world.reporter)
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "reporter", "password": f.PASSWORD})
    client.get(reverse("monitoring:template", args=[world.tl_prog.pk]))
    assert AuditEvent.objects.filter(action="file.download", actor=world.reporter).exists()
    client.force_login(world.leader)
    assert client.get(reverse("audit:history", args=["auth.user", world.reporter.pk])).status_code in (403, 404)
    client.force_login(world.office)
    history = client.get(reverse("audit:history", args=["auth.user", world.reporter.pk]))
    assert {e.action for e, _ in history.context["rows"]} >= {"auth.login", "auth.logout"}
    assert "file.download" not in {e.action for e, _ in history.context["rows"]}
