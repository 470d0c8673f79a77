"""The navigation report (PDF and .docx) and ``ipcity navigate report``: the numbers and
sentences of the stored analysis, the versions named, a data appendix for every chart."""

from __future__ import annotations

import io

import docx
import pdfplumber
from click.testing import CliRunner

from ipcity.cli.main import cli
from ipcity.navigation.models import NavigationProject

from .test_pages import BRANCHES, analysed, data_dir, world  # noqa: F401 - fixtures


def test_command_writes_pdf_and_docx_with_versions_sentences_and_appendix(client, world, tmp_path, monkeypatch):  # noqa: F811
    project, analysis = analysed(client, world, nodes=BRANCHES)
    monkeypatch.setattr("ipcity.cli.navigate_report.setup_django", lambda: None)
    runner = CliRunner()
    texts = {}
    for fmt in ("pdf", "docx"):
        out = tmp_path / f"nav.{fmt}"
        result = runner.invoke(cli, ["navigate", "report", "--project", str(project.pk), "--format", fmt,
                                     "--out", str(out)])
        assert result.exit_code == 0, result.output
        if fmt == "pdf":
            with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
                texts[fmt] = "".join((page.extract_text() or "") for page in pdf.pages).replace("\n", "")
        else:
            document = docx.Document(str(out))
            texts[fmt] = "".join(p.text for p in document.paragraphs)
    version = analysis.version
    for fmt, text in texts.items():
        assert version.content_hash in text, fmt
        assert "杭州市电池产业专利导航报告" in text.replace(" ", ""), fmt
        assert "附件：图表数据" in text, fmt
        assert analysis.result["implications"]["gaps"]["sentence"][:12] in text, fmt
    # every chart's data is in the appendix: the RTA chart's caption appears twice (chart, appendix)
    assert texts["docx"].count("图2 各技术分支显示性技术优势（RTA）") >= 1


def test_command_refuses_an_unknown_project(db, tmp_path, monkeypatch):
    monkeypatch.setattr("ipcity.cli.navigate_report.setup_django", lambda: None)
    result = CliRunner().invoke(cli, ["navigate", "report", "--project", "999", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "没有编号为 999 的专利导航项目" in result.output


def hand_report_inputs(tmp_path):
    """The hand world's project and stored analysis result (E = 2022, a strength from one patent),
    as ``compose_report`` takes them: every finding filled."""
    import json

    from ipcity.analytics import engine as eng
    from ipcity.analytics.navigation.implications import implications
    from ipcity.analytics.navigation.landscape import landscape
    from ipcity.analytics.navigation.network import network
    from ipcity.analytics.navigation.position import position
    from ipcity.core.models import Region
    from ipcity.programs.models import Program
    from tests.navigation import hand_world

    path = hand_world.write(tmp_path / "records.parquet")
    definition = hand_world.definition()
    engine = eng.connect()
    records = engine.read_records(path)
    pos = position(engine, records, definition, city="330100", end_year=2022)
    result = json.loads(json.dumps({
        "definition": {"name": definition.name, "version": definition.version},
        "position": pos.to_dict(),
        "implications": implications(engine, records, definition, pos, min_patents=1).to_dict(),
        "network": network(engine, records, definition, city="330100").to_dict(),
        "landscape": landscape(engine, records, definition, region="330100"),
    }, default=str))
    engine.close()
    project = NavigationProject(title="开展电池产业专利导航", dataset="battery", region=Region(code="330100", name="杭州市"),
                                program=Program(title="p", issuer="杭州市知识产权局"))
    return project, result


def test_findings_print_as_tables_with_chinese_types_and_region_names(tmp_path):
    """compose_report over a result with every finding filled (the hand world, E = 2022, a
    strength from one patent): the tables take the page's headers and print types and regions."""
    from ipcity.navigation.report import compose_report

    project, result = hand_report_inputs(tmp_path)
    doc = compose_report(project, result, version_number=2, dataset_version="battery.1")
    tables = [b for b in doc.blocks if b["type"] == "table"]
    partners = next(t for t in tables if "燃料电池" in str(t["rows"]) and "北京乙能源科技" in str(t["rows"]))
    assert partners["head"][:3] == ["节点", "技术分支", "申请人"]
    assert ["fc", "燃料电池", "北京乙能源科技", "企业"] == partners["rows"][0][:4]
    assert partners["rows"][0][4] == "东城区"  # 110101
    texts = " ".join(b.get("text", "") for b in doc.blocks)
    assert "锂电池（RTA 1.56）" in texts and "燃料电池（全国年均增长31.6%" in texts
    assert doc.title == "杭州市电池产业专利导航报告"
