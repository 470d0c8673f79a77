"""Make unseen documents from a seed: other city, other departments, other numbers, same gold.

A variant is the seed's text and gold JSON passed through one consistent change:

- the city (and district) name stems become invented ones, also inside unit names
  (``铜陵经开区管委会``), the title, the issuer and the document number's abbreviation;
- department names take another real-world form from :data:`DEPARTMENT_VARIANTS`;
- every number that gold records for an indicator or a task target is scaled by a factor,
  in the text near the item's name and in the gold, with the same formatting rule.

Text and gold are changed together and only where the change is seen in the text, so the gold
stays true of the variant text by construction.
"""

from __future__ import annotations

import copy
import json
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

INVENTED_STEMS = ["青岚", "云泽", "桐溪", "岳川", "澄江", "柳塘", "枫岭", "晴川", "栖霞", "望潮"]
# Other names the same kind of office goes by in other cities (none of them used by the seeds).
DEPARTMENT_VARIANTS = {
    "市市场监管局": ["市市场监督管理局", "市场监督管理局"],
    "市科技局": ["市科学技术局", "市科技创新局"],
    "市农业农村局": ["市农业农村委员会", "市农业和农村工作局"],
    "市司法局": ["市司法行政局"],
    "市财政局": ["市财政金融局", "市财政和国资局"],
    "市经济和信息化局": ["市工业和信息化局", "市经济和信息化委员会"],
    "市发展改革委": ["市发展和改革委员会"],
    "市发改委": ["市发展改革局"],
    "市商务局": ["市商务和投资促进局", "市商务粮食局"],
    "市数据资源局": ["市大数据发展管理局"],
    "市文化和旅游局": ["市文化广电和旅游局"],
    "市文化旅游局": ["市文旅体育局"],
    "市检察院": ["市检察机关"],
    "市林业局": ["市林业和园林局"],
    "市教育局": ["市教育委员会"],
    "市中院": ["市中级法院"],
    "市人力资源和社会保障局": ["市人力资源局"],
    "市工信局": ["市工业信息局"],
    "市人社局": ["市人力社保局"],
    "市统计局": ["市统计调查局"],
    "市审计局": ["市审计监督局"],
    "市生态环境局": ["市生态环境保护局"],
    "市卫生健康委": ["市卫生健康局"],
    "市教体局": ["市教育体育局"],
    "市地方金融监管局": ["市金融工作局", "市金融发展服务局"],
    "市贸促会": ["市国际贸易促进会"],
}
FACTORS = [Decimal("1.3"), Decimal("0.8"), Decimal("1.25")]
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
WINDOW = 160


@dataclass
class Variant:
    name: str
    text: str
    gold: dict


def _stems(region: str) -> list[str]:
    """重庆市南岸区 → [重庆, 南岸]; 铜陵市 → [铜陵]."""
    return [s for s in re.split(r"[市区县]", region) if len(s) >= 2]


def _abbreviation(doc_number: str | None, stems: list[str]) -> str | None:
    """The city abbreviation that opens a document number (铜 in 铜政〔2022〕49号)."""
    if not doc_number:
        return None
    for stem in stems:
        for k in range(len(stem), 0, -1):
            if doc_number.startswith(stem[:k]):
                return stem[:k]
    return None


