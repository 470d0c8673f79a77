from __future__ import annotations

from types import SimpleNamespace

import pytest

from ipcity.core.models import Role
from tests.web.platform import factories as f


@pytest.fixture
def world(db):
    """Two cities: 铜陵市 with a programme of four departments, 蚌埠市 with one of its own."""
    tl = f.region("340700", "铜陵市")
    bb = f.region("340300", "蚌埠市")
    msa = f.department(tl, "市市场监管局")
    sci = f.department(tl, "市科技局")
    fin = f.department(tl, "市财政局")
    edu = f.department(tl, "市教育局")
    bb_msa = f.department(bb, "蚌埠市市场监管局")
    tl_prog = f.program(tl, departments=[msa, sci, fin], n_indicators=3, n_tasks=6)
    bb_prog = f.program(bb, title="蚌埠市国家知识产权强市建设试点城市工作方案", departments=[bb_msa])
    return SimpleNamespace(
        tl=tl, bb=bb, msa=msa, sci=sci, fin=fin, edu=edu, bb_msa=bb_msa, tl_prog=tl_prog, bb_prog=bb_prog,
        office=f.user("office", Role.OFFICE, region=tl),
        office_all=f.user("office_all", Role.OFFICE),
        leader=f.user("leader", Role.LEADER, region=tl),
        reporter=f.user("reporter", Role.REPORTER, department=msa),
        reporter_edu=f.user("reporter_edu", Role.REPORTER, department=edu),
        admin=f.user("siteadmin", Role.ADMIN),
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher costs ~0.3 s per account; these tests create several per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
