"""``ipcity indicators record``: a computed figure becomes a programme indicator's actual value.

    ipcity indicators record --program 3 --indicator 17 --dataset cnipa-2025 --region 340700 \\
        --year 2024 --key high_value_per_10k [--population 1310000] [--user office] [--dry-run]
    ipcity indicators record --program 3 --indicator 21 --dataset cn-all --year 2024 \\
        --key "licences + transfers"      # a formula of the catalogue of standard indicators

``--key`` is a figure of ``ipcity indicators compute`` or a formula over them
(``ipcity.analytics.formulas``: ``a + b``, ``pledge_amount_by_kind.patent``, ``growth(key)``); the
value is converted into the indicator's unit (元 → 亿元, 件 → 万件).

The figure is computed as ``ipcity indicators compute`` computes it (DuckDB) and recorded through
the monitoring app's one write path, marked computed, with its lineage. ``--dry-run`` prints the
figure and its lineage and writes nothing. Exit status 2 for any refusal (no such programme,
indicator, dataset or user; a null figure such as a per-10k figure without a population).
"""

from __future__ import annotations

import json

import click

from ipcity.cli.groups import BadInput, indicators
from ipcity.cli.web import setup_django

KEY_HELP = ("a figure of `ipcity indicators compute` (high_value_per_10k, invention_valid_per_10k, high_value, "
            "invention_valid, invention_grants, invention_applications, pct_applications, tm_valid, "
            "tm_valid_per_10k_entities, tm_new_registrations, madrid_new, gi_marks_valid, pledge_count, "
            "pledge_amount, licences, licences_in, transfers, transfers_in, copyright_works, copyright_software) "
            "or a formula over them as the catalogue writes it: 'licences + transfers', "
            "'pledge_amount_by_kind.patent', 'growth(copyright_works)'; converted to the indicator's unit")


@indicators.command("record")
@click.option("--program", "program_id", type=int, required=True, help="Programme id.")
@click.option("--indicator", "indicator_id", type=int, required=True, help="Indicator id (of that programme).")
@click.option("--dataset", required=True, help="Dataset name (see `ipcity patents datasets`): patents and the other records.")
@click.option("--region", default=None, help="6-digit GB/T 2260 code; default: the programme's region.")
@click.option("--year", type=int, required=True, help="Figure as of 31 December of this year.")
@click.option("--key", required=True, help=f"The figure: {KEY_HELP}.")
@click.option("--sei-rules", type=click.Path(dir_okay=False), default=None,
              help="SEI concordance file (CSV/JSON); default $IPCITY_SEI_RULES, else the version loaded with `ipcity patents reference sei`.")
@click.option("--sei-mode", type=click.Choice(["ipc_only", "ipc_and_keyword"]), default="ipc_only", show_default=True)
@click.option("--pledge-threshold", type=float, default=None,
              help="Pledge criterion threshold in 元 (default: the loaded reference value; none: not applied).")
@click.option("--population", type=float, default=None,
              help="Year-end resident population (persons); default: the loaded population table.")
@click.option("--entities", type=float, default=None,
              help="Market entities at year end (户), for tm_valid_per_10k_entities; default: the loaded entities table.")
@click.option("--note", default="", help="Note stored with the value.")
@click.option("--user", "username", default=None,
              help="Office user recorded as the author (default: the system).")
@click.option("--dry-run", is_flag=True, help="Compute and print the figure and its lineage; write nothing.")
def record_command(program_id, indicator_id, dataset, region, year, key, sei_rules, sei_mode, pledge_threshold,
                   population, entities, note, username, dry_run) -> None:
    """Record a figure computed from IP records as an indicator's actual value, with its lineage."""
    setup_django()
    from django.core.exceptions import PermissionDenied

    from ipcity.monitoring import engine_figures
    from ipcity.monitoring.services import MonitoringInputError

    indicator = _indicator(program_id, indicator_id)
    user = _user(username)
    arguments = {"dataset": dataset, "region_code": region or indicator.program.region.code, "year": year,
                 "key": key, "sei_rules": sei_rules, "sei_mode": sei_mode, "pledge_threshold": pledge_threshold,
                 "population": population, "entities": entities}
    try:
        if dry_run:
            figure = engine_figures.compute_figure(indicator=indicator, **arguments)
            _echo({"dry_run": True, "indicator": indicator.name, "year": year, "value": figure.value,
                   "lineage": figure.lineage})
            return
        actual = engine_figures.actual_value_from_patents(indicator=indicator, user=user, note=note, **arguments)
    except MonitoringInputError as exc:
        raise BadInput(exc.message) from exc
    except PermissionDenied as exc:
        raise BadInput(str(exc)) from exc
    _echo({"recorded": actual.pk, "indicator": indicator.name, "year": actual.year, "value": actual.value,
           "computed": actual.computed, "lineage": actual.lineage})


def _indicator(program_id: int, indicator_id: int):
    from ipcity.programs.models import Indicator

    indicator = (Indicator.objects.select_related("program__region").prefetch_related("targets")
                 .filter(pk=indicator_id, program_id=program_id).first())
    if indicator is None:
        raise BadInput(f"no indicator {indicator_id} in programme {program_id}")
    return indicator


def _user(username: str | None):
    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise BadInput(f"no such user: {username}")
    return user


def _echo(data: dict) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
