"""Cell values of the canonical record's optional columns (docs/patent-import.md): inventors,
times cited, cited publications. Each parser is called once per distinct cell by the importer.

- ``inventors``: names in the order of the document, ``;``-joined. Exports separate them with
  ``；`` ``;`` ``，`` ``,`` ``|`` ``、`` or line breaks (Lens writes ``;;``). Width is folded (NFKC:
  full-width letters and punctuation to ASCII) and runs of spaces become one. A comma separates
  names only in a cell with Chinese text (Latin names are written ``FAMILY, GIVEN``); a
  full-width ``，`` always separates.
- ``cited_by_count``: a whole number ≥ 0 (``12``, ``12.0``, ``1,024``, ``12次``); anything else is
  an unreadable value that rejects the row, like any other unreadable cell.
- ``citations``: every publication number found in the cell (``CN101234567A``, Derwent's
  ``CN101234567-A``, ``US 2005/0123456 A1``, ``US 7,123,456 B2``), upper case without spaces or hyphens, ``|``-joined,
  no repeats. Text that holds no publication number (non-patent literature) is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ipcity.analytics.cell_values import clean
from ipcity.text import fold_width

_HAN = re.compile(r"[\u3400-\u9fff]")
_NAME_SEPARATORS = re.compile(r"[;；|｜、，\n\r]+")  # a full-width comma is never inside a name
_COMMA = re.compile(r",")
_SPACES = re.compile(r"\s+")
_COUNT = re.compile(r"(\d[\d,]*)(?:\.0+)?\s*(?:次|件|篇)?")
_DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3}\b)")  # US 7,123,456 B2
_PUBLICATION = re.compile(r"\b([A-Z]{2})\s*-?\s*(\d[\d/]{3,}\d)\s*-?\s*([A-Z]\d?)?(?![A-Z0-9])")


def split_inventors(value: Any, separator: str | None = None) -> str | None:
    """An inventors cell → ``name;name;…`` (order kept, repeats dropped), or None when empty.
    ``separator``: the one the export format always writes (formats.FormatSpec.list_separator).

    A cell listed with ``;;`` or ``|`` keeps a single ``;`` for inside a name (``Wrenninge; Carl``):
    it is written ``Wrenninge, Carl`` here, since ``;`` separates the names of the column."""
    text = clean(value)
    if text is None:
        return None
    listed = separator if separator is not None else next((s for s in (";;", "|", "｜") if s in text), None)
    if listed is not None:
        return _joined(part.replace(";", ",") for part in map(fold_width, text.split(listed)))
    parts = [fold_width(part) for part in _NAME_SEPARATORS.split(text)]
    if _HAN.search(text):
        parts = [piece for part in parts for piece in _COMMA.split(part)]
    return _joined(parts)


def _joined(parts: Iterable[str]) -> str | None:
    names = [_SPACES.sub(" ", part).strip() for part in parts]
    return ";".join(dict.fromkeys(n for n in names if n and clean(n))) or None


def parse_count(value: Any) -> int | None:
    """A times-cited cell → a whole number ≥ 0, None when empty; ``ValueError`` when unreadable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"unreadable count {value!r}")
        return value
    if isinstance(value, float):
        if value != value:  # NaN: an empty spreadsheet cell
            return None
        if value < 0 or not value.is_integer():
            raise ValueError(f"unreadable count {value!r}")
        return int(value)
    text = clean(value)
    if text is None:
        return None
    match = _COUNT.fullmatch(fold_width(text).strip())
    if not match:
        raise ValueError(f"unreadable count {text!r}")
    return int(match.group(1).replace(",", ""))


def parse_citations(value: Any) -> str | None:
    """A cited-patents cell → ``CN101234567A|US20050123456A1|…``, or None when it names none."""
    text = clean(value)
    if text is None:
        return None
    found = ("".join((m.group(1), m.group(2).replace("/", ""), m.group(3) or ""))
             for m in _PUBLICATION.finditer(_DIGIT_GROUPS.sub("", fold_width(text).upper())))
    return "|".join(dict.fromkeys(found)) or None