class Renamer:
    """One regex substitution applied alike to text and to every gold string."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = {k: v for k, v in mapping.items() if k and k != v}
        keys = sorted(self.mapping, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, keys))) if keys else None

    def __call__(self, s):
        if not isinstance(s, str) or self.pattern is None:
            return s
        return self.pattern.sub(lambda m: self.mapping[m.group(0)], s)


def _rename_mapping(text: str, gold: dict, rng: random.Random) -> dict[str, str]:
    stems = _stems(gold["region"])
    invented = rng.sample([s for s in INVENTED_STEMS if s not in text], len(stems))
    mapping = dict(zip(stems, invented, strict=True))
    abbreviation = _abbreviation(gold.get("doc_number"), stems)
    if abbreviation:
        stem = next(s for s in stems if s.startswith(abbreviation))
        new_abbreviation = mapping[stem][: len(abbreviation)]
        mapping[gold["doc_number"]] = new_abbreviation + gold["doc_number"][len(abbreviation):]
    for old, choices in DEPARTMENT_VARIANTS.items():
        fresh = [c for c in choices if c not in text]
        if old in text and fresh:
            mapping[old] = rng.choice(fresh)
    return mapping


def _decimals(value: Decimal) -> int:
    return max(0, -value.normalize().as_tuple().exponent)


def scale(value: float, factor: Decimal) -> float:
    """The value times ``factor`` at the old precision (one digit finer if that changes nothing).

    A rate of 100 stays 100 and a value under 100 does not reach 100 (percentages, scores).
    """
    old = Decimal(str(value))
    new = (old * factor).quantize(Decimal(1).scaleb(-_decimals(old)))
    if new == old:
        new = (old * factor).quantize(Decimal(1).scaleb(-(_decimals(old) + 1)))
    if old == 100 or (old < 100 <= new):
        return value
    return float(new.normalize()) if new != new.to_integral_value() else int(new)


def _format(value: float) -> str:
    text = format(Decimal(str(value)).normalize(), "f")
    return text


class NumberScaler:
    """Scale the numbers an item's gold records, inside a window of text after the item's name."""

    def __init__(self, text: str, names: list[str], factor: Decimal):
        self.text = text
        self.factor = factor
        self.claims: dict[tuple[int, int], float] = {}  # token span → original value
        self.name_spans = {name: [m.span() for m in _name_regex(name).finditer(text)] for name in set(names)}

    def _windows(self, name: str) -> list[tuple[int, int]]:
        others = sorted(s for n, spans in self.name_spans.items() if n != name and n not in name
                        for s, _ in spans)
        windows = []
        for _, end in self.name_spans.get(name, []):
            stop = min([end + WINDOW] + [s for s in others if s >= end])
            sentence_end = self.text.find("。", end, stop)
            windows.append((end, sentence_end if sentence_end >= 0 else stop))
        return windows

    def scale_item(self, name: str, values: list[float]) -> dict[float, float]:
        """Claim every token equal to one of ``values`` near ``name``; return old → new for those seen."""
        seen: dict[float, float] = {}
        for start, stop in self._windows(name):
            for m in _NUMBER.finditer(self.text, start, stop):
                original = self.claims.get(m.span(), float(m.group(0)))
                for v in values:
                    if abs(original - v) < 1e-9:
                        self.claims[m.span()] = original
                        seen[v] = scale(v, self.factor)
        return seen

    def scaled_text(self) -> str:
        out, last = [], 0
        for (start, end), original in sorted(self.claims.items()):
            out.append(self.text[last:start])
            out.append(_format(scale(original, self.factor)))
            last = end
        out.append(self.text[last:])
        return "".join(out)


def _name_regex(name: str) -> re.Pattern[str]:
    # Extraction may have broken a name over lines; match it with any whitespace between characters.
    return re.compile(r"\s*".join(re.escape(ch) for ch in name if not ch.isspace()))


def _scale_numbers(text: str, gold: dict, factor: Decimal) -> str:
    items = [(i["name"], i) for i in gold["indicators"]]
    targets = [(t["name"], t) for task in gold["tasks"] for t in task.get("targets", [])]
    scaler = NumberScaler(text, [n for n, _ in items + targets], factor)
    scaled: set[tuple[float, str]] = set()
    kept: set[tuple[float, str]] = set()
    for name, ind in items:
        values = [t["value"] for t in ind["targets"]] + ([ind["baseline"]["value"]] if ind.get("baseline") else [])
        changed = scaler.scale_item(name, values)
        for v in values:
            (scaled if v in changed else kept).add((v, ind.get("unit") or ""))
        for t in ind["targets"]:
            t["value"] = changed.get(t["value"], t["value"])
        if ind.get("baseline"):
            ind["baseline"]["value"] = changed.get(ind["baseline"]["value"], ind["baseline"]["value"])
    for name, target in targets:
        changed = scaler.scale_item(name, [target["value"]])
        target["value"] = changed.get(target["value"], target["value"])
    _claim_goal_restatements(scaler, gold, {p for p in scaled - kept if p[1]})
    return scaler.scaled_text()


def _claim_goal_restatements(scaler: NumberScaler, gold: dict, pairs: set[tuple[float, str]]) -> None:
    """Scale a goal number restated in the goals part under another name (prose
    ``贯标企业累计达到210家`` beside the table row ``知识产权贯标企业数 … 210家``), so the document
    does not contradict itself. Only (value, unit) pairs that every indicator carrying them had
    scaled are touched, so no gold value is left behind by a text change.
    """
    goals = scaler.text[:_first_task_position(scaler.text, gold)]
    for value, unit in pairs:
        for m in re.finditer(rf"(?<![\d.])\d+(?:\.\d+)?(?=\s*{re.escape(unit)})", goals):
            if abs(float(m.group(0)) - value) < 1e-9:
                scaler.claims[m.span()] = value


def _first_task_position(text: str, gold: dict) -> int:
    for task in gold["tasks"][:1]:
        found = _name_regex(task["title"]).search(text)
        if found:
            return found.start()
    return len(text) // 3


def _rename_gold(gold: dict, rename: Renamer) -> dict:
    def walk(node):
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return rename(node)

    return walk(gold)


def make_variant(seed_txt: Path, gold_json: Path, variant_seed: int) -> Variant:
    text = seed_txt.read_text(encoding="utf-8")
    gold = json.loads(gold_json.read_text(encoding="utf-8"))
    rng = random.Random(f"{seed_txt.name}-{variant_seed}")
    gold = copy.deepcopy(gold)
    text = _scale_numbers(text, gold, FACTORS[variant_seed % len(FACTORS)])
    rename = Renamer(_rename_mapping(text, gold, rng))
    return Variant(name=seed_txt.stem, text=rename(text), gold=_rename_gold(gold, rename))
