"""Matches by hand: curate, mark wrong, publish, and the stage steps with their rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipcity.audit.models import AuditEvent
from ipcity.transfer import services
from ipcity.transfer.models import Match, MatchEvent
from tests.web.transfer.transfer_fixtures import declaration_input, need_input


@pytest.fixture
def need(transfer_world):
    return services.need_create(user=transfer_world.office_a, data=need_input())


def test_manual_add_takes_an_in_force_declarations_title_and_holder(transfer_world, need):
    services.declaration_create(user=transfer_world.office_a, data=declaration_input())
    match = services.match_add_manual(user=transfer_world.office_a, need_id=need.pk, pub_number="cn99000001a")
    assert (match.pub_number, match.title, match.holder, match.origin, match.curated) == (
        "CN99000001A", "一种电解铜箔表面粗化处理方法", "安徽某某大学", "declaration", "kept")
    with pytest.raises(ValidationError, match="已在匹配清单中"):
        services.match_add_manual(user=transfer_world.office_a, need_id=need.pk, pub_number="CN99000001A")


def test_a_declaration_recorded_later_reaches_the_matches_already_proposed(transfer_world, need):
    # A patent proposed before its holder declared an open licence: the declaration links the
    # office's matches of that patent at once (as a new proposal would), and its withdrawal unlinks them.
    w = transfer_world
    match = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000001A", title="一种铜箔")
    other_city = services.need_create(user=w.office_b, data=need_input(region_code="341700"))
    theirs = services.match_add_manual(user=w.office_b, need_id=other_city.pk, pub_number="CN99000001A")
    assert match.declaration is None and "declaration" not in match.why
    declaration = services.declaration_create(user=w.office_a, data=declaration_input())
    match.refresh_from_db()
    theirs.refresh_from_db()
    assert match.declaration == declaration
    assert match.why["declaration"] == "已作开放许可声明（2025-06-01）"
    assert theirs.declaration is None  # another office's need: not this office's to change
    assert AuditEvent.objects.filter(action="transfer.declaration.create").latest("pk").note == "CN99000001A（1 条匹配）"
    services.declaration_withdraw(user=w.office_a, declaration_id=declaration.pk, on=dt.date(2025, 9, 1))
    match.refresh_from_db()
    assert match.declaration is None and "declaration" not in match.why
    assert AuditEvent.objects.filter(action="transfer.declaration.withdraw").latest("pk").note == "CN99000001A（1 条匹配）"


def test_wrong_match_needs_a_reason_leaves_the_list_and_cannot_come_back(transfer_world, need):
    w = transfer_world
    match = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000010A", title="一种铜箔")
    with pytest.raises(ValidationError, match="错误原因"):
        services.match_mark_wrong(user=w.office_a, match_id=match.pk, reason="")
    with pytest.raises(PermissionDenied):
        services.match_mark_wrong(user=w.leader_a, match_id=match.pk, reason="无关")
    services.match_mark_wrong(user=w.office_a, match_id=match.pk, reason="技术领域不同")
    match.refresh_from_db()
    assert (match.marked_wrong, match.wrong_reason, match.wrong_by, match.active) == (
        True, "技术领域不同", w.office_a, False)
    with pytest.raises(ValidationError, match="标记为错误匹配"):
        services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000010A")
    with pytest.raises(ValidationError, match="不能推进"):
        services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contacted")


def test_publish_puts_only_kept_matches_on_the_list(transfer_world, need):
    w = transfer_world
    with pytest.raises(ValidationError, match="没有保留的匹配"):
        services.need_publish(user=w.office_a, need_id=need.pk)
    kept = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000010A")
    removed = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000011A")
    wrong = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000012A")
    services.match_curate(user=w.office_a, match_id=removed.pk, keep=False)
    services.match_mark_wrong(user=w.office_a, match_id=wrong.pk, reason="无关")
    services.need_publish(user=w.office_a, need_id=need.pk)
    need.refresh_from_db()
    assert need.published_at is not None
    assert list(Match.objects.filter(published=True).values_list("pk", flat=True)) == [kept.pk]


def test_stages_follow_their_rules(transfer_world, need):
    w = transfer_world
    match = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000010A")
    with pytest.raises(ValidationError, match="不能从"):
        services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contract")
    services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contacted")
    services.match_stage_step(user=w.office_a, match_id=match.pk, stage="negotiating")
    for kwargs, message in [
        ({}, "合同类型"),
        ({"contract_kind": "licence"}, "备案号"),
        ({"contract_kind": "licence", "filing_number": "2025340700000123"}, "合同日期"),
        ({"contract_kind": "licence", "filing_number": "X1", "contract_date": dt.date.today() + dt.timedelta(days=2)},
         "不能晚于今天"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contract", **kwargs)
    services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contract", contract_kind="licence",
                              filing_number="2025340700000123", contract_date=dt.date(2025, 7, 1), amount_wan=80.0)
    match.refresh_from_db()
    assert (match.stage, match.contract_kind, match.filing_number, match.amount_wan) == (
        "contract", "licence", "2025340700000123", 80.0)
    assert list(MatchEvent.objects.filter(match=match).values_list("step", flat=True)) == [
        "add", "contacted", "negotiating", "contract"]
    with pytest.raises(ValidationError, match="不能从"):
        services.match_stage_step(user=w.office_a, match_id=match.pk, stage="dropped", reason="x")


def test_dropping_needs_a_reason(transfer_world, need):
    w = transfer_world
    match = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000010A")
    with pytest.raises(ValidationError, match="终止原因"):
        services.match_stage_step(user=w.office_a, match_id=match.pk, stage="dropped")
    services.match_stage_step(user=w.office_a, match_id=match.pk, stage="dropped", reason="企业转向自主研发")
    match.refresh_from_db()
    assert (match.stage, match.dropped_reason) == ("dropped", "企业转向自主研发")


def test_a_contract_refuses_an_absurd_amount_and_control_characters(transfer_world, need):
    """Walk 25: 合同金额 1e308 万元 was stored and the need's page printed a 309-digit number; the
    filing number and the reason took control characters and bidirectional overrides."""
    w = transfer_world
    match = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000010A")
    services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contacted")
    services.match_stage_step(user=w.office_a, match_id=match.pk, stage="negotiating")
    contract = {"contract_kind": "licence", "contract_date": dt.date(2025, 7, 1)}
    for kwargs, message in [
        ({"filing_number": "X1", "amount_wan": 1e308}, "合同金额过大"),
        ({"filing_number": "X1", "amount_wan": 100_000_001.0}, "合同金额过大"),  # licensing.MAX_FEE_WAN
        ({"filing_number": "X1\x07"}, "控制字符"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contract", **contract, **kwargs)
    match.refresh_from_db()
    assert match.stage == "negotiating" and match.amount_wan is None
    with pytest.raises(ValidationError, match="控制字符"):
        services.match_stage_step(user=w.office_a, match_id=match.pk, stage="dropped", reason="企业\x00放弃")
    services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contract", filing_number="X\u202e1",
                              amount_wan=100_000_000.0, **contract)
    match.refresh_from_db()
    assert (match.filing_number, match.amount_wan) == ("X1", 100_000_000.0)
