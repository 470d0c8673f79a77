"""A refused choice (``?status=`` of the programme list, a ``Literal``) lists the allowed values in
the client's language (api34, 2026-12): pydantic joins them in English, and the Chinese message
read 应为以下之一：'', 'archived' or 'all'."""

from __future__ import annotations

import pytest

from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("english_catalogue")
@pytest.mark.parametrize(("language", "message"), [
    ("zh-hans", "应为以下之一：''、'archived'、'all'"),
    ("en", "Must be one of: '', 'archived', 'all'"),
])
def test_a_refused_choice_lists_the_allowed_ones_in_the_clients_language(client, world, language, message):
    client.force_login(world.office)
    response = client.get("/api/programs?status=ARCHIVED", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 422
    assert response.json()["detail"] == [{"type": "literal_error", "loc": ["query", "status"], "msg": message}]
