"""Commands that run the web platform: migrate, serve, manage (and demo, from ipcity.programs)."""

from __future__ import annotations

import os

import click

from ipcity.cli.main import cli


def setup_django() -> None:
    """Configure Django once, for the commands that touch the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipcity.web.settings")
    import django

    django.setup()


@cli.command()
def migrate() -> None:
    """Create or upgrade the database (SQLite under IPCITY_DATA_DIR, or DATABASE_URL)."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=lambda: int(os.environ.get("PORT", "8000")), show_default="PORT or 8000", type=int)
@click.option("--jobs/--no-jobs", default=True, show_default=True, help="Also run the background job worker (huey).")
def serve(host: str, port: int, jobs: bool) -> None:
    """Serve the platform (development server with static files) on HOST:PORT."""
    setup_django()
    import subprocess
    import sys

    from django.core.management import call_command

    worker = None
    if jobs:
        worker = subprocess.Popen([sys.executable, "-m", "ipcity.manage", "run_huey", "--quiet"])
    try:
        click.echo(f"ipcity: serving on http://{host}:{port}/ (Ctrl-C to stop)")
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
    finally:
        if worker is not None:
            worker.terminate()


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (ipcity manage createsuperuser...)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ipcity manage", *args])
