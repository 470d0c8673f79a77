"""The matrix world is what the walks over it (the access matrix, the English crawl, the axe walk
in tests/web/accessibility) are meant to see: here, a navigation analysis of the current version,
whose page shows the city beside its province and the country rather than the notice of an
analysis stored before the comparison."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from ipcity.navigation import compute
from ipcity.navigation.models import Analysis
from tests.web.access_matrix.world import fetch

pytestmark = pytest.mark.django_db


def test_the_navigation_analysis_is_current_and_its_page_shows_the_compared_tables(matrix):
    world, clients = matrix
    analysis = Analysis.objects.get(project_id=world.ids["project_id"])
    assert compute.is_current(analysis.result)
    # the office's walk and the site admin's (which checks the pages the office's bounded walk left)
    for actor in ("office_a", "admin"):
        status, body, _ = fetch(clients[actor], "GET", reverse("navigation:analysis", args=[world.ids["project_id"]]))
        doc = lxml.html.document_fromstring(body.decode())
        assert status == 200 and not doc.xpath("//*[@id='no-comparison']"), actor
        # 本地, 本省 and 全国 side by side, each scope with data rows
        headers = doc.xpath("//table[@id='table-kinds']//th/text()")
        assert headers[1:] == ["本地专利", "本地占比", "本省专利", "本省占比", "全国专利", "全国占比"]
        scopes = doc.xpath("//table[@id='table-concentration']/tbody/tr/td[1]/text()")
        assert scopes == ["本地", "本省", "全国"]
        assert doc.xpath("//table[@id='table-top_applicants_scopes']/tbody/tr[@lang='zh']")
