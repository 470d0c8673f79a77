"""Who sees reports: the office and the leaders (of the programme's region, by ``access_program``)."""

from __future__ import annotations

from ipcity.core.access import user_role
from ipcity.core.models import Role

READER_ROLES = (Role.OFFICE, Role.LEADER, Role.ADMIN)


def may_read_reports(user) -> bool:
    return user_role(user) in READER_ROLES
