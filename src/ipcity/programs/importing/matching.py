"""Pair the items of a revised plan with those already stored, so ids survive a revision.

An indicator is the same indicator when its name is the same (white space and bracket widths
folded). A task is the same task when its ref and title agree, else when its title alone
agrees (the document was renumbered). A ref alone is no proof: when a task is dropped, the
next ones move up to its number (field test, session 33: 三/5 强化知识产权行政保护 was paired with
the new 三/5, the old 三/6 专利导航 renumbered, and its reports would have moved there); a task
whose ref agrees is a rename candidate, the same ref counting as a sign.
Used both by the diff shown before a revision and by the revision itself, so the office sees
exactly what will be applied.

What is left unpaired then may be a RENAME (``pair_renamed``): a reworded indicator that keeps
its unit and sits at the same place or keeps its targets, a reworded task of the same section.
Renames are only proposed; the office can undo a pairing or pair items by hand
(``pair_with_overrides``), and the revision applies exactly the pairing it was shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

from ipcity.core.naming import normalise_unit_name

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
    return normalise_unit_name(text or "")


def pair_indicator_dicts(old: Sequence[dict], new: Sequence[dict]) -> dict[int, int]:
    return pair_items(old, new, [(lambda o: fold(o["name"]), lambda n: fold(n["name"]))])


def pair_task_dicts(old: Sequence[dict], new: Sequence[dict]) -> dict[int, int]:
    def both(item: dict) -> str:
        return fold(item["ref"]) + "\x1f" + fold(item["title"])

    return pair_items(old, new, [
        (both, both),
        (lambda o: fold(o["title"]), lambda n: fold(n["title"])),
    ])


# --- renames ---------------------------------------------------------------------------------

# Text similarity (difflib ratio of the folded texts) from which a reworded item counts as the
# same one. Alone it must be high; with a second sign (same place, same targets) lower will do.
SIMILAR_ALONE = 0.8
SIMILAR_WITH_SIGN = 0.5


def similarity(a: str | None, b: str | None) -> float:
    return SequenceMatcher(None, fold(a), fold(b), autojunk=False).ratio()


def _targets_key(item: dict) -> list[tuple]:
    return [(t.get("year"), float(t["value"]), t.get("comparator")) for t in item.get("targets") or []]


def indicator_rename_score(old: dict, new: dict, same_place: bool) -> float | None:
    """How surely ``new`` is ``old`` reworded, or None when it is not a candidate at all.

    The unit must agree (a different unit measures something else); then the names must be
    very similar, or fairly similar with the same place in the list or the same targets.
    """
    if fold(old.get("unit")) != fold(new.get("unit")):
        return None
    text = similarity(old["name"], new["name"])
    signs = same_place + (bool(old.get("targets")) and _targets_key(old) == _targets_key(new))
    if text >= SIMILAR_ALONE or (signs and text >= SIMILAR_WITH_SIGN):
        return text + 0.1 * signs
    return None


def _section(ref: str | None) -> str:
    ref = fold(ref)
    return ref.rsplit("/", 1)[0] if "/" in ref else ""


def task_rename_score(old: dict, new: dict, same_place: bool) -> float | None:
    """A reworded (and perhaps renumbered) task: same section, or same responsible units; the same
    ref is a sign, as the same place or units are, never enough alone."""
    same_section = _section(old.get("ref")) == _section(new.get("ref"))
    same_units = bool(old.get("departments")) and sorted(map(fold, old["departments"])) == sorted(
        map(fold, new.get("departments") or []))
    if not (same_section or same_units):
        return None
    text = similarity(old["title"], new["title"])
    same_ref = bool(fold(old.get("ref"))) and fold(old.get("ref")) == fold(new.get("ref"))
    signs = same_place + same_units + same_ref
    if text >= SIMILAR_ALONE or (signs and text >= SIMILAR_WITH_SIGN):
        return text + 0.1 * signs
    return None


def pair_renamed(old: Sequence[dict], new: Sequence[dict], pairs: dict[int, int],
                 score: Callable[[dict, dict, bool], float | None]) -> dict[int, int]:
    """Add to ``pairs`` the renames among the items still unpaired, best candidates first.

    "Same place" compares positions among the unpaired items only, so an insertion earlier in
    the list does not hide a rename further down.
    """
    free_old = [i for i in range(len(old)) if i not in set(pairs.values())]
    free_new = [j for j in range(len(new)) if j not in pairs]
    candidates = []
    for a, i in enumerate(free_old):
        for b, j in enumerate(free_new):
            value = score(old[i], new[j], a == b)
            if value is not None:
                candidates.append((-value, j, i))
    result = dict(pairs)
    used = set(result.values())
    for _value, j, i in sorted(candidates):
        if j not in result and i not in used:
            result[j] = i
            used.add(i)
    return result


def pair_with_overrides(old: Sequence[dict], new: Sequence[dict], old_ids: Sequence[int], kind: str,
                        overrides: Mapping[int, int | None] | None = None) -> dict[int, int]:
    """{new index: old index} for a revision: the office's choices, then names, then renames.

    ``overrides`` maps a new item's index to the id of the stored item it continues, or to
    None for "a new item, not a continuation". Choices that no longer fit (an id gone, an
    index beyond the list, an old item chosen twice) are ignored.
    """
    exact, score = ((pair_indicator_dicts, indicator_rename_score) if kind == "indicators"
                    else (pair_task_dicts, task_rename_score))
    index_of = {pk: i for i, pk in enumerate(old_ids)}
    manual: dict[int, int] = {}
    refused: set[int] = set()
    for j, pk in (overrides or {}).items():
        if not 0 <= j < len(new):
            continue
        if pk is None:
            refused.add(j)
        elif pk in index_of and index_of[pk] not in manual.values():
            manual[j] = index_of[pk]
    rest_old = [i for i in range(len(old)) if i not in manual.values()]
    rest_new = [j for j in range(len(new)) if j not in manual and j not in refused]
    sub_old, sub_new = [old[i] for i in rest_old], [new[j] for j in rest_new]
    sub = pair_renamed(sub_old, sub_new, exact(sub_old, sub_new), score)
    return {**manual, **{rest_new[b]: rest_old[a] for b, a in sub.items()}}
