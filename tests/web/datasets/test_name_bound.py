"""A dataset's name has one bound, ``schema.DATASET_NAME_MAX_LENGTH``: the name check, the upload
form and every column that stores a name take it from there, so a name the check accepts always
fits where the apps keep it (PostgreSQL enforces ``max_length``; SQLite does not, so a shorter
column shows only there)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from ipcity.analytics.datasets import DatasetError, check_name
from ipcity.analytics.schema import DATASET_NAME_MAX_LENGTH
from ipcity.datasets.forms import UploadForm

# Every model field that stores a dataset's name (the navigation project's holds more: it predates
# the bound and is wider, which is safe).
NAME_COLUMNS = [("datasets", "DatasetImport", "dataset"), ("transfer", "Match", "dataset")]


def test_the_check_accepts_the_bound_and_refuses_one_more():
    assert check_name("a" * DATASET_NAME_MAX_LENGTH)
    with pytest.raises(DatasetError):
        check_name("a" * (DATASET_NAME_MAX_LENGTH + 1))


@pytest.mark.parametrize(("app", "model", "field"), NAME_COLUMNS)
def test_each_column_holds_the_longest_name(app, model, field):
    assert apps.get_model(app, model)._meta.get_field(field).max_length == DATASET_NAME_MAX_LENGTH


def test_the_navigation_projects_column_is_no_narrower():
    assert apps.get_model("navigation", "NavigationProject")._meta.get_field("dataset").max_length >= DATASET_NAME_MAX_LENGTH


@pytest.mark.parametrize(("language", "says"), [("zh-hans", f"不超过 {DATASET_NAME_MAX_LENGTH} 个字符"),
                                               ("en", f"at most {DATASET_NAME_MAX_LENGTH} characters")])
def test_the_upload_form_takes_the_longest_name_and_names_the_bound_when_refusing(language, says):
    upload = SimpleUploadedFile("p.csv", b"pub_number\nCN1A\n")
    with translation.override(language):
        longest = UploadForm(data={"dataset": "a" * DATASET_NAME_MAX_LENGTH, "kind": "patent"},
                                    files={"file": upload}, max_bytes=10_000)
        longest.is_valid()
        assert "dataset" not in longest.errors
        bad = UploadForm(data={"dataset": "-bad", "kind": "patent"}, files={"file": upload}, max_bytes=10_000)
        assert not bad.is_valid()
        assert any(says in message for message in bad.errors["dataset"])
