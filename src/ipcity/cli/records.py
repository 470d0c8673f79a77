"""``ipcity records``: trademark, pledge, licence-and-transfer and copyright records.

    ipcity records import FILE --kind trademark|pledge|licence|copyright --dataset NAME [--format auto|canonical|…]
    ipcity records formats [--kind KIND]
    ipcity records reference entities FILE

Importing a kind replaces that kind's records in the dataset in one atomic step; the dataset's
patents and other kinds are untouched, and a failed import leaves the dataset as it was. Bad
input prints one line on stderr and exits 2. Formats and definitions: docs/records.md.
"""

from __future__ import annotations

import json

import click

from ipcity.analytics.readers import DEFAULT_MAX_BYTES
from ipcity.analytics.record_kinds import KINDS
from ipcity.cli.groups import BadInput, records

REJECTS_SHOWN = 20


@records.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", required=True, type=click.Choice(list(KINDS)), help="The kind of record in FILE.")
@click.option("--dataset", required=True, help="Dataset name (created if new; only this kind is replaced).")
@click.option("--format", "format_name", default="auto", show_default=True,
              help="Export format: auto tells it from the headers; `ipcity records formats` lists them.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse files larger than this.")
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
def import_command(file: str, kind: str, dataset: str, format_name: str, max_bytes: int, as_json: bool) -> None:
    """Import a CSV or XLSX of KIND records into dataset NAME."""
    from ipcity.analytics import datasets, record_import

    try:
        report = record_import.import_records(file, kind, dataset, export_format=format_name, max_bytes=max_bytes)
    except (record_import.RecordImportFailed, datasets.DatasetError) as exc:
        raise BadInput(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1, default=str))
        return
    for item in report.rejected[:REJECTS_SHOWN]:
        click.echo(f"rejected: line {item['line']}: {item['reason']}", err=True)
    if report.rejected_count > REJECTS_SHOWN:
        click.echo(f"rejected: … {report.rejected_count - REJECTS_SHOWN} more (see the dataset manifest)", err=True)
    collapsed = f"; {report.collapsed} rows collapsed into their registration" if report.collapsed else ""
    click.echo(f"dataset {report.dataset}: {report.rows_imported} {kind} records imported from {report.rows_read} "
               f"rows ({report.format} format); {report.rejected_count} rejected; "
               f"{report.duplicates_dropped} duplicates dropped{collapsed}")
    for note, count in sorted(report.notes.items()):
        click.echo(f"  note: {note}: {count} rows")


@records.command("formats")
@click.option("--kind", type=click.Choice(list(KINDS)), default=None, help="Only this kind.")
def formats_command(kind: str | None) -> None:
    """The export formats known per kind, with the headers that identify each."""
    from ipcity.analytics import record_formats, record_registry  # noqa: F401  (record_formats registers them)

    for each in [kind] if kind else list(KINDS):
        for fmt in record_registry.formats_of(each):
            needs = (f"a column for each of: {', '.join(fmt.detect_fields)}; picked when no other format fits"
                     if fmt.detect_fields else ", ".join(fmt.detect or fmt.detect_headers()))
            click.echo(f"{each}\t{fmt.name}\t{fmt.label}\t(needs: {needs})")


@records.group("reference")
def reference_group() -> None:
    """Versioned reference data for record indicators: market entities."""


@reference_group.command("entities")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--note", default="", help="Where the figures come from (yearbook, bulletin).")
def entities_command(file: str, note: str) -> None:
    """Load the number of market entities (市场主体) per region and year as a new version."""
    from ipcity.analytics import reference

    try:
        version = reference.load_entities(file, note=note)
    except reference.ReferenceDataError as exc:
        raise BadInput(str(exc)) from None
    meta = reference.version_info(reference.ENTITIES, version) or {}
    click.echo(f"entities version {version}: {meta['rows']} rows, {meta['regions']} regions, "
               f"years {meta['years'][0]}–{meta['years'][-1]} (unit in file: {meta['unit_in_file']})")
