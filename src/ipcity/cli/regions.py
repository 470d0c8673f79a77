"""``ipcity regions``: the GB/T 2260 region table (editions, look-ups, loading a newer edition).

    ipcity regions editions [--json]
    ipcity regions show CODE|NAME
    ipcity regions load FILE --edition YEAR [--source TEXT] [--replace]

A loaded edition is stored under ``$IPCITY_DATA_DIR/reference/gbt2260/`` and, being the newest,
becomes the table in use (docs/regions.md). A file that is not a plausible national table prints
one line on stderr and exits 2; nothing is stored.
"""

from __future__ import annotations

import json

import click

from ipcity.cli.groups import BadInput, regions


@regions.command("editions")
@click.option("--json", "as_json", is_flag=True, help="Print the editions as JSON.")
def editions_command(as_json: bool) -> None:
    """List the GB/T 2260 editions found (packaged and loaded); * marks the one in use."""
    from ipcity import divisions

    try:
        current = divisions.current_edition().edition
    except divisions.DivisionTableError as exc:
        raise BadInput(str(exc)) from None
    rows = []
    for edition in divisions.editions():
        header = edition.header()
        rows.append({"edition": edition.edition, "in_use": edition.edition == current,
                     "packaged": edition.packaged, "path": str(edition.path), "source": header.get("source", "")})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        where = "packaged" if row["packaged"] else "loaded"
        click.echo(f"{'*' if row['in_use'] else ' '} {row['edition']}  ({where}) {row['source']}")


@regions.command("show")
@click.argument("code_or_name")
def show_command(code_or_name: str) -> None:
    """Show a region of the table in use: code, level, name and the regions above it."""
    from ipcity import divisions

    table = divisions.table()
    code = divisions.normalise_code(code_or_name) if code_or_name.strip().isdigit() else None
    candidates = [code] if code else table.codes_for_name(code_or_name)
    found = [c for c in candidates if table.get(c) is not None]
    if not found:
        raise BadInput(f"no region {code_or_name!r} in GB/T 2260 edition {table.edition}")
    for code in found:
        above = [c for c in divisions.parents(code)[1:] if (d := table.get(c)) is not None and not d.placeholder]
        chain = " / ".join(table.display_name(c) for c in [*reversed(above), code])
        click.echo(f"{code}  {divisions.level(code):8}  {table.display_name(code)}  ({chain})")


@regions.command("load")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--edition", required=True, help="The edition's name, usually its year (2025).")
@click.option("--source", default="", help="Where the table comes from (recorded in the stored file).")
@click.option("--replace", is_flag=True, help="Replace an edition of that name loaded before.")
def load_command(file: str, edition: str, source: str, replace: bool) -> None:
    """Check a GB/T 2260 table (CSV: code and name columns, 6- or 12-digit codes) and store it
    as an edition; the newest edition is the one in use."""
    from ipcity import divisions

    try:
        stored = divisions.load_edition(file, edition, source=source or file, replace=replace)
    except divisions.DivisionTableError as exc:
        raise BadInput(str(exc)) from None
    count = len(divisions.table_of(stored.edition).divisions)
    in_use = divisions.current_edition().edition == stored.edition
    click.echo(f"edition {stored.edition}: {count} codes stored in {stored.path}"
               + ("" if in_use else f" (not in use: {divisions.current_edition().edition} is)"))
