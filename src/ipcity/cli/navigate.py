"""``ipcity navigate landscape``: an industry's patent landscape (专利导航) from a dataset.

    ipcity navigate landscape --dataset NAME [--ipc PATTERNS] [--keywords WORDS] [--sei CODE]
                              [--definition FILE.json] [--region CODE] [--engine duckdb|spark] --json

The industry is a definition file (docs/navigation.md), or one node made of ``--ipc`` patterns
(with ``-`` before a pattern to exclude it), ``--keywords`` and ``--sei`` codes; with none of
them, the whole dataset. A pattern that is not an IPC symbol exits 2 naming it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click

from ipcity.cli.groups import BadInput, cli


@cli.group()
def navigate() -> None:
    """Patent navigation (专利导航): industry landscapes from a patent dataset."""


def _split(values: tuple[str, ...]) -> list[str]:
    return [part for value in values for part in re.split(r"[,;，；\s]+", value) if part]


def _sei_table(sei_rules: str | None, needed: bool):
    from ipcity.analytics.reference import resolve_sei_rules
    from ipcity.analytics.sei import SeiTableError, load_sei_table

    path, _ = resolve_sei_rules(sei_rules)
    if not path:
        if needed:
            raise BadInput("SEI codes need the SEI concordance: --sei-rules FILE, $IPCITY_SEI_RULES, "
                           "or load it once with `ipcity patents reference sei FILE`")
        return None
    try:
        return load_sei_table(path)
    except SeiTableError as exc:
        raise BadInput(str(exc)) from exc


def _target(ipc, keywords, sei, definition_file, sei_table):
    from ipcity.analytics.navigation.definition import Definition, DefinitionError, Node, from_sei

    try:
        if definition_file:
            if ipc or keywords or sei:
                raise BadInput("give --definition or --ipc/--keywords/--sei, not both")
            return Definition.from_json(Path(definition_file).read_text(encoding="utf-8"))
        patterns = _split(ipc)
        words = _split(keywords)
        codes = _split(sei)
        if len(codes) == 1 and not patterns and not words:
            return from_sei(codes[0], sei_table)
        if not (patterns or words or codes):
            return None
        include = [p for p in patterns if not p.startswith("-")]
        exclude = [p[1:] for p in patterns if p.startswith("-")]
        root = Node(key="query", name="query", ipc=tuple(include), exclude=tuple(exclude), keywords=tuple(words),
                    sei=tuple(codes))
        return Definition(name="query", root=root)
    except (DefinitionError, OSError, UnicodeDecodeError) as exc:
        raise BadInput(str(exc)) from exc


@navigate.command("landscape")
@click.option("--dataset", required=True, help="Dataset name, or a canonical records .parquet path.")
@click.option("--ipc", multiple=True, help="IPC patterns (G06F*, H01M10*, B60L53/00), comma separated; -PATTERN excludes.")
@click.option("--keywords", multiple=True, help="Words of which one must be in the title or abstract, comma separated.")
@click.option("--sei", multiple=True, help="SEI codes (5.1, or 5 for its classes); needs the SEI concordance.")
@click.option("--definition", "definition_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="A navigation definition (JSON, docs/navigation.md).")
@click.option("--region", default=None, help="6-digit GB/T 2260 code of a province, city or district (default: all).")
@click.option("--aliases", type=click.Path(dir_okay=False, exists=True), default=None,
              help='Known applicant aliases, JSON {"variant name": "name it belongs to"}.')
@click.option("--data-date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date of the data extract (default: the latest filing or grant date in the data).")
@click.option("--sei-rules", type=click.Path(dir_okay=False), default=None,
              help="SEI concordance file; default $IPCITY_SEI_RULES, else the loaded version.")
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="Leading applicants and inventors listed.")
@click.option("--engine", "engine_name", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="Query engine (spark: local mode unless IPCITY_SPARK_MASTER).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON object (the default output).")
def landscape_command(dataset, ipc, keywords, sei, definition_file, region, aliases, data_date, sei_rules, top,
                      engine_name, as_json) -> None:
    """The landscape of an industry: filings and grants by year, kinds, legal status, IPC, offices,
    regions, leading applicants and inventors, concentration, life cycle and citations (JSON;
    inventors and citations only where the dataset's export had them)."""
    from ipcity.analytics.engine import EngineError, connect, resolve_records
    from ipcity.analytics.navigation.definition import DefinitionError
    from ipcity.analytics.navigation.landscape import landscape
    from ipcity.divisions import DivisionCodeError

    try:
        definition_text = Path(definition_file).read_text(encoding="utf-8") if definition_file else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{definition_file}: not a UTF-8 JSON definition ({exc})") from None
    needs_sei = bool(sei) or '"sei"' in definition_text
    sei_table = _sei_table(sei_rules, needs_sei)
    target = _target(ipc, keywords, sei, definition_file, sei_table)
    alias_map = None
    if aliases:
        try:
            alias_map = json.loads(Path(aliases).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BadInput(f"{aliases}: {exc}") from exc
        if not isinstance(alias_map, dict):
            raise BadInput(f"{aliases}: expected a JSON object of name → name")
    try:
        path = resolve_records(dataset)
    except EngineError as exc:
        raise BadInput(str(exc)) from exc
    engine = connect(engine_name)
    try:
        result = landscape(engine, engine.read_records(path), target, region, sei_table=sei_table,
                           aliases=alias_map, data_date=data_date.date() if isinstance(data_date, dt.datetime) else None,
                           top=top)
    except (DefinitionError, DivisionCodeError, EngineError, ValueError) as exc:
        raise BadInput(str(exc)) from exc
    finally:
        engine.close()
    click.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
