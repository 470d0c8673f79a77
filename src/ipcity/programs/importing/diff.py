"""What a revised plan changes against the stored programme, shown before anything is applied.

Items are paired exactly as ``program_apply_revision`` pairs them (``programs.revision``, which
passes its pairs in), so "changed" here means "updated in place" there, "renamed" a changed
item whose name or title differs, and "added"/"removed" mean created/deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_noop

from ipcity.programs.importing.matching import pair_indicator_dicts, pair_task_dicts
from ipcity.programs.services import plan_department_names

# The field labels are interface text: the catalogue learns them here, the diff translates them.
_ = gettext_noop
_PROGRAM_FIELDS = (("title", _("标题")), ("region", _("地区")), ("issuer", _("发文机关")), ("doc_number", _("文号")),
                   ("issued_on", _("印发日期")), ("period", _("起止年份")))
_INDICATOR_FIELDS = (("name", _("名称")), ("unit", _("单位")), ("baseline", _("基期值")), ("targets", _("目标值")),
                     ("qualitative_target", _("定性目标")), ("tags", _("属性")), ("source", _("来源")))
_TASK_FIELDS = (("ref", _("编号")), ("title", _("标题")), ("departments", _("责任单位")), ("lead", _("牵头单位")),
                ("targets", _("任务目标")))
del _


@dataclass
class ItemChange:
    label: str
    changes: list[tuple[str, str, str]]  # (field label, old, new) as display text


@dataclass
class PairView:
    """One side (or both) of a pairing, as the review screen shows it."""

    kind: str  # "indicators" or "tasks"
    new_index: int | None
    old_id: int | None
    old_label: str
    new_label: str
    manual: bool = False
    choices: list[PairView] = field(default_factory=list)  # for a stored item: new items to pair it with


@dataclass
class PlanDiff:
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    indicators_added: list[dict] = field(default_factory=list)
    indicators_removed: list[dict] = field(default_factory=list)
    indicators_changed: list[ItemChange] = field(default_factory=list)
    tasks_added: list[dict] = field(default_factory=list)
    tasks_removed: list[dict] = field(default_factory=list)
    tasks_changed: list[ItemChange] = field(default_factory=list)
    departments_added: list[str] = field(default_factory=list)
    departments_removed: list[str] = field(default_factory=list)
    phases_or_reporting_changed: bool = False
    data_warnings: list[str] = field(default_factory=list)  # data elsewhere that removed items take along (safe HTML)
    # Filled by the review screen's selector: the pairing the office can change.
    renames: list[PairView] = field(default_factory=list)
    unpaired_old: list[PairView] = field(default_factory=list)  # stored items no new item continues
    unpaired_new: dict[str, list[PairView]] = field(default_factory=dict)  # per kind, new items pairable by hand

    @property
    def is_empty(self) -> bool:
        return not any((self.fields, self.indicators_added, self.indicators_removed, self.indicators_changed,
                        self.tasks_added, self.tasks_removed, self.tasks_changed, self.departments_added,
                        self.departments_removed, self.phases_or_reporting_changed))


def plan_diff(old: dict, new: dict, pairs: dict[str, dict[int, int]] | None = None) -> PlanDiff:
    """``pairs`` ({"indicators": {new index: old index}, "tasks": ...}) as the revision will
    apply them; without it, items pair by name (and ref) alone."""
    diff = PlanDiff()
    diff.fields = [(gettext(label), show(old.get(key)), show(new.get(key)))
                   for key, label in _PROGRAM_FIELDS if old.get(key) != new.get(key)]
    pairs = pairs or {"indicators": pair_indicator_dicts(old["indicators"], new["indicators"]),
                      "tasks": pair_task_dicts(old["tasks"], new["tasks"])}
    _diff_items(old["indicators"], new["indicators"], pairs["indicators"], _INDICATOR_FIELDS,
                lambda i: i["name"], diff.indicators_added, diff.indicators_removed, diff.indicators_changed)
    _diff_items(old["tasks"], new["tasks"], pairs["tasks"], _TASK_FIELDS,
                lambda t: f"{t['ref']} {t['title']}", diff.tasks_added, diff.tasks_removed, diff.tasks_changed)
    old_units, new_units = plan_department_names(old), plan_department_names(new)
    diff.departments_added = [n for n in new_units if n not in old_units]
    diff.departments_removed = [n for n in old_units if n not in new_units]
    diff.phases_or_reporting_changed = old["phases"] != new["phases"] or old["reporting"] != new["reporting"]
    return diff


def _diff_items(old_items, new_items, pairs, fields, label, added, removed, changed) -> None:
    kept = set(pairs.values())
    removed.extend(item for i, item in enumerate(old_items) if i not in kept)
    for j, item in enumerate(new_items):
        if j not in pairs:
            added.append(item)
            continue
        before = old_items[pairs[j]]
        # Plain equality: 20 == 20.0 and dicts compare whatever their key order.
        changes = [(gettext(field_label), show(before.get(key)), show(item.get(key)))
                   for key, field_label in fields if before.get(key) != item.get(key)]
        if changes:
            changed.append(ItemChange(label(item), changes))


def show(value: Any) -> str:
    """A plan value as a reviewer reads it."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return "、".join(show(v) for v in value) if value else gettext("（无）")
    if isinstance(value, dict):
        if {"year", "value", "comparator"} <= set(value):
            name = f"{value['name']} " if value.get("name") else ""
            unit = value.get("unit") or ""
            return f"{name}{value['year']}年 {value['comparator']} {_num(value['value'])}{unit}"
        if {"start", "end"} == set(value):
            return f"{value['start']}—{value['end']}"
        if {"year", "value"} == set(value):
            return f"{value['year']}年 {_num(value['value'])}"
        return "，".join(f"{k}: {show(v)}" for k, v in value.items())
    return str(value)


def _num(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
