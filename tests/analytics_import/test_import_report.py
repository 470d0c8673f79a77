"""One report type for every import: the manifests keep the shapes they had before the merge."""

from __future__ import annotations

from ipcity.analytics import readers
from ipcity.analytics.import_report import MAX_REJECTS_KEPT, ImportReport

PATENT_KEYS = ["source", "format", "columns", "rows_read", "duplicates_dropped", "rejected_count", "rejected",
               "notes", "duplicate_rule", "attribution_counted", "imported_at"]
RECORD_KEYS = ["source", "format", "columns", "rows_read", "collapsed", "duplicates_dropped", "duplicate_rule",
               "rejected_count", "rejected", "notes", "imported_at"]


def _source(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    return readers.inspect(path)


def test_patent_and_record_manifests_keep_their_keys(tmp_path):
    patent = ImportReport("d", "cnipa", rows_read=3, duplicates_dropped=1)
    manifest = patent.manifest(_source(tmp_path), 1, "rule")
    assert list(manifest) == PATENT_KEYS
    assert (manifest["rows_read"], manifest["duplicates_dropped"], manifest["duplicate_rule"]) == (3, 1, "rule")
    assert manifest["source"]["header_line"] == 1 and manifest["source"]["delimiter"] == ","
    trademark = ImportReport("d", "cnipa_trademark", kind="trademark", collapsed=2)
    assert list(trademark.manifest(_source(tmp_path), 2, "rule")) == RECORD_KEYS
    assert trademark.as_dict()["kind"] == "trademark" and trademark.as_dict()["collapsed"] == 2


def test_rejections_are_all_counted_and_the_first_thousand_kept():
    report = ImportReport("d", "cnipa")
    for line in range(2, MAX_REJECTS_KEPT + 7):
        report.reject(line, "bad")
    assert report.rejected_count == MAX_REJECTS_KEPT + 5
    assert len(report.rejected) == MAX_REJECTS_KEPT
    assert report.rejected[0] == {"line": 2, "reason": "bad"} and report.rejected[-1]["line"] == MAX_REJECTS_KEPT + 1
