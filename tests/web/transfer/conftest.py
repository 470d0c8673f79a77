"""Fixtures of this package (transfer_fixtures.py)."""

from tests.web.transfer.transfer_fixtures import patents_dataset, transfer_world  # noqa: F401
