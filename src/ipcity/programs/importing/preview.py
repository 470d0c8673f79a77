"""What an import would do, computed without writing: for the review screen and ``--dry-run``.

For the region: whether it exists, will be created from GB/T 2260, or is fictional. For each
unit name the tasks write: the department it will be matched to (and how), or that it is new,
with suggestions for the reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ipcity.core.departments import DepartmentIndex, department_match_key
from ipcity.core.models import Department, Region
from ipcity.core.naming import normalise_unit_name
from ipcity.core.regions import region_describe, region_find
from ipcity.programs.services import plan_department_names


@dataclass
class UnitPreview:
    name: str
    tasks: int
    match: Department | None  # what the import will use when the reviewer says nothing
    how: str  # "exact", "rule", "chosen", "new"
    suggestions: list[Department] = field(default_factory=list)
    chosen: int | None | str = ""  # the reviewer's choice: an id, None (new), "" (not chosen)
    same_as: str | None = None  # a new unit that an earlier new name of the plan will already create


@dataclass
class ImportPreview:
    region: dict
    units: list[UnitPreview]
    counts: dict[str, int]

    @property
    def new_units(self) -> list[UnitPreview]:
        return [u for u in self.units if u.how == "new"]


def import_preview(plan: dict, *, region: Region | None = None,
                   department_map: dict[str, int | None] | None = None) -> ImportPreview:
    department_map = department_map or {}
    if region is not None:
        region_info = {"name": region.name, "code": region.code, "exists": True, "fictional": region.code.startswith("99")}
    else:
        region_info = region_describe(plan.get("region", ""))
        region = region_find(plan.get("region", ""))
    index = DepartmentIndex.for_region(region) if region is not None else None
    chosen_departments = Department.objects.in_bulk([v for v in department_map.values() if v])
    units = []
    created: dict[str, str] = {}  # match key of a unit to be created → its first name
    for name in plan_department_names(plan):
        tasks = sum(1 for t in plan.get("tasks", []) if name in t.get("departments", []))
        unit = _unit_preview(name, tasks, index, department_map, chosen_departments)
        if unit.how == "new" and name not in department_map:
            # The import resolves names in turn: a later spelling of a unit created for an earlier
            # one matches it (市经济和信息化局 after 市经信局, 市政府办公室〈外事办〉 after <外事办>).
            unit.same_as = created.get(department_match_key(name))
            created.setdefault(department_match_key(name), name)
        units.append(unit)
    counts = {
        "indicators": len(plan.get("indicators", [])),
        "indicator_targets": sum(len(i.get("targets", [])) for i in plan.get("indicators", [])),
        "tasks": len(plan.get("tasks", [])),
        "task_targets": sum(len(t.get("targets", [])) for t in plan.get("tasks", [])),
        "assignments": sum(len(t.get("departments", [])) for t in plan.get("tasks", [])),
        "phases": len(plan.get("phases", [])),
        "reporting": len(plan.get("reporting", [])),
        "units": len(units),
        "new_units": sum(1 for u in units if u.how == "new" and not u.same_as),
    }
    return ImportPreview(region=region_info, units=units, counts=counts)


def _unit_preview(name: str, tasks: int, index: DepartmentIndex | None,
                  department_map: dict[str, int | None], chosen_departments: dict[int, Department]) -> UnitPreview:
    if name not in department_map and index is not None:
        match = index.resolve(name)
        if match is not None and normalise_unit_name(match.name) == normalise_unit_name(name):
            return UnitPreview(name, tasks, match, "exact")  # certain: no suggestions to compute
    suggestions = index.suggestions(name) if index is not None else []
    if name in department_map:
        chosen = department_map[name]
        department = chosen_departments.get(chosen) if chosen else None
        return UnitPreview(name, tasks, department, "chosen" if department else "new", suggestions, chosen)
    match = index.resolve(name) if index is not None else None
    if match is None:
        return UnitPreview(name, tasks, None, "new", suggestions)
    how = "exact" if normalise_unit_name(match.name) == normalise_unit_name(name) else "rule"
    return UnitPreview(name, tasks, match, how, suggestions)
