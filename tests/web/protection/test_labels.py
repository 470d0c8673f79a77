"""protection.labels repeats casework's Chinese labels as gettext msgids: the keys and the Chinese
text must stay exactly the library's (a drift fails here), and the helpers read them."""

from __future__ import annotations

import pytest
from django.utils import translation

from ipcity.casework import kpis, workflow
from ipcity.protection import labels
from ipcity.protection.models import Case, CaseEvent, CaseParty
from ipcity.protection.selectors.kpis import SCOPE_LABELS

LIBRARY = {
    "CASE_TYPES": workflow.CASE_TYPES,
    "CHANNELS": workflow.CHANNELS,
    "IP_KINDS": workflow.IP_KINDS,
    "STATUSES": workflow.STATUSES,
    "RESULTS": workflow.RESULTS,
    "PARTY_ROLES": workflow.PARTY_ROLES,
    "PARTY_KINDS": workflow.PARTY_KINDS,
    "EVENT_STEPS": workflow.EVENT_STEPS,
    "DIMENSIONS": kpis.DIMENSIONS,
    "MEASURES": kpis.MEASURES,
    "KPI_LABELS": kpis.KPI_LABELS,
    "KPI_DEFINITIONS": kpis.DEFINITIONS,
    "SCOPES": SCOPE_LABELS,
}


def _msgids(vocabulary: dict) -> dict[str, str]:
    with translation.override(None):  # no catalogue: a lazy label evaluates to its msgid
        return {code: str(text) for code, text in vocabulary.items()}


def test_every_library_vocabulary_has_labels_and_nothing_else():
    assert set(labels.VOCABULARIES) == set(LIBRARY)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_labels_have_the_library_keys_in_its_order_and_its_exact_chinese(name):
    ours = labels.VOCABULARIES[name]
    assert list(ours) == list(LIBRARY[name])
    assert _msgids(ours) == LIBRARY[name]


def test_label_helper_falls_back_to_the_code_and_blank():
    with translation.override(None):
        assert str(labels.label("STATUSES", "accepted")) == "已受理"
        assert str(labels.label("RESULTS", "old_code")) == "old_code"
        assert labels.label("RESULTS", None) == ""
        assert [str(t) for _, t in labels.choices("PARTY_ROLES")] == ["请求人", "被请求人"]


def test_statistics_row_labels_match_the_library_table():
    rows = kpis.monthly_table([], 2024)
    with translation.override(None):
        assert [str(labels.statistics_row_label(r.dimension, r.code)) for r in rows] == [r.label_zh for r in rows]
        assert str(labels.statistics_row_label("result", "unknown")) == "未填写"


def test_model_choices_display_through_the_labels():
    case = Case(status="accepted", channel="visit", ip_kind="gi", result="mediated")
    with translation.override(None):
        assert case.get_status_display() == "已受理"
        assert case.get_result_display() == "调解成功"
        assert CaseParty(role="respondent", kind="organisation").get_kind_display() == "机构"
        assert CaseEvent(step="suspend").get_step_display() == "中止"
    assert labels.STATUSES["accepted"] in [text for code, text in Case._meta.get_field("status").choices]
