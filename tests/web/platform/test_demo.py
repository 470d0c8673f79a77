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
    assert users["siteadmin"].profile.role == Role.ADMIN and not users["siteadmin"].is_superuser
    assert users["siteadmin"].check_password(PASSWORD)
    reporters = [users["reporter1"], users["reporter2"]]
    assert all(r.profile.role == Role.REPORTER and r.profile.department for r in reporters)
    assert "未找到样例规划目录" in out.getvalue()

    again = load_demo(stdout=io.StringIO(), seeds_dir=tmp_path / "none", password=PASSWORD, feature_apps=False)
    assert again.created_programs == [] and Program.objects.count() == 1
    assert get_user_model().objects.count() == 5


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


def test_seed_plans_load_and_reporters_report_on_the_current_sample_programme(tmp_path, seeds_dir, monkeypatch):
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
    sample, tongling = result.created_programs
    assert tongling.source_text  # the document text is kept for evidence
    # The reporters work on 示例市's plan (2024–2026, still running; 铜陵市's 2022–2025 is over),
    # for two member departments, never the office's own bureau, which runs the programme.
    departments = [get_user_model().objects.get(username=name).profile.department for name in ("reporter1", "reporter2")]
    assert [d.name for d in departments] == ["市科技局", "市农业农村局"]  # 1 lead each; 4 and 2 tasks
    for dept in departments:
        assert sample.tasks.filter(assignments__department=dept, assignments__is_lead=True).exists()


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
    # Indexed: what a firm could license or buy in China, i.e. CNIPA's and not lapsed.
    held = datasets.read_records(DEMO_DATASET, tmp_path, columns=["office", "status"]).to_pylist()
    contractable = sum(1 for row in held if row["office"] == "CN" and row["status"] != "invalid")
    assert status is not None and (status.documents, status.left_out) == (contractable, DEMO_RECORDS - contractable)
    assert 0.3 * DEMO_RECORDS < contractable < 0.9 * DEMO_RECORDS

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
    _check_per_10k_figures(sample, tmp_path)

    written, built = manifest["written_at"], status.built_at
    reference_files = _files_with_times(tmp_path / "reference")
    out = io.StringIO()
    load_demo(stdout=out, seeds_dir=tmp_path / "none", password=PASSWORD)
    assert _files_with_times(tmp_path / "reference") == reference_files  # nothing new, nothing rewritten
    assert "已存在，跳过：示例市人口表" in out.getvalue() and "已存在，跳过：示例市市场主体表" in out.getvalue()
    assert datasets.read_manifest(DEMO_DATASET, tmp_path)["written_at"] == written
    assert datasets.read_manifest(DEMO_DATASET, tmp_path)["kinds"] == manifest["kinds"]
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


def _files_with_times(root):
    return {str(path.relative_to(root)): path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()}


def _demo_table(path, code: str, year: int, column: str) -> int:
    """An authored demo table read as a person would: the figure of that region and year."""
    import csv

    with path.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["行政区划代码"] == code and row["年份"] == str(year)]
    (row,) = rows
    assert row["说明"].startswith("示例数据") and "虚构" in row["说明"]  # every row says it is invented
    return int(row[column])


def _demo_population(code: str, year: int) -> int:
    from ipcity.programs.demo.reference_tables import DEMO_POPULATION

    return _demo_table(DEMO_POPULATION, code, year, "年末常住人口（人）")


def _check_per_10k_figures(sample, data_dir):
    """每万人口发明专利拥有量 and 每万人口高价值发明专利拥有量 of 示例市, as of 2025-12-31, worked out
    from the demo's records and its population: the rule of shared/spec/ip-indicators.md written
    out row by row here, not the engine's query."""
    from ipcity.analytics import datasets, reference
    from ipcity.monitoring.engine_figures import compute_figure
    from ipcity.programs.demo.patents import DEMO_DATASET
    from ipcity.programs.demo.reference_tables import DEMO_NOTE

    year = 2025
    columns = ["app_number", "office", "first_applicant_country", "region_code", "kind", "app_date", "grant_date",
               "lapse_date", "status", "family_granted_offices", "award"]
    in_force: dict[str, bool] = {}  # patent → high-value
    for row in datasets.read_records(DEMO_DATASET, data_dir, columns=columns).to_pylist():
        if not ((row["region_code"] or "").startswith("9901") and row["office"] == "CN"
                and row["first_applicant_country"] == "CN" and row["kind"] == "invention" and row["grant_date"]):
            continue
        lapse = row["lapse_date"]
        if row["grant_date"].year > year or (lapse.year <= year if lapse else row["status"] == "invalid"):
            continue  # not yet granted, lapsed by 31 December, or invalid without a lapse date
        app = row["app_date"]
        maintained_from = app.year + 10 + (1 if (app.month, app.day) == (12, 31) else 0)
        # no SEI concordance and no pledge threshold in the demo: those two criteria are not applied
        high = bool(row["family_granted_offices"]) or year >= maintained_from or bool(row["award"])
        patent = row["app_number"].strip().upper()
        in_force[patent] = in_force.get(patent, False) or high
    people = _demo_population("990100", year)
    assert people == 81_700 and len(in_force) > 100  # a sample big enough to mean something

    indicator = sample.indicators.get(name="每万人口高价值发明专利拥有量")
    for key, count in (("invention_valid_per_10k", len(in_force)), ("high_value_per_10k", sum(in_force.values()))):
        figure = compute_figure(indicator=indicator, dataset=DEMO_DATASET, region_code="990100", year=year, key=key,
                                root=data_dir)
        assert figure.value == pytest.approx(count * 10_000 / people), key
        population = figure.lineage["reference"]["population"]
        assert population["value"] == people and population["source"] == "reference"
    # the stored version says it is demo data, and it is the one the figure names
    (stored,) = reference.versions(reference.POPULATION, data_dir)
    assert stored["current"] and stored["version"] == population["version"] and stored["note"] == DEMO_NOTE
    assert "示例数据" in stored["note"] and "虚构" in stored["note"]
    # 铜陵市's real population is not invented: its per-10k figure is still refused, saying why
    from ipcity.monitoring.engine_figures import EngineFigureError

    with pytest.raises(EngineFigureError, match="缺少 340700 地区 2025 年末常住人口"):
        compute_figure(indicator=indicator, dataset=DEMO_DATASET, region_code="340700", year=year,
                       key="invention_valid_per_10k", root=data_dir)
    _check_trademark_figures(sample, data_dir, year)


