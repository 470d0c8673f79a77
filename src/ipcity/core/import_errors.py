"""An import refused row by row, as the apps' views and API show it.

``RowsImportError`` is a Django ``ValidationError`` (the upload views and ``core.api_errors`` show
its ``messages``: 「第 N 行：…」 in the reader's language) that also keeps the (row number, message)
pairs as ``problems``, the shape of ``ipcity.row_problems.RowProblems`` that the Django-free
readers (``matching.needs``, ``transfer.declaration_rows``) raise.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ipcity.row_problems import row_message


class RowsImportError(ValidationError):
    """Rows that failed: ``problems`` is a list of (row number, Chinese message), row 0 for the file."""

    def __init__(self, problems: Iterable[tuple[int, str]]) -> None:
        self.problems: list[tuple[int, str]] = list(problems)
        super().__init__([row_message(row, msg, _("第 %(row)s 行：%(msg)s")) for row, msg in self.problems])
