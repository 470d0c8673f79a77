"""``ipcity navigate report``: a navigation project's report (专利导航报告), GB/T 9704 layout."""

from __future__ import annotations

from pathlib import Path

import click

from ipcity.cli.groups import BadInput
from ipcity.cli.navigate import navigate
from ipcity.cli.web import setup_django


@navigate.command("report")
@click.option("--project", "project_id", type=int, required=True, help="The navigation project's id.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx"]), default="pdf", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write.")
def report_command(project_id: int, fmt: str, out: Path) -> None:
    """Write the report of a navigation project of the platform to --out.

    It uses the stored analysis of the project's latest definition version over the dataset's
    current version; when there is none, the analysis is computed now (and not stored).
    """
    setup_django()
    from ipcity.navigation import compute, services
    from ipcity.navigation.models import NavigationProject
    from ipcity.navigation.report import render

    project = NavigationProject.objects.select_related("region", "program").filter(pk=project_id).first()
    if project is None:
        raise BadInput(f"没有编号为 {project_id} 的专利导航项目")
    dataset_version = compute.dataset_version(project.dataset)
    if dataset_version is None:
        raise BadInput(f"专利数据集“{project.dataset}”不存在")
    version = services.latest_version(project)
    stored = version.analyses.filter(dataset_version=dataset_version, aliases_key=services.aliases_key(project.aliases),
                                     status="done").first()
    # a result stored before the province's and the country's landscapes existed is computed afresh
    if stored and compute.is_current(stored.result):
        result = stored.result
    else:
        result = compute.run(dataset=project.dataset, body=version.body, region=project.region.code,
                             aliases=project.aliases or None)
    content = render(project, result, fmt, version_number=version.number, dataset_version=dataset_version)
    out.write_bytes(content)
    click.echo(f"{out}: v{version.number} ({version.content_hash}) {fmt}, {len(content)} bytes")