def _check_trademark_figures(sample, data_dir, year):
    """每万户市场主体有效注册商标量 and 地理标志商标数 of 示例市 from the demo's trademarks and market
    entities: registered CN marks (no Madrid) of domestic holders in force on 31 December, by hand."""
    import datetime as dt

    from ipcity.analytics import datasets, reference
    from ipcity.monitoring.engine_figures import compute_figure
    from ipcity.programs.demo.patents import DEMO_DATASET
    from ipcity.programs.demo.reference_tables import DEMO_ENTITIES, DEMO_NOTE

    end = dt.date(year, 12, 31)
    valid = gi = 0
    for row in datasets.read_kind(DEMO_DATASET, "trademark", data_dir).to_pylist():
        if not ((row["region_code"] or "").startswith("9901") and row["first_holder_country"] == "CN"
                and row["office"] == "CN" and not row["madrid"] and row["reg_date"] and row["reg_date"] <= end):
            continue
        if row["lapse_date"] is None and row["status"] == "invalid":
            continue  # in force in no year
        if (row["expiry_date"] and row["expiry_date"] < end) or (row["lapse_date"] and row["lapse_date"] <= end):
            continue
        valid += 1
        gi += bool(row["gi"])
    entities = _demo_table(DEMO_ENTITIES, "990100", year, "年末市场主体数量（户）")
    assert entities == 5_980 and valid > 500

    per_entities = sample.indicators.get(name="每万户市场主体有效注册商标量")
    figure = compute_figure(indicator=per_entities, dataset=DEMO_DATASET, region_code="990100", year=year,
                            key="tm_valid_per_10k_entities", root=data_dir)
    assert figure.value == pytest.approx(valid * 10_000 / entities)
    assert figure.lineage["reference"]["entities"]["source"] == "reference"
    (stored,) = reference.versions(reference.ENTITIES, data_dir)
    assert stored["version"] == figure.lineage["reference"]["entities"]["version"] and stored["note"] == DEMO_NOTE
    gi_marks = sample.indicators.get(name="地理标志商标数")
    figure = compute_figure(indicator=gi_marks, dataset=DEMO_DATASET, region_code="990100", year=year,
                            key="gi_marks_valid", root=data_dir)
    assert figure.value == gi  # computed, not refused (the generator draws few GI marks: 0 here)


def test_the_demo_population_never_supersedes_the_offices_table(tmp_path):
    """The office's own table stays current (the demo writes no version); an older demo table is
    replaced by this one; this one again writes nothing."""
    from ipcity.analytics import reference
    from ipcity.programs.demo.reference_tables import DEMO_MARK, load_demo_reference_tables

    own = tmp_path / "own.csv"
    own.write_text("行政区划代码,年份,年末常住人口（人）\n990200,2025,4321\n", encoding="utf-8")
    office_version = reference.load_population(own, tmp_path, note="本机构统计")
    out = io.StringIO()
    (entities_version,) = load_demo_reference_tables(data_dir=tmp_path, stdout=out)  # entities only
    assert entities_version.startswith("entities-") and "人口表" in out.getvalue() and "由本机构加载，保持不变" in out.getvalue()
    assert reference.current_version(reference.POPULATION, tmp_path) == office_version
    assert [v["version"] for v in reference.versions(reference.POPULATION, tmp_path)] == [office_version]
    assert reference.population("990100", 2025, tmp_path) is None and reference.population("990200", 2025, tmp_path) == 4321

    fresh = tmp_path / "fresh"
    old_demo = tmp_path / "old-demo.csv"
    old_demo.write_text("行政区划代码,年份,年末常住人口（人）\n990100,2025,90000\n", encoding="utf-8")
    reference.load_population(old_demo, fresh, note=DEMO_MARK + "旧版示例人口")
    assert len(load_demo_reference_tables(data_dir=fresh, stdout=io.StringIO())) == 2
    assert reference.population("990100", 2025, fresh) == _demo_population("990100", 2025)
    assert load_demo_reference_tables(data_dir=fresh, stdout=io.StringIO()) == []
    assert len(reference.versions(reference.POPULATION, fresh)) == 2
