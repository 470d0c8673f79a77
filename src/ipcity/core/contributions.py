"""What each app adds to pages and commands it does not own, registered from its ``AppConfig.ready()``.

The apps form layers (``core`` → ``audit`` → ``accounts`` → ``programs`` → ``monitoring`` → ``supervision``…, checked
by import-linter): a lower app never imports a higher one. Where a lower app's page shows something
of a higher app — the programme's tab bar, the home page's to-do list, the demo data — the higher
app registers it here and the lower one reads the lists:

- **attention providers**: ``provider(user) -> list[AttentionItem]``, the home page's to-do list.
  A provider must be cheap (a query or two) and scope what it returns to the user itself; one that
  fails is logged and skipped, so one broken app does not take the home page down;
- **programme tabs**: ``ProgramTab(key, label, url_name, order, visible)``, the tab bar of every
  programme page (``program_tabs``), by ``order``; ``url_name`` is reversed with the programme's id,
  ``visible(user)``, when given, says who sees the tab;
- **demo loaders**: ``(app label, loader(*, stdout))``, called by ``ipcity demo`` after the programmes
  and accounts;
- **task links**: ``provider(user, tasks) -> {task id: [TaskLink]}``, links shown in a task's row of
  the programme's task list (a navigation project of the task…); scoped to the user by the provider;
- **programme work listeners**: ``listener(program)``, called inside the writer's transaction after a
  programme's tasks, their departments or its indicators' data owners changed (an edit, a revision),
  so that what a higher app derived from them (supervision's open rounds) follows; a listener that
  fails rolls the change back;
- **object access**: ``fetch(user, pk)`` for an object type (``"programs.program"``), the object if the
  user may see it, else ``Http404``: the audit trail (below programs) shows any app's records, and
  opens an object's history only to whoever may open the object, by the owning app's rule.

- **department references**: ``DepartmentReference(key, label, count, move)``, the live work a
  higher app keeps under a department (supervision's outstanding reports in open rounds, pending
  value imports, open protection cases): ``count(department)`` how many, ``move(source, target,
  actor)`` hands them to ``target`` inside the merge's transaction and says how many moved. The
  merge (``programs.reform.services.department_merge``) moves them, its confirmation page counts them,
  and those that ``blocks_retire`` keep the unit from being retired (``department_retire``).

Registering the same thing twice is a no-op; the order is that of ``INSTALLED_APPS``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttentionItem:
    title: str
    url: str
    kind: str  # a short machine name: "plan_import", "report_due"...
    level: str = "blue"  # badge colour: green, yellow, red, blue, grey (the text says it too)
    detail: str = ""
    label: str = ""  # the badge's words (Chinese); the page shows them, never the machine ``kind``


@dataclass(frozen=True)
class ProgramTab:
    key: str
    label: Any  # a lazy translation: evaluated per request, in the user's language
    url_name: str  # reversed with the programme's id
    order: int
    visible: Callable[[Any], bool] | None = None  # None: every user who may see the programme


@dataclass(frozen=True)
class TaskLink:
    label: str  # what the link is, in the user's language ("专利导航")
    url: str
    data: str = ""  # the object's own name (Chinese data: the template marks it lang="zh")


@dataclass(frozen=True)
class DepartmentReference:
    key: str  # a short machine name: "supervision.reports"
    label: Any  # what the references are, a lazy translation ("未报送的部门报告")
    count: Callable[[Any], int]  # live references to the department
    move: Callable[[Any, Any, Any], int]  # (source, target, actor) -> how many moved
    blocks_retire: bool = True  # False: left behind when the unit is retired (an upload never confirmed)


AttentionProvider = Callable[[Any], list[AttentionItem]]
TaskLinkProvider = Callable[[Any, list[Any]], dict[int, list[TaskLink]]]
DemoLoader = Callable[..., None]
ObjectAccess = Callable[[Any, int], Any]
ObjectScope = Callable[[Any], Any]  # viewer -> QuerySet of the objects it may see
ProgramWorkListener = Callable[[Any], None]

ATTENTION_PROVIDERS: list[AttentionProvider] = []
PROGRAM_TABS: list[ProgramTab] = []
DEMO_LOADERS: list[tuple[str, DemoLoader]] = []
OBJECT_ACCESS: dict[str, ObjectAccess] = {}
OBJECT_SCOPES: dict[str, ObjectScope] = {}
TASK_LINK_PROVIDERS: list[TaskLinkProvider] = []
PROGRAM_WORK_LISTENERS: list[ProgramWorkListener] = []
DEPARTMENT_REFERENCES: list[DepartmentReference] = []


def register_attention_provider(provider: AttentionProvider) -> AttentionProvider:
    """Add a provider (usable as a decorator)."""
    if provider not in ATTENTION_PROVIDERS:
        ATTENTION_PROVIDERS.append(provider)
    return provider


def register_program_tab(tab: ProgramTab) -> None:
    if tab not in PROGRAM_TABS:
        PROGRAM_TABS.append(tab)


def register_task_links(provider: TaskLinkProvider) -> TaskLinkProvider:
    """Add a provider of links for the rows of the task list (usable as a decorator)."""
    if provider not in TASK_LINK_PROVIDERS:
        TASK_LINK_PROVIDERS.append(provider)
    return provider


def task_links(user, tasks: list[Any]) -> dict[int, list[TaskLink]]:
    """Every registered provider's links for ``tasks`` (one query or so per provider), by task id."""
    links: dict[int, list[TaskLink]] = {}
    for provider in TASK_LINK_PROVIDERS:
        for task_id, items in provider(user, tasks).items():
            links.setdefault(task_id, []).extend(items)
    return links


