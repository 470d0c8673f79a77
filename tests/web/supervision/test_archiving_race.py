"""Archiving while someone writes into the programme (hostile30): nothing may be written into an
archived programme, whichever transaction reaches the programme first.

- The archive first: it holds the programme's row while a reporter submits, the office enters a
  value, a template upload is confirmed, a plan revision is accepted, a round is opened or an
  indicator is edited. Each of them must wait and then be refused (ProgramArchived), not read the
  status 实施中 of before the archive's commit and write.
- The writer first: it has passed the check and not committed yet when the office archives; the
  archive must wait for it (its write belongs to the programme before the archiving), not commit
  underneath it.

PostgreSQL's race (READ COMMITTED): run with tests/pgcluster.py; SQLite takes IMMEDIATE write
transactions one after the other. The world is test_archiving.py's (authored)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from ipcity.monitoring import services as monitoring
from ipcity.monitoring.models import ActualImport, IndicatorActual
from ipcity.programs.editing import services as editing
from ipcity.programs.lifecycle import ProgramArchived
from ipcity.programs.models import IndicatorTarget, Program
from ipcity.programs.plan_export import program_to_plan
from ipcity.programs.services import program_apply_revision
from ipcity.supervision.models import Round
from ipcity.supervision.services import archiving, report_filling, report_transitions, rounds

from .factories import add_users, fill_report, make_program

pytestmark = pytest.mark.django_db(transaction=True)
PAUSE = 1.0


@pytest.fixture
def race_world(transactional_db):
    if connection.vendor != "postgresql":
        # The test database of SQLite is in memory with a shared cache, whose table locks do not
        # wait (busy_timeout): the race is PostgreSQL's; a file database takes IMMEDIATE
        # transactions one after the other (settings.DATABASES).
        pytest.skip("PostgreSQL's race; run with tests/pgcluster.py")
    today = timezone.localdate()
    world = add_users(make_program(start_year=2022, end_year=min(2025, today.year - 1)))
    indicator = world.indicators[0]
    IndicatorTarget.objects.create(indicator=indicator, year=world.program.end_year, value=14, comparator=">=")
    world.round = rounds.round_create(program=world.program, user=world.users["office"], title="最后一轮",
                                      due=dt.date(world.program.end_year + 1, 3, 31),
                                      period_year=world.program.end_year)
    fill_report(world.round.reports.get(department=world.departments[0]), status="done", progress=100)
    return world


def _report(w):
    return w.round.reports.get(department=w.departments[0])


def _pending_import(w):
    return ActualImport.objects.create(
        program=w.program, original_name="模板.xlsx", created_by=w.users["office"], status=ActualImport.Status.PENDING,
        rows=[{"row": 3, "indicator_id": w.indicators[0].pk, "indicator_name": w.indicators[0].name,
               "year": w.program.end_year, "value": 15.0, "source": "市统计局", "note": ""}])


# Each: (prepare in the main thread, the write run in a thread).
WRITERS = {
    "report_submit (reporter)": (_report, lambda w, r: report_filling.report_submit(report=r, user=w.users["reporter"])),
    "actual_value_record (office)": (lambda w: None, lambda w, _x: monitoring.actual_value_record(
        indicator=w.indicators[0], year=w.program.end_year, value=15, user=w.users["office"])),
    "actual_import_confirm": (_pending_import, lambda w, imp: monitoring.actual_import_confirm(
        actual_import=imp, user=w.users["office"])),
    "program_apply_revision": (lambda w: program_to_plan(w.program), lambda w, plan: program_apply_revision(
        program=Program.objects.get(pk=w.program.pk), plan={**plan, "title": plan["title"] + "（修订）"},
        user=w.users["office"])),
    "round_create": (lambda w: None, lambda w, _x: rounds.round_create(
        program=w.program, user=w.users["office"], title="又一轮", due=dt.date(w.program.end_year + 1, 6, 30),
        period_year=w.program.end_year)),
    "indicator_update": (lambda w: None, lambda w, _x: editing.indicator_update(
        indicator=w.indicators[0], user=w.users["office"], unit="项", baseline_year=None, baseline_value=None,
        targets=[{"year": w.program.end_year, "value": 20, "comparator": ">="}])),
}


def _run(outcomes: dict, name: str, fn) -> None:
    try:
        fn()
        outcomes[name] = "done"
    except ProgramArchived:
        outcomes[name] = "archived"
    except monitoring.MonitoringInputError as exc:  # a template's confirmation says it on its page
        outcomes[name] = "archived" if "已归档" in exc.message else f"error: {exc.message}"
    except Exception as exc:  # noqa: BLE001 - a database error is the finding
        outcomes[name] = f"error: {type(exc).__name__}: {exc}"
    finally:
        connections.close_all()


def _pause_once_inside(monkeypatch, module, name: str) -> threading.Event:
    """Replace ``module.name`` by itself followed, the first time only, by a pause of ``PAUSE``: the
    event is set when the first caller is inside (past the call, before what follows it)."""
    inside = threading.Event()
    real = getattr(module, name)

    def paused(*args, **kwargs):
        answer = real(*args, **kwargs)
        if not inside.is_set():
            inside.set()
            time.sleep(PAUSE)
        return answer

    monkeypatch.setattr(module, name, paused)
    return inside


def _written_after_archive(program: Program) -> list[str]:
    archived = AuditEvent.objects.get(program_id=program.pk, action="program.archive")
    return list(AuditEvent.objects.filter(program_id=program.pk, pk__gt=archived.pk).values_list("action", flat=True))


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_write_arriving_while_the_archive_holds_the_programme_is_refused(race_world, writer, monkeypatch):
    w = race_world
    prepare, write = WRITERS[writer]
    argument = prepare(w)
    # The archive holds the programme's row (read its state) while the writer asks.
    inside = _pause_once_inside(monkeypatch, archiving, "archive_state")
    outcomes: dict = {}
    archive = threading.Thread(target=_run, args=(outcomes, "archive", lambda: archiving.program_archive(
        program=w.program, user=w.users["office"], close_open_rounds=True)))
    archive.start()
    assert inside.wait(10)
    writing = threading.Thread(target=_run, args=(outcomes, "write", lambda: write(w, argument)))
    writing.start()
    archive.join(30)
    writing.join(30)
    assert outcomes["archive"] == "done"
    assert outcomes["write"] == "archived", outcomes["write"]
    assert Program.objects.get(pk=w.program.pk).status == Program.Status.ARCHIVED
    assert _written_after_archive(w.program) == []
    assert not IndicatorActual.objects.filter(indicator__program=w.program, value=15).exists()
    assert Round.objects.filter(program=w.program).count() == 1


SLOW_CHECKS = {  # the module whose require_not_archived the writer passes, and the write's audit action
    "report_submit (reporter)": (report_transitions, "supervision.report.submit"),
    "actual_value_record (office)": (monitoring, "monitoring.actual.create"),
    "round_create": (rounds, "supervision.round.create"),
}


@pytest.mark.parametrize("writer", list(SLOW_CHECKS))
def test_an_archive_arriving_while_a_write_is_under_way_waits_for_it(race_world, writer, monkeypatch):
    w = race_world
    prepare, write = WRITERS[writer]
    argument = prepare(w)
    # The writer has passed the check and not yet written.
    inside = _pause_once_inside(monkeypatch, SLOW_CHECKS[writer][0], "require_not_archived")
    outcomes: dict = {}
    writing = threading.Thread(target=_run, args=(outcomes, "write", lambda: write(w, argument)))
    writing.start()
    assert inside.wait(10)
    archive = threading.Thread(target=_run, args=(outcomes, "archive", lambda: archiving.program_archive(
        program=w.program, user=w.users["office"], close_open_rounds=True)))
    archive.start()
    writing.join(30)
    archive.join(30)
    assert outcomes["write"] == "done", outcomes["write"]
    assert outcomes["archive"] == "done", outcomes["archive"]
    # The archive waited for the write: the write's audit record comes before the archiving's
    # (without the wait the archive records itself while the writer sleeps, and the write after).
    archived = AuditEvent.objects.get(program_id=w.program.pk, action="program.archive")
    assert AuditEvent.objects.filter(program_id=w.program.pk, action=SLOW_CHECKS[writer][1], pk__lt=archived.pk).exists()
    assert _written_after_archive(w.program) == []


def test_two_writers_of_one_programme_do_not_deadlock_on_its_row(race_world, monkeypatch):
    """The programme's row is held shared (FOR KEY SHARE) by every writer: a value being entered
    (held after its check) and the office changing the indicator's data owner, whose lock used to
    take the programme FOR UPDATE through its join, both complete."""
    w = race_world
    inside = _pause_once_inside(monkeypatch, monitoring, "require_not_archived")
    outcomes: dict = {}
    value = threading.Thread(target=_run, args=(outcomes, "value", lambda: monitoring.actual_value_record(
        indicator=w.indicators[0], year=w.program.end_year, value=15, user=w.users["office"])))
    value.start()
    assert inside.wait(10)
    owner = threading.Thread(target=_run, args=(outcomes, "owner", lambda: editing.indicator_owner_set(
        indicator=w.indicators[0], department=w.departments[1], user=w.users["office"])))
    owner.start()
    value.join(30)
    owner.join(30)
    assert (outcomes["value"], outcomes["owner"]) == ("done", "done"), outcomes
