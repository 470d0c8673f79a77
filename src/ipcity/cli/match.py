"""``ipcity match``: the matching index of a dataset's patents, queries against it, and its
reference tables (docs/matching.md).

    ipcity match build --dataset NAME [--needs FILE --user OFFICE_USER]
    ipcity match query TEXT --dataset NAME [--top 20] [--industry CODE] [--region CODE] [--json]
    ipcity match reference industries FILE
    ipcity match reference concordance FILE

Bad input (an unbuilt index, an empty or one-character query, an unknown industry or region code,
an unreadable table) prints one line on stderr and exits 2; nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ipcity.cli.groups import BadInput, match


@match.command("build")
@click.option("--dataset", required=True, help="The patent dataset whose titles and abstracts are indexed.")
@click.option("--needs", "needs_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also import technology needs from this CSV/XLSX (all rows or none; the transfer app's needs).")
@click.option("--user", "username", default=None,
              help="Office user who imports the needs (required with --needs; rows without a region take its region).")
def build_command(dataset: str, needs_file: Path | None, username: str | None) -> None:
    """Index a dataset's patents (BM25 over jieba words and bigrams); replaces an older index."""
    from ipcity.analytics import datasets
    from ipcity.matching.index import build_index

    try:
        datasets.check_name(dataset)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    if not datasets.exists(dataset):
        raise BadInput(f"没有名为 {dataset} 的数据集（ipcity patents datasets 列出已有的数据集）")
    if needs_file is not None:
        _import_needs(needs_file, username)
    summary = build_index(dataset)
    left_out = (f", {summary.left_out} left out (another office's or lapsed: not for a licence or transfer in China)"
                if summary.left_out else "")
    click.echo(f"dataset {summary.dataset}: {summary.documents} documents, {summary.terms} terms, "
               f"{summary.seconds:.1f} seconds{left_out}")


@match.command("query")
@click.argument("text")
@click.option("--dataset", required=True, help="The dataset whose index is queried.")
@click.option("--top", default=20, show_default=True, type=click.IntRange(1, 500), help="How many matches.")
@click.option("--industry", default=None, help="The need's GB/T 4754-2017 code (C3041 or 3041): IPC and SEI priors.")
@click.option("--region", default=None, help="The need's GB/T 2260 region code: the region prior.")
@click.option("--json", "as_json", is_flag=True, help='Print [{"pub_number", "score", "why"}], best first.')
def query_command(text: str, dataset: str, top: int, industry: str | None, region: str | None, as_json: bool) -> None:
    """Rank the dataset's patents for a need written as free text; each match says why."""
    from ipcity.analytics import datasets
    from ipcity.matching.index import IndexNotBuilt, load_index
    from ipcity.matching.needs import Need, validate_need
    from ipcity.matching.ranker import rank

    try:
        datasets.check_name(dataset)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    need = Need(id="query", text=text, industry_code=industry, region_code=region)
    problems = validate_need(need)
    if problems:
        raise BadInput("；".join(problems))
    try:
        index = load_index(dataset)
    except IndexNotBuilt as exc:
        raise BadInput(str(exc)) from None
    if index.summary.outdated:  # still ranks, but its terms were cut otherwise than the query's
        click.echo(f"注意：{dataset} 的匹配索引建于分词方式更改之前，请重新运行 ipcity match build --dataset {dataset}",
                   err=True)
    hits = rank(index, need, top=top)
    if as_json:
        click.echo(json.dumps([{"pub_number": h.pub_number, "score": h.score, "why": h.why.as_dict()} for h in hits],
                              ensure_ascii=False, indent=1))
        return
    for place, hit in enumerate(hits, 1):
        priors = "；".join(p["detail"] for p in hit.why.priors)
        click.echo(f"{place:3}  {hit.pub_number}  {hit.score:.3f}  {hit.title}")
        click.echo(f"     共有词：{'、'.join(hit.why.shared_terms)}"
                   + (f"  共有IPC组：{'、'.join(hit.why.shared_ipc_groups)}" if hit.why.shared_ipc_groups else "")
                   + (f"  {priors}" if priors else ""))
    if not hits:
        click.echo("没有能说明理由的匹配结果")


@match.group("reference")
def reference_group() -> None:
    """Load the matching's reference tables (versioned under $IPCITY_DATA_DIR/reference/)."""


@reference_group.command("industries")
@click.argument("file", type=click.Path(dir_okay=False))
def reference_industries_command(file: str) -> None:
    """Load the full GB/T 4754-2017 table (CSV or XLSX: 代码, 类别名称) as the current version."""
    from ipcity.matching.industries import IndustryTableError, load_industry_table

    try:
        version = load_industry_table(file)
    except IndustryTableError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"industry table stored as version {version}")


@reference_group.command("concordance")
@click.argument("file", type=click.Path(dir_okay=False))
def reference_concordance_command(file: str) -> None:
    """Load the IPC ↔ industry concordance (CSV or XLSX: industry_code, ipc_patterns[, industry_name])."""
    from ipcity.matching.concordance import ConcordanceError, load_concordance

    try:
        version = load_concordance(file)
    except ConcordanceError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"concordance stored as version {version}")


def _import_needs(path: Path, username: str | None) -> None:
    """Import needs through the transfer app's service (checked whole before anything is written)."""
    from ipcity.cli.web import setup_django

    if username is None:
        raise BadInput("--needs needs --user: the office user who imports them")
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied, ValidationError

    from ipcity.transfer.services import needs_import

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise BadInput(f"no active user named {username}")
    profile = getattr(user, "profile", None)
    region = getattr(profile, "region", None) if profile else None
    try:
        created = needs_import(user=user, path=path, default_region_code=region.code if region else "")
    except PermissionDenied as exc:
        raise BadInput(str(exc)) from None
    except ValidationError as exc:
        raise BadInput("；".join(exc.messages)) from None
    click.echo(f"needs: {len(created)} imported from {path.name}")
