"""Moving the test database to a migration state, for tests of data migrations: rows are written
through the historical models of the state before, then read through those of the state after."""

from __future__ import annotations

import sys
from types import ModuleType

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader


def migrate_to(targets: list[tuple[str, str]]) -> Apps:
    """Migrate (forwards or backwards) to ``targets``; the historical apps of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """Back to every app's last migration, as the rest of the suite expects."""
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())


def migration_module(app: str, name: str) -> ModuleType:
    """The module of a migration (its name starts with a digit, so no import statement reaches it)."""
    migration = MigrationLoader(None, ignore_no_migrations=True).get_migration(app, name)
    return sys.modules[type(migration).__module__]
