"""``ipcity patents``: import patent exports, summarise datasets, load reference data.

    ipcity patents import FILE --dataset NAME [--format auto|canonical|patsnap|incopat|cnipr|cnipa|…]
    ipcity patents summary --dataset NAME [--json]
    ipcity patents datasets [--json]
    ipcity patents reference population FILE
    ipcity patents reference pledge-threshold YUAN
    ipcity patents reference sei FILE
    ipcity patents reference list

Bad input (empty file, not CSV/XLSX, too big, unknown format, no readable row) prints one
line on stderr and exits 2, and the dataset is left as it was.
"""

from __future__ import annotations

import json

import click

from ipcity.analytics.formats import FORMAT_NAMES
from ipcity.analytics.readers import DEFAULT_MAX_BYTES
from ipcity.cli.groups import BadInput, patents

REJECTS_SHOWN = 20


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


@patents.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dataset", "dataset", required=True, help="Dataset name (replaced whole if it exists).")
@click.option("--format", "format_name", type=click.Choice(["auto", *FORMAT_NAMES]), default="auto",
              show_default=True, help="Export format; auto tells it from the headers.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse files larger than this.")
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
def import_command(file: str, dataset: str, format_name: str, max_bytes: int, as_json: bool) -> None:
    """Import a patent export (CSV or XLSX) into dataset NAME as canonical records."""
    from ipcity.analytics import datasets, importer

    try:
        report = importer.import_file(file, dataset, export_format=format_name, max_bytes=max_bytes)
    except (importer.ImportFailed, datasets.DatasetError) as exc:
        raise BadInput(str(exc)) from None
    if as_json:
        _echo_json({"dataset": report.dataset, "format": report.format, "rows_read": report.rows_read,
                    "rows_imported": report.rows_imported, "duplicates_dropped": report.duplicates_dropped,
                    "rejected_count": report.rejected_count, "rejected": report.rejected,
                    "notes": dict(report.notes), "columns": report.columns})
        return
    for item in report.rejected[:REJECTS_SHOWN]:
        click.echo(f"rejected: line {item['line']}: {item['reason']}", err=True)
    if report.rejected_count > REJECTS_SHOWN:
        click.echo(f"rejected: … {report.rejected_count - REJECTS_SHOWN} more (see the dataset manifest)", err=True)
    click.echo(f"dataset {report.dataset}: {report.rows_imported} rows imported from {report.rows_read} "
               f"({report.format} format); {report.rejected_count} rejected; "
               f"{report.duplicates_dropped} duplicates dropped")
    for note, count in sorted(report.notes.items()):
        click.echo(f"  note: {note}: {count} rows")


@patents.command("summary")
@click.option("--dataset", "dataset", required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def summary_command(dataset: str, as_json: bool) -> None:
    """Rows by office, kind and status, and the filing-date range of a dataset."""
    from ipcity.analytics import datasets, summary

    try:
        result = summary.summarize(dataset)
    except datasets.DatasetError as exc:
        raise BadInput(str(exc)) from None
    if as_json:
        _echo_json(result)
        return
    click.echo(f"dataset {dataset}: {result['rows']} rows ({result['format']} format, from {result['source']})")
    for key in ("by_office", "by_kind", "by_status"):
        click.echo(f"  {key}: " + ", ".join(f"{k or '(none)'} {v}" for k, v in result[key].items()))
    click.echo(f"  app_date: {result['date_range']['min']} … {result['date_range']['max']}")
    click.echo(f"  rejected at import: {result['rejected']}; duplicates dropped: {result['duplicates_dropped']}")


@patents.command("datasets")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def datasets_command(as_json: bool) -> None:
    """List the datasets under IPCITY_DATA_DIR."""
    from ipcity.analytics import datasets

    found = datasets.list_datasets()
    if as_json:
        _echo_json([{"name": m["name"], "rows": m.get("rows"), "format": m.get("format"),
                     "source": datasets.source_name(m), "imported_at": m.get("imported_at")}
                    for m in found])
        return
    if not found:
        click.echo("no datasets")
    for m in found:
        click.echo(f"{m['name']}\t{m.get('rows')} rows\t{m.get('format')}\t{datasets.source_name(m)}"
                   f"\t{m.get('imported_at') or m.get('written_at')}")


@patents.group("reference")
def reference_group() -> None:
    """Load versioned reference data: population table, pledge threshold, SEI concordance."""


@reference_group.command("population")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--note", default="", help="Where the figures come from (yearbook, bulletin).")
def population_command(file: str, note: str) -> None:
    """Load a population table (region, year, year-end resident population) as a new version."""
    from ipcity.analytics import reference

    try:
        version = reference.load_population(file, note=note)
    except reference.ReferenceDataError as exc:
        raise BadInput(str(exc)) from None
    meta = reference.version_info(reference.POPULATION, version) or {}
    click.echo(f"population {version}: {meta['rows']} rows, {meta['regions']} regions, years "
               f"{meta['years'][0]}–{meta['years'][-1]} (file in {meta['unit_in_file']})")


@reference_group.command("pledge-threshold")
@click.argument("yuan", type=float)
@click.option("--note", default="", help="Where the figure comes from.")
def pledge_threshold_command(yuan: float, note: str) -> None:
    """Set the pledge amount (元) from which a pledge makes a patent high-value."""
    from ipcity.analytics import reference

    try:
        version = reference.set_pledge_threshold(yuan, note=note)
    except reference.ReferenceDataError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"pledge threshold {yuan:,.0f} 元: {version}")


@reference_group.command("sei")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--note", default="", help="Why this version (edition, source).")
def reference_sei_command(file: str, note: str) -> None:
    """Load the SEI concordance (战略性新兴产业分类与国际专利分类参照关系表) as the current version.

    FILE is CSV or JSON in the format of the 2021 table (sei_code, sei_name, rule_no, ipc_patterns,
    ipc_exclusions, keywords). Computations use it when no --sei-rules or IPCITY_SEI_RULES is given.
    """
    from ipcity.analytics import reference

    try:
        version = reference.load_sei(file, note=note)
    except reference.ReferenceDataError as exc:
        raise BadInput(str(exc)) from exc
    meta = reference.version_info(reference.SEI, version) or {}
    click.echo(f"SEI concordance {version}: {meta['rules']} rules, {meta['patterns']} IPC patterns")


@reference_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def reference_list_command(as_json: bool) -> None:
    """Every stored version of the reference data, the current one marked."""
    from ipcity.analytics import reference

    listing = {kind: reference.versions(kind) for kind in reference.KINDS}
    if as_json:
        _echo_json(listing)
        return
    for kind, found in listing.items():
        for info in found:
            mark = "*" if info["current"] else " "
            click.echo(f"{mark} {kind}\t{info['version']}\t{info.get('source') or info.get('yuan')}")
