"""Judging a ranker against graded needs: nDCG@10, P@5, recall@50, and the plain TF-IDF baseline.

- nDCG@k: gains 0/1/2 → 2^g − 1, discount log2(rank + 1); the ideal ordering is that of the
  need's judged grades. Unjudged documents count as grade 0.
- P@k: the share of the first k places holding a document graded 1 or 2 (an empty place counts 0).
- recall@k: of the documents judged 1 or 2, the share found in the first k (needs without one
  are left out of the mean).
- The baseline: cosine between TF-IDF vectors (raw counts × ln(N / df) + 1) of jieba words
  (``tokens.words``), no bigrams, no priors.

The evaluation set (tests/matching/eval/, authored) is read with ``load_eval_set``: every
``patents_*.jsonl``, ``needs_*.jsonl``, ``grades_*.tsv`` and ``ipc_industry_*.csv`` is merged.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ipcity.matching.concordance import Concordance, read_concordance
from ipcity.matching.needs import Need
from ipcity.matching.tokens import words


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    def dcg(gains: list[int]) -> float:
        return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:k]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(doc, 0) for doc in ranked]) / ideal if ideal > 0 else 0.0


def precision_at(ranked: list[str], grades: dict[str, int], k: int = 5) -> float:
    return sum(1 for doc in ranked[:k] if grades.get(doc, 0) >= 1) / k


def recall_at(ranked: list[str], grades: dict[str, int], k: int = 50) -> float | None:
    relevant = {doc for doc, grade in grades.items() if grade >= 1}
    if not relevant:
        return None
    return len(relevant & set(ranked[:k])) / len(relevant)


@dataclass
class EvalSet:
    patents: list[dict[str, Any]]
    needs: list[Need]
    grades: dict[str, dict[str, int]]  # need id → pub_number → grade
    concordance: Concordance | None = None
    files: list[str] = field(default_factory=list)

    def patent_table(self) -> pa.Table:
        columns = ("pub_number", "title", "abstract", "ipc", "region_code", "applicants", "kind", "status")
        return pa.table({c: pa.array([p.get(c) for p in self.patents], pa.string()) for c in columns})


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_eval_set(directory: str | Path) -> EvalSet:
    """Merge every part (``_a``, ``_b``…) of the evaluation set in a folder."""
    directory = Path(directory)
    files: list[str] = []
    patents: list[dict[str, Any]] = []
    for path in sorted(directory.glob("patents_*.jsonl")):
        patents.extend(_jsonl(path))
        files.append(path.name)
    needs: list[Need] = []
    for path in sorted(directory.glob("needs_*.jsonl")):
        for record in _jsonl(path):
            needs.append(Need(id=str(record["id"]), text=record["text"], products=record.get("products") or "",
                              industry_code=record.get("industry_code") or None,
                              region_code=record.get("region_code") or None, budget_wan=record.get("budget_wan"),
                              mode=record.get("mode") or None, enterprise=record.get("enterprise") or "",
                              sei_codes=tuple(record.get("sei_codes") or ())))
        files.append(path.name)
    grades: dict[str, dict[str, int]] = {}
    for path in sorted(directory.glob("grades_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.strip().split("\t")
            if len(parts) != 3 or not parts[2].strip().isdigit():
                continue  # a header or a blank line
            grades.setdefault(parts[0], {})[parts[1]] = int(parts[2])
        files.append(path.name)
    concordance = _merged_concordance(sorted(directory.glob("ipc_industry_*.csv")))
    files.extend(p.name for p in sorted(directory.glob("ipc_industry_*.csv")))
    return EvalSet(patents=patents, needs=needs, grades=grades, concordance=concordance, files=files)


def _merged_concordance(paths: list[Path]) -> Concordance | None:
    rows: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for path in paths:
        part = read_concordance(path)
        for code, patterns in part.rows.items():
            bucket = rows.setdefault(code, [])
            bucket.extend(p for p in patterns if p not in bucket)
        names.update(part.names)
    return Concordance(rows={c: tuple(p) for c, p in rows.items()}, names=names) if rows else None


class TfidfBaseline:
    """Plain TF-IDF cosine on jieba words: the baseline the ranker must beat."""

    def __init__(self, patents: list[dict[str, Any]]) -> None:
        self.pub_numbers = [p["pub_number"] for p in patents]
        counts = [Counter(words(f"{p.get('title') or ''}\n{p.get('abstract') or ''}")) for p in patents]
        df = Counter(word for count in counts for word in count)
        self.idf = {word: math.log(len(patents) / n) + 1 for word, n in df.items()}
        self.vectors = [self._normalised(count) for count in counts]

    def _normalised(self, count: Counter) -> dict[str, float]:
        vector = {w: tf * self.idf.get(w, 0.0) for w, tf in count.items() if w in self.idf}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        return {w: v / norm for w, v in vector.items()} if norm else {}

    def rank(self, text: str, top: int = 50) -> list[str]:
        query = self._normalised(Counter(words(text)))
        scored = [(sum(weight * vector.get(w, 0.0) for w, weight in query.items()), pub)
                  for pub, vector in zip(self.pub_numbers, self.vectors, strict=True)]
        scored = [item for item in scored if item[0] > 0]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [pub for _, pub in scored[:top]]


def halves(eval_set: EvalSet) -> dict[str, EvalSet]:
    """The set split by the letter its need ids start with (A01…, B01…: the halves written by
    different people), all patents kept in each. A change to the ranker is chosen on one half
    and confirmed on the other (docs/matching.md, *Quality*)."""
    letters = sorted({need.id[:1] for need in eval_set.needs})
    return {letter: EvalSet(patents=eval_set.patents, needs=[n for n in eval_set.needs if n.id.startswith(letter)],
                            grades=eval_set.grades, concordance=eval_set.concordance, files=eval_set.files)
            for letter in letters}


def mean_metrics(eval_set: EvalSet, ranked_for: Callable[[Need], list[str]]) -> dict[str, float]:
    """Mean nDCG@10, P@5 and recall@50 over the graded needs."""
    ndcg, p5, recall = [], [], []
    for need in eval_set.needs:
        grades = eval_set.grades.get(need.id)
        if not grades:
            continue
        ranked = ranked_for(need)
        ndcg.append(ndcg_at(ranked, grades, 10))
        p5.append(precision_at(ranked, grades, 5))
        value = recall_at(ranked, grades, 50)
        if value is not None:
            recall.append(value)
    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    return {"needs": len(ndcg), "ndcg@10": mean(ndcg), "p@5": mean(p5), "recall@50": mean(recall)}
