"""``ipcity plan parse FILE --format json``: print a plan document as ipcity-plan/1 JSON.

Imports stay inside the command so that ``ipcity --help`` starts fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ipcity.cli.groups import BadInput, plan


@plan.command("parse")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Output format (the ipcity-plan/1 interchange format).")
def parse(file: Path, fmt: str) -> None:
    """Read a plan document (.txt, .docx, .pdf, .ofd, .html) and print its structured plan.

    The file is typed by its content, not its name (an OFD is a zip holding OFD.xml).

    Prints title, region, issuer, document number, date and period, the indicators, the tasks
    with their departments, the phases and the reporting duties. An unreadable file gives one
    line on standard error and exit status 2.
    """
    from ipcity.plans import DocumentError
    from ipcity.plans.pipeline import read_and_parse

    try:
        result, document = read_and_parse(file)
    except DocumentError as exc:
        raise BadInput(str(exc)) from exc
    notes = [document.ocr.summary()] if document.ocr is not None else []
    for warning in [*notes, *document.warnings]:
        click.echo(f"ipcity: warning: {file}: {warning}", err=True)
    if not result["indicators"] and not result["tasks"]:
        click.echo(f"ipcity: warning: {file}: no indicators and no tasks found", err=True)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))
