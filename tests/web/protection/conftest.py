"""Fixtures of this package: the ledger/KPI world (ledger_fixtures.py), the case-workflow
world (case_fixtures.py) and an empty holiday-notice directory (tests/web/holiday_notice_fixtures.py)."""

from tests.web.holiday_notice_fixtures import notices  # noqa: F401
from tests.web.protection.case_fixtures import cases_world  # noqa: F401
from tests.web.protection.ledger_fixtures import ledger_world  # noqa: F401
