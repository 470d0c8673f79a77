"""``ipcity.notices.Notice``: Chinese text that keeps its template and values, worded again by the
web layer (``ipcity.core.notices``) in the page's language."""

from __future__ import annotations

import pytest

from ipcity.notices import Notice, gettext_noop, notice_of


def test_a_notice_is_its_chinese_text_and_keeps_what_wording_it_again_needs():
    name = Notice(gettext_noop("入门费"))
    problem = Notice(gettext_noop("%(name)s不能为负数"), name=name)
    assert problem == "入门费不能为负数" and isinstance(problem, str)
    assert problem.as_json() == {"text": "入门费不能为负数", "template": "%(name)s不能为负数",
                                 "values": {"name": {"text": "入门费", "template": "入门费", "values": {}}}}
    assert Notice("第 %(pages)s 页", pages=[3, 4]) == "第 3、4 页"  # a list: the enumeration comma


def test_an_errors_notice_survives_the_exception():
    notice = Notice("未知的地区代码：%(code)s", code="349999")
    assert notice_of(ValueError(notice)) is notice
    assert notice_of(ValueError("plain")) == "plain" and notice_of(ValueError("a", "b")) == "('a', 'b')"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Entry fee cannot be negative"), ("zh-hans", "入门费不能为负数")])
def test_the_web_layer_words_a_notice_its_stored_form_and_its_nested_values(settings, language, expected):
    from django.utils import translation

    from ipcity.core.notices import reworded

    problem = Notice("%(name)s不能为负数", name=Notice("入门费"))
    with translation.override(language):
        assert reworded(problem) == expected
        assert reworded(problem.as_json()) == expected  # as a JSON field keeps it
        assert reworded("以前存的文字") == "以前存的文字"  # stored before notices: as it was
        # a template whose values do not fit it (a stored row edited by hand) falls back to the text
        assert reworded({"text": "原文", "template": "%(missing)s", "values": {}}) == "原文"
