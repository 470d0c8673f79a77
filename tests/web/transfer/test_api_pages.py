"""The transfer API's needs list: a page past the end is empty and a page below 1 is malformed
input (field test of the JSON API, 2026-12: both answered the nearest page, so a client reading
pages until an empty one never stopped)."""

from __future__ import annotations

from django.test import Client

from ipcity.transfer import services

NEED = {"enterprise": "铜陵某铜箔科技有限公司", "description": "低轮廓电解铜箔的表面粗化处理工艺", "region_code": "340700",
        "mode": "licence"}


def test_needs_pages_past_the_end_are_empty_and_below_one_refused(transfer_world):
    services.need_create(user=transfer_world.office_a, data=services.NeedInput(**NEED), source="api")
    client = Client()
    client.force_login(transfer_world.office_a)
    assert len(client.get("/api/transfer/needs?page=1").json()["results"]) == 1
    assert client.get("/api/transfer/needs?page=3").json() == {"count": 1, "page": 3, "pages": 1, "results": []}
    refused = client.get("/api/transfer/needs?page=0")
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["query", "page"]


def test_a_search_with_a_control_character_is_malformed_input(transfer_world):
    """PostgreSQL refuses a NUL in a query (a 500); SQLite cut the pattern there and matched every need."""
    client = Client()
    client.force_login(transfer_world.office_a)
    refused = client.get("/api/transfer/needs?q=%00")
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["query", "q"]
