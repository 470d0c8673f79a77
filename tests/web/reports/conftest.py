"""The demo programme (``ipcity demo`` data, 示例市) with its reports built once per module.

Building the demo and laying out a report take seconds, so module fixtures do it once inside a
transaction that is rolled back at the end: the other tests see an empty database.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from ipcity.programs.models import Program
from ipcity.supervision.models import Round


@dataclass
class Demo:
    program: Program
    round: Round
    year: int
    office: object
    built: dict  # (kind, fmt) → Built


def load_demo_world(tmp: Path) -> tuple[Program, Round]:
    from ipcity.programs.demo import load_demo

    load_demo(stdout=io.StringIO(), seeds_dir=tmp / "no-seeds", password="Demo-Password-2026")
    program = Program.objects.get(is_sample=True)
    # The demo plan runs 2024–2026: while it runs, the demo has a current round; after it ends,
    # only the last annual one. The reports are built from whichever is latest.
    return program, Round.objects.filter(program=program).order_by("-due_date").first()


def demo_world_for_pages(tmp_path: Path, settings) -> tuple[Program, Round, dict]:
    """The demo for one test of the pages: uploads under ``tmp_path``, fast password hashing, and the
    office, the leader and a reporter by user name."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    program, rnd = load_demo_world(tmp_path)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["admin", "leader", "reporter1"])}
    return program, rnd, users


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from ipcity.reports.build import build_report

    with django_db_blocker.unblock(), transaction.atomic():
        program, rnd = load_demo_world(tmp_path_factory.mktemp("demo"))
        office = get_user_model().objects.get(username="admin")
        year = rnd.period_year
        built = {(kind, fmt): build_report(program=program, kind=kind, year=year, fmt=fmt)
                 for kind, fmt in (("annual", "pdf"), ("annual", "docx"), ("bulletin", "pdf"))}
        yield Demo(program=program, round=rnd, year=year, office=office, built=built)
        transaction.set_rollback(True)
