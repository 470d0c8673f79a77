"""A list of several cities' departments tells their same-named bureaus apart (walk 25: an office
bound to no region filtered cases by one of six undistinguished 市市场监管局)."""

from __future__ import annotations

import pytest

from ipcity.protection.forms import AssignForm, FilterForm
from tests.web.platform import factories as f

pytestmark = pytest.mark.django_db


def test_a_repeated_name_carries_its_region_and_a_single_one_stays_bare():
    tongling, wuhu = f.region("340700", "铜陵市"), f.region("340200", "芜湖市")
    departments = [f.department(tongling, "市市场监管局"), f.department(wuhu, "市市场监管局"),
                   f.department(tongling, "市中级人民法院")]
    labels = [label for _pk, label in FilterForm(departments=departments).fields["department"].choices][1:]
    assert labels == ["市市场监管局（铜陵市）", "市市场监管局（芜湖市）", "市中级人民法院"]
    assigned = dict(AssignForm(departments=departments[:1] + departments[2:]).fields["department"].choices)
    assert sorted(assigned.values()) == ["市中级人民法院", "市市场监管局"]  # one city: names as they are
