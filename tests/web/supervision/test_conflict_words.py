"""The conflict page names the other editor's saved status in words (field test 2026-12-06: it
said “对方保存：on_track”, the stored code)."""

from __future__ import annotations

import pytest
from django.test import Client

from .test_views import _form

pytestmark = pytest.mark.django_db


def test_the_other_editors_status_is_shown_as_its_label(world, report0):
    first, second = Client(), Client()
    first.force_login(world.users["reporter"])
    second.force_login(world.users["head"])
    opened = report0.version
    assert first.post(f"/supervision/report/{report0.id}/fill/",
                      _form(report0, version=opened, done="甲", status="behind")).status_code == 302
    html = second.post(f"/supervision/report/{report0.id}/fill/",
                       _form(report0, version=opened, done="乙", status="on_track")).content.decode()
    assert "对方保存：进度滞后" in html
    assert "对方保存：behind" not in html
