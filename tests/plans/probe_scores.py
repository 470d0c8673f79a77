"""What the blind probes' tests share (tests/plans/probe3, probe4): each folder holds ``X.txt``
documents with hand-made ``X.gold.json``, scored with the shared ``plan_score.py`` against a floor
per document and per column, not only the TOTAL."""

from __future__ import annotations

import json
import re
from pathlib import Path

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


def missing_from(document: Path, strings: list[str | None]) -> list[str]:
    """The strings (white space aside) the document does not write."""
    text = re.sub(r"\s+", "", document.read_text(encoding="utf-8"))
    return [s for s in strings if s and re.sub(r"\s+", "", s) not in text]
