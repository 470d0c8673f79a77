"""The review screen's answer to one item's change: its card, and out of band only what it alters.

A plan of 560 tasks re-rendered whole on every save took about 1.5 s in the browser. What one
item's save can change elsewhere on the page is known and small:

- the lists' headings (the count, for a new item) and their problems (``_items_summary.html``);
- the cards of other items whose problems changed (one rule, the yearless targets, is only
  checked once every other rule passes, so fixing one item can bring out another's warning; both
  lists are compared, so a rule across them stays covered);
- the units table, when a task's departments or leads changed (its units and their task counts);
- a revision's diff (renames, additions, what would be lost);
- the problems above the confirm button and the button's state (``_review_end.html``).

Each goes out with ``hx-swap-oob``; the card itself replaces the form (``hx-target="this"``).
A deletion is not answered here: it shifts every later item's number, so the list is re-rendered.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from ipcity.programs.importing import selectors
from ipcity.programs.importing.services import ITEM_KINDS
from ipcity.programs.models import PlanImport

TEMPLATES = "programs/importing/"
# A task's fields that the units table reads.
_UNIT_FIELDS = ("departments", "lead")


def units_context(plan_import: PlanImport) -> dict:
    """The units table: every unit name the tasks write, its match and its department choice."""
    preview = selectors.units_preview(plan_import)
    options = selectors.unit_choice_options(preview, selectors.region_departments(preview))
    return {"imp": plan_import, "preview": preview, "unit_rows": [(unit, options[unit.name]) for unit in preview.units]}


def saved(request, plan_import: PlanImport, kind: str, index: int, *, previous: dict | None, added: bool,
          problems_before: list[str]) -> HttpResponse:
    """The answer to saving item ``index`` (``added``: a new item, appended at ``index``)."""
    problems = selectors.review_problems(plan_import)
    touched, summaries = [], []
    for other in ITEM_KINDS:
        before, after = (selectors.problems_by_item(p, other) for p in (problems_before, problems))
        count = len(plan_import.edited[other])
        touched += [{"kind": other, "iv": selectors.item_view(plan_import, other, i, problems)}
                    for i in sorted(set(before) | set(after))
                    if (other, i) != (kind, index) and i < count and before.get(i) != after.get(i)]
        summaries.append({"kind": other, "count": count, "problems": selectors.problems_of(problems, other)})
    context = {
        "imp": plan_import, "kind": kind, "index": index, "added": added,
        "iv": selectors.item_view(plan_import, kind, index, problems), "touched": touched, "summaries": summaries,
        "all_problems": problems, "diff": selectors.revision_diff(plan_import),
        "units_changed": kind == "tasks" and _units_changed(previous, plan_import.edited[kind][index]),
    }
    if context["units_changed"]:
        context.update(units_context(plan_import))
    return render(request, TEMPLATES + "_item_saved.html", context)


def unchanged(request, plan_import: PlanImport, kind: str, index: int | None) -> HttpResponse:
    """The card as it is (an edit cancelled), or the empty place of a new item."""
    if index is None:
        return HttpResponse(f'<div id="{kind}-new"></div>')
    problems = selectors.review_problems(plan_import)
    context = {"imp": plan_import, "kind": kind, "iv": selectors.item_view(plan_import, kind, index, problems)}
    return render(request, TEMPLATES + ("_indicator_card.html" if kind == "indicators" else "_task_card.html"), context)


def _units_changed(previous: dict | None, item: dict) -> bool:
    if previous is None:  # a new task: its units gain a task each
        return bool(item.get("departments") or item.get("lead"))
    return any(previous.get(key) != item.get(key) for key in _UNIT_FIELDS)
