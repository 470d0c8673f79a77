"""A reporter's programme counts in the API are what the API lists for it (api34, 2026-12): the
detail listed the department's own indicators and tasks while ``counts`` gave the programme's
totals, and the list gave totals where the home page gives the department's own."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _answers(client, user, program_id: int) -> tuple[dict, dict]:
    client.force_login(user)
    listed = {p["id"]: p for p in client.get("/api/programs").json()}[program_id]
    detail = client.get(f"/api/programs/{program_id}").json()
    client.logout()
    return listed, detail


def test_a_reporters_counts_are_what_its_detail_lists(client, world):
    listed, detail = _answers(client, world.reporter, world.tl_prog.pk)
    own = {"indicators": len(detail["indicators"]), "tasks": len(detail["tasks"])}
    assert {k: detail["counts"][k] for k in own} == own
    assert {k: listed["counts"][k] for k in own} == own
    # The office's totals are larger: the reporter's are not the programme's.
    office_listed, office_detail = _answers(client, world.office, world.tl_prog.pk)
    assert office_detail["counts"]["indicators"] == len(office_detail["indicators"]) > own["indicators"]
    assert office_detail["counts"]["tasks"] == len(office_detail["tasks"]) > own["tasks"]
    assert office_listed["counts"] == office_detail["counts"]
    # The departments stay the programme's for both.
    assert detail["counts"]["departments"] == office_detail["counts"]["departments"]
