"""The upload form's 格式 list speaks the page's language: the platform's own words (the canonical
columns, any known headers) are translated; a vendor's export keeps its own name, which is data and
is marked Chinese on an English page. Found by the empty-install field test (the list showed
"the canonical trademark record's columns (shared/spec/ip-records.md)" and "-style" on a Chinese page)."""

from __future__ import annotations

import re

from django.utils import translation

from ipcity.datasets.forms import FormatSelect, format_choices

CJK = re.compile(r"[\u4e00-\u9fff]")


def _options(language: str) -> dict[str, str]:
    with translation.override(language):
        return {value: str(label) for _group, choices in format_choices()[1:] for value, label in choices}


def test_no_developer_english_in_the_chinese_list():
    labels = _options("zh-hans").values()
    assert labels and not [label for label in labels if re.search(r"-style|columns|shared/spec|one row per", label)]


def test_the_platforms_own_formats_are_english_on_an_english_page():
    with translation.override("en"):
        groups = format_choices()
    generic = [str(label) for _group, choices in groups[1:] for value, label in choices
               if value == "canonical" or value.endswith("_columns")]
    assert len(generic) >= 5 and not [label for label in generic if CJK.search(label)]


def test_a_vendors_chinese_name_is_marked_as_chinese():
    select = FormatSelect(choices=format_choices())
    html = select.render("export_format", "auto")
    assert re.search(r'<option value="qcc_trademark" lang="zh">企查查等 商标列表</option>', html)


def test_a_name_of_rarer_characters_is_marked_too():
    # the shared test (ipcity.text.has_han): Extension A counts; an English label with CJK punctuation does not
    select = FormatSelect(choices=[("auto", "自动识别"), ("x", "㐂 export"), ("y", "generic（columns）")])
    html = select.render("export_format", "auto")
    assert '<option value="x" lang="zh">' in html and '<option value="y">' in html
    assert '<option value="auto" selected>' in html
