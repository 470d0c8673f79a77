"""mypy against a baseline that can only shrink: ``python tests/mypy_baseline.py [--update]``.

mypy (configured in ``pyproject.toml``: the Django apps with the django-stubs plugin, and the
libraries) still reports errors that predate its use over the apps. They are listed in
``mypy-baseline.txt``, one per line as ``path: error: message  [code]`` without the line number, so
that editing a file above an error does not move it. This check fails

- on any error that is not in the baseline (new code is typed), and
- on any baseline entry that no longer occurs (a fixed error leaves the list, so it cannot return).

An entry that occurs twice in a file is listed twice. ``--update`` rewrites the baseline without the
entries that no longer occur; it never adds one. `make types` runs this script.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
HEADER = (
    "# mypy errors that predate mypy over the Django apps; checked by tests/mypy_baseline.py.\n"
    "# One error per line, without line numbers. The list may only shrink: fix an error, then run\n"
    "# `python tests/mypy_baseline.py --update` to drop its line. Never add one.\n"
)

_ERROR = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?:\d+:)? error: (?P<message>.*)$")
# Messages that name another line ("defined on line 12") would move with unrelated edits.
_LINE_REF = re.compile(r"\bline \d+\b")


def normalise(mypy_output: str) -> list[str]:
    """The errors of a mypy run, one normalised entry each (notes and the summary dropped)."""
    entries = []
    for raw in mypy_output.splitlines():
        match = _ERROR.match(raw.strip())
        if match:
            path = match["path"].replace("\\", "/")
            message = _LINE_REF.sub("line N", match["message"].rstrip())
            entries.append(f"{path}: error: {message}")
    return entries


def read_baseline(path: Path = BASELINE) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.rstrip() for line in lines if line.strip() and not line.startswith("#")]


def compare(current: list[str], baseline: list[str]) -> tuple[list[str], list[str]]:
    """(errors not in the baseline, baseline entries that no longer occur), counting repeats."""
    now, known = Counter(current), Counter(baseline)
    return sorted((now - known).elements()), sorted((known - now).elements())


def write_baseline(entries: list[str], path: Path = BASELINE) -> None:
    path.write_text(HEADER + "".join(f"{entry}\n" for entry in sorted(entries)), encoding="utf-8")


def run_mypy(extra: list[str]) -> str:
    result = subprocess.run([sys.executable, "-m", "mypy", *extra], cwd=ROOT, capture_output=True, text=True)
    if result.returncode not in (0, 1) or not re.search(r"^(Found \d+ errors?|Success:)", result.stdout, re.M):
        # 2 is a crash or a configuration error: no list of errors to compare.
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"mypy did not finish (exit {result.returncode})")
    return result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--update", action="store_true", help="drop baseline entries that no longer occur")
    parser.add_argument("mypy_args", nargs="*", help="passed to mypy")
    args = parser.parse_args(argv)

    current = normalise(run_mypy(args.mypy_args))
    baseline = read_baseline()
    new, gone = compare(current, baseline)
    if args.update:
        baseline = sorted((Counter(baseline) - Counter(gone)).elements())
        write_baseline(baseline)
        print(f"mypy-baseline.txt: {len(baseline)} entries ({len(gone)} dropped)")
        gone = []
    for entry in new:
        print(f"new mypy error (fix it; the baseline only shrinks): {entry}")
    for entry in gone:
        print(f"fixed, so remove it from mypy-baseline.txt (or run with --update): {entry}")
    if new or gone:
        return 1
    print(f"mypy: no error beyond the {len(baseline)} of mypy-baseline.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
