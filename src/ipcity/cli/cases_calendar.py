"""``ipcity cases calendar``: the office-loaded holiday notices (节假日安排).

    ipcity cases calendar load FILE [--replace]
    ipcity cases calendar show [--json]

``load`` checks a year's notice (CSV ``date,kind`` with kind ``holiday`` or ``workday``, or JSON
``{"year", "holidays", "workdays", "source"}``), stores it as
``$IPCITY_DATA_DIR/reference/holidays/<year>.json`` and recomputes the stored due dates of every
case that is not archived, through the same service as the site admin's page 节假日安排 (a load
record and an audit record; docs/protection.md, "Deadlines"). Bad input prints one line naming the
line of the file on stderr, exits 2 and changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ipcity.cli.groups import BadInput, cases


@cases.group("calendar")
def calendar_group() -> None:
    """Holiday notices: load a year's 节假日安排, show the known and provisional years."""


@calendar_group.command("load")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True,
              help="Replace a year already known (published by chinese_calendar or loaded before).")
def load_command(file: Path, replace: bool) -> None:
    """Load a year's holiday notice and recompute the cases' stored due dates."""
    from ipcity.casework import calendar, holiday_notices
    from ipcity.cli.web import setup_django

    if not file.is_file():
        raise BadInput(f"{file}: no such file")
    directory = holiday_notices.default_notice_dir()
    calendar.set_notice_dir(directory)
    if file.stat().st_size > holiday_notices.MAX_NOTICE_BYTES:
        raise BadInput(f"{file.name}: 文件过大（上限 {holiday_notices.MAX_NOTICE_BYTES // 1024} KB），"
                       "一年的节假日安排只有几十行")
    setup_django()
    from django.db import DatabaseError

    from ipcity.core.uploads import UploadRejected, text_check

    try:  # the page's reading of the file: UTF-8 with or without BOM, or GBK from a Chinese Excel
        text = text_check(file.read_bytes())
        notice = holiday_notices.parse_notice(text, filename=file.name)
        holiday_notices.check_notice(notice, replace=replace)
    except (UploadRejected, holiday_notices.NoticeError) as exc:
        raise BadInput(f"{file.name}: {exc}") from None

    from ipcity.protection.services.calendar_notices import holiday_notice_load

    # The page's service: the file, its load record and audit record, then the recompute (here,
    # not as a background job: the command prints the count).
    try:
        record = holiday_notice_load(user=None, notice=notice, replace=replace, directory=directory,
                                     recompute_now=True)
    except holiday_notices.NoticeError as exc:
        raise BadInput(f"{file.name}: {exc}") from None
    except DatabaseError as exc:
        if calendar.loaded_notices().get(notice.year) == notice:  # stored; the recompute failed
            raise BadInput(f"notice stored, but the cases' due dates were not recomputed ({exc}); "
                           "run `ipcity migrate`, then load again with --replace") from None
        raise BadInput(f"notice not loaded: the database is not ready ({exc}); run `ipcity migrate` first") from None
    click.echo(f"loaded {notice.year}: {len(notice.holidays)} holidays, {len(notice.workdays)} make-up "
               f"workdays -> {directory / f'{notice.year}.json'}")
    first, last = calendar.supported_range()
    click.echo(f"known years now {first.year}-{last.year}; {record.cases_moved} case(s) had their due dates "
               "recomputed")
    if record.rounds_moved:
        click.echo(f"{record.rounds_moved} open reporting round(s) had their due dates moved to a working day")


@calendar_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print the years as JSON.")
def show_command(as_json: bool) -> None:
    """List the known years (from the package or loaded) and the provisional horizon."""
    from ipcity.casework import calendar, holiday_notices

    calendar.set_notice_dir(holiday_notices.default_notice_dir())
    known = calendar.calendar_overview()
    first, last, loaded = known.first, known.last, known.loaded
    if as_json:
        click.echo(json.dumps({
            "known_range": [first.isoformat(), last.isoformat()],
            "provisional": [known.provisional_from.isoformat(), known.provisional_until.isoformat()],
            "years": [{"year": year, "source": source, "notice": loaded[year].source if year in loaded else ""}
                      for year, source in known.years.items()],
            "not_in_effect": known.waiting,
            "notice_dir": str(holiday_notices.default_notice_dir()),
        }, ensure_ascii=False, indent=1))
        return
    package = known.package_years
    click.echo(f"known: {first.isoformat()} to {last.isoformat()}")
    if package:
        click.echo(f"  from chinese_calendar: {min(package)}-{max(package)}")
    for year, notice in known.loaded_in_effect:
        click.echo(f"  loaded: {year} ({notice.source})")
    click.echo(f"provisional (Monday-Friday): {known.provisional_from.isoformat()} to {known.provisional_until.isoformat()}")
    for year in known.waiting:
        click.echo(f"  not in effect: {year} (load {last.year + 1} first)")
