"""A file's rows that failed their checks, every one named: the one shape of the row importers' errors.

An importer checks every row before it writes anything and then refuses the file with all the
problems at once: ``RowProblems.problems`` lists (row number, Chinese message), row 0 meaning the
file as a whole. ``row_message`` writes one as the pages show it, 「第 N 行：…」. Django-free, below
the libraries, so ``ipcity.matching`` (needs files) and the apps (``ipcity.transfer``'s needs and
declarations) share it; an app passes its translated template and wraps the problems in a Django
``ValidationError`` for its views (``core.import_errors.RowsImportError``).
"""

from __future__ import annotations

from collections.abc import Iterable

ROW_TEMPLATE = "第 %(row)s 行：%(msg)s"


def row_message(row: int, msg: str, template: str = ROW_TEMPLATE) -> str:
    """「第 7 行：…」; a problem of the whole file (row 0) or a message that already names its row
    (the library's) stays as it is."""
    if not row or msg.startswith("第"):
        return msg
    return template % {"row": row, "msg": msg}


class RowProblems(ValueError):
    """Rows that failed: ``problems`` is a list of (row number, Chinese message), row 0 for the file;
    its text (the command line's) names each row, 「第 N 行：…」."""

    def __init__(self, problems: Iterable[tuple[int, str]]) -> None:
        self.problems: list[tuple[int, str]] = list(problems)
        super().__init__("；".join(row_message(row, msg) for row, msg in self.problems))
