"""The JSON API of matching: same services, same scoping, contacts for the office only."""

from __future__ import annotations

import json

from django.test import Client

from ipcity.transfer import services
from ipcity.transfer.models import TechNeed


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_need_create_list_matches_and_stage(transfer_world):
    w = transfer_world
    office = _client(w.office_a)
    response = office.post("/api/transfer/needs", data=json.dumps({
        "enterprise": "铜陵某铜箔科技有限公司", "description": "低轮廓电解铜箔的表面粗化处理工艺", "region_code": "340700",
        "mode": "licence", "phone": "13905621234", "contact_person": "赵敏"}), content_type="application/json")
    assert response.status_code == 201
    need_id = response.json()["id"]
    assert TechNeed.objects.get(pk=need_id).source == "api"
    bad = office.post("/api/transfer/needs", data=json.dumps({
        "enterprise": "某公司", "description": "铜", "region_code": "340700"}), content_type="application/json")
    assert bad.status_code == 400 and "需求描述过短" in bad.json()["detail"]

    leader_list = _client(w.leader_a).get("/api/transfer/needs").json()
    assert leader_list["count"] == 1 and leader_list["results"][0]["phone"] == "139****1234"
    assert office.get("/api/transfer/needs").json()["results"][0]["phone"] == "13905621234"
    assert _client(w.office_b).get("/api/transfer/needs").json()["count"] == 0

    match = services.match_add_manual(user=w.office_a, need_id=need_id, pub_number="CN99000010A")
    matches = office.get(f"/api/transfer/needs/{need_id}/matches").json()
    assert [(m["pub_number"], m["curated"], m["stage"]) for m in matches] == [("CN99000010A", "kept", "proposed")]
    step = office.post(f"/api/transfer/matches/{match.pk}/stage", data=json.dumps({"stage": "contract"}),
                       content_type="application/json")
    assert step.status_code == 400 and "不能从" in step.json()["detail"]
    step = office.post(f"/api/transfer/matches/{match.pk}/stage", data=json.dumps({"stage": "contacted"}),
                       content_type="application/json")
    assert step.status_code == 200 and step.json()["stage"] == "contacted"
    assert _client(w.leader_a).post(f"/api/transfer/matches/{match.pk}/stage", data=json.dumps(
        {"stage": "negotiating"}), content_type="application/json").status_code == 403


def test_declaration_create_returns_fee_flags(transfer_world):
    office = _client(transfer_world.office_a)
    response = office.post("/api/transfer/declarations", data=json.dumps({
        "pub_number": "CN99000001A", "title": "一种电解铜箔表面粗化处理方法", "patent_kind": "invention",
        "holder": "安徽某某大学", "region_code": "340700", "declared_on": "2025-06-01", "fee_type": "royalty",
        "royalty_sales_pct": 25}), content_type="application/json")
    assert response.status_code == 201
    assert len(response.json()["fee_flags"]) == 1 and "20%" in response.json()["fee_flags"][0]
    listed = office.get("/api/transfer/declarations?in_force=true").json()
    assert [d["pub_number"] for d in listed] == ["CN99000001A"]


def test_a_fee_no_contract_can_have_is_refused_and_nothing_is_written(transfer_world):
    from ipcity.transfer.models import LicenceDeclaration

    office = _client(transfer_world.office_a)
    before = LicenceDeclaration.objects.count()
    response = office.post("/api/transfer/declarations", data=json.dumps({
        "pub_number": "CN99000001A", "title": "一种电解铜箔表面粗化处理方法", "patent_kind": "invention",
        "holder": "安徽某某大学", "region_code": "340700", "declared_on": "2025-06-01", "fee_type": "one_off",
        "fixed_fee_wan": 1e300}), content_type="application/json")
    assert response.status_code == 400
    assert "一次性许可费超过 100,000,000 万元" in response.json()["detail"]
    assert "0000000000000000" not in response.json()["detail"]  # no 300-digit number
    assert LicenceDeclaration.objects.count() == before
