"""``ipcity indicators compute|panel|explain|actions``: patent indicators from a dataset.

    ipcity indicators compute --dataset NAME --region CODE --year Y [--population N] --json
    ipcity indicators panel   --dataset NAME --level city --years 2016-2025 --out panel.parquet
    ipcity indicators explain --dataset NAME --region CODE --year Y --indicator high_value [--format csv]
    ipcity indicators actions --dataset NAME --region CODE --year Y [--list crossing|at_risk|top_holders]

Common options: ``--sei-rules FILE`` (the SEI concordance; default ``$IPCITY_SEI_RULES``, and
without one the sei criterion is not applied), ``--sei-mode ipc_only|ipc_and_keyword``,
``--pledge-threshold YUAN`` (default: the office's loaded threshold; none → not applied),
``--engine duckdb|spark``. ``--dataset`` takes a dataset name or a canonical Parquet path.
Definitions: shared/spec/ip-indicators.md and docs/indicators.md.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ipcity.cli.groups import BadInput, indicators

if TYPE_CHECKING:  # pandas is loaded by the commands that need it, not at CLI start-up
    import pandas as pd

ENGINE_CHOICES = ["duckdb", "spark"]
LIST_CHOICES = ["crossing", "at_risk", "top_holders", "all"]


def _common(command: Callable) -> Callable:
    """The options every indicator command shares."""
    options = [
        click.option("--dataset", required=True, help="Dataset name, or a canonical records .parquet path."),
        click.option("--sei-rules", type=click.Path(dir_okay=False), default=None,
                     help="SEI concordance file (CSV/JSON); default $IPCITY_SEI_RULES, else the version loaded with `ipcity patents reference sei`."),
        click.option("--sei-mode", type=click.Choice(["ipc_only", "ipc_and_keyword"]), default="ipc_only",
                     show_default=True, help="Whether rules with keywords also need a keyword in title/abstract."),
        click.option("--pledge-threshold", type=float, default=None,
                     help="Pledge criterion threshold in 元 (default: the loaded reference value; none: not applied)."),
        click.option("--engine", "engine_name", type=click.Choice(ENGINE_CHOICES), default="duckdb",
                     show_default=True, help="Query engine (spark: local mode unless IPCITY_SPARK_MASTER)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _parameters(sei_rules: str | None, sei_mode: str, pledge_threshold: float | None):
    from ipcity.analytics import indicators as ind
    from ipcity.analytics.reference import resolve_sei_rules
    from ipcity.analytics.sei import SeiTableError, load_sei_table

    sei_path, _ = resolve_sei_rules(sei_rules)
    try:
        sei = load_sei_table(sei_path) if sei_path else None
    except SeiTableError as exc:
        raise BadInput(str(exc)) from exc
    pledge_version = None
    if pledge_threshold is None:
        try:
            from ipcity.analytics import reference

            pledge_threshold, pledge_version = reference.pledge_threshold()
        except (ImportError, OSError, ValueError):
            pledge_threshold = None
    elif pledge_threshold <= 0:
        raise BadInput("--pledge-threshold must be a positive amount in 元")
    return ind.Parameters(sei=sei, sei_mode=sei_mode, pledge_threshold=pledge_threshold,
                          pledge_threshold_version=pledge_version)


def _run(function: Callable[..., Any], engine_name: str, *args: Any, **kwargs: Any) -> Any:
    """Open the engine, run, close; bad input (unknown dataset, region, indicator) → exit 2."""
    from ipcity.analytics.engine import EngineError, connect
    from ipcity.divisions import DivisionCodeError

    engine = connect(engine_name)
    try:
        return function(engine, *args, **kwargs)
    except (EngineError, DivisionCodeError, ValueError) as exc:
        raise BadInput(str(exc)) from exc
    finally:
        engine.close()


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-safe rows: dates as ISO text, missing values as null."""
    out = frame.astype(object).where(frame.notna(), None)
    return [{k: (v.isoformat()[:10] if hasattr(v, "isoformat") else v) for k, v in row.items()}
            for row in out.to_dict(orient="records")]


