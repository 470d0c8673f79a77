"""Reads for the programme workspace: lists, tabs, the responsibility matrix, department pages.

Every function takes the requesting user (or an already access-checked programme) so that a
reporter only ever gets its own department's work. Query counts are fixed per page (tests pin
them): related rows come through ``prefetch_related`` and counts through subqueries.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from ipcity.audit.services import snapshot
from ipcity.core.access import user_department_id
from ipcity.core.models import Department, DepartmentAlias, Region
from ipcity.core.search import folded_contains, folded_contains_any
from ipcity.programs.access import access_programs
from ipcity.programs.models import (
    Indicator,
    IndicatorTarget,
    PlanImport,
    Program,
    Task,
    TaskAssignment,
)

SEARCH_LIMIT = 50


def _count(model, *, through: str = "program", distinct_field: str = "pk",
           filters: dict[str, int] | None = None) -> Coalesce:
    """A correlated COUNT(...) subquery on ``model`` rows belonging to the outer programme (and
    matching ``filters``)."""
    rows = (
        model.objects.filter(**{through: OuterRef("pk")}, **(filters or {}))
        .order_by()
        .values(through)
        .annotate(n=Count(distinct_field, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_counts(programs: QuerySet[Program], department_id: int | None = None) -> QuerySet[Program]:
    """Programmes annotated with indicator, task and department counts (one query in all). With
    ``department_id`` the indicators and tasks are that department's (those it owns, leads or
    co-handles: what the programme's tabs show its reporter); the department count stays the
    programme's."""
    own_indicators = None if department_id is None else {"owner_department_id": department_id}
    own_tasks = None if department_id is None else {"assignments__department_id": department_id}
    return programs.select_related("region").annotate(
        indicator_count=_count(Indicator, filters=own_indicators),
        task_count=_count(Task, filters=own_tasks),
        department_count=_count(TaskAssignment, through="task__program", distinct_field="department"),
    )


LIST_STATUSES = ("", "archived", "all")
# Newest first, then by title; two programmes of one year and title (a city's and a county's 试点
# 方案) by their key, so that every list and search shows them in one order on any database.
PROGRAM_ORDER = ("-start_year", "title", "pk")


def program_list(user, status: str = "", *, own_work: bool = False) -> list[Program]:
    """The programmes the home page and the API list show, newest first. An archived programme
    (已归档) drops out of the default list: ``status="archived"`` lists those alone, ``"all"`` both.
    ``own_work``: a reporter's counts are its department's indicators and tasks (the home page:
    a reporter cares about its own work, and the tabs it opens show only that)."""
    qs = access_programs(user)
    if status == "archived":
        qs = qs.filter(status=Program.Status.ARCHIVED)
    elif status != "all":
        qs = qs.exclude(status=Program.Status.ARCHIVED)
    return list(with_counts(qs, user_department_id(user) if own_work else None).order_by(*PROGRAM_ORDER))


def site_programme_word(programs: QuerySet[Program]) -> str | None:
    """强市, 强县, 强区 or 强省: what the platform calls its own work in its name and headings, from
    the ``programs`` a reader sees (None when there are none).

    An office runs the platform for its place, so the word is that of the newest programme not
    archived (the newest archived one when all are), the office's own before the demo's samples. A
    county office that imports its 强县 plan then reads 知识产权强县建设 on every page, not 强市. The
    rule of the word is ``divisions.wording.programme_words``, as in the reports."""
    from ipcity.divisions.wording import programme_words

    archived_last = Case(When(status=Program.Status.ARCHIVED, then=Value(1)), default=Value(0),
                         output_field=IntegerField())
    # By key, not on ``programs`` itself: a reporter's programmes are DISTINCT, and PostgreSQL
    # refuses ORDER BY an expression that is not selected there.
    newest = (Program.objects.filter(pk__in=programs.values("pk"))
              .order_by(archived_last, "is_sample", *PROGRAM_ORDER)
              .values_list("title", "region_name", "region__level").first())
    if newest is None:
        return None
    title, region_name, level = newest
    return programme_words(region=region_name, level=level, title=title).programme


