"""Two offices merge A into B and B into A at the same moment (hostile29): one merge is made, the
other is refused with a message, and never both (two units each merged into the other would leave
their work with nobody). PostgreSQL: run with tests/pgcluster.py; SQLite runs the two write
transactions one after the other. The world is ``tests/web/platform/conftest.py``'s (authored)."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from ipcity.core.models import Department
from ipcity.programs.models import TaskAssignment
from ipcity.programs.reform import services

pytestmark = pytest.mark.django_db(transaction=True)


def test_crossing_merges_make_one_merge_and_refuse_the_other(world, monkeypatch):
    if connection.vendor != "postgresql":
        # The test database of SQLite is in memory with a shared cache, whose table locks do not
        # wait (busy_timeout): the race is PostgreSQL's; a file database takes IMMEDIATE
        # transactions one after the other (settings.DATABASES).
        pytest.skip("PostgreSQL's race; run with tests/pgcluster.py")
    inside = threading.Event()
    real = services.department_merge_state

    def slow_state(source, target):  # the first merge holds its locks while the second one asks
        answer = real(source, target)
        if not inside.is_set():
            inside.set()
            time.sleep(1.0)
        return answer

    monkeypatch.setattr(services, "department_merge_state", slow_state)
    outcomes: dict[str, str] = {}

    def merge(name: str, source: Department, target: Department) -> None:
        try:
            services.department_merge(actor=world.office, source_id=source.pk, target_id=target.pk, seen=None)
            outcomes[name] = "merged"
        except ValidationError as exc:
            outcomes[name] = exc.messages[0]
        except Exception as exc:  # noqa: BLE001 - a database error is the finding
            outcomes[name] = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    first = threading.Thread(target=merge, args=("sci->fin", world.sci, world.fin))
    first.start()
    assert inside.wait(10)
    second = threading.Thread(target=merge, args=("fin->sci", world.fin, world.sci))
    second.start()
    first.join(30)
    second.join(30)
    assert outcomes["sci->fin"] == "merged"
    assert outcomes["fin->sci"] == "“市科技局”已并入“市财政局”，不能再把“市财政局”合并到它"
    sci, fin = Department.objects.get(pk=world.sci.pk), Department.objects.get(pk=world.fin.pk)
    assert (sci.merged_into_id, fin.merged_into_id, fin.is_active) == (fin.pk, None, True)
    assert not TaskAssignment.objects.filter(department=sci, task__program=world.tl_prog).exists()
