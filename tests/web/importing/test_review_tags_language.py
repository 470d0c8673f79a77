"""An indicator's tags (预期性, 约束性: the document's own words, as the programme's indicator page
shows them) are marked Chinese on the English review page, so no Chinese is left unmarked there
(found crawling an installation upgraded from 635b586 in English).

Authored plan: a one-line goal read by today's parser, its indicator given the tag by hand.
"""

from __future__ import annotations

import pytest
from django.test import Client

from ipcity.plans import parse_text
from ipcity.programs.models import PlanImport
from tests.web.test_english_crawl import CJK, _Reader
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

PLAN_TEXT = "示例市知识产权强市建设工作方案（2024—2026年）\n一、主要目标\n到2026年，每万人口高价值发明专利拥有量达到12件。\n"


@pytest.mark.django_db
def test_tags_on_the_english_review_page_are_marked_as_the_documents_words(django_user_model, english_catalogue):  # noqa: F811
    plan = parse_text(PLAN_TEXT)
    assert plan["indicators"], "the authored goal is read as an indicator"
    plan["indicators"][0]["tags"] = ["预期性"]
    draft = PlanImport.objects.create(original_name="方案.txt", sha256="0" * 64, parsed=plan, edited=plan)
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("office", password="x"))
    client.cookies["django_language"] = "en"
    page = client.get(f"/import/{draft.pk}/").content.decode()
    assert "预期性" in page
    reader = _Reader()
    reader.feed(page)
    assert [t for t in reader.seen if "预期性" in t and CJK.search(t)] == []
