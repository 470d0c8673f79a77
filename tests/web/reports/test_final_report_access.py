"""The 终期评估报告 (kind ``final``): who may make it and when. A programme whose plan is still
running is refused in the builder, the 报告 tab (in the user's language) and the command; an ended
or archived one gets it from the 报告 tab (the office builds, leaders download) and the command.
The world is the demo programme (示例市, 2024–2026: invented figures), loaded per test."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.cli.main import cli
from ipcity.programs.models import Program
from ipcity.reports import services
from ipcity.reports.build import build_report
from ipcity.reports.compose_final import compose_final
from ipcity.reports.models import ReportVersion
from ipcity.reports.snapshot import ReportDataMissing, build_snapshot
from ipcity.reports.snapshot.common import ReportRefused
from ipcity.supervision.services import archiving

from .conftest import demo_world_for_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path, settings):
    program, _round, users = demo_world_for_pages(tmp_path, settings)
    return program, users


def _client(user, language: str | None = None) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if language:
        from django.conf import settings

        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


# ---------------------------------------------------------------- who and when

def test_a_plan_still_running_is_refused_everywhere(world, tmp_path, monkeypatch):
    program, users = world
    assert timezone.localdate().year <= program.end_year  # the demo's plan runs to 2026
    with pytest.raises(ReportRefused) as caught:
        build_report(program=program, kind="final", year=program.end_year, fmt="pdf")
    assert isinstance(caught.value, ReportDataMissing)  # caught wherever missing data is
    assert str(caught.value).startswith("无法生成报告：规划期至 2026 年，尚未结束") and "缺少" not in str(caught.value)
    with pytest.raises(services.ReportInputError) as refused:
        services.report_version_request(program=program, kind="final", year=2026, fmt="pdf", user=users["admin"])
    assert refused.value.field == "kind" and "尚未结束" in str(refused.value)
    # the 报告 tab: the form says why, nothing is queued
    response = _client(users["admin"]).post(reverse("reports:generate", args=[program.pk]),
                                            {"kind": "final", "year": 2026, "fmt": "pdf"})
    assert response.status_code == 200 and "终期评估报告在规划期结束后" in response.content.decode()
    assert not ReportVersion.objects.filter(program=program).exists()
    page = _client(users["admin"]).get(reverse("supervision:final", args=[program.pk])).content.decode()
    assert 'id="final-report"' not in page  # the 终期评估 page offers it only once the plan has ended
    # the command: exit 2 with the reason, nothing written
    monkeypatch.setattr("ipcity.cli.report.setup_django", lambda: None)
    out = tmp_path / "final.pdf"
    result = CliRunner().invoke(cli, ["report", "build", "--program", str(program.pk), "--kind", "final",
                                      "--out", str(out)])
    assert result.exit_code == 2 and "尚未结束" in result.output and not out.exists()
    # in English, the form's refusal is English (the report itself stays Chinese)
    english = _client(users["admin"], "en").post(reverse("reports:generate", args=[program.pk]),
                                                 {"kind": "final", "year": 2026, "fmt": "pdf"}).content.decode()
    assert "A final evaluation report can be made once the plan's period has ended (from 2027)" in english.replace("&#x27;", "'")
    assert not re.search(r"[\u4e00-\u9fff]+年|尚未结束", english)


def test_an_ended_programme_not_archived_gets_its_report(world):
    program, _users = world
    Program.objects.filter(pk=program.pk).update(start_year=2022, end_year=timezone.localdate().year - 1)
    program.refresh_from_db()
    snapshot, source = build_snapshot("final", program=program, year=program.end_year)
    assert snapshot["state"] == "ended" and not snapshot["archived"] and snapshot["year"] == program.end_year
    text = "".join(b.get("text", "") for b in compose_final(snapshot).blocks)
    assert snapshot["period_ended"] and "规划期已结束，项目尚未归档" in text and "提前归档" not in text
    assert f"规划期（2022—{program.end_year}年）已结束" in text
    assert source["value_records"] and all(r["record_id"] for r in source["value_records"])


def test_the_office_builds_it_in_the_reports_tab_and_leaders_download(world):
    program, users = world
    archiving.program_archive(program=program, user=users["admin"], close_open_rounds=True)
    office = _client(users["admin"])
    page = office.get(reverse("reports:program", args=[program.pk])).content.decode()
    assert '<option value="final">终期评估报告</option>' in page
    response = office.post(reverse("reports:generate", args=[program.pk]), {"kind": "final", "year": 2020, "fmt": "docx"})
    assert response.status_code == 302
    version = ReportVersion.objects.get(program=program, kind="final")
    # the year is the plan's end, whatever the form held: the report covers the whole period
    assert (version.status, version.year, version.fmt) == ("done", program.end_year, "docx"), version.error
    assert version.source["round"] is not None and version.snapshot["kind"] == "final"
    download = _client(users["leader"]).get(reverse("reports:download", args=[program.pk, version.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"PK")
    assert _client(users["reporter1"]).get(reverse("reports:download", args=[program.pk, version.pk])).status_code == 403
    assert _client(users["leader"]).post(reverse("reports:generate", args=[program.pk]),
                                         {"kind": "final", "year": 2026, "fmt": "pdf"}).status_code == 403


def test_the_command_builds_it_without_a_year(world, tmp_path, monkeypatch):
    program, users = world
    archiving.program_archive(program=program, user=users["admin"], close_open_rounds=True)
    monkeypatch.setattr("ipcity.cli.report.setup_django", lambda: None)
    out = tmp_path / "final.pdf"
    result = CliRunner().invoke(cli, ["report", "build", "--program", "示例市", "--kind", "final", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF") and f"final {program.end_year} pdf" in result.output
    # another kind still needs its year
    result = CliRunner().invoke(cli, ["report", "build", "--program", "示例市", "--kind", "annual", "--out", str(out)])
    assert result.exit_code == 2 and "--year" in result.output


def test_command_help_names_the_final_report():
    result = CliRunner().invoke(cli, ["report", "build", "--help"])
    assert result.exit_code == 0
    help_text = " ".join(result.output.split())
    assert "annual|bulletin|whitepaper|summary|final" in help_text and "终期评估报告" in help_text
    assert "except for final" in help_text
