"""The vocabularies, the status workflow and the default limits."""

from __future__ import annotations

import pytest

from ipcity.casework import workflow
from ipcity.casework.workflow import (
    CASE_TYPES,
    DEFAULT_LIMITS,
    STATUSES,
    TRANSITIONS,
    CaseLimits,
    WorkflowError,
    check_transition,
)


def test_contract_codes():
    assert list(CASE_TYPES) == ["consult", "complaint", "assistance", "mediation", "fast", "ruling"]
    assert set(workflow.CHANNELS) == {"hotline_12330", "visit", "letter", "website", "fair",
                                      "court_referral", "agency_referral"}
    assert set(workflow.IP_KINDS) == {"patent", "trademark", "copyright", "gi", "other"}
    assert set(STATUSES) == {"registered", "accepted", "rejected", "assigned", "referred", "closed",
                             "followed_up", "archived"}
    assert set(workflow.RESULTS) == {"mediated", "mediation_failed", "withdrawn", "transferred", "dismissed",
                                     "ruled", "assisted", "answered", "terminated"}
    assert set(workflow.PARTY_KINDS) == {"enterprise", "individual", "organisation"}
    assert set(workflow.PARTY_ROLES) == {"claimant", "respondent"}
    assert workflow.ENFORCEMENT_TYPES == {"complaint", "fast", "ruling"}
    assert workflow.ASSISTANCE_TYPES <= set(CASE_TYPES) and workflow.MEDIATION_RESULTS <= set(workflow.RESULTS)


def test_every_status_has_its_transitions_and_they_stay_in_the_vocabulary():
    assert set(TRANSITIONS) == set(STATUSES)
    for targets in TRANSITIONS.values():
        assert targets <= set(STATUSES)
    assert TRANSITIONS["archived"] == frozenset()


def _reachable(start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target in TRANSITIONS[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_every_status_can_be_reached_and_every_case_can_end_archived():
    assert _reachable("registered") == set(STATUSES)
    for status in STATUSES:
        assert "archived" in _reachable(status)


@pytest.mark.parametrize("path", [
    ["registered", "accepted", "assigned", "referred", "closed", "followed_up", "archived"],
    ["registered", "rejected", "archived"],
    ["registered", "closed", "archived"],  # a consultation answered at intake
    ["registered", "accepted", "assigned", "assigned", "closed"],  # re-assigned
])
def test_allowed_paths(path):
    for current, target in zip(path, path[1:], strict=False):
        check_transition(current, target)


@pytest.mark.parametrize("current,target,words", [
    ("archived", "closed", "“已归档”变为“已结案”"),
    ("rejected", "accepted", "“不予受理”变为“已受理”"),
    ("closed", "assigned", "“已结案”变为“已指派”"),
    ("referred", "accepted", "可变为：已结案"),
])
def test_refused_transitions_say_why_in_chinese(current, target, words):
    with pytest.raises(WorkflowError) as caught:
        check_transition(current, target)
    assert words in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_unknown_status_is_refused():
    with pytest.raises(WorkflowError, match="未知的案件状态：suspended"):
        check_transition("accepted", "suspended")
    with pytest.raises(WorkflowError, match="未知的案件状态"):
        check_transition("nowhere", "closed")


def test_default_limits():
    assert set(DEFAULT_LIMITS) == set(CASE_TYPES)
    assert all(limits.review == 5 and limits.referral_receipt == 15 for limits in DEFAULT_LIMITS.values())
    assert {code for code, limits in DEFAULT_LIMITS.items() if limits.statutory == 120} == {"mediation", "ruling"}
    assert {limits.statutory for limits in DEFAULT_LIMITS.values()} == {90, 120}
    assert CaseLimits() == CaseLimits(review=5, referral_receipt=15, statutory=90)
