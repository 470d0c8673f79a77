"""``ipcity supervise``: reporting rounds and reminders from the command line (cron-friendly)."""

from __future__ import annotations

import datetime as dt

import click

from ipcity.cli.groups import BadInput, supervise
from ipcity.cli.web import setup_django


def _parse_day(value: str | None) -> dt.date:
    if value is None:
        from django.utils import timezone

        return timezone.localdate()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise BadInput(f"日期格式应为 YYYY-MM-DD：{value}") from exc


@supervise.command()
@click.option("--today", metavar="YYYY-MM-DD", help="Act as if today were this day (default: today, Beijing time).")
@click.option("--program", "program_ids", type=int, multiple=True, help="Only this programme id (repeatable).")
def scan(today: str | None, program_ids: tuple[int, ...]) -> None:
    """Generate due reporting rounds and send the reminders due today.

    Idempotent: run twice on one day, it sends nothing the second time.
    """
    setup_django()
    from ipcity.supervision.services.reminders import scan as run_scan

    day = _parse_day(today)
    result = run_scan(today=day, program_ids=list(program_ids) or None)
    kinds = ", ".join(f"{k}={v}" for k, v in sorted(result.by_kind.items())) or "none"
    click.echo(f"{day}: {result.programs} programmes, {result.rounds_created} rounds created, "
               f"{result.reminders} reminders ({kinds}), {result.notifications} notifications, {result.emails} e-mails, "
               f"{result.digests} overdue summaries to the office"
               + (" (a day off: nobody is reminded)" if result.day_off else ""))
    for name, counts in sorted(result.hooks.items()):  # other apps' reminders (supervision.hooks)
        click.echo(f"{day}: {name}: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))


@supervise.command()
@click.option("--program", "program_id", type=int, help="Only this programme id.")
def rounds(program_id: int | None) -> None:
    """List reporting rounds with their due dates and report counts."""
    setup_django()
    from ipcity.programs.models import Program
    from ipcity.supervision.selectors.rounds import rounds_of

    programs = Program.objects.all()
    if program_id is not None:
        programs = programs.filter(pk=program_id)
    for program in programs:
        for rnd in rounds_of(program):
            click.echo(f"{program.id}\t{rnd.id}\t{rnd.due_date}\t{rnd.status}\t"
                       f"{rnd.n_accepted}/{rnd.n_reports} accepted\t{rnd.title}")


@supervise.command(name="calendar")
@click.argument("day")
def calendar_cmd(day: str) -> None:
    """Show whether DAY (YYYY-MM-DD) is a working day and the due date it would move to.

    Counts with the office-loaded holiday notices too (ipcity cases calendar load), as the rounds do."""
    setup_django()  # the protection app points the calendar at the loaded notices
    from ipcity.supervision.calendar import is_working_day, next_working_day

    date = _parse_day(day)
    click.echo(f"{date}: {'working day' if is_working_day(date) else 'non-working day'}; due → {next_working_day(date)}")
