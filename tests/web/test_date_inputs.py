"""Every date field of every form is the browser's date picker with an ISO value in each language.

zh-hans's first date input format writes 2026/12/06, which an ``<input type="date">`` drops: the
field showed empty and a form's initial date ("today") was lost. One widget
(``ipcity.core.widgets.DateInput``) fixes it; this test walks every form class so that a new date
field cannot bring the bug back.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src"


def _date_fields() -> list[tuple[str, str, forms.Field]]:
    found = []
    for path in sorted((SRC / "ipcity").rglob("forms*.py")):
        module = importlib.import_module(".".join(path.relative_to(SRC).with_suffix("").parts))
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module.__name__:
                for field_name, field in form.base_fields.items():
                    if isinstance(field, forms.DateField):
                        found.append((f"{module.__name__}.{name}", field_name, field))
    return found


def test_the_walk_finds_the_date_fields():
    names = {f"{form}.{field}" for form, field, _ in _date_fields()}
    assert {"ipcity.programs.importing.forms.ProgramFieldsForm.issued_on", "ipcity.protection.forms.RegisterForm.received_on",
            "ipcity.supervision.forms.RoundForm.due", "ipcity.transfer.forms.StageForm.contract_date"} <= names


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_date_field_renders_an_iso_date(language):
    with translation.override(language):
        for form, field_name, field in _date_fields():
            html = field.widget.render(field_name, dt.date(2026, 12, 6))
            assert 'type="date"' in html and 'value="2026-12-06"' in html, (form, field_name, html)
