"""``ipcity cases``: rights-protection cases (维权援助, 纠纷调处, 快速维权).

    ipcity cases deadline FROM N [--suspend FROM:TO]... [--extension DAYS] [--json] [--strict]

The due date of N working days counted from the day after FROM under the State Council's
holiday calendar with 调休, skipping every day inside a suspension (both ends included) and
adding an extension of working days (docs/protection.md, "Deadlines"). A due date after the known
years (no holiday notice yet) is provisional, counted Monday–Friday: it is printed with one line on
stderr saying so (``--json``: ``"provisional": true``), or refused with ``--strict``. A bad date, a
negative count, a suspension ending before it starts or a date outside the countable range prints
one line on stderr and exits 2.
"""

from __future__ import annotations

import datetime as dt
import json

import click

from ipcity.cli.groups import BadInput, cases


def _parse_day(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(f"{what} {text!r} is not a date (expected YYYY-MM-DD)") from None


def _parse_suspension(text: str) -> tuple[dt.date, dt.date]:
    first, sep, last = text.partition(":")
    if not sep:
        raise BadInput(f"suspension {text!r} is not FROM:TO (e.g. 2024-10-08:2024-10-09)")
    start, end = _parse_day(first, "suspension start"), _parse_day(last, "suspension end")
    if end < start:
        raise BadInput(f"suspension {text!r} ends ({end}) before it starts ({start})")
    return start, end


def _parse_count(text: str, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise BadInput(f"{what} {text!r} is not a whole number") from None
    if value < 0:
        raise BadInput(f"{what} must be 0 or more, got {value}")
    return value


# ignore_unknown_options lets a negative count ("-3") reach the check below instead of being
# taken for an option, so it gets the same one-line refusal as any other bad count.
@cases.command("deadline", context_settings={"ignore_unknown_options": True})
@click.argument("from_day", metavar="FROM")
@click.argument("working_days", metavar="N")
@click.option("--suspend", "suspensions", multiple=True, metavar="FROM:TO",
              help="A suspension (中止), both days included; repeatable, may overlap.")
@click.option("--extension", default="0", metavar="DAYS", help="Working days of an extension (延期).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--strict", is_flag=True,
              help="Refuse a provisional due date (one after the years whose holiday notice is known).")
def deadline_command(from_day: str, working_days: str, suspensions: tuple[str, ...], extension: str,
                     as_json: bool, strict: bool) -> None:
    """Print the due date N working days after FROM (holidays, 调休 and suspensions counted)."""
    from ipcity.casework import calendar, holiday_notices

    calendar.set_notice_dir(holiday_notices.default_notice_dir())

    start = _parse_day(from_day, "FROM")
    count = _parse_count(working_days, "N")
    extra = _parse_count(extension, "--extension")
    periods = [_parse_suspension(text) for text in suspensions]
    try:
        due = calendar.due_date(start, count, suspensions=periods, extension=extra)
    except calendar.CalendarRangeError as exc:
        published = (f"working days can be counted from {exc.first.isoformat()} to {exc.last.isoformat()} "
                     f"(holiday notices known to {calendar.supported_range()[1].isoformat()})")
        if exc.day > exc.last and start <= exc.last:
            raise BadInput(f"the count runs past {exc.last.isoformat()}: {published}") from None
        raise BadInput(f"{exc.day.isoformat()} is outside the calendar: {published}") from None
    first, last = calendar.supported_range()
    provisional = calendar.is_provisional(due)
    if provisional:
        why = (f"due date {due.isoformat()} is provisional: no holiday notice for {due.year} is known "
               f"(known to {last.isoformat()}), so {due.year} is counted Monday-Friday; "
               "load the notice with `ipcity cases calendar load FILE`")
        if strict:
            raise BadInput(f"--strict: {why}")
        click.echo(f"ipcity: {why}", err=True)
    if not as_json:
        click.echo(due.isoformat())
        return
    click.echo(json.dumps({
        "from": start.isoformat(),
        "working_days": count,
        "extension": extra,
        "suspensions": [[a.isoformat(), b.isoformat()] for a, b in periods],
        "due": due.isoformat(),
        "calendar_range": [first.isoformat(), last.isoformat()],
        "provisional": provisional,
        "provisional_until": calendar.provisional_until().isoformat(),
    }, ensure_ascii=False, indent=1))
