"""Pair the items of a revised plan with those already stored, so ids survive a revision.

An indicator is the same indicator when its name is the same (white space and bracket widths
folded). A task is the same task when its ref and title agree, else when its title alone
agrees (the document was renumbered), else when its ref agrees (the title was reworded).
Used both by the diff shown before a revision and by the revision itself, so the office sees
exactly what will be applied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ipcity.core.naming import normalize_unit_name

Old = TypeVar("Old")
New = TypeVar("New")


def pair_items(
    old: Sequence[Old],
    new: Sequence[New],
    keys: Sequence[tuple[Callable[[Old], str], Callable[[New], str]]],
) -> dict[int, int]:
    """{new index: old index}; each key pair is tried in turn on what is still unpaired."""
    pairs: dict[int, int] = {}
    used_old: set[int] = set()
    for old_key, new_key in keys:
        waiting: dict[str, list[int]] = {}
        for i, item in enumerate(old):
            if i not in used_old:
                key = old_key(item)
                if key:
                    waiting.setdefault(key, []).append(i)
        for j, item in enumerate(new):
            if j in pairs:
                continue
            bucket = waiting.get(new_key(item))
            if bucket:
                i = bucket.pop(0)
                pairs[j] = i
                used_old.add(i)
    return pairs


def fold(text: str | None) -> str:
    return normalize_unit_name(text or "")


def pair_indicator_dicts(old: Sequence[dict], new: Sequence[dict]) -> dict[int, int]:
    return pair_items(old, new, [(lambda o: fold(o["name"]), lambda n: fold(n["name"]))])


def pair_task_dicts(old: Sequence[dict], new: Sequence[dict]) -> dict[int, int]:
    def both(item: dict) -> str:
        return fold(item["ref"]) + "\x1f" + fold(item["title"])

    return pair_items(old, new, [
        (both, both),
        (lambda o: fold(o["title"]), lambda n: fold(n["title"])),
        (lambda o: fold(o["ref"]), lambda n: fold(n["ref"])),
    ])
