"""The upload form's 格式 list follows the 记录类型: the kind's select asks ``datasets:formats`` for
the chosen kind's formats (HTMX, on load and on change) and swaps the format select alone; without
JavaScript the page's list holds every kind's formats and the server refuses a format of another
kind, naming the kind."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from ipcity.datasets.forms import format_choices
from ipcity.datasets.models import DatasetImport, Kind
from tests.web.datasets import test_upload as base
from tests.web.datasets.test_upload import _upload

world = base.world  # the fixture: two cities' offices, a leader, a reporter, the site admin

SELECT = re.compile(r'<select name="export_format"[^>]*>.*?</select>', re.S)


def _values(html: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)"', html)


def _groups(html: str) -> list[str]:
    return re.findall(r'<optgroup label="([^"]*)"', html)


def _kind_formats(kind: str) -> list[str]:
    return [str(value) for _group, choices in format_choices(kind)[1:] for value, _label in choices]


def test_the_fragment_lists_auto_and_the_chosen_kinds_formats_only(world):
    office = world.clients["office_a"]
    for kind in Kind.values:
        response = office.get(reverse("datasets:formats"), {"kind": kind})
        html = response.content.decode()
        assert response.status_code == 200 and SELECT.fullmatch(html.strip()), html[:200]
        assert _groups(html) == [str(Kind(kind).label)]
        assert _values(html) == ["auto", *_kind_formats(kind)] and len(_values(html)) >= 3
    trademark = office.get(reverse("datasets:formats"), {"kind": "trademark"}).content.decode()
    assert "incopat" not in _values(trademark) and "qcc_trademark" in _values(trademark)
    patent = office.get(reverse("datasets:formats"), {"kind": "patent"}).content.decode()
    assert "incopat" in _values(patent) and "qcc_trademark" not in _values(patent)


def test_the_swapped_select_keeps_its_id_name_and_description_and_triggers_nothing(world):
    html = world.clients["office_a"].get(reverse("datasets:formats"), {"kind": "pledge"}).content.decode()
    tag = re.match(r"<select[^>]*>", html.strip()).group(0)
    assert 'id="id_export_format"' in tag and 'name="export_format"' in tag
    assert 'aria-describedby="id_export_format_helptext"' in tag  # the help text below the select
    assert "hx-" not in html  # the kind's select asks; the swapped select must not ask again on load


def test_the_chosen_format_is_kept_when_the_new_kind_has_it_and_reset_otherwise(world):
    office = world.clients["office_a"]
    url = reverse("datasets:formats")
    kept = office.get(url, {"kind": "licence", "export_format": "canonical"}).content.decode()
    assert re.search(r'<option value="canonical" selected', kept)
    reset = office.get(url, {"kind": "trademark", "export_format": "incopat"}).content.decode()
    assert re.search(r'<option value="auto" selected>', reset) and "incopat" not in reset


def test_an_unknown_kind_gets_every_kinds_list(world):
    html = world.clients["office_a"].get(reverse("datasets:formats"), {"kind": "nonsense"}).content.decode()
    assert _groups(html) == [str(label) for label in Kind.labels]


def test_the_fragment_speaks_the_pages_language(world):
    office = world.clients["office_a"]
    with translation.override("en"):
        english_group = str(Kind.TRADEMARK.label)
    html = office.get(reverse("datasets:formats"), {"kind": "trademark"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert english_group != "商标" and _groups(html) == [english_group]
    assert re.search(r'<option value="auto"[^>]*>Auto-detect|<option value="auto"[^>]*>[A-Za-z]', html), html[:300]


def test_leaders_and_reporters_may_not_ask(world):
    for name in ("leader_a", "reporter"):
        assert world.clients[name].get(reverse("datasets:formats"), {"kind": "patent"}).status_code == 403


def test_the_page_wires_the_kind_to_the_format_select_and_lists_every_kind_without_javascript(world):
    html = world.clients["office_a"].get(reverse("datasets:list")).content.decode()
    kind = re.search(r'<select name="kind"[^>]*>', html).group(0)
    assert f'hx-get="{reverse("datasets:formats")}"' in kind and 'hx-trigger="load, change"' in kind
    assert 'hx-target="#id_export_format"' in kind and 'hx-swap="outerHTML"' in kind
    assert 'hx-include="#id_export_format"' in kind and 'aria-controls="id_export_format"' in kind
    # the format select keeps its label; the page's own list (no JavaScript) has every kind's group
    assert '<label for="id_export_format">' in html
    assert _groups(SELECT.search(html).group(0)) == [str(label) for label in Kind.labels]
    assert 'id="id_export_format_helptext"' in html


def test_a_format_of_another_kind_is_refused_naming_the_kind_and_left_as_sent(world, settings):
    office = world.clients["office_a"]
    response = _upload(office, "a.csv", b"a,b\n", "mixed", kind="patent", fmt="qcc_trademark")
    html = response.content.decode()
    assert response.status_code == 400 and "格式 qcc_trademark 不适用于专利记录" in html
    assert not DatasetImport.objects.exists()
    # the refused choice, its aria-invalid mark and the message stay: no swap when the page loads
    kind = re.search(r'<select name="kind"[^>]*>', html).group(0)
    assert 'hx-trigger="change"' in kind
    select = SELECT.search(html).group(0)
    assert 'aria-invalid="true"' in select and re.search(r'<option value="qcc_trademark" selected', select)
    # another field's refusal keeps the load swap (the format sent is kept by the fragment)
    response = _upload(office, "a.pdf", b"%PDF-1.4\n", "mixed", kind="trademark", fmt="qcc_trademark")
    assert response.status_code == 400 and 'hx-trigger="load, change"' in response.content.decode()


def test_a_format_of_the_chosen_kind_is_accepted(world):
    response = _upload(world.clients["office_a"], "tm.csv", base.TRADEMARKS.encode(), "marks", kind="trademark",
                       fmt="cnipa_trademark")
    job = DatasetImport.objects.get()
    assert response.status_code == 302 and job.export_format == "cnipa_trademark" and job.status == "done", job.error
