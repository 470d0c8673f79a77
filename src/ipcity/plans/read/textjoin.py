"""Join text fragments the way Chinese text is written: no space next to a CJK character."""

from __future__ import annotations

import re

_CJK = r"\u2010-\u2027\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \u00a0]+(?=[{_CJK}])")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_CHAR.match(ch))


def join_fragments(left: str, right: str) -> str:
    """``left`` + ``right`` with a space only between two non-CJK characters (English words)."""
    if not left:
        return right
    if not right:
        return left
    if is_cjk(left[-1]) or is_cjk(right[0]) or left[-1] == "-":
        return left + right
    return left + " " + right


def join_wrapped(text: str) -> str:
    """A cell or paragraph that wrapped over several lines, as one line."""
    out = ""
    for part in text.split("\n"):
        out = join_fragments(out, part.strip())
    return out


def drop_spaces_between_cjk(text: str) -> str:
    """Spaces a PDF's character spacing (justified text) put between two Chinese characters."""
    return _SPACE_BETWEEN_CJK.sub("", text)
