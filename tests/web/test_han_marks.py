"""The template filters that mark Chinese (``reworded``, ``quoted_zh``) use the one shared test
(``ipcity.text.has_han``): a rarer character (Extension A, a compatibility ideograph) is Chinese,
CJK punctuation alone is not."""

from __future__ import annotations

from django.utils import translation

from ipcity.core.templatetags.notices import reworded
from ipcity.core.templatetags.zh_data import quoted_zh


def test_reworded_marks_a_message_holding_any_han_character():
    with translation.override("en"):
        assert reworded("䶮") == '<span lang="zh">䶮</span>'
        assert reworded("no rows <here>") == "no rows &lt;here&gt;"
        assert reworded("“，。”") == "“，。”"


def test_quoted_zh_marks_a_quotation_of_rarer_characters_only():
    assert quoted_zh("Task “﨑 a” and “b，c”") == 'Task “<span lang="zh">﨑 a</span>” and “b，c”'
    assert quoted_zh("任务「三/（一）」") == '任务「<span lang="zh">三/（一）</span>」'
