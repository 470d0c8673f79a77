"""Which department a unit name written in a document stands for.

Plans write the same unit many ways: ``市市场监督管理局``, ``市市场监管局``,
``市市场监管局(市知识产权局)``. Matching runs in two steps:

1. the *written key* (``normalise_unit_name``: widths, brackets and white space folded) against
   each department's name and recorded aliases: an exact, certain match;
2. the *match key*: the written key with bracketed additions dropped and the usual long and
   short forms of Chinese government unit names folded to one form (``市场监督管理`` →
   ``市场监管``, ``发展和改革委员会`` → ``发改委``, ``人民政府`` → ``政府``...). These are
   general rules of how unit names are abbreviated, not a list of the sample documents' units.

``department_suggestions`` ranks the near misses (shared characters) for a reviewer to choose from.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from ipcity.core.models import Department, DepartmentAlias, Region
from ipcity.core.naming import normalise_unit_name
from ipcity.text import UNIT_NAME_ABBREVIATIONS

# Below this, two names share little beyond 市…局 (市科技局 / 市财政局 score 0.5).
SUGGESTION_THRESHOLD = 0.6

# A bracketed addition after the name proper: (市知识产权局), <外事办>, [筹], (..., 下同).
_BRACKETED = re.compile(r"\([^()]*\)|<[^<>]*>|\[[^\[\]]*\]")

# Long form → short form of unit names: one home, ``ipcity.text`` (the plan parser folds with it too).
_ABBREVIATIONS = UNIT_NAME_ABBREVIATIONS


def department_match_key(name: str) -> str:
    """The key under which two spellings of one unit compare equal."""
    key = normalise_unit_name(name)
    previous = None
    while previous != key:  # nested or repeated additions
        previous = key
        key = _BRACKETED.sub("", key)
    for long, short in _ABBREVIATIONS:
        key = key.replace(long, short)
    return key or normalise_unit_name(name)


@dataclass
class DepartmentIndex:
    """A region's departments keyed for matching; built once per import (two queries)."""

    region: Region
    by_written: dict[str, Department] = field(default_factory=dict)
    by_key: dict[str, list[Department]] = field(default_factory=dict)
    departments: list[Department] = field(default_factory=list)
    _keys: list[tuple[Department, _Keyed, _Keyed]] = field(default_factory=list, repr=False)

    @classmethod
    def for_region(cls, region: Region) -> DepartmentIndex:
        """A unit merged into another is left out (its names are its successor's aliases now); the
        active units come before the retired ones, so a name both carry resolves to the active one."""
        index = cls(region=region)
        departments = list(Department.objects.filter(region=region, merged_into__isnull=True).order_by("-is_active", "id"))
        aliases = DepartmentAlias.objects.filter(department__in=departments).select_related("department")
        by_department: dict[int, list[str]] = {}
        for alias in aliases.order_by("id"):
            by_department.setdefault(alias.department_id, []).append(alias.alias)
        for active in (True, False):
            for department in departments:
                if department.is_active == active:
                    index.add(department)
            for department in departments:
                if department.is_active == active:
                    for written in by_department.get(department.pk, []):
                        index.add_alias(department, written)
        return index

    def add(self, department: Department) -> None:
        self.departments.append(department)
        self.add_alias(department, department.name)

    def add_alias(self, department: Department, written: str) -> None:
        self.by_written.setdefault(normalise_unit_name(written), department)
        bucket = self.by_key.setdefault(department_match_key(written), [])
        if all(d.pk != department.pk for d in bucket):
            bucket.append(department)

    def resolve(self, name: str) -> Department | None:
        exact = self.by_written.get(normalise_unit_name(name))
        if exact is not None:
            return exact
        candidates = self.by_key.get(department_match_key(name), [])
        if len(candidates) > 1:  # a retired unit does not make an active one's name ambiguous
            candidates = [d for d in candidates if d.is_active] or candidates
        return candidates[0] if len(candidates) == 1 else None

    def suggestions(self, name: str, limit: int = 5) -> list[Department]:
        """Departments a reviewer may mean, best first: rule matches, then shared characters."""
        exact = self.resolve(name)
        key, written = _Keyed(department_match_key(name)), _Keyed(normalise_unit_name(name))
        scored: list[tuple[float, int, Department]] = []
        for department, other_key, other_written in self._keyed():
            score = max(key.similarity(other_key), written.similarity(other_written))
            if exact is not None and department.pk == exact.pk:
                score += 10
            if score >= SUGGESTION_THRESHOLD:
                scored.append((score, department.pk, department))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [department for _, _, department in scored[:limit]]

    def _keyed(self) -> list[tuple[Department, _Keyed, _Keyed]]:
        """Each department with its two keys, computed once per index (suggestions run per unit)."""
        if len(self._keys) != len(self.departments):
            self._keys = [(d, _Keyed(department_match_key(d.name)), _Keyed(normalise_unit_name(d.name)))
                          for d in self.departments]
        return self._keys


class _Keyed:
    """A name with its character counts, so most pairs are ruled out without difflib."""

    __slots__ = ("text", "counts")

    def __init__(self, text: str):
        self.text = text
        self.counts = Counter(text)

    def similarity(self, other: _Keyed) -> float:
        """Shared characters in order (0..1), plus 0.5 when one name contains the other."""
        a, b = self.text, other.text
        if not a or not b:
            return 0.0
        if a in b or b in a:
            return 0.5 + difflib.SequenceMatcher(None, a, b).ratio()
        # Shared characters in any order bound the ratio from above (difflib's quick_ratio).
        shared = sum((self.counts & other.counts).values())
        if 2 * shared / (len(a) + len(b)) < SUGGESTION_THRESHOLD:
            return 0.0
        return difflib.SequenceMatcher(None, a, b).ratio()


def department_resolve(region: Region, name: str) -> Department | None:
    """The department of ``region`` that ``name`` certainly stands for, or None."""
    return DepartmentIndex.for_region(region).resolve(name)


def department_suggestions(region: Region, name: str, limit: int = 5) -> list[Department]:
    """Departments of ``region`` that ``name`` may stand for, best first."""
    return DepartmentIndex.for_region(region).suggestions(name, limit=limit)


def department_choices(departments) -> list[tuple[int, str]]:
    """``(pk, label)`` for a list of departments to choose from. Every city has a 市市场监管局: a
    list of several regions' departments names a repeated name with its region, so an office bound
    to no region (or a province's) can tell 铜陵市's from 芜湖市's; a name met once stays bare."""
    departments = list(departments)
    repeated = {name for name, n in Counter(d.name for d in departments).items() if n > 1}
    return [(d.pk, f"{d.name}（{d.region.name}）" if d.name in repeated else d.name) for d in departments]
