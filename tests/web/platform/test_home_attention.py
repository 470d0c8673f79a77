"""The home page's attention list: pending plan imports for the office, extensible by other apps."""

from __future__ import annotations

import pytest

from ipcity.core import contributions as attention
from ipcity.programs.models import PlanImport

pytestmark = pytest.mark.django_db


def _pending() -> PlanImport:
    return PlanImport.objects.create(original_name="新方案.docx", sha256="0" * 64, parsed={}, edited={})


def test_office_sees_pending_plan_imports(client, world):
    _pending()
    client.force_login(world.office)
    # The holiday-notice reminder (protection) depends on today's distance to the calendar's last
    # published year, so it is left out of this comparison.
    # The world's 2022–2025 plan has ended (已期满): its prompt to evaluate and archive is checked in
    # tests/web/supervision/test_archiving.py.
    items = [i for i in client.get("/").context["attention"] if i.kind not in ("protection_holiday_notice", "program_ended")]
    assert [i.kind for i in items] == ["plan_import"] and "新方案.docx" in items[0].title
    assert items[0].url.startswith("/import/")  # the import engineer's review screen


def test_office_navigation_offers_import_and_user_administration(client, world):
    client.force_login(world.office)
    html = client.get("/").content.decode()
    assert 'href="/import/"' in html and 'href="/accounts/users/"' in html


def test_reporter_and_leader_see_no_import_attention(client, world):
    _pending()
    for user in (world.reporter, world.leader):
        client.force_login(user)
        assert client.get("/").context["attention"] == []


def test_a_registered_provider_appears_and_a_failing_one_is_skipped(client, world, monkeypatch):
    monkeypatch.setattr(attention, "ATTENTION_PROVIDERS", list(attention.ATTENTION_PROVIDERS))

    @attention.register_attention_provider
    def due_reports(user):
        return [attention.AttentionItem(title="年度报告待审核", url="/x/", kind="report_review", level="red")]

    @attention.register_attention_provider
    def broken(user):
        raise RuntimeError("boom")

    client.force_login(world.office)
    html = client.get("/").content.decode()
    assert "年度报告待审核" in html and 'href="/x/"' in html
