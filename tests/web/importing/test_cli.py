"""``ipcity plan load``: load a plan JSON or document, --dry-run writes nothing, bad input exits 2."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from ipcity.audit.models import AuditEvent
from ipcity.cli.main import cli
from ipcity.core.models import Department, Region
from ipcity.programs.models import Program

from .conftest import make_user

NANAN = "004_3e7befcbca53493b"
TONGLING = "000_3c8ebd50ad477ee4"


@pytest.fixture
def plan_file(tmp_path, load_gold):
    def write(name: str, spoil=None):
        plan = load_gold(name)
        if spoil:
            spoil(plan)
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def _run(*args: str):
    return CliRunner().invoke(cli, ["plan", "load", *args], catch_exceptions=False)


@pytest.mark.django_db
def test_load_plan_json_creates_the_programme(plan_file):
    user = make_user("loader", "office")
    result = _run(str(plan_file(TONGLING)), "--user", "loader")
    assert result.exit_code == 0, result.output
    program = Program.objects.get()
    assert program.created_by == user
    assert AuditEvent.objects.filter(action="program.create", actor=user).exists()
    assert "8 indicators, 19 tasks" in result.output
    assert program.region.code == "340700"


@pytest.mark.django_db
def test_dry_run_prints_the_plan_and_writes_nothing(plan_file, tongling):
    Department.objects.create(region=tongling, name="市市场监督管理局")
    result = _run(str(plan_file(TONGLING)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "nothing written" in result.output
    assert "8 indicators" in result.output and "19 tasks" in result.output
    assert "rule     市市场监管局 → 市市场监督管理局" in result.output
    assert "new      市科技局" in result.output
    assert "new      市政府办公室〈外事办〉 (same unit as 市政府办公室<外事办>)" in result.output
    assert Program.objects.count() == 0
    assert Department.objects.count() == 1 and Region.objects.count() == 2


@pytest.mark.django_db
def test_region_option_overrides_the_plan(plan_file):
    result = _run(str(plan_file(NANAN)), "--region", "示例市")
    assert result.exit_code == 0, result.output
    program = Program.objects.get()
    assert program.region.name == "示例市" and program.region.code.startswith("99")
    assert program.region_name == "重庆市南岸区"


@pytest.mark.django_db
def test_invalid_plan_exits_2_and_writes_nothing(plan_file):
    path = plan_file(TONGLING, spoil=lambda p: p.pop("tasks"))
    result = CliRunner().invoke(cli, ["plan", "load", str(path)])
    assert result.exit_code == 2
    assert "缺少字段 tasks" in result.output
    assert Program.objects.count() == 0 and Region.objects.count() == 0


@pytest.mark.django_db
def test_unknown_user_exits_2(plan_file):
    result = CliRunner().invoke(cli, ["plan", "load", str(plan_file(TONGLING)), "--user", "nobody"])
    assert result.exit_code == 2 and "no such user" in result.output
    assert Program.objects.count() == 0


@pytest.mark.django_db
def test_unreadable_document_exits_2(tmp_path):
    path = tmp_path / "picture.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    result = CliRunner().invoke(cli, ["plan", "load", str(path)])
    assert result.exit_code == 2
    assert "PNG" in result.output
    assert Program.objects.count() == 0


@pytest.mark.django_db
def test_seed_document_is_parsed_and_loaded(seeds_dir):
    result = _run(str(seeds_dir / f"{TONGLING}.txt"))
    assert result.exit_code == 0, result.output
    program = Program.objects.get()
    assert program.region.code == "340700"
    assert program.tasks.count() > 0 and program.source_text


def test_help_names_the_options():
    result = CliRunner().invoke(cli, ["plan", "load", "--help"])
    assert result.exit_code == 0
    for option in ("--dry-run", "--region", "--user"):
        assert option in result.output


@pytest.mark.django_db
def test_dry_run_counts_match_what_the_load_creates(plan_file):
    """Huainan writes both 市经信局 and 市经济和信息化局: the dry run and the load agree on one unit."""
    path = plan_file("003_ad1ce068d66b7838")
    dry = _run(str(path), "--dry-run")
    announced = int(re.search(r"(\d+) new departments", dry.output)[1])
    assert "(same unit as 市经信局)" in dry.output
    assert _run(str(path)).exit_code == 0
    assert Department.objects.count() == announced


@pytest.mark.django_db
def test_document_without_indicators_or_tasks_is_not_a_plan(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("关于召开会议的通知\n\n请各单位准时参加。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", "load", str(path)])
    assert result.exit_code == 2 and "not a plan document" in result.output
    assert Program.objects.count() == 0
