"""Groups for `pytest -n 2 --dist loadgroup` (make test): tests that share an expensive fixture
run on one worker, so that it is built once.

Dealt out one by one, the tests of a module with a module-scoped fixture (the walkthrough's
crawls, the access matrix's world, a reports module's demo) land on both workers, and both build
the fixture; each worker also started its own JVM for Spark. Here a test that uses a module- or
package-scoped fixture of this test tree is grouped with its module, every test of a module that
has a Spark test joins the group "spark" (one JVM, and that module's fixtures built once), the
tests on the ops' throw-away PostgreSQL cluster (``pg_server``) share one cluster, and the tests
that copy, back up or restore the ops' demo installation (``source_installation``: migrate, demo,
a 2,000-record dataset, each a subprocess) share one installation; dealt out by module, the backup,
crash-safety and concurrency tests landed on both workers and both built it.
Transactional tests stay ungrouped: pytest-django runs them after the others, and a group, dealt
out first, would move them earlier (they flush what the data migrations seeded).

Why not ``xdist_group`` marks: pytest-xdist 3.8 puts a mark's group into ``item._nodeid``, which
pytest 9 no longer reads, so marks group nothing. Instead the workers write each grouped test's
node id and group to a file the controller named, and the controller's scheduler
(LoadGroupScheduling with its own ``_split_scope``) reads it once the workers have collected.
Groups are dealt out largest first (xdist's loadscope reorder), ungrouped tests after them one by
one, so the two workers still end together. Without xdist, or with another --dist, nothing
changes.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

SHARED_SCOPES = ("module", "package")
# Session fixtures worth one worker: each PostgreSQL test module started its own cluster; each
# worker that ran a backup, crash-safety or concurrency test built its own demo installation. The
# first listed wins for a test using both: a second installation costs far more than a second cluster.
SHARED_SESSION_FIXTURES = {"source_installation": "ops-installation", "pg_server": "postgres-cluster"}
_WORKER_KEY = "ipcity_groups_file"


def group_of(item: pytest.Item, spark_modules: set[str]) -> str | None:
    module = item.nodeid.split("::")[0]
    if module in spark_modules:
        return "spark"
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if transactional or "transactional_db" in fixtures or "live_server" in fixtures:
        return None
    for name, group in SHARED_SESSION_FIXTURES.items():
        if name in fixtures:
            return group
    info = getattr(item, "_fixtureinfo", None)
    for defs in (info.name2fixturedefs.values() if info else ()):
        if any(d.scope in SHARED_SCOPES and d.baseid.startswith("tests") for d in defs):
            return module
    return None


def groups(items: list[pytest.Item]) -> dict[str, str]:
    """node id → group, for the grouped tests only."""
    spark_modules = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("spark")}
    out = {}
    for item in items:
        group = group_of(item, spark_modules)
        if group:
            out[item.nodeid] = group
    return out


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    target = getattr(config, "workerinput", {}).get(_WORKER_KEY)
    if not target:
        return  # not an xdist worker under --dist loadgroup
    # Both workers collect the same tests and write the same map; os.replace makes each write whole.
    fd, tmp = tempfile.mkstemp(dir=Path(target).parent)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(groups(items), out)
    os.replace(tmp, target)


def _groups_file(config: pytest.Config) -> Path:
    if not hasattr(config, "_ipcity_groups_file"):
        config._ipcity_groups_file = Path(tempfile.mkdtemp(prefix="ipcity-xdist-")) / "groups.json"  # type: ignore[attr-defined]
    return config._ipcity_groups_file  # type: ignore[attr-defined]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    if node.config.getvalue("dist") == "loadgroup":
        node.workerinput[_WORKER_KEY] = str(_groups_file(node.config))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    path = _groups_file(config)

    class FixtureGroupScheduling(LoadGroupScheduling):
        _groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self._groups is None:
                self._groups = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
                shutil.rmtree(path.parent, ignore_errors=True)
            group = self._groups.get(nodeid)
            return f"group:{group}" if group else super()._split_scope(nodeid)

    return FixtureGroupScheduling(config, log)
