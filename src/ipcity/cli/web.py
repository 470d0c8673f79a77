"""Commands that run the web platform: migrate, serve, manage (and demo, from ipcity.programs)."""

from __future__ import annotations

import os
import sys

import click

from ipcity.cli.groups import BadInput, cli


def setup_django() -> None:
    """Configure Django once, for the commands that touch the database.

    A settings problem (production without IPCITY_SECRET_KEY or IPCITY_ALLOWED_HOSTS) is one
    line on standard error and exit status 2, not a traceback.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipcity.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise BadInput(str(exc)) from None


@cli.command()
def migrate() -> None:
    """Create or upgrade the database (SQLite under IPCITY_DATA_DIR, or DATABASE_URL).

    Also builds again each matching index made by an older release's word cut, as a data
    migration rewrites old rows: queries would no longer find its terms well (docs/matching.md).
    """
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from ipcity.matching.index import build_index, outdated_indexes

    call_command("migrate", interactive=False, verbosity=1)
    for dataset in outdated_indexes(settings.DATA_DIR):
        try:
            summary = build_index(dataset, data_dir=settings.DATA_DIR)
        except (FileNotFoundError, ValueError, KeyError) as exc:  # its dataset was removed or unreadable
            click.echo(f"匹配索引 {dataset} 建于分词方式更改之前，未能重建：{exc}", err=True)
            continue
        click.echo(f"匹配索引 {dataset} 已按新的分词方式重建：{summary.documents} 件专利，{summary.seconds} 秒")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep loopback behind nginx (docs/deploy.md).")
@click.option("--port", default=lambda: int(os.environ.get("PORT", "8000")), show_default="PORT or 8000", type=int)
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="gunicorn worker processes [default: CPU cores + 1, at least 2].")
@click.option("--threads", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Threads per worker process (1: gunicorn's sync workers, the lowest tail latency "
                   "measured; more for slow clients without a proxy in front).")
@click.option("--jobs/--no-jobs", default=True, show_default=True,
              help="Also run and supervise the background job worker (huey).")
@click.option("--dev", is_flag=True, help="Django's development server instead, reloading on code changes.")
def serve(host: str, port: int, workers: int | None, threads: int, jobs: bool, dev: bool) -> None:
    """Serve the platform on HOST:PORT with gunicorn, static files included (WhiteNoise).

    Checks the settings and the database first, collects static files when they changed, then
    runs gunicorn and the job worker, restarting the job worker if it dies and stopping both
    on Ctrl-C or SIGTERM.
    """
    setup_django()
    from ipcity.web import server

    if dev:
        _serve_dev(host, port, jobs)
        return
    try:
        server.preflight(host, port)
    except server.StartError as exc:
        raise BadInput(str(exc)) from None
    if server.collect_static():
        click.echo("ipcity: static files collected", err=True)
    workers = workers or server.default_workers()
    click.echo(f"ipcity: serving on http://{host}:{port}/ with {workers} workers x {threads} threads "
               f"(Ctrl-C to stop)", err=True)
    supervisor = server.Supervisor(
        web=server.Child("web", server.gunicorn_argv(host, port, workers, threads)),
        worker=server.Child("jobs", server.worker_argv()) if jobs else None,
    )
    sys.exit(supervisor.run())


def _serve_dev(host: str, port: int, jobs: bool) -> None:
    """runserver with its autoreloader; the job worker belongs to the outer (watching) process."""
    import subprocess

    from django.conf import settings
    from django.core.management import call_command

    from ipcity.web import server

    # runserver handles each connection in a new thread, so a persistent database connection is
    # never reused but stays open: 100 idle browsers would exhaust PostgreSQL's connections.
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    outer = os.environ.get("RUN_MAIN") != "true"
    if outer and not settings.DEBUG:
        # Without DEBUG, runserver serves no static files and pages need the hashed-name manifest.
        server.collect_static()
    worker = None
    if jobs and outer:
        worker = subprocess.Popen(server.worker_argv())
    try:
        call_command("runserver", f"{host}:{port}", use_threading=True)
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
