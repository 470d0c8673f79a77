"""The transfer API under a hostile client (field test of the JSON API, 2026-12): numbers JSON has
not (NaN, Infinity, an exponent beyond any float) and text no column can hold are refused with a
400 naming the field, and nothing is written."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ipcity.transfer.models import LicenceDeclaration, Match, TechNeed

NEED = {"enterprise": "铜陵某铜箔科技有限公司", "description": "低轮廓电解铜箔的表面粗化处理工艺", "region_code": "340700",
        "mode": "licence"}
DECLARATION = {"pub_number": "CN99000001A", "title": "一种电解铜箔表面粗化处理方法", "patent_kind": "invention",
               "holder": "安徽某某大学", "region_code": "340700", "declared_on": "2025-06-01", "fee_type": "royalty",
               "royalty_sales_pct": 5}


def _office(world) -> Client:
    client = Client()
    client.force_login(world.office_a)
    return client


def _raw(body: dict, name: str, token: str) -> str:
    """``body`` as JSON with ``name`` set to a bare token (NaN, Infinity, 1e309): what a client's
    JSON writer emits for a float it should not have sent."""
    return json.dumps({**body, name: "@@"}).replace('"@@"', token)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e309"])
def test_a_need_with_a_number_json_has_not_is_refused_not_a_server_error(transfer_world, token):
    response = _office(transfer_world).post("/api/transfer/needs", data=_raw(NEED, "budget_wan", token),
                                            content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == "请求体中的数字应为有限值（JSON 不接受 NaN、Infinity）"
    assert not TechNeed.objects.exists()


@pytest.mark.parametrize("token", ["NaN", "Infinity"])
def test_a_contract_amount_json_has_not_is_refused(transfer_world, token):
    from ipcity.transfer import services

    need = services.need_create(user=transfer_world.office_a, data=services.NeedInput(**NEED), source="api")
    match = services.match_add_manual(user=transfer_world.office_a, need_id=need.pk, pub_number="CN99000010A")
    for stage in ("contacted", "negotiating"):
        services.match_stage_step(user=transfer_world.office_a, match_id=match.pk, stage=stage)
    body = _raw({"stage": "contract", "contract_kind": "licence", "filing_number": "F-1", "contract_date": "2025-06-01"},
                "amount_wan", token)
    response = _office(transfer_world).post(f"/api/transfer/matches/{match.pk}/stage", data=body,
                                            content_type="application/json")
    assert response.status_code == 400, response.content
    assert Match.objects.get(pk=match.pk).stage == "negotiating"


@pytest.mark.parametrize(("field", "value", "words"), [
    ("enterprise", "某\x00公司", "控制字符"),
    ("enterprise", "企" * 256, "至多 255 字"),
    ("contact_person", "赵" * 65, "至多 64 字"),
])
def test_need_text_a_column_cannot_hold_is_refused(transfer_world, field, value, words):
    response = _office(transfer_world).post("/api/transfer/needs", data=json.dumps({**NEED, field: value}),
                                            content_type="application/json")
    assert response.status_code == 400, response.content
    assert words in response.json()["detail"]
    assert not TechNeed.objects.exists()


@pytest.mark.parametrize(("field", "value", "words"), [
    ("title", "一种\x00方法", "控制字符"),
    ("title", "法" * 501, "至多 500 字"),
    ("holder", "校" * 256, "至多 255 字"),
])
def test_declaration_text_a_column_cannot_hold_is_refused(transfer_world, field, value, words):
    response = _office(transfer_world).post("/api/transfer/declarations",
                                            data=json.dumps({**DECLARATION, field: value}), content_type="application/json")
    assert response.status_code == 400, response.content
    assert words in response.json()["detail"]
    assert not LicenceDeclaration.objects.exists()


@pytest.mark.parametrize("budget", [True, "50"])
def test_a_budget_of_another_json_type_is_malformed_input(transfer_world, budget):
    response = _office(transfer_world).post("/api/transfer/needs", data=json.dumps({**NEED, "budget_wan": budget}),
                                            content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"][-1] == "budget_wan"
    assert not TechNeed.objects.exists()
