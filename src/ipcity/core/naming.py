"""How unit names are compared: the same unit is one record whoever wrote its name."""

from __future__ import annotations

import re

from ipcity.text import fold_width

_BRACKETS = str.maketrans({"（": "(", "）": ")", "〔": "(", "〕": ")", "〈": "<", "〉": ">", "【": "[", "】": "]"})
_SPACE = re.compile(r"\s+")


def normalise_unit_name(name: str) -> str:
    """Fold widths and brackets, drop white space: the key under which aliases are matched."""
    text = fold_width(name).translate(_BRACKETS)
    return _SPACE.sub("", text)
