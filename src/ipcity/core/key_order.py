"""A stored JSON mapping read in the order its domain means, not the order the database kept.

SQLite keeps an object's keys as written; PostgreSQL's ``jsonb`` stores them shortest first, then
bytewise. A reader that shows or exports a mapping's keys in sequence puts them in a defined order
here (the lineage page, the plan export's evidence).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def by_sequence(mapping: dict[str, Any], sequence: Iterable[str]) -> dict[str, Any]:
    """``mapping`` with the keys of ``sequence`` first, in its order, then any other key in
    code-point order (so that both databases show an unforeseen key at the same place)."""
    rank = {key: i for i, key in enumerate(sequence)}
    return dict(sorted(mapping.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))
