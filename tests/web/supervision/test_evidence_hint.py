"""The evidence upload names every kind it accepts, in the page's language (field test
2026-12-06: the hint left out OFD, which is accepted, and the English refusal listed the kinds
as “PDF、Word（.docx）、OFD…”)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from ipcity.core.uploads import accepted_label
from ipcity.supervision.uploads import ACCEPTED
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db


def test_the_hint_beside_the_upload_names_every_accepted_kind(world, report0):
    client = Client()
    client.force_login(world.users["reporter"])
    page = client.get(f"/supervision/report/{report0.id}/").content.decode()
    hint = page[page.index('name="file"'):]
    hint = hint[: hint.index("</form>")]
    for word in ("PDF", "Word（.docx）", "OFD", "Excel（.xlsx）", "PNG", "JPEG"):
        assert word in hint, word


def test_the_list_of_kinds_uses_english_marks_in_english(english_catalogue):  # noqa: F811
    with translation.override("en"):
        label = accepted_label(ACCEPTED)
    assert "、" not in label and "（" not in label, label
    assert label.startswith("PDF, Word (.docx), OFD, Excel (.xlsx)"), label
    with translation.override("zh-hans"):
        assert accepted_label(ACCEPTED).startswith("PDF、Word（.docx）、OFD、Excel（.xlsx）")
