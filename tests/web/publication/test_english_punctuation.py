"""Walk 24: the public pages in English wrote Chinese punctuation around English words —
``Annual assessment（2026）``, ``11.39（2026）``, ``see Assessment method。``,
``Linear extrapolation：P = …``. The English crawl looks for Chinese characters only; this looks
for full-width punctuation outside data on the pages the public reads, in English, and keeps it
in Chinese."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ipcity.monitoring.models import ProgramThresholds
from tests.web.publication.test_publishing import publish
from tests.web.test_english_crawl import _Reader
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db

FULL_WIDTH = re.compile(r"[（）：。；]")


def _punctuation_outside_data(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return [text[:80] for text in reader.seen if FULL_WIDTH.search(text)]


def _pages(world) -> list[str]:
    pid, ind = world.program.pk, world.indicators["high_value"].pk
    return [reverse("open:index"), reverse("open:program", args=[pid]), reverse("open:indicator", args=[pid, ind]),
            reverse("open:method"), reverse("transfer_public:index")]


def test_public_pages_in_english_use_english_punctuation(world, english_catalogue):  # noqa: F811
    publish(world, "high_value")
    ProgramThresholds.objects.update_or_create(program=world.program, defaults={"near": 0.8})
    client = Client()
    client.cookies["django_language"] = "en"
    left = {url: _punctuation_outside_data(client.get(url).content.decode()) for url in _pages(world)}
    assert {url: texts for url, texts in left.items() if texts} == {}
    page = client.get(reverse("open:indicator", args=[world.program.pk, world.indicators["high_value"].pk]))
    assert "Annual assessment (2024)" in page.content.decode()


def test_public_pages_in_chinese_keep_chinese_punctuation(world):
    publish(world, "high_value")
    client = Client()
    client.cookies["django_language"] = "zh-hans"
    html = client.get(reverse("open:indicator", args=[world.program.pk, world.indicators["high_value"].pk])).content.decode()
    assert "年度研判（2024）" in html and "研判方法</a>。" in html
    program = client.get(reverse("open:program", args=[world.program.pk])).content.decode()
    assert "11.23（2024）" in program