def register_program_work_listener(listener: ProgramWorkListener) -> ProgramWorkListener:
    """Add a listener to changes of a programme's tasks, departments or data owners (usable as a decorator)."""
    if listener not in PROGRAM_WORK_LISTENERS:
        PROGRAM_WORK_LISTENERS.append(listener)
    return listener


def program_work_changed(program: Any) -> None:
    """Tell the listeners that who answers for what in ``program`` changed (call it inside the write's
    transaction; an error propagates, so the write and what follows from it stand or fall together)."""
    for listener in PROGRAM_WORK_LISTENERS:
        listener(program)


def register_department_reference(reference: DepartmentReference) -> None:
    """Add a kind of live work kept under a department (see the module docstring); one per key."""
    if all(known.key != reference.key for known in DEPARTMENT_REFERENCES):
        DEPARTMENT_REFERENCES.append(reference)


def register_demo_loader(app: str, loader: DemoLoader) -> None:
    if (app, loader) not in DEMO_LOADERS:
        DEMO_LOADERS.append((app, loader))


def register_object_access(object_type: str, fetch: ObjectAccess, *, scope: ObjectScope | None = None) -> None:
    """``object_type`` is a model's ``app_label.model`` (as the audit trail files it); one rule each.

    ``scope`` (optional) is the same rule as a queryset: every object of the type the viewer may
    see. The audit trail names a page's objects with one ``scope(viewer).filter(pk__in=ids)``
    instead of one ``fetch`` each; both must agree on who sees what."""
    registered = OBJECT_ACCESS.setdefault(object_type, fetch)
    if registered is not fetch:
        raise ValueError(f"access to {object_type} is already registered by {registered!r}")
    if scope is not None:
        registered_scope = OBJECT_SCOPES.setdefault(object_type, scope)
        if registered_scope is not scope:
            raise ValueError(f"the scope of {object_type} is already registered by {registered_scope!r}")


def access_object(user, object_type: str, pk: int) -> Any:
    """The object if ``user`` may see it, by the rule its app registered; ``Http404`` when not.
    An unregistered type is a programming error (``LookupError``), never an open door."""
    try:
        fetch = OBJECT_ACCESS[object_type]
    except KeyError:
        raise LookupError(f"no access rule registered for {object_type}") from None
    return fetch(user, pk)


def program_tabs(request, program, active: str) -> list[dict]:
    """The tab bar of a programme page: every registered tab the user may see, ``active`` marked."""
    from django.urls import reverse

    return [
        {"key": tab.key, "label": str(tab.label), "url": reverse(tab.url_name, args=[program.pk]),
         "active": tab.key == active}
        for tab in sorted(PROGRAM_TABS, key=lambda tab: tab.order)
        if tab.visible is None or tab.visible(request.user)
    ]


def attention_items(user) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for provider in ATTENTION_PROVIDERS:
        try:
            items.extend(provider(user))
        except Exception:  # noqa: BLE001 - isolate a faulty app, see the module docstring
            logger.exception("attention provider %r failed", provider)
    return items
