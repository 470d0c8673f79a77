"""Proposals from the ranker over a small authored index: the order, the why, declarations, and
what a new proposal replaces (and never brings back)."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from django.core.exceptions import ValidationError

from ipcity.matching.index import build_index_from_table, index_dir
from ipcity.transfer import services
from ipcity.transfer.models import Match
from tests.web.transfer.transfer_fixtures import PATENTS, declaration_input, need_input


@pytest.fixture
def indexed(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    table = pa.table({
        "pub_number": [p[0] for p in PATENTS], "title": [p[1] for p in PATENTS], "abstract": [p[2] for p in PATENTS],
        "ipc": [p[3] for p in PATENTS], "applicants": [p[4] for p in PATENTS],
        "region_code": ["340700"] * len(PATENTS), "status": ["valid"] * len(PATENTS)})
    build_index_from_table(table, index_dir("authored", tmp_path), dataset="authored")
    return "authored"


def test_propose_ranks_explains_and_notes_declarations(transfer_world, indexed):
    w = transfer_world
    services.declaration_create(user=w.office_a, data=declaration_input(pub_number="CN99000102A",
                                                                         declared_on=dt.date(2025, 6, 1)))
    need = services.need_create(user=w.office_a, data=need_input())
    matches = services.matches_propose(need=need, dataset=indexed, user=w.office_a)
    numbers = [m.pub_number for m in matches]
    assert numbers[0] == "CN99000101A"
    assert "CN99000103A" not in numbers  # the tea patent cannot explain itself
    first = matches[0]
    assert first.rank == 1 and first.score > 0 and first.origin == "ranker" and first.curated == ""
    assert len(first.why["shared_terms"]) >= 3 or first.why["shared_ipc_groups"]
    assert "铜箔" in first.why["shared_terms"]
    declared = next(m for m in matches if m.pub_number == "CN99000102A")
    assert declared.declaration is not None and "开放许可声明" in declared.why["declaration"]


def test_a_new_proposal_replaces_only_uncurated_ones_and_never_brings_back_a_wrong_match(transfer_world, indexed):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    first, second = services.matches_propose(need=need, dataset=indexed, user=w.office_a)[:2]
    services.match_curate(user=w.office_a, match_id=first.pk, keep=True)
    services.match_mark_wrong(user=w.office_a, match_id=second.pk, reason="工艺路线不同")
    again = services.matches_propose(need=need, dataset=indexed, user=w.office_a)
    assert again == []  # the kept one stays as it was, the wrong one is excluded
    assert sorted(Match.objects.filter(need=need).values_list("pub_number", "curated", "marked_wrong")) == [
        ("CN99000101A", "kept", False), ("CN99000102A", "", True)]


def test_proposals_follow_what_stays_on_the_list_so_no_two_share_a_number(transfer_world, indexed):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000999A", note="对接会上企业提出")
    proposed = services.matches_propose(need=need, dataset=indexed, user=w.office_a)
    assert proposed and [m.rank for m in proposed] == list(range(2, 2 + len(proposed)))
    services.match_curate(user=w.office_a, match_id=proposed[0].pk, keep=True)
    again = services.matches_propose(need=need, dataset=indexed, user=w.office_a)
    ranks = list(Match.objects.filter(need=need).order_by("rank").values_list("pub_number", "rank"))
    assert ranks[:2] == [("CN99000999A", 1), (proposed[0].pub_number, 2)]
    assert [rank for _, rank in ranks] == list(range(1, len(ranks) + 1)) and len(ranks) == 2 + len(again)


def test_propose_without_an_index_says_how_to_build_it(transfer_world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    need = services.need_create(user=transfer_world.office_a, data=need_input())
    with pytest.raises(ValidationError, match="ipcity match build"):
        services.matches_propose(need=need, dataset="none", user=transfer_world.office_a)


def test_a_patents_needs_get_the_offices_concordance_prior(transfer_world, settings, tmp_path):
    from ipcity.matching.concordance import load_concordance
    from ipcity.transfer import selectors

    settings.DATA_DIR = tmp_path
    need = services.need_create(user=transfer_world.office_a, data=need_input())
    number, title, abstract, ipc, holder = PATENTS[0]
    patent = {"pub_number": number, "title": title, "abstract": abstract, "ipc": ipc, "applicants": holder,
              "region_code": "340700"}
    [(found, plain_score, why)] = selectors.needs_for_patent(transfer_world.office_a, patent)
    assert found == need and [p["prior"] for p in why.priors] == ["region"]
    table = tmp_path / "concordance.csv"
    table.write_text("industry_code,industry_name,ipc_patterns\n3985,电子专用材料制造,C25D1*\n", encoding="utf-8")
    load_concordance(table, tmp_path)
    [(found, score, why)] = selectors.needs_for_patent(transfer_world.office_a, patent)
    assert found == need and "ipc" in [p["prior"] for p in why.priors] and why.shared_ipc_groups == ["C25D1"]
    assert score > plain_score
