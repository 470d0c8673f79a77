"""The ``ipcity`` command groups and the bad-input error; the command modules attach themselves to
these groups, and ``main.py`` imports every command module (so nothing here imports a command)."""

from __future__ import annotations

import click

# Exit status for bad input (unreadable file, malformed case...): the spec fixes it at 2.
EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """One clear line on standard error and exit status 2; nothing written."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file=None) -> None:  # noqa: D401 - click's signature
        click.echo(f"ipcity: {self.format_message()}", err=True)


def _missing_schema(exc: BaseException) -> bool:
    """A database error that means the tables are not there yet: a fresh or not yet upgraded data
    directory (SQLite ``no such table``, PostgreSQL ``relation … does not exist``)."""
    if not type(exc).__module__.startswith("django.db") or type(exc).__name__ not in (
            "OperationalError", "ProgrammingError"):
        return False
    message = str(exc)
    return "no such table" in message or ("relation" in message and "does not exist" in message)


class _Commands(click.Group):
    """The top group: a command run against a database that was never migrated (or not since an
    upgrade) says so in one line, exit status 2, instead of a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if _missing_schema(exc):
                raise BadInput(f"数据库尚未建立或未升级到当前版本（{str(exc).splitlines()[0]}）："
                               "请先运行 ipcity migrate") from None
            raise


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ipcity")
def cli() -> None:
    """ipcity: run a city's IP-strong-city programme, from plan document to annual report."""


@cli.group()
def plan() -> None:
    """Read plan documents (parse) and load them into the platform (load)."""


@cli.group()
def patents() -> None:
    """Import, summarise and synthesise patent record datasets."""


@cli.group()
def records() -> None:
    """Import trademark, pledge, licence/transfer and copyright records; their reference data."""


@cli.group()
def indicators() -> None:
    """Compute patent indicators and assess indicator progress."""


@cli.group()
def regions() -> None:
    """The GB/T 2260 region table: editions, look-ups, loading a newer edition."""


@cli.group()
def supervise() -> None:
    """Supervision (督查督办): reporting rounds, reminders, scans."""


@cli.group()
def report() -> None:
    """Reports in the official layout (annual report, 情况通报, white paper, summary, 终期评估报告)."""


@cli.group()
def cases() -> None:
    """Rights-protection cases (维权援助, 纠纷调处): deadlines in working days."""


@cli.group()
def match() -> None:
    """Patent transfer matching (供需对接): build the index, query it, load its reference tables."""
