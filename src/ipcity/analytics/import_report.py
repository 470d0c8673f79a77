"""What one import did, for patents and every other record kind: one report type.

``importer.import_file`` (patents) and ``record_import.import_records`` (trademarks, pledges,
licences, copyright) both fill an ``ImportReport``; its ``manifest`` is the dataset manifest's
import part. The two manifests keep the shapes they always had: a patent manifest has no
``collapsed`` (patent rows are never joined) and its keys in the patent importer's order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ipcity.analytics import readers

MAX_REJECTS_KEPT = 1_000  # in the manifest; the count is always complete
PATENT = "patent"


@dataclass
class ImportReport:
    dataset: str
    format: str
    kind: str = PATENT
    rows_read: int = 0
    rows_imported: int = 0
    duplicates_dropped: int = 0
    collapsed: int = 0  # rows joined into their registration (pledge and licence registers)
    rejected_count: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)
    columns: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def reject(self, line: int, reason: str) -> None:
        """Count a rejected row; the first ``MAX_REJECTS_KEPT`` are kept with line and reason."""
        self.rejected_count += 1
        if len(self.rejected) < MAX_REJECTS_KEPT:
            self.rejected.append({"line": line, "reason": reason})

    def manifest(self, source: readers.Source, header_line: int, duplicate_rule: str) -> dict[str, Any]:
        """The import's part of the dataset manifest."""
        head = {
            "source": {"file": source.path.name, "path": str(source.path.resolve()), "bytes": source.size,
                       "type": source.kind, "encoding": source.encoding, "delimiter": source.delimiter,
                       "header_line": header_line},
            "format": self.format,
            "columns": self.columns,
            "rows_read": self.rows_read,
        }
        rejected = {"rejected_count": self.rejected_count, "rejected": self.rejected, "notes": dict(self.notes)}
        if self.kind == PATENT:
            # The rows placed by address are counted since 2026-12-06 (an absent note means 0 only in
            # a manifest that says so; an older import's address count is unknown, not 0).
            body = {"duplicates_dropped": self.duplicates_dropped, **rejected, "duplicate_rule": duplicate_rule,
                    "attribution_counted": True}
        else:
            body = {"collapsed": self.collapsed, "duplicates_dropped": self.duplicates_dropped,
                    "duplicate_rule": duplicate_rule, **rejected}
        return {**head, **body, "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}

    def as_dict(self) -> dict[str, Any]:
        """What ``ipcity records import --json`` prints."""
        return {"dataset": self.dataset, "kind": self.kind, "format": self.format, "rows_read": self.rows_read,
                "rows_imported": self.rows_imported, "collapsed": self.collapsed,
                "duplicates_dropped": self.duplicates_dropped, "rejected_count": self.rejected_count,
                "rejected": self.rejected, "notes": dict(self.notes), "columns": self.columns}
