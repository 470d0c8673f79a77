"""Reads about the holiday notices: the open cases whose running due date is provisional."""

from __future__ import annotations

from ipcity.casework.calendar import supported_range
from ipcity.protection.access import cases_visible_to
from ipcity.protection.deadlines import running_clock_q


def provisional_open_cases(user) -> int:
    """How many cases the user sees have a running clock due after the known years."""
    known_last = supported_range()[1]
    return cases_visible_to(user).filter(running_clock_q(gt=known_last)).count()
