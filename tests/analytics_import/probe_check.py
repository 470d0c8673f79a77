"""Run the probe's authored exports (``probe_exports/``) through the CLI and compare with expected.json.

Used by ``test_probe_exports.py`` and, as a script, to write the before/after table of NOTES.md:
``.venv/bin/python tests/analytics_import/probe_check.py [FILE…]``. The importers are run as a
user runs them (``ipcity patents import`` / ``ipcity records import``, ``--json``) and the
dataset is read from its Parquet file, so the probe depends on nothing but the CLI and the store.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

FOLDER = Path(__file__).resolve().parent / "probe_exports"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))["files"]
KEYS = {"patent": "pub_number", "trademark": "reg_number", "pledge": "pledge_id",
        "licence": "record_id", "copyright": "reg_number"}
_CLI = Path(sys.executable).with_name("ipcity")


def run(name: str, data_dir: Path) -> tuple[dict, dict[str, dict]]:
    """Import probe file ``name`` into a dataset of its own: (the JSON report, rows by key)."""
    command = EXPECTED[name]["import"]
    dataset = Path(name).stem.replace(".", "_")
    kind = "patent" if command[0] == "patents" else command[1]
    argv = [str(_CLI), command[0], "import", str(FOLDER / name), "--dataset", dataset, "--json"]
    if command[0] == "records":
        argv += ["--kind", kind]
    env = {**os.environ, "IPCITY_DATA_DIR": str(data_dir), "IPCITY_ENV": "test"}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        return {"error": (done.stderr.strip() or done.stdout.strip())[:300]}, {}
    report = json.loads(done.stdout)
    parquet = data_dir / "datasets" / dataset / ("records.parquet" if kind == "patent" else f"{kind}.parquet")
    rows = {r[KEYS[kind]]: r for r in pq.read_table(parquet).to_pylist()}
    return report, rows


def _plain(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return None if value == "" else value


def differences(name: str, report: dict, rows: dict[str, dict]) -> list[str]:
    """What the import gave that the expectation does not (empty: as expected)."""
    want = EXPECTED[name]
    if "error" in report:
        return [f"refused: {report['error']}"]
    found: list[str] = []
    if report["rows_imported"] != want["imported"]:
        found.append(f"imported {report['rows_imported']}, expected {want['imported']}")
    got_lines = {r["line"]: r["reason"] for r in report["rejected"]}
    want_lines = {line: part for line, part in want["rejected"]}
    for line, reason in sorted(got_lines.items()):
        if line not in want_lines:
            found.append(f"line {line} refused: {reason}")
        elif want_lines[line] and want_lines[line] not in reason:
            found.append(f"line {line} refused for {reason!r}, expected a reason naming {want_lines[line]!r}")
    found += [f"line {line} not refused" for line in sorted(set(want_lines) - set(got_lines))]
    for key, fields in want["records"].items():
        row = rows.get(key)
        if row is None:
            found.append(f"{key}: missing (keys: {', '.join(sorted(map(str, rows))[:8])})")
            continue
        for field, value in fields.items():
            if _plain(row.get(field)) != value:
                found.append(f"{key}.{field} = {_plain(row.get(field))!r}, expected {value!r}")
    return found


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="probe-exports-") as tmp:
        for name in names or sorted(EXPECTED):
            report, rows = run(name, Path(tmp))
            found = differences(name, report, rows)
            print(f"## {name}: {'as expected' if not found else f'{len(found)} difference(s)'}")
            if "format" in report:
                print(f"format {report['format']}, read {report['rows_read']}, imported "
                      f"{report['rows_imported']}, refused {report['rejected_count']}")
            for line in found:
                print(f"- {line}")
            print()


if __name__ == "__main__":
    main(sys.argv[1:])
