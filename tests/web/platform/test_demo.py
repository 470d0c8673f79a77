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


def test_demo_writes_an_indexed_patent_dataset_that_matches_its_needs(tmp_path, settings):
    """``ipcity demo``'s patents: the dataset (a share in 示例市 and in 铜陵市), its index, 推荐 on
    each demo need with explained hits, figures for 示例市; a second run changes nothing."""
    import datetime as dt

    import pyarrow.compute as pc

    from ipcity.analytics import datasets
    from ipcity.matching.index import index_status
    from ipcity.monitoring.engine_figures import compute_figure
    from ipcity.programs.demo.patents import DEMO_DATASET, DEMO_NEEDS_CITY, DEMO_RECORDS
    from ipcity.transfer import services
    from ipcity.transfer.demo import NEEDS
    from ipcity.transfer.models import TechNeed

    settings.DATA_DIR = tmp_path
    load_demo(stdout=io.StringIO(), seeds_dir=tmp_path / "none", password=PASSWORD)
    manifest = datasets.read_manifest(DEMO_DATASET, tmp_path)
    assert manifest["rows"] == DEMO_RECORDS == 20_000
    regions = datasets.read_records(DEMO_DATASET, tmp_path, columns=["region_code"])["region_code"]
    def share(prefix):
        return pc.sum(pc.starts_with(regions.fill_null(""), prefix)).as_py() / DEMO_RECORDS
    # 铜陵市 takes 20 % (plus its small national weight); 示例市's 20 % is then scaled by 0.8: 16 %.
    assert 0.19 < share(DEMO_NEEDS_CITY[0][:4]) < 0.23 and 0.14 < share("9901") < 0.18
    status = index_status(DEMO_DATASET, data_dir=tmp_path)
    assert status is not None and status.documents == DEMO_RECORDS

    admin = get_user_model().objects.get(username="admin")
    needs = list(TechNeed.objects.order_by("pk"))
    assert len(needs) == len(NEEDS) == 3 and {n.region_code for n in needs} == {DEMO_NEEDS_CITY[0]}
    priors = []
    for need, (_enterprise, _text, products, *_rest) in zip(needs, NEEDS, strict=True):
        matches = services.matches_propose(need=need, dataset=DEMO_DATASET, user=admin)
        assert len(matches) == 20
        for match in matches:  # every hit explains itself
            assert len(match.why["shared_terms"]) >= 3 or match.why["shared_ipc_groups"]
        best = matches[0]
        assert best.origin == "ranker" and best.score > 0
        # the best patent is about the need's own product (电解铜箔, 磷酸铁锂正极材料, 焊接机器人)
        assert products in best.title, (products, best.title)
        priors += [p["prior"] for m in matches for p in m.why["priors"]]
    assert "region" in priors  # patents held in 铜陵市 carry the same-city prior
    # the supply's local-owner filter (an office bound to 铜陵市): local patents in force, no other
    from ipcity.matching.supply import supply

    local = supply(DEMO_DATASET, region_code=DEMO_NEEDS_CITY[0], in_force=True, limit=5000, data_dir=tmp_path)
    assert local.num_rows > 500 and set(local["status"].to_pylist()) == {"valid"}
    assert all(code.startswith("3407") for code in local["region_code"].to_pylist())

    sample = Program.objects.get(is_sample=True)
    pct = sample.indicators.get(name="PCT国际专利申请量")
    figure = compute_figure(indicator=pct, dataset=DEMO_DATASET, region_code=sample.region.code, year=2024,
                            key="pct_applications", root=tmp_path)
    assert figure.value > 0 and figure.result["invention_applications"] > figure.value

    written, built = manifest["written_at"], status.built_at
    out = io.StringIO()
    load_demo(stdout=out, seeds_dir=tmp_path / "none", password=PASSWORD)
    assert datasets.read_manifest(DEMO_DATASET, tmp_path)["written_at"] == written
    assert index_status(DEMO_DATASET, data_dir=tmp_path).built_at == built
    assert "已存在，跳过：专利数据集" in out.getvalue() and "already built" in out.getvalue()
    assert TechNeed.objects.count() == 3 and [d["name"] for d in datasets.list_datasets(tmp_path)] == [DEMO_DATASET]
    assert dt.datetime.fromisoformat(built) >= dt.datetime.fromisoformat(written).replace(microsecond=0)


def test_the_demo_never_overwrites_a_dataset_of_the_office_under_its_name(tmp_path, settings):
    import pyarrow as pa

    from ipcity.analytics import datasets
    from ipcity.analytics.synth import synth_batches
    from ipcity.programs.demo.patents import DEMO_DATASET, load_demo_patents

    settings.DATA_DIR = tmp_path
    own = next(synth_batches(3, seed=9)).set_column(0, "pub_number", pa.array(["CN1A", "CN2A", "CN3A"]))
    datasets.write_dataset(DEMO_DATASET, own, {"format": "canonical", "source": "own.csv"}, tmp_path)
    out = io.StringIO()
    assert load_demo_patents(region_code="990100", region_name="示例市", stdout=out) is False
    assert "不是示例数据" in out.getvalue()
    kept = datasets.read_records(DEMO_DATASET, tmp_path, columns=["pub_number"])["pub_number"].to_pylist()
    assert kept == ["CN1A", "CN2A", "CN3A"]
