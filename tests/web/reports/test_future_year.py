"""A report on a year that has not come is refused at the form (field test 2026-12-06: year 2031
was queued for a 2024–2026 programme and then failed with an unrelated “缺少数据” message)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.reports import services
from ipcity.reports.models import ReportVersion

from .conftest import demo_world_for_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path, settings):
    program, _rnd, users = demo_world_for_pages(tmp_path, settings)
    return program, users["admin"]


def test_the_form_refuses_a_year_after_this_one_and_queues_nothing(world):
    program, admin = world
    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    next_year = timezone.localdate().year + 1
    response = client.post(reverse("reports:generate", args=[program.pk]),
                           {"kind": "whitepaper", "year": next_year, "fmt": "pdf"})
    assert response.status_code == 200
    assert f"年度不能晚于今年（{next_year - 1} 年）" in response.content.decode()
    assert not ReportVersion.objects.exists()


def test_the_service_refuses_it_too(world):
    program, admin = world
    with pytest.raises(services.ReportInputError) as refused:
        services.report_version_request(program=program, kind="annual", year=timezone.localdate().year + 5,
                                         fmt="pdf", user=admin)
    assert refused.value.field == "year"
