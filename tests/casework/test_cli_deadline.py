"""``ipcity cases deadline``: the due date, its JSON and every bad input (one line, exit 2)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ipcity.casework.calendar import provisional_until, supported_range
from ipcity.cli.main import cli

LAST = supported_range()[1]
UNTIL = provisional_until()  # the provisional year after the known ones (Monday–Friday)


def run(*args: str):
    return CliRunner().invoke(cli, ["cases", "deadline", *args])


def test_help_names_the_arguments_and_options():
    result = run("--help")
    assert result.exit_code == 0
    for word in ("FROM", "N", "--suspend", "--extension", "--json"):
        assert word in result.output


def test_due_date_across_national_day_2024():
    # 9/29 (Sun, worked), 9/30, 10/8, 10/9, 10/10
    result = run("2024-09-27", "5")
    assert result.exit_code == 0, result.output
    assert result.output == "2024-10-10\n"


def test_json_with_suspensions_and_an_extension():
    result = run("2024-09-27", "5", "--suspend", "2024-10-08:2024-10-09", "--suspend", "2024-10-09:2024-10-09",
                 "--extension", "1", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    # 9/29, 9/30, (10/8–10/9 suspended), 10/10, 10/11, 10/12 (Sat, worked), 10/14
    assert payload["due"] == "2024-10-14"
    assert payload["from"] == "2024-09-27" and payload["working_days"] == 5 and payload["extension"] == 1
    assert payload["suspensions"] == [["2024-10-08", "2024-10-09"], ["2024-10-09", "2024-10-09"]]
    first, last = payload["calendar_range"]
    assert first == "2004-01-01" and last.endswith("-12-31")


def test_zero_days_is_the_start():
    assert run("2024-02-10", "0").output == "2024-02-10\n"


@pytest.mark.parametrize("args,words", [
    (["2024-13-01", "5"], "FROM '2024-13-01' is not a date"),
    (["yesterday", "5"], "FROM 'yesterday' is not a date"),
    (["2024-09-27", "-3"], "N must be 0 or more, got -3"),
    (["2024-09-27", "five"], "N 'five' is not a whole number"),
    (["2024-09-27", "5", "--extension", "-1"], "--extension must be 0 or more"),
    (["2024-09-27", "5", "--suspend", "2024-10-09:2024-10-08"], "ends (2024-10-08) before it starts (2024-10-09)"),
    (["2024-09-27", "5", "--suspend", "2024-10-09"], "is not FROM:TO"),
    (["2024-09-27", "5", "--suspend", "2024-10-09:soon"], "suspension end 'soon' is not a date"),
    (["2003-12-31", "1"], "2003-12-31 is outside the calendar"),
    # Changed with the provisional rule: the count now stops at the provisional year's end.
    ([f"{UNTIL.year}-12-01", "100"], f"the count runs past {UNTIL.isoformat()}"),
    (["2030-03-01", "5"], "2030-03-01 is outside the calendar"),
])
def test_bad_input_is_one_line_and_exit_2(args, words):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ipcity: ")
    assert words in lines[0]


# The provisional rule (docs/protection.md, "Deadlines"). These run with no office-loaded notice:
# the data directory of the test run has none (a notice is loaded only in tests/web/protection).
def _package_only() -> bool:
    return LAST.year == 2026


@pytest.mark.skipif(not _package_only(), reason="written for chinese_calendar 1.11 (known to 2026)")
def test_a_due_date_in_2027_is_printed_with_a_provisional_line_on_stderr():
    # Friday 2026-12-04 + 90: 19 working days in December, then Monday–Friday to 2027-04-09.
    result = run("2026-12-04", "90")
    assert result.exit_code == 0, result.output
    assert result.stdout == "2027-04-09\n"
    assert result.stderr.count("\n") == 1 and "provisional" in result.stderr and "2027" in result.stderr


@pytest.mark.skipif(not _package_only(), reason="written for chinese_calendar 1.11 (known to 2026)")
def test_json_says_provisional_and_strict_refuses():
    payload = json.loads(run("2026-12-04", "90", "--json").stdout)
    assert payload["due"] == "2027-04-09" and payload["provisional"] is True
    assert payload["provisional_until"] == "2027-12-31"
    assert json.loads(run("2026-12-04", "5", "--json").stdout)["provisional"] is False
    refused = run("2026-12-04", "90", "--strict")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr.startswith("ipcity: --strict: due date 2027-04-09 is provisional")
    assert run("2026-12-04", "5", "--strict").stdout == "2026-12-11\n"


def test_calendar_show_lists_the_package_years_and_the_provisional_year():
    result = CliRunner().invoke(cli, ["cases", "calendar", "show", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["known_range"] == [LAST.replace(year=2004, month=1, day=1).isoformat(), LAST.isoformat()]
    assert payload["provisional"] == [f"{LAST.year + 1}-01-01", UNTIL.isoformat()]
    assert {row["source"] for row in payload["years"]} == {"package"}


def test_calendar_load_of_a_missing_file_is_one_line():
    result = CliRunner().invoke(cli, ["cases", "calendar", "load", "/nonexistent/2027.csv"])
    assert result.exit_code == 2 and result.output.strip() == "ipcity: /nonexistent/2027.csv: no such file"
