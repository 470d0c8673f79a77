"""``ipcity report build``, and a year with nothing to report: the error says what is missing."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from ipcity.cli.main import cli
from ipcity.reports.build import build_report
from ipcity.reports.snapshot import ReportDataMissing

from . import layout
from .conftest import load_demo_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return load_demo_world(tmp_path)


def test_build_writes_a_pdf_and_a_docx(world, tmp_path, monkeypatch):
    program, rnd = world
    monkeypatch.setattr("ipcity.cli.report.setup_django", lambda: None)
    runner = CliRunner()
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        out = tmp_path / f"r.{fmt}"
        result = runner.invoke(cli, ["report", "build", "--program", "示例市", "--kind", "bulletin",
                                     "--year", str(rnd.period_year), "--round", str(rnd.pk), "--format", fmt,
                                     "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)


def test_year_without_data_names_what_is_missing(world, tmp_path, monkeypatch):
    program, _round = world
    with pytest.raises(ReportDataMissing) as caught:
        build_report(program=program, kind="annual", year=2019, fmt="pdf")
    assert len(caught.value.missing) == 2
    assert "2019 年没有任何指标的实际值" in str(caught.value) and "督查轮次" in str(caught.value)
    monkeypatch.setattr("ipcity.cli.report.setup_django", lambda: None)
    out = tmp_path / "none.pdf"
    result = CliRunner().invoke(cli, ["report", "build", "--program", str(program.pk), "--kind", "annual",
                                      "--year", "2019", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 2 and "缺少以下数据" in result.output and not out.exists()


def test_whitepaper_without_computed_indicators_says_so(world):
    program, _round = world
    with pytest.raises(ReportDataMissing, match="知识产权数据计算") as caught:
        build_report(program=program, kind="whitepaper", year=date.today().year, fmt="pdf")
    # It names the section as the indicator page heads it (“从知识产权数据计算”), so the office finds it.
    assert "指标页的“从知识产权数据计算”" in str(caught.value) and "由专利数据计算”" not in str(caught.value)
    # and says that a figure of any IP records counts, not only patents (audit 2026-12-07)
    assert "项目没有由知识产权数据（专利、商标、质押、许可转让、著作权登记）计算的指标" in str(caught.value)


def test_unknown_programme_is_bad_input(world, tmp_path, monkeypatch):
    monkeypatch.setattr("ipcity.cli.report.setup_django", lambda: None)
    result = CliRunner().invoke(cli, ["report", "build", "--program", "不存在的项目", "--kind", "annual",
                                      "--year", "2026", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "没有标题包含" in result.output


def test_report_is_chinese_whatever_the_users_language(world):
    from django.utils import translation

    program, rnd = world
    with translation.override("en"):
        built = build_report(program=program, kind="bulletin", year=rnd.period_year, fmt="pdf")
        assert translation.get_language() == "en"
    assert built.snapshot["reports"][0]["status_label"] in {"草稿", "待部门负责人审核", "已报送", "已退回", "已重新报送", "已通过"}
    assert "情况通报" in "".join(page.extract_text() for page in layout.pages(built.content)[:1])


def test_annual_report_after_a_figure_computed_from_patent_data(world):
    """A computed value's lineage names its dataset as an object (name, file, rows…): the annual
    report failed with “unhashable type: 'dict'” once the office had recorded one; its source now
    lists the dataset by name."""
    from ipcity.monitoring.models import IndicatorActual
    from ipcity.monitoring.services import actual_value_record

    program, rnd = world
    indicator = program.indicators.order_by("order").first()
    lineage = {"key": "high_value_per_10k", "dataset": {"name": "demo-patents", "source_file": "x.csv", "rows": 9}}
    actual_value_record(indicator=indicator, year=rnd.period_year, value=7.96, user=None, source="专利数据计算",
                        lineage=lineage, channel=IndicatorActual.Channel.ENGINE)
    built = build_report(program=program, kind="annual", year=rnd.period_year, fmt="pdf")
    assert built.content.startswith(b"%PDF") and built.source["datasets"] == ["demo-patents"]
