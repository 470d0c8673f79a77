"""Named, ordered rules: each stage of the parser keeps its rules in a small :class:`Registry`.

Like Python-Markdown's processors, a rule is a small function registered under a name and a
priority; the stage runs its registry's rules from the highest priority down. A new rule is one
decorated function (and a case folder under ``tests/plans/rules/<stage>/<name>/``, which the
rule-case test requires of every registered rule)::

    @TABLE_LAYOUTS.register("tab_rows", priority=30)
    def tab_rows(lines, i): ...

``pipeline.all_registries()`` lists every registry by its stage name (``structure.table``, …),
so the tests and the documentation can see every rule. It lives in the pipeline, which imports
every stage, so that this module imports nothing of the parser (no import cycle).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

F = TypeVar("F", bound=Callable)

_REGISTRIES: dict[str, Registry] = {}


@dataclass(frozen=True)
class Rule(Generic[F]):
    name: str
    priority: int
    func: F

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip().split("\n")[0]


class Registry(Generic[F]):
    """The rules of one stage, run from the highest priority down (ties: order of registration)."""

    def __init__(self, stage: str, description: str, *, listed: bool = True):
        """``listed=False``: a registry of its own, not among the parser's (for tests)."""
        if listed and stage in _REGISTRIES:
            raise ValueError(f"a registry named {stage!r} exists already")
        self.stage = stage
        self.description = description
        self._rules: list[Rule[F]] = []
        if listed:
            _REGISTRIES[stage] = self

    def register(self, name: str, priority: int) -> Callable[[F], F]:
        """Decorator: register the function as the rule ``name``."""
        def add(func: F) -> F:
            self.add(name, priority, func)
            return func
        return add

    def add(self, name: str, priority: int, func: F) -> None:
        if any(rule.name == name for rule in self._rules):
            raise ValueError(f"{self.stage}: a rule named {name!r} exists already")
        self._rules.append(Rule(name, priority, func))
        # sorted is stable: rules of equal priority keep the order they were registered in
        self._rules = sorted(self._rules, key=lambda rule: -rule.priority)

    def remove(self, name: str) -> None:
        self._rules = [rule for rule in self._rules if rule.name != name]

    @contextmanager
    def without(self, name: str) -> Iterator[None]:
        """The registry with the rule ``name`` left out for a while (to see what it does)."""
        saved = list(self._rules)
        self.remove(name)
        try:
            yield
        finally:
            self._rules = saved

    def __iter__(self) -> Iterator[F]:
        return iter([rule.func for rule in self._rules])

    def rules(self) -> list[Rule[F]]:
        return list(self._rules)

    def names(self) -> list[str]:
        return [rule.name for rule in self._rules]


def registered() -> dict[str, Registry]:
    """The registries created so far, by stage name. ``pipeline.all_registries()`` is the full
    list: the pipeline imports every stage, so it can promise that all of them are loaded."""
    return dict(_REGISTRIES)
