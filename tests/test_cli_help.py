"""The CLI documents itself: every command has help, and docs/cli.md is that help."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcity.cli.docs import _walk, render
from ipcity.cli.main import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _commands():
    return [(" ".join(path[1:]), command) for path, command in _walk(cli, ["ipcity"])]


@pytest.mark.parametrize("name,command", _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help(name, command):
    result = CliRunner().invoke(cli, [*name.split(), "--help"] if name else ["--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert (command.help or "").strip(), f"`ipcity {name}` has no help text"


def test_docs_cli_md_is_current():
    assert DOC.exists(), "run: python -m ipcity.cli.docs > docs/cli.md"
    assert DOC.read_text(encoding="utf-8") == render(), "docs/cli.md is stale: python -m ipcity.cli.docs > docs/cli.md"


def test_cli_start_up_imports_no_heavy_library():
    """Commands import their libraries when they run, so `ipcity --help` and error lines are instant."""
    import subprocess
    import sys

    heavy = ["pandas", "pyarrow", "duckdb", "ibis", "django", "jieba", "cpca", "pyspark", "openpyxl"]
    script = (
        "import sys, ipcity.cli.main; "
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded at start-up: {result.stdout.strip()}"
