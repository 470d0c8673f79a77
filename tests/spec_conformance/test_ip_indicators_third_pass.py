"""ip-indicators.md v1.1, third (blind) pass: the readings of NOTES.md 33–36 where a second,
blind implementation met the code. Records and concordance rules are authored here."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ipcity.analytics.schema import CANONICAL_COLUMNS
from ipcity.cli.main import cli

from .patent_records import compute, patent, write_sei


def _import_canonical(tmp_path: Path, rows: list[dict], dataset: str) -> None:
    lines = [",".join(CANONICAL_COLUMNS)]
    for row in rows:
        lines.append(",".join("" if row[c] is None else str(row[c]).lower() if isinstance(row[c], bool)
                              else str(row[c]) for c in CANONICAL_COLUMNS))
    path = tmp_path / f"{dataset}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["patents", "import", str(path), "--dataset", dataset, "--format", "canonical"])
    assert result.exit_code == 0, result.output


def test_codes_and_blank_text_of_a_canonical_csv_are_normalised_on_import(tmp_path):
    """Canonical record: `office` and `first_applicant_country` are codes (`CN`); family offices and
    award count when "not empty" (NOTES 33: the import normalises, the figures take the record)."""
    rows = [
        patent(office="cn", first_applicant_country=" cn "),            # CN and domestic once trimmed
        patent(office="CN", family_granted_offices="   ", award="  "),  # blank: no criterion met
        patent(office="CN", family_granted_offices=" US "),             # overseas_family
    ]
    _import_canonical(tmp_path, rows, "codes")
    out = compute(tmp_path, "codes", "330100", 2020)
    assert out["invention_valid"] == 3
    assert out["high_value_by_criterion"]["overseas_family"] == 1
    assert out["high_value_by_criterion"]["award"] == 0
    assert out["high_value"] == 1


def test_a_name_derives_the_region_at_import_and_a_bare_parquet_row_without_one_is_reported(tmp_path):
    """Attribution: "where there is no address, from the region that begins the first patentee's
    enterprise name" (NOTES 34: done when the row becomes a canonical record)."""
    row = patent(region_code=None, first_applicant_address=None, applicants="铜陵某新材料股份有限公司")
    _import_canonical(tmp_path, [row], "named")
    assert compute(tmp_path, "named", "340700", 2020)["invention_valid"] == 1
    bare = compute(tmp_path, [dict(row)], "340700", 2020)
    assert bare["invention_valid"] == 0
    assert bare["unattributed"] == 1
    assert "unattributed" in {w["code"] for w in bare["warnings"]}


def test_keyword_terms_are_compared_as_written(tmp_path):
    """SEI `ipc_and_keyword`: a rule with keywords needs one of its terms in the title or abstract
    (NOTES 36: as written, so `rfid` is not the term `RFID`; a term may end the abstract)."""
    sei = write_sei(tmp_path, [("G06K7*", "", "RFID、射频识别")])
    rows = [
        patent(ipc="G06K7/10", title="一种RFID读写器"),                       # the term as written
        patent(ipc="G06K7/10", title="一种rfid读写器"),                       # other case: not the term
        patent(ipc="G06K7/10", title="一种读写器", abstract="采用射频识别"),  # in the abstract
    ]
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", sei, "--sei-mode", "ipc_and_keyword")
    assert out["high_value_by_criterion"]["sei"] == 2
    ipc_only = compute(tmp_path, rows, "330100", 2020, "--sei-rules", sei)
    assert ipc_only["high_value_by_criterion"]["sei"] == 3
