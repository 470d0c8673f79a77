"""``ipcity backup`` and ``ipcity restore``: one archive with the database and the data directory.

    ipcity backup --out /backups/ipcity-2026-12-05.tar.gz
    ipcity restore /backups/ipcity-2026-12-05.tar.gz [--force]

A corrupt, truncated or foreign archive, or a target that is not empty (without --force), is
refused with one line on stderr and exit status 2, before anything is changed. See docs/backup.md.
"""

from __future__ import annotations

from pathlib import Path

import click

from ipcity.cli.groups import BadInput, cli
from ipcity.cli.web import setup_django


@cli.command("backup")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Archive to write: .tar, or compressed by its name (.tar.gz/.tgz, .tar.xz, .tar.bz2).")
def backup_command(out: Path) -> None:
    """Write an online backup of the database and the data directory into one archive."""
    setup_django()
    from ipcity.ops import backup, database

    try:
        report = backup.backup_create(out=out)
    except (ValueError, OSError, database.DatabaseToolError) as exc:
        raise BadInput(f"backup not written: {exc}") from None
    click.echo(f"backup written: {report.path} ({report.engine} database, {report.files - 1} data files, "
               f"{report.bytes:,} bytes)")


@cli.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database and data directory that are not empty.")
def restore_command(file: Path, force: bool) -> None:
    """Verify backup FILE completely, then restore it into an empty installation."""
    setup_django()
    from ipcity.ops import archive, backup, database

    try:
        report = backup.backup_restore(path=file, force=force)
    except (archive.ArchiveInvalid, backup.RestoreRefused) as exc:
        raise BadInput(f"restore refused, nothing changed: {exc}") from None
    except (database.DatabaseToolError, OSError) as exc:
        raise BadInput(f"restore failed: {exc}") from None
    click.echo(f"restored: {report.engine} database and {report.files - 1} data files from {file} "
               f"(made {report.created_at} by ipcity {report.ipcity_version})")
    if report.migrations_to_apply:
        click.echo(f"the backup predates {report.migrations_to_apply} migration(s): run `ipcity migrate` next")
