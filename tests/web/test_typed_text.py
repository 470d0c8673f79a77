"""The one rule for typed free text (``core.typed_text``), on the characters a hostile client sends."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ipcity.core.typed_text import typed_text


@pytest.mark.parametrize("bad", ["a\x00b", "a\x1bb", "a\x7fb", "a\x85b", "a\x9bb", "a\ud800b"])
def test_controls_and_lone_surrogates_are_refused(bad):
    # C0, DEL and C1 controls; a lone surrogate half (JSON "\ud800"), which SQLite's UTF-8 encoder
    # turned into a server error
    with pytest.raises(ValidationError) as caught:
        typed_text(bad, label="总结", limit=100)
    assert "总结含有控制字符" in caught.value.messages[0]


def test_tabs_line_breaks_and_chinese_pass_and_bidi_controls_go():
    assert typed_text(" 第一行\n第二行\t完\r\n", label="总结", limit=100) == "第一行\n第二行\t完"
    assert typed_text("甲\u202e乙", label="总结", limit=100) == "甲乙"
    assert typed_text(None, label="总结", limit=100) == ""
