"""``ipcity demo``'s transfer part: needs, declarations and matches in several stages, without an index."""

from __future__ import annotations

import io

from ipcity.transfer.demo import MATCHES, NEEDS, load_demo
from ipcity.transfer.models import LicenceDeclaration, Match, TechNeed


def test_demo_loads_once_with_matches_in_several_stages(transfer_world):
    out = io.StringIO()
    load_demo(stdout=out)
    assert TechNeed.objects.count() == len(NEEDS) == 3
    assert LicenceDeclaration.objects.count() == 3
    # CN99000003A declares 2,500 万元: flagged, still recorded
    assert LicenceDeclaration.objects.get(pub_number="CN99000003A").fee_flags
    assert sorted(Match.objects.values_list("stage", flat=True)) == sorted(
        ["contract", "contacted", "negotiating", "proposed", "dropped"])
    assert Match.objects.count() == len(MATCHES)
    assert TechNeed.objects.filter(published_at__isnull=False).count() == 1
    load_demo(stdout=out)
    assert TechNeed.objects.count() == 3 and "already present" in out.getvalue()


def test_the_demo_builds_again_an_index_of_the_older_cut(tmp_path, settings):
    # A demo installed before the search cut keeps its dataset, so the dataset's age alone would keep
    # the old index: its summary's missing cut makes it outdated, and the next `ipcity demo` rebuilds it.
    from ipcity.analytics import datasets
    from ipcity.matching.index import index_dir, index_status
    from ipcity.programs.demo.patents import DEMO_DATASET
    from ipcity.transfer.demo import build_demo_index
    from tests.matching.conftest import as_built_by_the_older_cut, canonical_records, fixture_patents

    settings.DATA_DIR = tmp_path
    datasets.write_dataset(DEMO_DATASET, canonical_records(fixture_patents()), {"source": "authored fixture"}, tmp_path)
    assert build_demo_index(io.StringIO())
    assert not build_demo_index(io.StringIO())  # current: left alone
    as_built_by_the_older_cut(index_dir(DEMO_DATASET, tmp_path))
    assert index_status(DEMO_DATASET, data_dir=tmp_path).outdated
    assert build_demo_index(io.StringIO())
    assert not index_status(DEMO_DATASET, data_dir=tmp_path).outdated
