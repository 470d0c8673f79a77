"""Unseen-style plans: invented cities' documents in layouts the seeds lack, each with a hand gold.

Each ``*.txt`` here is a plan written for these tests (not derived from a seed) and ``*.gold.json``
its hand annotation under the conventions of ``shared/seeds/gold/NOTES.md``. They are scored with
the shared ``plan_score.py`` and the issue's thresholds are asserted on the TOTAL line. Two of
them are also rendered as real Word files (tables as Word tables, outline numbers as Word
numbering, equal cells merged), one as a government web page and two as PDFs with running
headers and page numbers, and read back through ``parse_file``.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ipcity.plans import parse_file, parse_text
from tests.plans.test_seeds import THRESHOLDS, score_dir
from tests.plans_variants.render import to_blocks, write_docx, write_html, write_pdf_file

HERE = Path(__file__).parent
DOCUMENTS = sorted(HERE.glob("*.txt"))
RENDERED_AS_DOCX = ["b_fenglin_county", "d_linjiang_pilot"]
RENDERED_AS_HTML = ["c_donghu_fiveyear"]
RENDERED_AS_PDF = ["a_qingyuan_pilot", "f_heshan_protection"]


def write_pdf(blocks, path: Path) -> None:
    """A PDF with a running header and ``— N —`` page numbers, the noise a reader must drop."""
    write_pdf_file(blocks, path, running_header=path.stem)


def gold_of(doc: Path) -> dict:
    return json.loads((HERE / f"{doc.stem}.gold.json").read_text(encoding="utf-8"))


def write_predictions(plans: dict[str, dict], out: Path) -> Path:
    """Predictions named like the gold files, as ``plan_score.py --dir`` pairs them by name."""
    for stem, plan in plans.items():
        (out / f"{stem}.gold.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return out


def gold_dir_for(stems: list[str], out: Path) -> Path:
    """A directory holding only these documents' gold files (the scorer reads a whole directory)."""
    out.mkdir()
    for stem in stems:
        (out / f"{stem}.gold.json").write_text((HERE / f"{stem}.gold.json").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    return out


def below_thresholds(total: dict[str, float]) -> dict[str, float]:
    return {k: total[k] for k, floor in THRESHOLDS.items() if total[k] < floor}


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return {doc.stem: parse_text(doc.read_text(encoding="utf-8"), source_name=doc.name) for doc in DOCUMENTS}


def test_there_are_four_to_six_documents_each_with_its_gold():
    assert 4 <= len(DOCUMENTS) <= 6
    assert all((HERE / f"{doc.stem}.gold.json").is_file() for doc in DOCUMENTS)


def test_gold_files_validate_against_the_schema(plan_schema):
    for doc in DOCUMENTS:
        jsonschema.validate(gold_of(doc), plan_schema)


def test_total_over_the_unseen_documents_reaches_the_issue_thresholds(shared_dir, parsed, tmp_path):
    rows = score_dir(shared_dir, HERE, write_predictions(parsed, tmp_path))
    assert set(rows) == {doc.stem + ".gold" for doc in DOCUMENTS} | {"TOTAL"}
    assert not below_thresholds(rows["TOTAL"]), rows


def test_every_unseen_document_alone_stays_near_the_thresholds(shared_dir, parsed, tmp_path):
    """Per document a little slack (one miss in a short list), so no document hides behind the rest."""
    rows = score_dir(shared_dir, HERE, write_predictions(parsed, tmp_path))
    weak = {stem: {k: v for k, v in row.items() if k in THRESHOLDS and v < min(THRESHOLDS[k], 0.85)}
            for stem, row in rows.items()}
    assert not {stem: w for stem, w in weak.items() if w}, rows


def test_parsed_plans_validate_against_the_schema(parsed, plan_schema):
    for plan in parsed.values():
        jsonschema.validate(plan, plan_schema)


@pytest.mark.parametrize(("stems", "suffix", "writer"), [(RENDERED_AS_DOCX, "docx", write_docx),
                                                          (RENDERED_AS_HTML, "html", write_html),
                                                          (RENDERED_AS_PDF, "pdf", write_pdf)])
def test_rendered_documents_read_back_through_parse_file(shared_dir, tmp_path, stems, suffix, writer):
    plans = {}
    for stem in stems:
        path = tmp_path / f"{stem}.{suffix}"
        writer(to_blocks((HERE / f"{stem}.txt").read_text(encoding="utf-8")), path)
        plans[stem] = parse_file(path)
    (tmp_path / "pred").mkdir()
    rows = score_dir(shared_dir, gold_dir_for(stems, tmp_path / "gold"), write_predictions(plans, tmp_path / "pred"))
    assert not below_thresholds(rows["TOTAL"]), rows
