"""The importers' one "problems by row" shape: the library error and the apps' ValidationError."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ipcity.core.api_schemas import input_schema
from ipcity.core.import_errors import RowsImportError
from ipcity.matching.needs import NeedsFileError
from ipcity.row_problems import RowProblems, row_message
from ipcity.transfer.declaration_rows import DeclarationRowsError
from ipcity.transfer.services import DeclarationInput, DeclarationsImportError, NeedInput, NeedsImportError


def test_a_row_message_names_its_row_once():
    assert row_message(7, "缺少需求描述") == "第 7 行：缺少需求描述"
    assert row_message(0, "文件为空") == "文件为空"  # the file as a whole
    assert row_message(3, "第 3 行：缺少需求描述") == "第 3 行：缺少需求描述"  # the library named it


def test_the_readers_errors_share_one_shape():
    for error in (NeedsFileError, DeclarationRowsError):
        exc = error([(3, "第 3 行：缺少需求描述"), (0, "文件为空")])
        assert isinstance(exc, RowProblems) and isinstance(exc, ValueError)
        assert exc.problems == [(3, "第 3 行：缺少需求描述"), (0, "文件为空")]
        assert str(exc) == "第 3 行：缺少需求描述；文件为空"


@pytest.mark.parametrize("error", [RowsImportError, NeedsImportError, DeclarationsImportError])
def test_the_apps_errors_show_each_row_in_chinese(settings, error):
    settings.LANGUAGE_CODE = "zh-hans"
    exc = error([(4, "无法识别的地区：火星市"), (0, "文件中没有需求")])
    assert exc.problems == [(4, "无法识别的地区：火星市"), (0, "文件中没有需求")]
    assert exc.messages == ["第 4 行：无法识别的地区：火星市", "文件中没有需求"]


def test_the_api_schemas_are_the_services_inputs():
    from ipcity.transfer.api import DeclarationIn, NeedIn

    for schema, dataclass in ((NeedIn, NeedInput), (DeclarationIn, DeclarationInput)):
        assert list(schema.model_fields) == [f.name for f in dataclasses.fields(dataclass)]
    assert NeedIn.model_fields["budget_wan"].default is None and NeedIn.model_fields["enterprise"].is_required()
    assert DeclarationIn.model_fields["declared_on"].is_required()  # stricter than the service: JSON must give it
    assert DeclarationIn(**{**_declaration(), "declared_on": "2025-03-04"}).declared_on == dt.date(2025, 3, 4)


def test_an_override_of_a_field_the_dataclass_lacks_is_refused():
    with pytest.raises(TypeError, match="declard_on"):
        input_schema(DeclarationInput, "Broken", declard_on=(dt.date, ...))


def _declaration() -> dict:
    return {"pub_number": "CN1", "title": "t", "patent_kind": "invention", "holder": "h", "region_code": "340700",
            "fee_type": "fixed"}
