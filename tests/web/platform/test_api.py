"""/api/programs and /api/programs/{id}: scoped by access, session or token auth, OpenAPI documented."""

from __future__ import annotations

import pytest

from ipcity.accounts import services
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db


def test_list_gives_id_title_region_period_and_counts(client, world):
    client.force_login(world.office)
    data = client.get("/api/programs").json()
    assert data == [{
        "id": world.tl_prog.pk, "title": world.tl_prog.title, "region": "铜陵市", "region_code": "340700",
        "period": {"start": 2022, "end": 2025}, "status": "active", "state": "ended",  # 2022–2025, after 2025
        "counts": {"indicators": 3, "tasks": 6, "departments": 3},
    }]


def test_detail_gives_indicators_targets_tasks_and_departments(client, world):
    client.force_login(world.leader)
    data = client.get(f"/api/programs/{world.tl_prog.pk}").json()
    first = data["indicators"][0]
    assert first["baseline"] == {"year": 2021, "value": 5.5}
    assert [(t["year"], t["value"], t["comparator"]) for t in first["targets"]] == [(2023, 7, ">="), (2024, 8, ">="), (2025, 9, ">=")]
    task = data["tasks"][0]
    assert task["ref"] == "三/（1）/1"
    assert [(d["department"], d["is_lead"]) for d in task["departments"]] == [("市市场监管局", True), ("市科技局", False)]
    assert task["targets"][0]["unit"] == "项"
    assert {d["name"]: (d["lead_tasks"], d["partner_tasks"]) for d in data["departments"]} == {
        "市市场监管局": (2, 2), "市科技局": (2, 2), "市财政局": (2, 2)}


def test_detail_of_an_invisible_programme_is_404(client, world):
    client.force_login(world.office)
    assert client.get(f"/api/programs/{world.bb_prog.pk}").status_code == 404


def test_a_404_of_the_api_says_so_in_the_users_language_and_gives_nothing_away(client, world,
                                                                                english_catalogue):  # noqa: F811
    """Walk 24: the API answered {"detail": "Not Found"} (and, with DEBUG, the access helper's
    message after it); a refusal reads in Chinese (English for an English client), the same for a
    programme hidden from the user and one that does not exist."""
    client.force_login(world.office)
    hidden, missing = client.get(f"/api/programs/{world.bb_prog.pk}"), client.get("/api/programs/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "记录不存在或无权查看"}
    client.cookies["django_language"] = "en"
    english = client.get("/api/programs/999999", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"detail": "Record not found, or you are not allowed to view it"}


def test_reporter_gets_its_own_work_only(client, world):
    client.force_login(world.reporter)
    assert [p["id"] for p in client.get("/api/programs").json()] == [world.tl_prog.pk]
    data = client.get(f"/api/programs/{world.tl_prog.pk}").json()
    assert len(data["tasks"]) == 4 and len(data["indicators"]) == 1
    assert [d["name"] for d in data["departments"]] == ["市市场监管局"]


def test_bearer_token_authenticates_and_a_revoked_one_does_not(client, world):
    token, secret = services.token_issue(user=world.office, name="报表系统")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert [p["id"] for p in client.get("/api/programs", **headers).json()] == [world.tl_prog.pk]
    services.token_revoke(user=world.office, token_id=token.pk)
    assert client.get("/api/programs", **headers).status_code == 401
    assert client.get("/api/programs", HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401


def test_openapi_documents_both_endpoints(client, world):
    client.force_login(world.office)
    schema = client.get("/api/openapi.json").json()
    assert "/api/programs" in schema["paths"] and "/api/programs/{program_id}" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_api_query_count_does_not_grow_with_programme_size(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.web.platform import factories as f

    big = f.program(world.tl, title="大项目", departments=[world.msa, world.sci, world.fin, world.edu],
                    n_indicators=20, n_tasks=30)
    client.force_login(world.office)
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/programs/{world.tl_prog.pk}").status_code == 200
    counts = []
    for pid in (world.tl_prog.pk, big.pk):
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/api/programs/{pid}")
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
