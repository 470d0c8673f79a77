"""The deadline rule read two ways agrees: ``due_state`` on a loaded case and the queries
``overdue_q``/``due_soon_q`` (the list's filters, the board, the reminders) on the test database.

Both are built from ``deadlines.CLOCK_RUNS``; this property test keeps them from drifting apart
(a status added to one side, a suspension or a recorded receipt forgotten in the other)."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcity.casework.workflow import STATUSES
from ipcity.protection.deadlines import due_soon_q, due_state, overdue_q
from ipcity.protection.models import Case, CaseType

TODAY = dt.date(2025, 6, 11)  # a Wednesday inside the published 2025 calendar
_numbers = itertools.count(1)

_day = st.none() | st.integers(min_value=-12, max_value=15).map(lambda n: TODAY + dt.timedelta(days=n))
_case = st.fixed_dictionaries({
    "status": st.sampled_from(sorted(STATUSES)),
    "suspended": st.booleans(),
    "review_due": _day,
    "statutory_due": _day,
    "receipt_due": _day,
    "receipt_on": st.none() | st.just(TODAY - dt.timedelta(days=2)),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(_case, min_size=1, max_size=12))
def test_the_queries_select_exactly_the_cases_due_state_names(db, specs):
    case_type = CaseType.objects.get(code="mediation")
    cases = Case.objects.bulk_create([
        Case(number=f"P{next(_numbers)}", case_type=case_type, channel="visit", ip_kind="patent",
             region_code="340700", subject="期限规则", received_on=TODAY - dt.timedelta(days=30), **spec)
        for spec in specs])
    try:
        ids = [case.pk for case in cases]
        stored = Case.objects.filter(pk__in=ids)
        state = {case.pk: due_state(case, today=TODAY) for case in stored}
        overdue = set(stored.filter(overdue_q(TODAY)).values_list("pk", flat=True))
        due_soon = set(stored.filter(due_soon_q(TODAY)).exclude(overdue_q(TODAY)).values_list("pk", flat=True))
        assert overdue == {pk for pk, s in state.items() if s == "overdue"}
        assert due_soon == {pk for pk, s in state.items() if s == "due_soon"}
    finally:
        Case.objects.filter(pk__in=[case.pk for case in cases]).delete()


def test_a_recorded_receipt_or_a_suspension_stops_the_clock(db):
    # Hand-worked: a referred case whose receipt was due two days ago is overdue until the
    # receipt is recorded or the case is suspended.
    case_type = CaseType.objects.get(code="mediation")
    late = dict(case_type=case_type, channel="visit", ip_kind="patent", region_code="340700", subject="回执",
                received_on=dt.date(2025, 5, 1), status="referred", receipt_due=TODAY - dt.timedelta(days=2))
    waiting = Case.objects.create(number="R1", **late)
    received = Case.objects.create(number="R2", receipt_on=TODAY - dt.timedelta(days=1), **late)
    stopped = Case.objects.create(number="R3", suspended=True, **late)
    assert [due_state(c, today=TODAY) for c in (waiting, received, stopped)] == ["overdue", "", ""]
    assert list(Case.objects.filter(overdue_q(TODAY)).values_list("number", flat=True)) == ["R1"]
