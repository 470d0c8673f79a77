"""The ``ipcity`` command groups; command modules attach themselves to these groups."""

from __future__ import annotations

import importlib
import sys

import click

# Exit status for bad input (unreadable file, malformed case...): the spec fixes it at 2.
EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """One clear line on standard error and exit status 2; nothing written."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file=None) -> None:  # noqa: D401 - click's signature
        click.echo(f"ipcity: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
def indicators() -> None:
    """Compute patent indicators and assess indicator progress."""


@cli.group()
def supervise() -> None:
    """Supervision (督查督办): reporting rounds, reminders, scans."""


# Modules that attach commands to the groups above. A module that is absent (a feature not
# built yet) is skipped, so a partial checkout still has a working CLI.
COMMAND_MODULES = [
    "ipcity.cli.plan",
    "ipcity.cli.plan_load",
    "ipcity.cli.demo",
    "ipcity.cli.patents",
    "ipcity.cli.patents_synth",
    "ipcity.cli.indicators_compute",
    "ipcity.cli.indicators_record",
    "ipcity.cli.indicators_assess",
    "ipcity.cli.supervise",
    "ipcity.cli.web",
    "ipcity.cli.backup",
]

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # pragma: no cover - only while a module is missing
        if exc.name is None or not _name.startswith(exc.name):
            raise


def main() -> None:
    cli(prog_name="ipcity")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
