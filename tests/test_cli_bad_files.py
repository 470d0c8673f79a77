"""docs/cli.md: "Every command that reads a bad file prints one line on standard error and exits with
status 2". A file of binary bytes given where a text file is read (the SEI concordance, a navigation
definition, a report's own text) used to end in a UnicodeDecodeError traceback with status 1."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ipcity.cli.main import cli

BINARY = b"\x00\x01\x02garbage\xff\xfe"


@pytest.mark.parametrize("args", [
    ["patents", "reference", "sei", "{bad}"],
    ["indicators", "compute", "--dataset", "nope", "--region", "990100", "--year", "2025", "--sei-rules", "{bad}"],
    ["patents", "synth", "--records", "10", "--out", "{tmp}/synth", "--sei-rules", "{bad}"],
    ["navigate", "landscape", "--dataset", "nope", "--definition", "{bad}"],
    ["report", "build", "--program", "1", "--kind", "annual", "--year", "2025", "--out", "{tmp}/r.pdf", "--text", "{bad}"],
], ids=["reference-sei", "compute-sei-rules", "synth-sei-rules", "landscape-definition", "report-text"])
def test_a_binary_file_is_refused_in_one_line(args, tmp_path, monkeypatch):
    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("IPCITY_SEI_RULES", raising=False)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BINARY)
    result = CliRunner().invoke(cli, [a.format(bad=bad, tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.output.count("\n") == 1 and str(bad) in result.output and "UTF-8" in result.output