def _write_table(frame: pd.DataFrame, fmt: str, out: str | None) -> None:
    if fmt == "json":
        text = json.dumps(_records(frame), ensure_ascii=False, indent=1, default=str)
    else:
        # Patent titles and holders come from outside data: no cell may open as a formula in Excel.
        from ipcity.core.spreadsheets import neutralise

        text = frame.map(neutralise).to_csv(index=False)
    if out:
        with open(out, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8") as handle:
            handle.write(text)
        click.echo(f"{len(frame)} rows -> {out}", err=True)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@indicators.command("compute")
@_common
@click.option("--region", required=True, help="6-digit GB/T 2260 code (a district counts for its city).")
@click.option("--year", type=int, required=True, help="Figures as of 31 December of this year.")
@click.option("--population", type=float, default=None,
              help="Year-end resident population (persons); default: the loaded population table.")
@click.option("--entities", type=float, default=None,
              help="Market entities (市场主体, 户) at year end, for tm_valid_per_10k_entities; "
                   "default: the table loaded with `ipcity records reference entities`.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON object (the default output).")
def compute_command(dataset, sei_rules, sei_mode, pledge_threshold, engine_name, region, year, population,
                    entities, as_json) -> None:
    """Every indicator of the specs (patents; trademarks, pledges, licences, copyright) for one
    region and year, for the kinds of record the dataset holds."""
    from ipcity.analytics.panel import compute_region

    if entities is not None and not (math.isfinite(entities) and entities > 0):
        raise BadInput("--entities must be a positive number of market entities")
    # 0 is "no population" (per-10k null, saying why); a negative or non-finite one is a mistake,
    # and a division by it would print a negative figure or a NaN that is not JSON.
    if population is not None and not (math.isfinite(population) and population >= 0):
        raise BadInput("--population must be a number of persons (0: none known)")
    params = _parameters(sei_rules, sei_mode, pledge_threshold)
    result = _run(compute_region, engine_name, dataset, region, year, params, population=population,
                  entities=entities)
    _echo_json(result)


@indicators.command("panel")
@_common
@click.option("--level", type=click.Choice(["city", "province", "district"]), default="city", show_default=True)
@click.option("--years", required=True, help="A range like 2016-2025 (or 2020, or 2018,2020).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="FILE.parquet or FILE.csv")
def panel_command(dataset, sei_rules, sei_mode, pledge_threshold, engine_name, level, years, out) -> None:
    """Every region of a level × a range of years, in one pass; writes Parquet or CSV."""
    from ipcity.analytics.panel import compute_panel, parse_years, write_panel

    if not out.lower().endswith((".parquet", ".csv")):
        raise BadInput(f"--out must end in .parquet or .csv, not {out!r}")
    try:
        year_list = parse_years(years)
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    params = _parameters(sei_rules, sei_mode, pledge_threshold)
    frame = _run(compute_panel, engine_name, dataset, level, year_list, params)
    write_panel(frame, out, params, engine_name)
    click.echo(f"{frame['region'].nunique()} regions x {len(year_list)} years = {len(frame)} rows -> {out}")


@indicators.command("explain")
@_common
@click.option("--region", required=True)
@click.option("--year", type=int, required=True)
@click.option("--indicator", default="high_value", show_default=True,
              help="invention_valid, high_value, high_value_<criterion>, invention_grants, "
                   "invention_applications or pct_applications; or a key of ip-records.md "
                   "(tm_valid, pledge_amount, licences, copyright_works…): the records behind it.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write here instead of stdout.")
def explain_command(dataset, sei_rules, sei_mode, pledge_threshold, engine_name, region, year, indicator, fmt,
                    out) -> None:
    """The patents behind a figure, with the criteria each one meets."""
    from ipcity.analytics.explain import explain

    params = _parameters(sei_rules, sei_mode, pledge_threshold)
    frame = _run(explain, engine_name, dataset, region, year, indicator, params)
    _write_table(frame, fmt, out)


@indicators.command("actions")
@_common
@click.option("--region", required=True)
@click.option("--year", type=int, required=True, help="The last complete year; actions look at the next.")
@click.option("--list", "which", type=click.Choice(LIST_CHOICES), default="all", show_default=True)
@click.option("--holder-kind", type=click.Choice(["enterprise", "university", "institute", "individual", "any"]),
              default="enterprise", show_default=True, help="For top_holders.")
@click.option("--limit", type=int, default=20, show_default=True, help="For top_holders.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="json", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None)
def actions_command(dataset, sei_rules, sei_mode, pledge_threshold, engine_name, region, year, which,
                    holder_kind, limit, fmt, out) -> None:
    """What the office can act on: patents crossing the 10-year line next year, high-value
    patents at risk of lapsing, and the top holders of high-value patents."""
    from ipcity.analytics import actions

    params = _parameters(sei_rules, sei_mode, pledge_threshold)
    if which == "all" and fmt == "csv":
        raise BadInput("--format csv needs one --list (crossing, at_risk or top_holders)")
    kind = None if holder_kind == "any" else holder_kind
    frames = _run(actions.all_actions, engine_name, dataset, region, year, params, kind=kind, limit=limit)
    if which != "all":
        frames = {which: frames[which]}
    chosen = list(frames)
    if len(frames) == 1:
        _write_table(frames[chosen[0]], fmt, out)
        return
    payload = {"region": region, "year": year, "parameters": params.describe(engine_name),
               **{name: {"count": len(frame), "rows": _records(frame)} for name, frame in frames.items()}}
    text = json.dumps(payload, ensure_ascii=False, indent=1, default=str)
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        click.echo(text)
