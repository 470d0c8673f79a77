"""The demo loader: a dozen cases in every state through the services, idempotent."""

from __future__ import annotations

import io

import pytest

from ipcity.protection.demo import PLAN, load_demo
from ipcity.protection.models import Case, CaseEvent

pytestmark = pytest.mark.django_db


def test_demo_cases_in_varied_states(cases_world):
    out = io.StringIO()
    load_demo(stdout=out)
    cases = Case.objects.filter(subject__startswith="示例：")
    assert cases.count() == len(PLAN) == 12, out.getvalue()
    statuses = set(cases.values_list("status", flat=True))
    assert statuses == {"registered", "closed", "rejected", "accepted", "assigned", "referred", "followed_up",
                        "archived"}
    assert cases.filter(suspended=True).count() == 1
    assert cases.filter(extension_days=10).count() == 1
    assert CaseEvent.objects.filter(case__in=cases, step="register").count() == 12
    load_demo(stdout=out)  # idempotent
    assert Case.objects.count() == 12 and "already present" in out.getvalue()


def test_demo_parties_are_of_the_kind_their_names_say(cases_world):
    """Walk 24: the demo called 王芳 and 李明 enterprises and 铜陵铜冠电子科技有限公司 a person, so a
    person's name was shown unmasked where names of individuals are masked."""
    from ipcity.protection.models import CaseParty

    load_demo(stdout=io.StringIO())
    claimants = CaseParty.objects.filter(case__subject__startswith="示例：", role="claimant")
    assert claimants.exists()
    for party in claimants:
        is_firm = party.name.endswith("公司")
        assert party.kind == ("enterprise" if is_firm else "individual"), (party.name, party.kind)


def test_a_fresh_demo_with_an_office_bound_to_no_region_still_gets_cases(cases_world):
    """``ipcity demo``'s office sees every region (bound to none): the cases go to the region of the
    first department with a reporter, run by that office."""
    from ipcity.core.models import Profile

    Profile.objects.filter(role="office").update(region=None)
    out = io.StringIO()
    load_demo(stdout=out)
    cases = Case.objects.filter(subject__startswith="示例：")
    assert cases.count() == 12, out.getvalue()
    assert set(cases.values_list("region_code", flat=True)) == {"340700"}  # d1's region
    assert set(cases.exclude(handling_department=None).values_list("handling_department__name", flat=True)) == {"市市场监管局"}
