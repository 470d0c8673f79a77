"""``ipcity publish export DIR``: the public site as static files, with relative links only."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from ipcity.cli.main import cli
from ipcity.publication import services
from tests.web.publication.crawl import links

pytestmark = pytest.mark.django_db


def _publish(world) -> None:
    services.program_publication_set(program=world.program, user=world.office, published=True, summary="概况")
    for key in ("high_value", "formula"):
        services.indicator_publication_set(indicator=world.indicators[key], user=world.office, published=True)


def test_the_export_links_only_relatively_to_files_it_holds(world, tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from ipcity.reports.models import ReportVersion

    settings.MEDIA_ROOT = tmp_path / "media"
    _publish(world)
    paper = ReportVersion(program=world.program, kind="whitepaper", year=2024, fmt="pdf", status="done",
                          published_at=timezone.now())
    paper.file.save("wp.pdf", ContentFile(b"%PDF-1.4 paper"), save=False)
    paper.save()
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["publish", "export", str(out)])
    assert result.exit_code == 0, result.output
    assert "exported to" in result.output
    pages = sorted(out.rglob("*.html"))
    pid, iid = world.program.pk, world.indicators["high_value"].pk
    assert {"index.html", "method/index.html", f"{pid}/index.html", f"{pid}/indicator/{iid}/index.html"} \
        <= {str(p.relative_to(out)) for p in pages}
    for name in (f"{pid}/data.csv", f"{pid}/data.xlsx", f"{pid}/indicator/{iid}/data.json", "open-data.zip",
                 "static/vendor/echarts.min.js", "static/publication/public.css", "static/ipcity/favicon.svg"):
        assert (out / name).is_file(), name
    assert (out / f"{pid}/whitepaper-{paper.pk}.pdf").read_bytes() == b"%PDF-1.4 paper"
    assert json.loads((out / f"{pid}/data.json").read_text(encoding="utf-8"))["programme"]["id"] == pid
    checked = 0
    for page in pages:
        for url in links(page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc and not url.startswith("/"), f"{page}: {url}"
            target = (page.parent / parts.path).resolve() if parts.path else page
            assert target.is_file() and out.resolve() in target.parents, f"{page.relative_to(out)}: {url}"
            checked += 1
    assert checked > 30
    # The static pages switch the large mode with JavaScript (no server to set a cookie).
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'src="static/publication/display.js"' in index and 'id="display-toggle"' in index
    assert "sitemap.xml" not in index and "/open/display/" not in index


def test_the_export_refuses_a_directory_that_is_not_empty(world, tmp_path):
    _publish(world)
    (tmp_path / "keep.txt").write_text("x")
    result = CliRunner().invoke(cli, ["publish", "export", str(tmp_path)])
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert [p.name for p in Path(tmp_path).iterdir()] == ["keep.txt"]