def program_with_counts(program: Program, department_id: int | None = None) -> Program:
    """``program`` with its counts (``with_counts``: with ``department_id``, that department's)."""
    return with_counts(Program.objects.filter(pk=program.pk), department_id).get()


def pending_imports(user) -> list[PlanImport]:
    """Plan uploads waiting for the office to check and confirm."""
    from ipcity.core.access import is_office

    if not is_office(user):
        return []
    return list(PlanImport.objects.filter(status=PlanImport.Status.PENDING).order_by("-created_at")[:20])


# ---------------------------------------------------------------- overview and indicators


def program_overview(program: Program) -> dict:
    return {
        "program": program_with_counts(program),
        "phases": list(program.phases.all()),
        "duties": list(program.reporting_duties.all()),
    }


def program_schedule(program: Program) -> dict:
    """Phases and reporting duties in the plan format (the edit form shows them, the audit keeps them)."""
    return {
        "phases": [{"name": p.name, "start": p.start, "end": p.end} for p in program.phases.order_by("order", "id")],
        "reporting": [{"what": d.what, "who": d.who, "due": d.due_dict()}
                      for d in program.reporting_duties.order_by("order", "id")],
    }


def indicator_edit_state(indicator: Indicator) -> dict:
    """What the indicator form edits, as the audit keeps it: the row and its targets."""
    targets = [{"year": t.year, "value": t.value, "comparator": t.comparator} for t in indicator.targets.order_by("id")]
    return {**snapshot(indicator), "targets": targets}


def task_edit_state(task: Task) -> dict:
    """What the task form edits, as the audit keeps it: the row and its departments in order."""
    assignments = [{"department": a.department_id, "lead": a.is_lead} for a in task.assignments.order_by("order", "id")]
    return {**snapshot(task), "assignments": assignments}


@dataclass
class IndicatorRow:
    indicator: Indicator
    cells: list[IndicatorTarget | None]


def target_years(program: Program, indicators: list[Indicator]) -> list[int]:
    """The columns of the indicator table: every year a target is set for, within or beyond the period."""
    years = {t.year for ind in indicators for t in ind.targets.all()}
    return sorted(years)


def program_indicators(program: Program, user) -> tuple[list[int], list[IndicatorRow]]:
    """Indicators with baseline and one column per target year. A reporter sees the ones it owns
    (``programs.access.access_indicators``: the same rule as the monitoring pages and the API)."""
    from ipcity.programs.access import access_indicators

    qs = access_indicators(user, program).select_related("owner_department").prefetch_related("targets")
    indicators = list(qs.order_by("order", "pk"))
    years = target_years(program, indicators)
    rows = []
    for ind in indicators:
        by_year = {t.year: t for t in ind.targets.all()}
        rows.append(IndicatorRow(ind, [by_year.get(y) for y in years]))
    return years, rows


# ---------------------------------------------------------------- tasks and the matrix


@dataclass
class TaskRow:
    task: Task
    leads: list[TaskAssignment] = field(default_factory=list)
    partners: list[TaskAssignment] = field(default_factory=list)
    links: list = field(default_factory=list)  # contributions.TaskLink of higher apps (navigation…)


def _visible_tasks(program: Program, user, *, with_targets: bool = True) -> QuerySet[Task]:
    qs = program.tasks.prefetch_related(
        Prefetch("assignments", queryset=TaskAssignment.objects.select_related("department").order_by("order")),
    )
    if with_targets:
        qs = qs.prefetch_related("targets")
    dept = user_department_id(user)
    if dept is not None:
        qs = qs.filter(assignments__department_id=dept).distinct()
    return qs.order_by("order", "pk")


