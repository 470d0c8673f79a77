"""The ``ipcity`` entry point: the groups of ``groups.py`` with every command module attached."""

from __future__ import annotations

import sys

import ipcity.cli.backup  # noqa: F401  (attaches its commands)
import ipcity.cli.cases  # noqa: F401  (attaches its commands)
import ipcity.cli.cases_calendar  # noqa: F401  (attaches its commands)
import ipcity.cli.demo  # noqa: F401  (attaches its commands)
import ipcity.cli.indicators_assess  # noqa: F401  (attaches its commands)
import ipcity.cli.indicators_compute  # noqa: F401  (attaches its commands)
import ipcity.cli.indicators_record  # noqa: F401  (attaches its commands)
import ipcity.cli.match  # noqa: F401  (attaches its commands)
import ipcity.cli.navigate  # noqa: F401  (attaches its commands)
import ipcity.cli.navigate_report  # noqa: F401  (attaches its commands)
import ipcity.cli.patents  # noqa: F401  (attaches its commands)
import ipcity.cli.patents_synth  # noqa: F401  (attaches its commands)
import ipcity.cli.plan  # noqa: F401  (attaches its commands)
import ipcity.cli.plan_load  # noqa: F401  (attaches its commands)
import ipcity.cli.publish  # noqa: F401  (attaches its commands)
import ipcity.cli.records  # noqa: F401  (attaches its commands)
import ipcity.cli.regions  # noqa: F401  (attaches its commands)
import ipcity.cli.report  # noqa: F401  (attaches its commands)
import ipcity.cli.supervise  # noqa: F401  (attaches its commands)
import ipcity.cli.web  # noqa: F401  (attaches its commands)
from ipcity.cli.groups import cli


def main() -> None:
    cli(prog_name="ipcity")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
