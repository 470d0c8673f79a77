"""``ipcity plan parse FILE --format json`` end to end."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ipcity.cli.main import cli
from ipcity.plans import parse_text


def test_parse_prints_the_plan_json(seed_pairs):
    txt, gold = seed_pairs[0]
    result = CliRunner().invoke(cli, ["plan", "parse", str(txt), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan == parse_text(txt.read_text(encoding="utf-8"), source_name=str(txt))
    assert plan["title"] == gold["title"]
    assert "“" in result.stdout or "（" in result.stdout  # UTF-8, not \\u escapes
    assert result.stderr == ""


def test_an_unreadable_file_gives_one_line_and_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["plan", "parse", str(empty)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ipcity: {empty}: ")


def test_a_missing_file_gives_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["plan", "parse", str(tmp_path / "nope.docx")])
    assert result.exit_code == 2 and result.stderr.startswith("ipcity: ")


def test_a_document_without_indicators_or_tasks_is_printed_with_a_warning(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("关于召开会议的通知\n\n请各单位准时参加。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", "parse", str(note)])
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert plan["indicators"] == [] and plan["tasks"] == []
    assert "warning" in result.stderr and str(note) in result.stderr


def test_reader_warnings_reach_standard_error(tmp_path):
    """A docx with an image: the text inside images is not read, and the user is told so."""
    import base64
    import io

    import docx
    from click.testing import CliRunner

    from ipcity.cli.main import cli

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    document = docx.Document()
    document.add_paragraph("示例市知识产权工作方案")
    document.add_picture(io.BytesIO(png))
    path = tmp_path / "with-image.docx"
    document.save(path)
    result = CliRunner().invoke(cli, ["plan", "parse", str(path)])
    assert result.exit_code == 0, result.output
    assert "文档中有 1 张图片：图片中的文字不会被读取" in result.stderr
    assert result.stdout.lstrip().startswith("{")
