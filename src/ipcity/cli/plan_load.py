"""``ipcity plan load FILE``: a plan document (or plan JSON) into the platform, non-interactively.

Departments are matched by name, alias and abbreviation rules, else created; everything is
saved in one transaction. ``--dry-run`` prints what would be created and writes nothing.
Exit status 2 for a file that cannot be read or a plan that breaks the format.
"""

from __future__ import annotations

from pathlib import Path

import click

from ipcity.cli.groups import BadInput, plan
from ipcity.cli.web import setup_django


@plan.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print what would be created; write nothing.")
@click.option("--region", "region_name", default=None, help="Region the programme belongs to (default: the plan's).")
@click.option("--user", "username", default=None, help="User recorded as the importer in the audit trail.")
def plan_load(file: Path, dry_run: bool, region_name: str | None, username: str | None) -> None:
    """Load FILE (a .docx/.pdf/.ofd/.txt/.html plan document or plan JSON) as a new programme."""
    setup_django()
    from ipcity.plans import DocumentError
    from ipcity.programs.importing.reading import read_plan_file
    from ipcity.programs.importing.validation import plan_problems

    try:
        read = read_plan_file(file)
    except DocumentError as exc:
        raise BadInput(str(exc)) from exc
    if isinstance(read.plan, dict) and not read.plan.get("indicators") and not read.plan.get("tasks"):
        raise BadInput(f"{file}: no indicators and no tasks found: not a plan document (未识别出任何指标或任务)")
    for warning in read.warnings:
        click.echo(f"ipcity: warning: {warning}", err=True)
    problems = plan_problems(read.plan)
    if problems:
        raise BadInput(f"{file}: plan format: " + "; ".join(problems[:5]))
    user = _user(username)
    region = _region(region_name, dry_run)
    if dry_run:
        _print_preview(read.plan, region, region_name)
        return
    _load(read, file, user, region)


def _user(username: str | None):
    if not username:
        return None
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise BadInput(f"no such user: {username}")
    return user


def _region(region_name: str | None, dry_run: bool):
    """The region given by --region: resolved (created) for a load, only looked up for a dry run."""
    if not region_name:
        return None
    from ipcity.core.regions import region_find
    from ipcity.core.services import region_resolve

    if dry_run:
        return region_find(region_name)
    try:
        return region_resolve(region_name)
    except ValueError as exc:
        raise BadInput(str(exc)) from exc


def _load(read, file: Path, user, region) -> None:
    from ipcity.programs.services import PlanInvalid, program_create_from_plan

    try:
        program = program_create_from_plan(
            plan=read.plan, user=user, region=region, source_name=file.name, source_text=read.source_text
        )
    except (PlanInvalid, ValueError) as exc:
        raise BadInput(f"{file}: {exc}") from exc
    from ipcity.programs.models import TaskAssignment

    counts = {
        "indicators": program.indicators.count(),
        "tasks": program.tasks.count(),
        "departments": TaskAssignment.objects.filter(task__program=program).values("department").distinct().count(),
    }
    click.echo(f"loaded programme {program.pk}: {program.title}")
    click.echo(f"  region {program.region.name} ({program.region.code}), {program.start_year}–{program.end_year}")
    click.echo(f"  {counts['indicators']} indicators, {counts['tasks']} tasks, {counts['departments']} departments")


def _print_preview(plan: dict, region, region_name: str | None) -> None:
    from ipcity.programs.importing.preview import import_preview

    preview = import_preview(plan, region=region)
    info = preview.region
    if region is None and region_name:
        from ipcity.core.regions import region_describe

        info = region_describe(region_name)
    state = "exists" if info.get("exists") else ("fictional, would be created" if info.get("fictional") else "would be created")
    if info.get("ambiguous"):
        state = "ambiguous name: give the parent region"
    c = preview.counts
    click.echo(f"dry run: nothing written. Would create programme: {plan['title']}")
    click.echo(f"  region {info['name']} ({info.get('code') or 'no code'}): {state}")
    click.echo(f"  period {plan['period']['start']}–{plan['period']['end']}")
    click.echo(f"  {c['indicators']} indicators ({c['indicator_targets']} targets), "
               f"{c['tasks']} tasks ({c['task_targets']} targets, {c['assignments']} assignments), "
               f"{c['phases']} phases, {c['reporting']} reporting duties")
    click.echo(f"  {c['units']} units named, {c['new_units']} new departments:")
    for unit in preview.units:
        if unit.how == "new":
            click.echo(f"    new      {unit.name}" + (f" (same unit as {unit.same_as})" if unit.same_as else ""))
        else:
            click.echo(f"    {unit.how:<8} {unit.name} → {unit.match.name} (#{unit.match.pk})")
