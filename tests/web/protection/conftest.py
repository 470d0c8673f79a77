"""Fixtures of this package: the ledger/KPI world (ledger_fixtures.py) and the case-workflow
world (case_fixtures.py)."""

from tests.web.protection.case_fixtures import cases_world  # noqa: F401
from tests.web.protection.ledger_fixtures import ledger_world  # noqa: F401
