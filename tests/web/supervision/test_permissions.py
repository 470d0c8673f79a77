"""Every role × every page and API endpoint of supervision.

A reporter never reads or writes another department's report; a leader reads and never writes.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ipcity.supervision.services import attachments, office_review, report_filling
from tests.web.uploads.files import minimal_pdf

pytestmark = pytest.mark.django_db

PDF = minimal_pdf()  # evidence is checked by content (pdfplumber must open it)
ROLES = ("anonymous", "office", "leader", "reporter", "other_reporter", "admin", "head")
EVERYONE = {"office", "leader", "reporter", "other_reporter", "admin", "head"}
READERS = {"office", "leader", "admin"}          # see every department
OWN_DEPT = {"reporter", "head"}                  # report0 belongs to their department
OFFICE = {"office", "admin"}


def _endpoints(world, round_, report0, attachment):
    p, r, rep, a = world.program.id, round_.id, report0.id, attachment.id
    fill = {"version": "999", "summary": "x"}
    return [
        # (name, method, url, data, roles allowed)
        ("board", "get", f"/supervision/program/{p}/", None, EVERYONE),  # a reporter sees its own rows only
        ("scorecard", "get", f"/supervision/program/{p}/scorecard/", None, READERS),
        ("scorecard.xlsx", "get", f"/supervision/program/{p}/scorecard.xlsx", None, READERS),
        ("my_reports", "get", "/supervision/reports/", None, EVERYONE),
        ("notifications", "get", "/supervision/notifications/", None, EVERYONE),
        ("notifications.read", "post", "/supervision/notifications/", {}, EVERYONE),
        ("report", "get", f"/supervision/report/{rep}/", None, READERS | OWN_DEPT),
        ("attachment", "get", f"/supervision/attachment/{a}/", None, READERS | OWN_DEPT),
        ("report.fill", "post", f"/supervision/report/{rep}/fill/", fill, OWN_DEPT),
        ("report.review", "post", f"/supervision/report/{rep}/review/", {"action": "return", "comment": "x"}, OFFICE),
        ("report.head", "post", f"/supervision/report/{rep}/head/", {"action": "approve"}, {"head"}),
        ("attachment.upload", "post", f"/supervision/report/{rep}/attachments/", "FILE", OWN_DEPT),
        ("attachment.delete", "post", f"/supervision/attachment/{a}/delete/", {}, OWN_DEPT),
        ("round.create", "post", f"/supervision/program/{p}/rounds/new/", {"title": "专项", "due": f"{world.program.end_year}-12-20"}, OFFICE),
        ("rounds.generate", "post", f"/supervision/program/{p}/rounds/generate/", {}, OFFICE),
        ("settings", "post", f"/supervision/program/{p}/settings/", {"remind_days_before": 3, "escalate_after_days": 3,
                                                                      "board_blue_days": 7}, OFFICE),
        ("round.status", "post", f"/supervision/round/{r}/status/", {"status": "open"}, OFFICE),
        ("api.rounds", "get", f"/api/supervision/programs/{p}/rounds", None, EVERYONE),
        ("api.board", "get", f"/api/supervision/rounds/{r}/board", None, EVERYONE),
        ("api.report", "get", f"/api/supervision/reports/{rep}", None, READERS | OWN_DEPT),
        ("api.report.put", "put", f"/api/supervision/reports/{rep}", {"version": 1, "summary": "x"}, OWN_DEPT),
        ("api.submit", "post", f"/api/supervision/reports/{rep}/submit", None, OWN_DEPT),
        ("api.return", "post", f"/api/supervision/reports/{rep}/return", {"comment": "x"}, OFFICE),
        ("api.accept", "post", f"/api/supervision/reports/{rep}/accept", None, OFFICE),
        ("api.unlock", "post", f"/api/supervision/reports/{rep}/unlock", {"comment": "x"}, OFFICE),
        ("api.scorecard", "get", f"/api/supervision/programs/{p}/scorecard", None, READERS),
        ("api.notifications", "get", "/api/supervision/notifications", None, EVERYONE),
    ]


def _call(client: Client, method: str, url: str, data):
    if url.startswith("/api/"):
        body = json.dumps(data) if data is not None else None
        return getattr(client, method)(url, data=body, content_type="application/json")
    if data == "FILE":
        data = {"file": SimpleUploadedFile("e.pdf", PDF)}
    return getattr(client, method)(url, data=data) if method == "post" else client.get(url)


def _denied(response) -> bool:
    return response.status_code in (401, 403, 404) or (
        response.status_code == 302 and response["Location"].startswith("/accounts/login/"))


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, world, round_, report0):
    attachment = attachments.attachment_add(report=report0, user=world.users["reporter"],
                                         uploaded=SimpleUploadedFile("e.pdf", PDF))
    endpoints = _endpoints(world, round_, report0, attachment)
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    wrong, seen = [], []
    for name, method, url, data, allowed in endpoints:
        response = _call(client, method, url, data)
        if response.status_code >= 500:
            wrong.append((name, response.status_code))
        elif _denied(response) == (role in allowed):
            wrong.append((name, response.status_code, "should be " + ("allowed" if role in allowed else "denied")))
        seen.append((name, response.status_code))
        if response.streaming:
            # Reading a download to its end closes the file; response.close() would also fire
            # request_finished, which closes the test's database connection on PostgreSQL.
            b"".join(response.streaming_content)
    assert wrong == []
    assert len(seen) == len(endpoints)


def test_reporter_board_shows_only_its_department(world, round_):
    client = Client()
    client.force_login(world.users["other_reporter"])
    html = client.get(f"/supervision/program/{world.program.id}/").content.decode()
    assert 'data-department="部门2"' in html and 'data-department="部门1"' not in html
    assert "部门1" not in html and "部门评分" not in html  # not even as a filter option or a ranking link
    cells = client.get(f"/api/supervision/rounds/{round_.id}/board").json()["cells"]
    assert cells and {c["department"] for c in cells} == {"部门2"}


def test_reporter_board_does_not_count_the_other_departments_reports(world, round_):
    """Walk 24: the round picker told a reporter how many of all departments' reports were accepted
    and waiting (示例：2026年前期工作推进情况（截止 …；11/14 已通过，1 待审核）). A reporter sees its own
    department's rows only, so the picker names the round and its due date; the office still counts."""
    from .factories import fill_report

    other = round_.reports.get(department=world.departments[0])
    fill_report(other)
    report_filling.report_submit(report=other, user=world.users["reporter"])
    office_review.report_accept(report=other, user=world.users["office"])
    n = round_.reports.count()
    reporter, office = Client(), Client()
    reporter.force_login(world.users["other_reporter"])
    office.force_login(world.users["office"])
    url = f"/supervision/program/{world.program.id}/"
    assert f"1/{n}" in office.get(url).content.decode()
    html = reporter.get(url).content.decode()
    picked = re.search(rf'<option[^>]*value="{round_.id}"[^>]*>(.*?)</option>', html, re.S).group(1)
    assert round_.title in picked and round_.due_date.isoformat() in picked
    assert f"1/{n}" not in html and "已通过" not in picked


def test_reporter_cannot_reach_another_departments_attachment_or_report(world, report0):
    attachment = attachments.attachment_add(report=report0, user=world.users["reporter"],
                                         uploaded=SimpleUploadedFile("e.pdf", PDF))
    client = Client()
    client.force_login(world.users["other_reporter"])
    assert client.get(f"/supervision/attachment/{attachment.id}/").status_code == 404
    assert client.get(f"/supervision/report/{report0.id}/").status_code == 404
    assert client.get("/supervision/reports/").content.decode().count("部门1") == 0


def test_region_scoping_hides_other_cities_programmes(world, round_):
    from ipcity.core.models import Profile, Region

    other_city = Region.objects.create(code="340100", name="合肥市", level=Region.Level.CITY)
    Profile.objects.filter(user=world.users["leader"]).update(region=other_city)
    client = Client()
    client.force_login(world.users["leader"])
    assert client.get(f"/supervision/program/{world.program.id}/").status_code == 404
    assert client.get(f"/supervision/report/{round_.reports.first().id}/").status_code == 404
