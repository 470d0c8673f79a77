"""django-ninja's 422 for malformed input speaks the user's language: Chinese first, English from the catalogue.

Two endpoints: a JSON body (POST of an indicator's value) and a query parameter (GET of a programme's
verdicts). The status stays 422, each error keeps pydantic's ``type`` and ``loc``; ``msg`` is the catalogued
message in the client's language, never pydantic's English ("Field required").
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.utils import translation

from ipcity.monitoring.models import IndicatorActual
from ipcity.web.api_validation import MESSAGES
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db

PYDANTIC_ENGLISH = ("Field required", "Input should be", "String should have")


def _in(language: str, msgid: str, **context) -> str:
    with translation.override(language):
        return str(MESSAGES[msgid]) % context


def _errors(response) -> dict[tuple, tuple[str, str]]:
    assert response.status_code == 422, response.content
    return {tuple(e["loc"]): (e["type"], e["msg"]) for e in response.json()["detail"]}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_malformed_body_is_422_in_the_users_language(client, world, language, english_catalogue):  # noqa: F811
    client.force_login(world.office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = {"year": "2024", "source": "统" * 256}  # year a string (strict), value missing, source over 255
    response = client.post(f"/api/monitoring/indicators/{world.indicators['high_value'].pk}/actuals",
                           data=json.dumps(body), content_type="application/json")
    errors = _errors(response)
    assert errors == {
        ("body", "payload", "year"): ("int_type", _in(language, "int_type")),
        ("body", "payload", "value"): ("missing", _in(language, "missing")),
        ("body", "payload", "source"): ("string_too_long", _in(language, "string_too_long", max_length=255)),
    }
    assert not any(english in msg for _type, msg in errors.values() for english in PYDANTIC_ENGLISH)
    assert IndicatorActual.objects.count() == 0


def test_chinese_messages_are_the_chinese_words(client, world):
    client.force_login(world.office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.post(f"/api/monitoring/indicators/{world.indicators['high_value'].pk}/actuals",
                           data=json.dumps({"year": 2024, "source": "x" * 300}), content_type="application/json")
    assert _errors(response) == {("body", "payload", "value"): ("missing", "必填项，不能缺少"),
                                 ("body", "payload", "source"): ("string_too_long", "至多 255 个字符")}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_malformed_query_is_422_in_the_users_language(client, world, language, english_catalogue):  # noqa: F811
    client.force_login(world.office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/api/monitoring/programs/{world.program.pk}/verdicts", {"year": "二〇二五"})
    assert _errors(response) == {("query", "year"): ("int_parsing", _in(language, "int_parsing"))}
    assert _errors(response)[("query", "year")][1] == {"zh-hans": "应为整数", "en": "Must be a whole number"}[language]


def test_unknown_types_get_the_generic_message_and_our_validators_keep_theirs():
    from ipcity.web.api_validation import localised_errors

    with translation.override("zh-hans"):
        errors = localised_errors([
            {"type": "uuid_parsing", "loc": ("query", "id"), "msg": "Input should be a valid UUID"},
            {"type": "value_error", "loc": ("body", "payload", "year"), "msg": "Value error, 年份超出规划期",
             "ctx": {"error": ValueError("年份超出规划期")}},
            {"type": "greater_than_equal", "loc": ("query", "page"), "msg": "…", "ctx": {"ge": 1}},
            {"type": "less_than_equal", "loc": ("query", "size"), "msg": "…", "ctx": {}},  # ctx lacks le
        ])
    assert [e["msg"] for e in errors] == ["输入无效", "年份超出规划期", "应不小于 1", "输入无效"]
    assert errors[0] == {"type": "uuid_parsing", "loc": ["query", "id"], "msg": "输入无效"}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_body_that_is_not_json_is_refused_in_the_users_language(client, world, language, english_catalogue):  # noqa: F811
    client.force_login(world.office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(f"/api/monitoring/indicators/{world.indicators['high_value'].pk}/actuals",
                           data="{bad json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == {"zh-hans": "请求体不是有效的 JSON", "en": "The request body is not valid JSON"}[language]
    assert IndicatorActual.objects.count() == 0
