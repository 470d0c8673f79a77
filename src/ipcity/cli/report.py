"""``ipcity report build``: a report from live data, in the GB/T 9704-2012 layout, to a file."""

from __future__ import annotations

from pathlib import Path

import click

from ipcity.cli.groups import BadInput, report
from ipcity.cli.web import setup_django


def _program(key: str):
    from ipcity.core.search import folded_contains
    from ipcity.programs.models import Program

    if key.isdigit():
        program = Program.objects.filter(pk=int(key)).first()
        if program is None:
            raise BadInput(f"没有编号为 {key} 的项目")
        return program
    found = list(Program.objects.filter(folded_contains("title", key)).order_by("pk")[:6])
    if not found:
        raise BadInput(f"没有标题包含“{key}”的项目")
    if len(found) > 1:
        names = "；".join(f"{p.pk} {p.title}" for p in found[:5])
        raise BadInput(f"标题包含“{key}”的项目不止一个，请用编号：{names}")
    return found[0]


def _region_programs(program):
    """The programmes a leader of ``program``'s region sees: its region and the regions under it."""
    from ipcity.divisions import region_prefix
    from ipcity.programs.models import Program

    code = region_prefix(program.region.code)
    return list(Program.objects.filter(region__code__startswith=code).select_related("region").order_by("pk"))


@report.command()
@click.option("--program", "program_key", required=True, metavar="ID_OR_TITLE_PART",
              help="The programme: its id or a unique part of its title.")
@click.option("--kind", type=click.Choice(["annual", "bulletin", "whitepaper", "summary", "final"]), required=True,
              help="annual report, 情况通报 of a round, white paper, one-page summary of the region's programmes, "
                   "or 终期评估报告 (final evaluation, once the plan's period has ended or it is archived).")
@click.option("--year", type=int, help="The year reported on (required, except for final: the plan's whole period).")
@click.option("--round", "round_id", type=int, help="The reporting round (default: the last one reporting on the year).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx"]), default="pdf", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write.")
@click.option("--text", "text_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="UTF-8 text file with the office's own overview (white paper), one paragraph a line.")
def build(program_key: str, kind: str, year: int | None, round_id: int | None, fmt: str, out: Path,
          text_file: Path | None) -> None:
    """Build a report from the platform's live data and write it to --out.

    Every number comes from the same functions as the dashboard and the supervision board (the
    final evaluation's from the 终期评估 page's). A year or round with nothing to report, or a final
    evaluation of a plan still running, is refused with the reason (exit status 2).
    """
    try:  # the office's own text is read first: a file that is no UTF-8 text is refused in one line
        text = text_file.read_text(encoding="utf-8") if text_file else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{text_file}: not a UTF-8 text file ({exc})") from None
    setup_django()
    from ipcity.reports.build import build_report
    from ipcity.reports.snapshot import ReportDataMissing
    from ipcity.supervision.models import Round

    program = _program(program_key)
    if kind == "final":
        from django.utils import timezone

        year = min(program.end_year, timezone.localdate().year)
    elif year is None:
        raise BadInput(f"--kind {kind} 需要 --year（所报年度）")
    rnd = None
    if round_id is not None:
        rnd = Round.objects.filter(pk=round_id, program=program).first()
        if rnd is None:
            raise BadInput(f"项目 {program.pk} 没有编号为 {round_id} 的督查轮次")
    programs = _region_programs(program) if kind == "summary" else None
    try:
        built = build_report(program=program, kind=kind, year=year, fmt=fmt, reporting_round=rnd, programs=programs,
                             text=text)
    except ReportDataMissing as exc:
        raise BadInput(str(exc)) from None
    out.write_bytes(built.content)
    click.echo(f"{out}: {kind} {year} {fmt}, {len(built.content)} bytes")
