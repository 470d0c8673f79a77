"""The plan JSON export writes an item's evidence in the format's key order, whatever order the
database kept: PostgreSQL's jsonb gives an object's keys back shortest first (end, text, start)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from ipcity.programs.models import Indicator, Task
from tests.jsonb_order import jsonb_order, reversed_order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reorder", [jsonb_order, reversed_order], ids=["jsonb", "reversed"])
def test_the_exported_evidence_keeps_the_formats_key_order(client, world, reorder):
    # as the parser writes it (plans.serialise.evidence, then plans.read.ocr for a scan)
    written = {"text": "到2025年，全市有效发明专利拥有量达到5000件", "start": 120, "end": 143, "ocr": True,
               "ocr_confidence": 91.5}
    stored = reorder(written)
    assert list(stored) != list(written)  # the stored order is not the written one
    indicator = Indicator.objects.filter(program=world.tl_prog).order_by("order", "id").first()
    task = Task.objects.filter(program=world.tl_prog).order_by("order", "id").first()
    Indicator.objects.filter(pk=indicator.pk).update(evidence=stored)
    Task.objects.filter(pk=task.pk).update(evidence=stored)
    client.force_login(world.office)
    plan = json.loads(client.get(reverse("programs:plan_json", args=[world.tl_prog.pk])).content)
    # plan-format.md: {"text": "…", "start": N, "end": M}
    assert list(plan["indicators"][0]["evidence"])[:3] == ["text", "start", "end"]
    assert plan["indicators"][0]["evidence"] == written and list(plan["tasks"][0]["evidence"]) == list(written)
