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
