"""``ipcity publish export DIR``: the public open-data pages as a static site.

    ipcity publish export /srv/portal/ipcity-open

Writes what the public pages under /open/ show (only what the office has published), with
relative links, its stylesheets and scripts, and every download, so that the folder can be
uploaded to the government portal as it is and makes no request to any other host.
See docs/publication.md.
"""

from __future__ import annotations

from pathlib import Path

import click

from ipcity.cli.groups import BadInput, cli
from ipcity.cli.web import setup_django


@cli.group()
def publish() -> None:
    """Public open-data pages (政务公开): export them as a static site."""


@publish.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def export_command(directory: Path) -> None:
    """Write the public pages, assets and downloads into DIRECTORY (empty or new)."""
    setup_django()
    from ipcity.publication.staticsite import ExportError, export_site

    try:
        report = export_site(directory)
    except (ExportError, OSError) as exc:
        raise BadInput(f"export not written: {exc}") from None
    click.echo(f"exported to {directory}: {report.pages} pages, {report.downloads} downloads, {report.assets} assets")
