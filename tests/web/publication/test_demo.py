"""``ipcity demo`` publishes the sample programme and two of its indicators, audited as the office,
so /open/ is populated for a newcomer; a second run, or an office's unpublishing, is respected."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.programs.demo import load_demo
from ipcity.programs.models import Program
from ipcity.publication import services
from ipcity.publication.models import IndicatorPublication, ProgramPublication

pytestmark = pytest.mark.django_db


def _demo(tmp_path) -> str:
    out = io.StringIO()
    load_demo(stdout=out, seeds_dir=tmp_path / "no-seeds", password="Demo-Publish-2026!")
    return out.getvalue()


def test_the_demo_publishes_the_sample_programme_and_two_indicators_as_the_office(tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = _demo(tmp_path)
    program = Program.objects.get(is_sample=True)
    office = get_user_model().objects.get(username="admin")
    assert ProgramPublication.objects.get(program=program).published
    published = list(IndicatorPublication.objects.filter(published=True).order_by("indicator__order"))
    assert len(published) == 2 and {p.indicator.program_id for p in published} == {program.pk}
    assert all(p.indicator.actuals.exists() for p in published)  # each page has a chart and a table
    events = AuditEvent.objects.filter(action__startswith="publication.")
    assert sorted(e.action for e in events) == ["publication.indicator.publish"] * 2 + ["publication.program.publish"]
    assert {e.actor_id for e in events} == {office.pk}
    assert "/open/" in out

    anonymous = Client()
    index = anonymous.get(reverse("open:index")).content.decode()
    assert program.title in index
    page = anonymous.get(reverse("open:program", args=[program.pk])).content.decode()
    for p in published:
        assert p.indicator.name in page
        assert anonymous.get(reverse("open:indicator", args=[program.pk, p.indicator_id])).status_code == 200


def test_a_second_run_changes_nothing_and_an_unpublished_programme_stays_off(tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _demo(tmp_path)
    program = Program.objects.get(is_sample=True)
    office = get_user_model().objects.get(username="admin")
    services.program_publication_set(program=program, user=office, published=False)
    before = AuditEvent.objects.filter(action__startswith="publication.").count()
    _demo(tmp_path)
    assert not ProgramPublication.objects.get(program=program).published
    assert AuditEvent.objects.filter(action__startswith="publication.").count() == before
    assert program.title not in Client().get(reverse("open:index")).content.decode()