def _task_row(task: Task) -> TaskRow:
    row = TaskRow(task)
    for a in task.assignments.all():
        (row.leads if a.is_lead else row.partners).append(a)
    return row


def program_tasks(program: Program, user) -> list[Task]:
    """The tasks the user may see, with assignments (and departments) and targets prefetched."""
    return list(_visible_tasks(program, user))


def program_tasks_by_section(program: Program, user, tasks: list[Task] | None = None) -> list[tuple[str, list[TaskRow]]]:
    """Tasks grouped by the section part of their ref (三/（一）), in document order."""
    sections: OrderedDict[str, list[TaskRow]] = OrderedDict()
    for task in tasks if tasks is not None else _visible_tasks(program, user):
        sections.setdefault(task.section, []).append(_task_row(task))
    return list(sections.items())


@dataclass
class MatrixRow:
    department: Department
    cells: list[str]  # "lead", "partner" or "" per task column
    lead_count: int = 0
    partner_count: int = 0
    cells_html: str = ""  # the row's cells, rendered once by the view


@dataclass
class Matrix:
    tasks: list[Task]
    rows: list[MatrixRow]


def responsibility_matrix(program: Program, user, tasks: list[Task] | None = None) -> Matrix:
    """责任分工表: one row per department, one column per task; a cell says 牵头 or 配合.

    Rows come in order of responsibility (most leads first), so the units that carry the
    programme are at the top. A reporter gets its own row only.
    """
    if tasks is None:
        tasks = list(_visible_tasks(program, user, with_targets=False))
    column = {t.pk: i for i, t in enumerate(tasks)}
    rows: dict[int, MatrixRow] = {}
    only = user_department_id(user)
    for task in tasks:
        for a in task.assignments.all():
            if only is not None and a.department_id != only:
                continue
            row = rows.get(a.department_id)
            if row is None:
                row = rows[a.department_id] = MatrixRow(a.department, [""] * len(tasks))
            kind = "lead" if a.is_lead else "partner"
            # A department listed twice keeps the stronger role.
            if row.cells[column[task.pk]] != "lead":
                row.cells[column[task.pk]] = kind
    for row in rows.values():
        row.lead_count = row.cells.count("lead")
        row.partner_count = row.cells.count("partner")
    ordered = sorted(rows.values(), key=lambda r: (-r.lead_count, -r.partner_count, r.department.name))
    return Matrix(tasks, ordered)


# ---------------------------------------------------------------- departments


@dataclass
class DepartmentProgramWork:
    program: Program
    tasks: list[tuple[Task, bool]]  # (task, is_lead)
    indicators: list[Indicator]


def department_work(department: Department, user) -> list[DepartmentProgramWork]:
    """Everything the department answers for, per programme the user may see."""
    visible = access_programs(user).values("pk")
    assignments = (
        TaskAssignment.objects.filter(department=department, task__program__in=visible)
        .select_related("task__program__region")
        .order_by("-task__program__start_year", "task__program__title", "task__program_id", "task__order")
    )
    indicators = (
        Indicator.objects.filter(owner_department=department, program__in=visible)
        .select_related("program__region")
        .prefetch_related("targets")
    )
    by_program: OrderedDict[int, DepartmentProgramWork] = OrderedDict()
    for a in assignments:
        prog = a.task.program
        by_program.setdefault(prog.pk, DepartmentProgramWork(prog, [], [])).tasks.append((a.task, a.is_lead))
    for ind in indicators:
        by_program.setdefault(ind.program_id, DepartmentProgramWork(ind.program, [], [])).indicators.append(ind)
    # The archived programmes stay (the department's history) but come after the running ones.
    return sorted(by_program.values(), key=lambda w: w.program.status == Program.Status.ARCHIVED)


DEPARTMENTS_PER_PAGE = 50


