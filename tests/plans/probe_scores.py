"""What the blind probes' tests share (tests/plans/probe3 … probeN): each folder holds ``X.txt``
documents with hand-made ``X.gold.json``, scored with the shared ``plan_score.py`` against a floor
per document and per column, not only the TOTAL. From probe4 on, a probe's test module runs the
common checks by subclassing ``ProbeChecks`` and adds its own (its files' layouts, its rules)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import jsonschema

from ipcity.plans import parse_file, parse_text
from ipcity.plans.pipeline import parse_text_with_warnings, read_and_parse
from tests.plans.test_seeds import score_dir

COLUMNS = ["ind_f1", "targets_ok", "baseline_ok", "task_f1", "dept_f1", "lead_ok", "task_targets_f1", "meta_ok",
           "phases_f1", "reporting_f1"]


def gold_of(folder: Path, stem: str) -> dict:
    return json.loads((folder / f"{stem}.gold.json").read_text(encoding="utf-8"))


def scores(shared_dir: Path, folder: Path, plans: dict[str, dict], tmp_path: Path) -> dict[str, dict[str, float]]:
    """``plan_score.py --dir`` over these plans (``stem`` or ``stem.ext``) and their gold files."""
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    for key, plan in plans.items():
        stem = key.split(".")[0]
        (gold / f"{key}.json").write_text(json.dumps(gold_of(folder, stem), ensure_ascii=False), encoding="utf-8")
        (pred / f"{key}.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return score_dir(shared_dir, gold, pred)


def below_floor(rows: dict[str, dict[str, float]], floor: float) -> dict[str, dict[str, float]]:
    weak = {name: {k: row[k] for k in COLUMNS if row[k] < floor - 1e-9} for name, row in rows.items()}
    return {name: w for name, w in weak.items() if w}


def gold_strings(gold: dict) -> list[str]:
    """What a hand-typed gold says the document writes: names, titles, units, duties."""
    strings = [gold["title"], gold["region"], gold["issuer"], gold["doc_number"]]
    strings += [i["name"] for i in gold["indicators"]] + [t["title"] for t in gold["tasks"]]
    strings += [d for t in gold["tasks"] for d in t["departments"]]
    strings += [x["name"] for t in gold["tasks"] for x in t["targets"]] + [p["name"] for p in gold["phases"]]
    return strings + [r["what"] for r in gold["reporting"]] + [r["who"] for r in gold["reporting"]]


def missing_from(document: Path | str, strings: list[str | None]) -> list[str]:
    """The strings (white space aside) the document (a file, or its text) does not write."""
    written = document.read_text(encoding="utf-8") if isinstance(document, Path) else document
    text = re.sub(r"\s+", "", written)
    return [s for s in strings if s and re.sub(r"\s+", "", s) not in text]


def render_into(renderings: dict[str, Callable[[str, Path], object]], out: Path) -> dict[str, Path]:
    """Each document written in its real format into ``out`` (a probe's render.py: file name → the
    writer of that stem's document), by file name."""
    out.mkdir(parents=True, exist_ok=True)
    for name, writer in renderings.items():
        writer(name.split(".")[0], out / name)
    return {name: out / name for name in renderings}


def parse_documents(folder: Path) -> dict[str, dict]:
    """The probe's documents parsed from text, by stem (a module's ``parsed`` fixture)."""
    return {doc.stem: parse_text(doc.read_text(encoding="utf-8"), source_name=doc.name)
            for doc in sorted(folder.glob("*.txt"))}


class ProbeChecks:
    """The checks every probe's four documents pass. A probe's module subclasses it as ``TestProbeN``
    with ``folder``, and defines the module fixtures ``parsed`` (``parse_documents``) and
    ``rendered`` (file name → the document written in its real format by the probe's render.py);
    ``lines`` bounds a document's length, ``reader_notes`` are reader warnings its files keep on
    purpose, ``gold_text`` is the text the gold's strings must be found in."""

    folder: ClassVar[Path]
    lines: ClassVar[tuple[int, int]] = (25, 150)
    reader_notes: ClassVar[tuple[str, ...]] = ()
    floor: ClassVar[float] = 1.0  # what the parser reaches on every document and column, after the probe's rules

    @classmethod
    def documents(cls) -> list[Path]:
        return sorted(cls.folder.glob("*.txt"))

    def gold_text(self, doc: Path) -> str:
        return doc.read_text(encoding="utf-8")

    def test_four_documents_each_with_its_gold(self):
        low, high = self.lines
        assert len(self.documents()) == 4
        for doc in self.documents():
            assert low <= len(doc.read_text(encoding="utf-8").splitlines()) <= high, doc.name
            assert (self.folder / f"{doc.stem}.gold.json").is_file()

    def test_gold_files_validate_against_the_schema(self, plan_schema):
        for doc in self.documents():
            jsonschema.validate(gold_of(self.folder, doc.stem), plan_schema)

    def test_every_string_of_the_gold_is_written_in_its_document(self):
        """The gold was typed by hand: every name, title, unit name and duty it holds is in the text."""
        for doc in self.documents():
            missing = missing_from(self.gold_text(doc), gold_strings(gold_of(self.folder, doc.stem)))
            assert not missing, (doc.name, missing)

    def test_every_document_keeps_what_the_parser_reaches_from_text(self, shared_dir, parsed, tmp_path):
        rows = scores(shared_dir, self.folder, parsed, tmp_path)
        assert set(rows) == {doc.stem for doc in self.documents()} | {"TOTAL"}
        assert not below_floor(rows, self.floor), rows

    def test_every_document_keeps_what_the_parser_reaches_in_its_real_format(self, shared_dir, rendered, tmp_path):
        plans = {name: parse_file(path) for name, path in rendered.items()}
        rows = scores(shared_dir, self.folder, plans, tmp_path)
        assert len(rows) == 5
        assert not below_floor(rows, self.floor), rows

    def test_the_documents_leave_nothing_unplaced(self, rendered):
        """No parser warning, from text or in the real format (but the reader's notes kept on purpose)."""
        for doc in self.documents():
            assert parse_text_with_warnings(doc.read_text(encoding="utf-8"))[1] == [], doc.name
        for name, path in rendered.items():
            warnings = [w for w in read_and_parse(path)[1].warnings if w not in self.reader_notes]
            assert warnings == [], name

    def test_parsed_plans_validate_against_the_schema(self, parsed, plan_schema):
        for plan in parsed.values():
            jsonschema.validate(plan, plan_schema)


