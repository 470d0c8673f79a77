"""The board's co-handler line joins its items in the page's language (field test 2026-12-06: the
English board read “市科技局：Not submitted；市财政局：On track 99%”)."""

from __future__ import annotations

import pytest
from django.utils import translation

from ipcity.supervision.selectors import rollup
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

from .factories import submit_done_and_behind

pytestmark = pytest.mark.django_db


def _first_task(world, round_):
    submit_done_and_behind(world, round_)
    sections, _completion = rollup.rollup(reporting_round=round_)
    return {t.ref: t for s in sections for t in s.tasks}


def test_co_handlers_in_english_use_english_marks(world, round_, english_catalogue):  # noqa: F811
    tasks = _first_task(world, round_)
    with translation.override("en"):
        text = tasks["三/（一）/1"].others_text
        two = tasks["三/（一）/3"].others_text
    assert text == "部门2: Behind schedule 40%", text
    assert "：" not in two and "；" not in two


def test_co_handlers_in_chinese_keep_chinese_marks(world, round_):
    tasks = _first_task(world, round_)
    with translation.override("zh-hans"):
        assert tasks["三/（一）/1"].others_text == "部门2：进度滞后 40%"
