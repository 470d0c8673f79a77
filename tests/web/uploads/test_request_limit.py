"""ipcity.web.limits: an over-large body is refused on its Content-Length, before anything reads it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUGE = str(2 * 1024 * 1024 * 1024)  # 2 GB declared


class UnreadableBody:
    """A request body that fails the test if anyone reads it: the refusal must come from the header."""

    def read(self, *args, **kwargs):
        raise AssertionError("the request body was read")

    readline = read


def _post(client, path: str, length: str = HUGE, **extra):
    return client.generic("POST", path, b"", content_type="multipart/form-data; boundary=x",
                          CONTENT_LENGTH=length, **{"wsgi.input": UnreadableBody()}, **extra)


def test_browser_upload_gets_a_chinese_413_page(client):
    user = get_user_model().objects.create_user("office413", password="x-Secret-123")
    client.force_login(user)
    response = _post(client, reverse("monitoring:upload", args=[1]))
    assert response.status_code == 413
    html = response.content.decode()
    assert "文件过大" in html and "2048.0 MB" in html and "上限为 21 MB" in html


def test_anonymous_post_is_refused_before_login_or_csrf(client):
    response = _post(client, reverse("login"))
    assert response.status_code == 413 and "上限为 21 MB" in response.content.decode()


def test_api_gets_json(client):
    response = _post(client, "/api/monitoring/anything")
    assert response.status_code == 413 and response["Content-Type"].startswith("application/json")
    body = response.json()
    assert "上限为 21 MB" in body["detail"] and body["limit_bytes"] == 21 * 1024 * 1024


def test_the_limit_follows_the_upload_setting(client, settings):
    settings.IPCITY_MAX_UPLOAD_BYTES = 1024 * 1024
    assert _post(client, reverse("login"), length=str(3 * 1024 * 1024)).status_code == 413
    # Under the limit the request goes on (here to the login form, which answers normally).
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200 and "password" in response.content.decode()
