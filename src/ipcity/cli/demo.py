"""``ipcity demo``: load the demo programmes and accounts (idempotent; ``make run`` calls it)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ipcity.cli.groups import cli


@cli.command()
@click.option("--seeds-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory of seed plan documents (*.txt). Default: ../shared/seeds beside the checkout.")
@click.option("--no-seeds", is_flag=True, help="Load only the fictional 示例市 programme.")
def demo(seeds_dir: Path | None, no_seeds: bool) -> None:
    """Load the 示例市 sample plan, the seed plans when present, the demo accounts and the apps' demo data.

    The demo data include a synthetic patent dataset, demo-patents (trademarks too), with its
    matching index built, and an invented population and market-entities table for 示例市 only
    (labelled demo data; never loaded over a table the office loaded).

    Accounts: admin (office), reporter1 and reporter2 (two member departments of the 示例市
    programme, which runs to 2026), leader (read-only), siteadmin (site administrator). Password:
    IPCITY_DEMO_PASSWORD, else generated and printed.
    """
    from ipcity.cli.web import setup_django

    setup_django()
    from django.core.management import call_command

    from ipcity.programs.demo import load_demo

    call_command("migrate", interactive=False, verbosity=0)
    if no_seeds:
        seeds_dir = Path("/nonexistent-ipcity-seeds")
    load_demo(stdout=sys.stdout, seeds_dir=seeds_dir)
