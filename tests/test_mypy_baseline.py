"""The mypy baseline check (tests/mypy_baseline.py) on given mypy output: `make types` runs it on
the real one."""

from __future__ import annotations

from tests.mypy_baseline import compare, normalise, read_baseline, write_baseline

OUTPUT = """\
src/ipcity/a.py:12: error: Item "None" of "X | None" has no attribute "y"  [union-attr]
src/ipcity/a.py:40: error: Item "None" of "X | None" has no attribute "y"  [union-attr]
src/ipcity/a.py:41: note: See https://mypy.readthedocs.io
src/ipcity/b.py:3:5: error: Name "f" already defined on line 1  [no-redef]
Found 3 errors in 2 files (checked 2 source files)
"""


def test_entries_drop_line_numbers_and_notes_and_keep_repeats():
    assert normalise(OUTPUT) == [
        'src/ipcity/a.py: error: Item "None" of "X | None" has no attribute "y"  [union-attr]',
        'src/ipcity/a.py: error: Item "None" of "X | None" has no attribute "y"  [union-attr]',
        'src/ipcity/b.py: error: Name "f" already defined on line N  [no-redef]',
    ]


def test_a_new_error_and_a_fixed_entry_both_fail():
    current = normalise(OUTPUT)
    assert compare(current, current) == ([], [])
    # one of the two repeats fixed: the baseline still lists it twice
    assert compare(current[1:], current) == ([], [current[0]])
    # a third occurrence is new even though the message is known
    assert compare([*current, current[0]], current) == ([current[0]], [])


def test_baseline_file_round_trip_ignores_its_header(tmp_path):
    path = tmp_path / "baseline.txt"
    write_baseline(normalise(OUTPUT), path)
    assert path.read_text(encoding="utf-8").startswith("# ")
    assert sorted(read_baseline(path)) == sorted(normalise(OUTPUT))
