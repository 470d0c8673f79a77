"""`ipcity demo`: the 示例市 sample, seed plans when present, demo accounts; idempotent."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model

from ipcity.core.models import Role
from ipcity.programs.demo import SAMPLE_PLAN, load_demo
from ipcity.programs.models import Program

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Password-2026"


def test_sample_plan_follows_the_plan_format(shared_dir):
    import jsonschema

    plan = json.loads(SAMPLE_PLAN.read_text(encoding="utf-8"))
    jsonschema.validate(plan, json.loads((shared_dir / "spec" / "plan-format.schema.json").read_text()))
    assert len(plan["indicators"]) >= 8 and len(plan["tasks"]) >= 12
    assert all(ind["baseline"] and len(ind["targets"]) >= 3 for ind in plan["indicators"])


def test_demo_loads_the_sample_and_accounts_and_is_idempotent(tmp_path):
    out = io.StringIO()
    result = load_demo(stdout=out, seeds_dir=tmp_path / "none", password=PASSWORD, feature_apps=False)
    (sample,) = result.created_programs
    assert sample.is_sample and sample.region.name == "示例市"
    assert (sample.indicators.count(), sample.tasks.count(), sample.phases.count()) == (8, 12, 3)
    users = {u.username: u for u in get_user_model().objects.all()}
    assert users["admin"].profile.role == Role.OFFICE and users["admin"].check_password(PASSWORD)
    assert users["leader"].profile.role == Role.LEADER
    reporters = [users["reporter1"], users["reporter2"]]
    assert all(r.profile.role == Role.REPORTER and r.profile.department for r in reporters)
    assert "未找到样例规划目录" in out.getvalue()

    again = load_demo(stdout=io.StringIO(), seeds_dir=tmp_path / "none", password=PASSWORD, feature_apps=False)
    assert again.created_programs == [] and Program.objects.count() == 1
    assert get_user_model().objects.count() == 4


def test_generated_password_is_printed_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("IPCITY_DEMO_PASSWORD", raising=False)
    out = io.StringIO()
    result = load_demo(stdout=out, seeds_dir=tmp_path, feature_apps=False)
    assert result.password and result.password in out.getvalue()
    assert get_user_model().objects.get(username="admin").check_password(result.password)
    out2 = io.StringIO()
    load_demo(stdout=out2, seeds_dir=tmp_path, feature_apps=False)
    assert result.password not in out2.getvalue() and "密码未改变" in out2.getvalue()
    assert get_user_model().objects.get(username="admin").check_password(result.password)


def test_seed_plans_load_and_reporters_come_from_the_tongling_programme(tmp_path, seeds_dir, monkeypatch):
    """The seed path, with the parser stood in by the hand-made gold plan (the parser has its own tests)."""
    import ipcity.plans

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(seeds_dir / "000_3c8ebd50ad477ee4.txt", seeds)
    (seeds / "broken.txt").write_text("不是规划", encoding="utf-8")
    gold = json.loads((seeds_dir / "gold" / "000_3c8ebd50ad477ee4.json").read_text(encoding="utf-8"))

    def fake_parse(path):
        if path.name == "broken.txt":
            raise ValueError("无法识别")
        return gold

    monkeypatch.setattr(ipcity.plans, "parse_file", fake_parse)
    out = io.StringIO()
    result = load_demo(stdout=out, seeds_dir=seeds, password=PASSWORD, feature_apps=False)
    assert [p.region.name for p in result.created_programs] == ["示例市", "铜陵市"]
    assert result.skipped == ["broken.txt"] and "跳过 broken.txt" in out.getvalue()
    tongling = result.created_programs[1]
    assert tongling.source_text  # the document text is kept for evidence
    for name in ("reporter1", "reporter2"):
        dept = get_user_model().objects.get(username=name).profile.department
        assert tongling.tasks.filter(assignments__department=dept).exists()


def test_cli_demo_is_attached_and_documented():
    from ipcity.cli.main import cli

    result = CliRunner().invoke(cli, ["demo", "--help"])
    assert result.exit_code == 0 and "--no-seeds" in result.output and "IPCITY_DEMO_PASSWORD" in result.output