def department_index(user, *, program: Program | None = None, region: Region | None = None) -> QuerySet[Department]:
    """Departments answering for the visible programmes, with task counts (lead / co-responsible).

    ``program`` narrows the list and its counts to one (visible) programme; ``region`` to the
    departments of one region. The caller pages the queryset (``DEPARTMENTS_PER_PAGE``).
    """
    visible = access_programs(user)
    if program is not None:
        visible = visible.filter(pk=program.pk)
    in_scope = Q(assignments__task__program__in=visible.values("pk"))
    qs = (
        Department.objects.filter(in_scope)
        .annotate(
            lead_tasks=Count("assignments", filter=in_scope & Q(assignments__is_lead=True), distinct=True),
            partner_tasks=Count("assignments", filter=in_scope & Q(assignments__is_lead=False), distinct=True),
            program_count=Count("assignments__task__program", filter=in_scope, distinct=True),
            archived_programs=Count("assignments__task__program", distinct=True, filter=in_scope & Q(
                assignments__task__program__status=Program.Status.ARCHIVED)),
        )
        .select_related("region")
        .order_by("-lead_tasks", "-partner_tasks", "name", "pk")
    )
    if region is not None:
        qs = qs.filter(region=region)
    dept = user_department_id(user)
    return qs.filter(pk=dept) if dept is not None else qs


def departments_choosable(program: Program, *also: int | None) -> QuerySet[Department]:
    """The departments an editor may choose in ``program``: its region's active ones, and any already chosen."""
    extra = [pk for pk in also if pk]
    # A chosen unit of another region may share a name with one of the region's: by key after the name.
    return Department.objects.filter(Q(region_id=program.region_id, is_active=True) | Q(pk__in=extra)).order_by("name", "pk")


def department_index_regions(user) -> QuerySet[Region]:
    """The regions of the departments the index can list (the region filter's choices)."""
    visible = access_programs(user).values("pk")
    return Region.objects.filter(departments__assignments__task__program__in=visible).distinct().order_by("code")


# ---------------------------------------------------------------- search


@dataclass
class SearchResults:
    query: str
    programs: list[Program] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.programs) + len(self.indicators) + len(self.tasks) + len(self.departments)


def search(user, query: str) -> SearchResults:
    """Titles, indicators, tasks and departments (by name or alias) across visible programmes."""
    query = query.strip()
    results = SearchResults(query)
    if not query:
        return results
    programs = access_programs(user)
    visible = programs.values("pk")
    dept = user_department_id(user)
    results.programs = list(programs.filter(folded_contains("title", query)).select_related("region")
                            .order_by(*PROGRAM_ORDER)[:SEARCH_LIMIT])
    indicators = Indicator.objects.filter(folded_contains("name", query), program__in=visible)
    tasks = Task.objects.filter(program__in=visible).filter(folded_contains_any(("title", "ref"), query))
    if dept is not None:
        indicators = indicators.filter(owner_department_id=dept)
        tasks = tasks.filter(assignments__department_id=dept)
    results.indicators = list(indicators.select_related("program")[:SEARCH_LIMIT])
    results.tasks = list(tasks.select_related("program").distinct()[:SEARCH_LIMIT])
    results.departments = _search_departments(query, visible, dept)
    return results


def _search_departments(query: str, visible, only_department: int | None) -> list[Department]:
    from ipcity.core.naming import normalise_unit_name

    alias_hits = DepartmentAlias.objects.filter(folded_contains("normalised", normalise_unit_name(query)))
    qs = Department.objects.filter(folded_contains("name", query) | Q(pk__in=alias_hits.values("department")))
    # Only units that answer for something the user may see (no list of every unit in the country).
    qs = qs.filter(Q(assignments__task__program__in=visible) | Q(owned_indicators__program__in=visible))
    if only_department is not None:
        qs = qs.filter(pk=only_department)
    # Units of one name in several regions, in one order (and the same ones under the limit).
    return list(qs.select_related("region").distinct().order_by("name", "region__code", "pk")[:SEARCH_LIMIT])
