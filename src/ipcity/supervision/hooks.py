"""What apps above supervision add to its board and its daily scan (supervision never imports them).

- **board sections**: ``provider(user, today) -> BoardSection | None``, a list shown on every
  programme's supervision board under the reports (the cases due soon and overdue of
  ``ipcity.protection``…). The provider scopes the rows to the user and must be cheap; one that
  fails is logged and skipped.
- **scan hooks**: ``hook(today) -> dict[str, int]``, run by the daily scan (``reminders.scan``)
  after the reports' reminders, each in its own transaction; it must be idempotent (the scan runs
  from cron and from the console). Its counts are added to the scan's result under its name.

Registered from the higher app's ``AppConfig.ready()``; registering twice is a no-op.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BoardRow:
    title: str  # Chinese data (a case's number and subject): the template marks it lang="zh"
    url: str
    level: str  # badge colour: red (overdue), yellow (due soon), blue, grey
    badge: str  # the badge's words, in the user's language
    detail: str = ""  # Chinese data too (a department…)
    when: str = ""  # in the reader's language (a due date…)


@dataclass(frozen=True)
class BoardSection:
    key: str
    title: Any  # a lazy translation
    rows: list[BoardRow] = field(default_factory=list)
    more_url: str = ""  # the full list, when the section shows only the first rows


BoardSectionProvider = Callable[[Any, dt.date], BoardSection | None]
ScanHook = Callable[[dt.date], dict[str, int]]

BOARD_SECTIONS: list[BoardSectionProvider] = []
SCAN_HOOKS: list[tuple[str, ScanHook]] = []


def register_board_section(provider: BoardSectionProvider) -> BoardSectionProvider:
    if provider not in BOARD_SECTIONS:
        BOARD_SECTIONS.append(provider)
    return provider


def register_scan_hook(name: str, hook: ScanHook) -> None:
    if (name, hook) not in SCAN_HOOKS:
        SCAN_HOOKS.append((name, hook))


def board_sections(user, today: dt.date) -> list[BoardSection]:
    sections = []
    for provider in BOARD_SECTIONS:
        try:
            section = provider(user, today)
        except Exception:  # noqa: BLE001 - one broken app must not take the board down
            logger.exception("board section provider %r failed", provider)
            continue
        if section is not None:
            sections.append(section)
    return sections


def run_scan_hooks(today: dt.date) -> dict[str, dict[str, int]]:
    """Every hook's counts by its name. A hook that fails is logged; the others still run."""
    results: dict[str, dict[str, int]] = {}
    for name, hook in SCAN_HOOKS:
        try:
            results[name] = hook(today)
        except Exception:  # noqa: BLE001 - the reports' reminders are already sent; report, go on
            logger.exception("scan hook %s failed", name)
            results[name] = {"failed": 1}
    return results
