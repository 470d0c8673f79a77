"""The search boxes' one matching rule, the same on SQLite and PostgreSQL.

A row matches when its text, folded by :func:`ipcity.text.search_fold` (NFKC width folding, then
lower case), contains the query folded the same way: ``tcl`` finds ``ＴＣＬ科技``, ``2025`` finds
``２０２５年``, ``(`` finds ``（``, and upper and lower case meet. Django's ``icontains`` did not give
that: PostgreSQL's ``UPPER`` folds Unicode case but not width, SQLite's ``LIKE`` folds ASCII case
only, so the two databases found different rows and neither found a half-width query in
full-width text.

The folding runs in the database, so limits, ordering and pagination stay in SQL:

- PostgreSQL: ``lower(normalize(x, NFKC))`` (PostgreSQL 13+, a UTF-8 database, which
  ``docs/deploy.md`` requires).
- SQLite: the same Python function, registered on every connection (``connection_created``) as a
  deterministic SQL function.

For full-width ASCII, the ideographic space, full-width brackets and Latin letters both give the
result of :func:`~ipcity.text.search_fold` (tests/web/test_search_fold.py compares them on each
database). The query's ``%`` and ``_`` stay literal: the ``contains`` lookup escapes them.

Performance: a folded ``LIKE '%…%'`` reads every row of the filtered set, as ``icontains`` already
did (a leading wildcard uses no B-tree index on either database); the folding adds a function call
per row. The search boxes filter by programme, region or user first and cap their results. A
table searched at scale keeps the folded text in a column of its own instead (``folded_text``,
``stored_folded_contains``; the case ledger), and the search is a plain ``LIKE``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import F, Q, TextField, Value
from django.db.models.expressions import Func
from django.db.models.functions import Concat
from django.db.models.lookups import Contains

from ipcity.text import search_fold

SQLITE_FUNCTION = "ipcity_search_fold"


class Folded(Func):
    """A text expression folded by the search rule (see the module docstring)."""

    function = SQLITE_FUNCTION
    arity = 1
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="lower(normalize(%(expressions)s, NFKC))",
                           **extra_context)


def folded_contains(field: str, query: str) -> Q:
    """Rows whose ``field`` holds ``query``, both folded (``%`` and ``_`` typed are literal)."""
    return Q(Contains(Folded(F(field)), search_fold(query)))


# Between the fields of a several-field search: a control character, so no typed query holds it
# (removed from the query below) and no match runs from one field into the next; NFKC leaves it,
# and it blocks composition across the join.
_FIELD_SEPARATOR = "\x1f"


def folded_contains_any(fields: Sequence[str], query: str) -> Q:
    """Rows where any of ``fields`` holds ``query``, as :func:`folded_contains` for each, folded
    once per row over the fields joined: on SQLite the fold is a Python call per row and value, so
    the case ledger's three fields at 100,000 cases cost three times the one call (measured in
    benchmarks/protection_pages.py, ``ledger_search``)."""
    parts: list[Any] = []
    for name in fields:
        parts += [F(name), Value(_FIELD_SEPARATOR)]
    joined = Concat(*parts[:-1], output_field=TextField()) if len(fields) > 1 else F(fields[0])
    return Q(Contains(Folded(joined), search_fold(query).replace(_FIELD_SEPARATOR, "")))


def folded_text(*values: str | None) -> str:
    """The stored form of a row's searched fields: each folded, joined by the separator (a
    column kept beside them, for a table large enough that folding every row at each search
    costs; see :func:`stored_folded_contains`)."""
    return _FIELD_SEPARATOR.join(search_fold(value or "") for value in values)


def stored_folded_contains(field: str, query: str) -> Q:
    """Rows whose stored :func:`folded_text` column ``field`` holds ``query`` folded: the same
    rows as :func:`folded_contains_any` over the fields it was made from, at a plain ``LIKE``'s
    cost (the case ledger at 100,000 cases: benchmarks/protection_pages.py). Both sides are
    already lower case, so the database's own case rule never comes into play."""
    return Q(**{f"{field}__contains": search_fold(query).replace(_FIELD_SEPARATOR, "")})


def _sqlite_fold(value: str | None) -> str | None:
    return None if value is None else search_fold(value)


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give a new SQLite connection the folding function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, _sqlite_fold, deterministic=True)


def connect_signals() -> None:
    connection_created.connect(register_sqlite_function, dispatch_uid="ipcity.core.search")
