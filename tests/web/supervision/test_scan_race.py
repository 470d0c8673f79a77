"""The daily scan against an office that ends a round or archives the programme while it runs.

The scan reads the reports of the open rounds, then records and sends their reminders. A round
closed in between (ended by hand, or by the archiving, which ends the open rounds) must not get a
reminder: the scan reads the rounds again, holding them, just before it records the reminders
(``reminders.still_open``).

- SQLite runs the scan's transaction IMMEDIATE, so another connection cannot commit inside it; the
  tests here make the change inside the scan's own transaction, at the seam (after the reports
  were read), which is what a commit in between looks like to the scan.
- PostgreSQL (READ COMMITTED; run with tests/pgcluster.py): a round ended by hand from another
  connection commits in between; the archiving waits for the scan instead (the scan holds the
  programme's row from generating its rounds), so the reminders the scan sends belong to before it.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections

from ipcity.audit.models import AuditEvent
from ipcity.programs.models import Program
from ipcity.supervision.models import Notification, Reminder, Round
from ipcity.supervision.services import archiving, reminders, rounds

from .factories import add_users, make_program
from .test_archiving_race import _run

D = dt.date
SCAN_DAY = D(2026, 12, 16)  # a Wednesday, the day after the round's due date: 3 overdue reminders
WAIT = 10  # seconds: the longest any step here waits for another


def _world():
    """A duty due every 15 December in a fixed 2024–2026 plan, its 2026 round generated, nobody reported."""
    world = add_users(make_program(duty={"month": 12, "day": 15}, start_year=2024, end_year=2026))
    reminders.scan(today=D(2026, 12, 1))
    world.round = Round.objects.get(program=world.program)
    return world


def _close_by_hand(w):
    rounds.round_set_status(reporting_round=Round.objects.get(pk=w.round.pk), user=w.users["office"],
                            status=Round.Status.CLOSED)


def _archive(w):
    archiving.program_archive(program=Program.objects.get(pk=w.program.pk), user=w.users["office"],
                              close_open_rounds=True)


CHANGES = {"nothing": None, "round ended by hand": _close_by_hand, "programme archived": _archive}


@pytest.mark.django_db
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_round_closed_after_the_scan_read_it_gets_no_reminder(change, monkeypatch,
                                                               django_capture_on_commit_callbacks):
    w = _world()
    real = reminders._open_reports

    def read_then_change(programs):
        reports = real(programs)
        assert reports  # the scan has read the round's three reports as still to chase
        if CHANGES[change] is not None:
            CHANGES[change](w)
        return reports

    monkeypatch.setattr(reminders, "_open_reports", read_then_change)
    with django_capture_on_commit_callbacks(execute=True):
        result = reminders.scan(today=SCAN_DAY)
    if change == "nothing":  # the seam changes nothing by itself: the reminders go out
        assert result.by_kind == {"overdue": 3} and Reminder.objects.count() == 3
        return
    assert result.reminders == 0 and result.by_kind == {}
    assert not Reminder.objects.exists()
    assert not Notification.objects.filter(kind=Notification.Kind.REMINDER).exists()
    assert Round.objects.get(pk=w.round.pk).status == Round.Status.CLOSED


# ---------------------------------------------------------------- PostgreSQL: another connection


@pytest.fixture
def pg_world(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's race; run with tests/pgcluster.py (SQLite: the tests above)")
    return _world()


def _hold_after(monkeypatch, module, name: str) -> tuple[threading.Event, threading.Event]:
    """Replace ``module.name`` by itself followed, the first time, by a wait (at most ``WAIT``) for
    ``release``; ``inside`` is set once the first caller has returned from the real call."""
    inside, release = threading.Event(), threading.Event()
    real = getattr(module, name)

    def held(*args, **kwargs):
        answer = real(*args, **kwargs)
        if not inside.is_set():
            inside.set()
            release.wait(WAIT)
        return answer

    monkeypatch.setattr(module, name, held)
    return inside, release


def _scan_in_thread(outcomes: dict) -> threading.Thread:
    def run():
        try:
            outcomes["scan"] = reminders.scan(today=SCAN_DAY)
        except Exception as exc:  # noqa: BLE001 - a database error (a deadlock) is the finding
            outcomes["scan"] = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _waiting_on_a_lock(seconds: float) -> bool:
    """Whether another backend waits on a row lock, polled for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


def test_postgresql_a_round_ended_by_hand_while_the_scan_runs_gets_no_reminder(pg_world, monkeypatch):
    w = pg_world
    inside, release = _hold_after(monkeypatch, reminders, "_open_reports")
    outcomes: dict = {}
    scan = _scan_in_thread(outcomes)
    try:
        assert inside.wait(WAIT)
        # The office ends the round from another connection and commits while the scan holds
        # the reports it read: the programme is held shared by both, the round by neither yet.
        _close_by_hand(w)
    finally:
        release.set()
        scan.join(WAIT * 3)
    assert not scan.is_alive()
    result = outcomes["scan"]
    assert not isinstance(result, str), result
    assert result.reminders == 0 and not Reminder.objects.exists()
    assert not Notification.objects.filter(kind=Notification.Kind.REMINDER).exists()


def test_postgresql_an_archive_during_the_scan_waits_and_its_rounds_are_not_chased_after(pg_world, monkeypatch):
    w = pg_world
    inside, release = _hold_after(monkeypatch, reminders, "_open_reports")
    outcomes: dict = {}
    scan = _scan_in_thread(outcomes)
    archive = threading.Thread(target=_run, args=(outcomes, "archive", lambda: _archive(w)))
    try:
        assert inside.wait(WAIT)
        archive.start()
        # The scan holds the programme's row (it generated its rounds): the archiving waits.
        assert _waiting_on_a_lock(WAIT)
        assert archive.is_alive() and "archive" not in outcomes
    finally:
        release.set()
        scan.join(WAIT * 3)
        if archive.ident is not None:
            archive.join(WAIT * 3)
    assert not scan.is_alive() and not archive.is_alive()
    result = outcomes["scan"]
    assert not isinstance(result, str), result
    assert outcomes["archive"] == "done", outcomes["archive"]
    # The reminders went out while the round was open, before the archiving was recorded;
    # nothing of the scan's comes after it, and the next scan leaves the programme alone.
    assert result.by_kind == {"overdue": 3}
    scanned = AuditEvent.objects.get(action="supervision.scan", note__startswith=str(SCAN_DAY))
    archived = AuditEvent.objects.get(action="program.archive", program_id=w.program.pk)
    assert scanned.pk < archived.pk
    assert Round.objects.get(pk=w.round.pk).status == Round.Status.CLOSED
    assert reminders.scan(today=SCAN_DAY + dt.timedelta(days=1)).reminders == 0
