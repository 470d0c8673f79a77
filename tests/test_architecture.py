"""The boundaries docs/architecture.md promises, checked on the source (``ast``; nothing is imported).

1. **Views save nothing, open no transaction and query only through selectors or access helpers.**
   A *view module* is a ``views*.py``, an ``api*.py``, a module under ``templatetags/``, or any
   module a ``urls.py`` imports its views from. In one it is a finding to:
   - open a transaction: ``transaction.atomic`` (or ``atomic`` imported from ``django.db.transaction``)
     or call ``select_for_update``;
   - query a model directly: ``<anything>.objects``, ``._default_manager``, ``._base_manager`` (but
     ``.objects.none()``, the empty queryset, runs no query), or ``get_object_or_404``/``get_list_or_404``
     given a model class;
   - write: any ``.save()``/``.delete()`` call (in a view even a ``ModelForm.save()`` writes; only
     ``save(commit=False)`` is exempt), plus the model writes of rule 2.
2. **Model writes happen only in services**: ``services.py``, a module of a ``services/`` package,
   migrations, and the job modules listed in ``JOB_MODULES`` with the reason for each. A *model
   write* is recognised by names, as a reader would (no type inference, so no false positives
   from dicts and sets):
   - a queryset write — ``create``, ``update``, ``delete``, ``bulk_create``, ``bulk_update``,
     ``get_or_create``, ``update_or_create``, ``create_user``, ``create_superuser`` — called on a
     queryset: a chain that starts at ``<anything>.objects`` / ``._default_manager`` /
     ``._base_manager`` (``Model.objects.filter(...).update(...)``), or a local name bound to one;
   - ``save()``/``delete()`` on a model instance: a name bound to ``Model(...)`` (a class defined in
     a ``models*.py`` of the project, or Django's ``User``/``Group``/``Permission``), to a queryset's
     ``get``/``first``/``last``/``create``/``get_or_create``..., to ``get_object_or_404(...)``, a
     loop variable over a queryset, a parameter annotated with a model class, or ``self`` in a model
     class (except in the model's own ``save``/``delete`` overrides, which are Django's write path);
   - ``add``/``set``/``remove``/``clear``/``create`` on a related manager: ``<instance>.<field>.add(...)``
     with the instance recognised as above, or ``<anything>.<m2m>.add(...)`` where ``<m2m>`` is a
     ``ManyToManyField`` of a project model (or ``groups``/``user_permissions``).
   A form's ``save(commit=False)`` is not a write; ``dict.update`` and ``set.add`` are not either.

``PENDING_SUPERVISION`` lists findings in ``ipcity.supervision`` that its split (in progress) will
remove; it may only shrink. ``test_checker_*`` run the checker on small snippets, so that this test
cannot pass by finding nothing.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "ipcity"

# Modules (relative to src/) that may write models although they are no service, and why.
JOB_MODULES: dict[str, str] = {
    "ipcity/supervision/demo.py": (
        "demo data only: fixes a round's key (so a second run finds its rounds) and back-dates "
        "first_submitted_at to simulate on-time history; no real service may rewrite history"
    ),
}

# Findings in ipcity.supervision, removed by engineer "supervision" while splitting its services;
# this list may only shrink ("<module path relative to src/>: <rule>: <code>").
PENDING_SUPERVISION: set[str] = set()  # emptied: notify, urging and reminders are modules of supervision.services

QUERYSET_WRITES = {"create", "update", "delete", "bulk_create", "bulk_update", "get_or_create",
                   "update_or_create", "create_user", "create_superuser"}
QUERYSET_CHAIN = {"all", "filter", "exclude", "order_by", "select_related", "prefetch_related", "annotate",
                  "alias", "distinct", "select_for_update", "using", "only", "defer", "none", "reverse",
                  "union", "intersection", "difference", "extra"}
QUERYSET_ROW = {"get", "first", "last", "earliest", "latest", "create", "create_user", "create_superuser"}
QUERYSET_PAIR = {"get_or_create", "update_or_create"}
INSTANCE_WRITES = {"save", "delete"}
RELATED_WRITES = {"add", "set", "remove", "clear", "create"}
MANAGERS = {"objects", "_default_manager", "_base_manager"}
AUTH_MODELS = {"User", "Group", "Permission", "AbstractUser", "AbstractBaseUser"}
AUTH_M2M = {"groups", "user_permissions"}


@dataclass(frozen=True)
class ModelNames:
    classes: frozenset[str]
    m2m_fields: frozenset[str]


@dataclass(frozen=True)
class Finding:
    module: str
    line: int
    rule: str
    code: str

    def key(self) -> str:
        return f"{self.module}: {self.rule}: {self.code}"

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.rule}: {self.code}"


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def model_names(sources: dict[str, str]) -> ModelNames:
    """Model classes and many-to-many field names defined in the project's ``models*.py`` files."""
    classes: dict[str, list[str]] = {}
    m2m: set[str] = set()
    for path, text in sources.items():
        if not Path(path).name.startswith("models") and "/models/" not in path:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                classes[node.name] = [_base_name(b) for b in node.bases]
                for statement in node.body:
                    if (isinstance(statement, ast.Assign | ast.AnnAssign) and isinstance(statement.value, ast.Call)
                            and _base_name(statement.value.func) == "ManyToManyField"):
                        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                        m2m.update(t.id for t in targets if isinstance(t, ast.Name))
    known = set(AUTH_MODELS)
    changed = True
    while changed:  # a class is a model when one of its bases is (abstract bases included)
        changed = False
        for name, bases in classes.items():
            if name not in known and any(b == "Model" or b in known for b in bases):
                known.add(name)
                changed = True
    return ModelNames(frozenset(known), frozenset(m2m | AUTH_M2M))


def routed_modules(sources: dict[str, str]) -> set[str]:
    """Modules a ``urls.py`` takes views from (``from ipcity.x import views`` / ``import name``)."""
    modules = {p.removesuffix(".py").replace("/", ".") for p in sources}
    routed: set[str] = set()
    for path, text in sources.items():
        if Path(path).name != "urls.py":
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ipcity."):
                for alias in node.names:
                    child = f"{node.module}.{alias.name}"
                    target = child if child in modules else node.module
                    if target in modules and not target.endswith(".urls"):
                        routed.add(target.replace(".", "/") + ".py")
                    elif f"{target}.__init__" in modules:
                        routed.add(target.replace(".", "/") + "/__init__.py")
    return routed


def is_view_module(path: str, routed: set[str]) -> bool:
    name = Path(path).name
    return (name.startswith(("views", "api")) or "/templatetags/" in path or path in routed)


def may_write(path: str) -> bool:
    return (Path(path).name == "services.py" or "/services/" in path or "/migrations/" in path
            or path in JOB_MODULES)


class _Checker(ast.NodeVisitor):
    """One module; ``env`` maps a local name to what it holds: "model", "qs", "row" or "pair"."""

    def __init__(self, path: str, names: ModelNames, *, view: bool, writes_allowed: bool):
        self.path, self.names, self.view, self.writes_allowed = path, names, view, writes_allowed
        self.findings: list[Finding] = []
        self.env: dict[str, str] = {}
        self.model_class: str | None = None
        self.function: str | None = None
        self.atomic_names: set[str] = set()
        self.empty_querysets: set[int] = set()  # the ``X.objects`` of ``X.objects.none()``

    # -- what an expression holds --------------------------------------------------------------
    def kind(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            if node.id in self.env:
                return self.env[node.id]
            return "model" if node.id in self.names.classes else None
        if isinstance(node, ast.Attribute):
            if node.attr in MANAGERS:
                return "qs"
            return None
        if isinstance(node, ast.Subscript):
            return "qs" if self.kind(node.value) == "qs" else None
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                if func.id == "get_user_model":
                    return "model"
                if func.id in ("get_object_or_404",):
                    return "row"
                if self.kind(func) == "model":
                    return "row"
            if isinstance(func, ast.Attribute) and self.kind(func.value) == "qs":
                if func.attr in QUERYSET_CHAIN:
                    return "qs"
                if func.attr in QUERYSET_ROW:
                    return "row"
                if func.attr in QUERYSET_PAIR:
                    return "pair"
        return None

    def _annotation_is_model(self, annotation: ast.expr | None) -> bool:
        if annotation is None:
            return False
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            try:
                annotation = ast.parse(annotation.value, mode="eval").body
            except SyntaxError:
                return False
        if isinstance(annotation, ast.BinOp):  # Program | None
            return self._annotation_is_model(annotation.left) or self._annotation_is_model(annotation.right)
        return isinstance(annotation, ast.Name) and annotation.id in self.names.classes

    # -- scopes ---------------------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        outer = self.model_class
        self.model_class = node.name if node.name in self.names.classes else None
        self.generic_visit(node)
        self.model_class = outer

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer_env, outer_function = self.env, self.function
        self.env = dict(outer_env)
        self.function = node.name
        arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
        for argument in arguments:
            if self._annotation_is_model(argument.annotation):
                self.env[argument.arg] = "row"
            else:
                self.env.pop(argument.arg, None)
        if self.model_class and arguments and arguments[0].arg == "self":
            self.env["self"] = "row"
        for decorator in node.decorator_list:
            self.visit(decorator)
        for statement in node.body:
            self.visit(statement)
        self.env, self.function = outer_env, outer_function

    visit_AsyncFunctionDef = visit_FunctionDef

    def _bind(self, target: ast.expr, kind: str | None) -> None:
        if isinstance(target, ast.Name):
            if kind is None:
                self.env.pop(target.id, None)
            else:
                self.env[target.id] = kind
        elif isinstance(target, ast.Tuple | ast.List):
            for index, element in enumerate(target.elts):
                self._bind(element, "row" if kind == "pair" and index == 0 else None)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        kind = self.kind(node.value)
        for target in node.targets:
            self._bind(target, kind)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        kind = self.kind(node.value) if node.value is not None else None
        if kind is None and self._annotation_is_model(node.annotation):
            kind = "row"
        self._bind(node.target, kind)

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self._bind(node.target, "row" if self.kind(node.iter) == "qs" else None)
        for statement in [*node.body, *node.orelse]:
            self.visit(statement)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module == "django.db.transaction":
            self.atomic_names.update(a.asname or a.name for a in node.names if a.name == "atomic")

    # -- findings -------------------------------------------------------------------------------
    def report(self, node: ast.AST, rule: str) -> None:
        # What is called (``Reminder.objects.create``), not its arguments: a stable key for the lists.
        shown = node.func if isinstance(node, ast.Call) and not isinstance(node.func, ast.Name) else node
        self.findings.append(Finding(self.path, getattr(node, "lineno", 0), rule, ast.unparse(shown)[:100]))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if self.view:
            if node.attr == "atomic" and isinstance(node.value, ast.Name) and node.value.id == "transaction":
                self.report(node, "transaction in a view")
            elif node.attr == "select_for_update":
                self.report(node, "transaction in a view")
            elif node.attr in MANAGERS and id(node) not in self.empty_querysets:
                self.report(node, "query in a view")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if self.view and node.id in self.atomic_names:
            self.report(node, "transaction in a view")

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "none" and not node.args:
            self.empty_querysets.add(id(func.value))
        if (self.view and isinstance(func, ast.Name) and func.id in ("get_object_or_404", "get_list_or_404")
                and node.args and self.kind(node.args[0]) == "model"):
            self.report(node, "query in a view")
        if isinstance(func, ast.Attribute) and self._is_write(func, node):
            if self.view:
                self.report(node, "model write in a view")
            elif not self.writes_allowed:
                self.report(node, "model write outside services")
        self.generic_visit(node)

    def _is_write(self, func: ast.Attribute, call: ast.Call) -> bool:
        method, receiver = func.attr, func.value
        if any(k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
               for k in call.keywords):
            return False
        if method in QUERYSET_WRITES and self.kind(receiver) == "qs":
            return True
        if method in INSTANCE_WRITES:
            if self.view:
                return True
            if self.kind(receiver) == "row":
                # A model's own save()/delete() override is Django's write path, not a second one.
                return not (isinstance(receiver, ast.Name) and receiver.id == "self"
                            and self.function in INSTANCE_WRITES)
        if method in RELATED_WRITES and isinstance(receiver, ast.Attribute):
            return receiver.attr in self.names.m2m_fields or self.kind(receiver.value) == "row"
        return False


def check_source(path: str, text: str, names: ModelNames, *, view: bool, writes_allowed: bool) -> list[Finding]:
    checker = _Checker(path, names, view=view, writes_allowed=writes_allowed)
    checker.visit(ast.parse(text))
    return checker.findings


def project_sources() -> dict[str, str]:
    return {str(p.relative_to(SRC)): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def project_findings() -> list[Finding]:
    sources = project_sources()
    names, routed = model_names(sources), routed_modules(sources)
    findings: list[Finding] = []
    for path, text in sources.items():
        if "/migrations/" in path:
            continue
        findings += check_source(path, text, names, view=is_view_module(path, routed), writes_allowed=may_write(path))
    return findings


def test_views_and_writes_keep_to_their_layers():
    findings = project_findings()
    unexpected = [str(f) for f in findings if f.key() not in PENDING_SUPERVISION]
    assert not unexpected, "\n".join(["Move these into services.py / selectors.py (see the docstring):",
                                      *unexpected])


def test_pending_supervision_list_only_names_real_findings():
    """An entry fixed meanwhile must leave the list (it may only shrink)."""
    keys = {f.key() for f in project_findings()}
    assert sorted(PENDING_SUPERVISION - keys) == []
    assert all(k.startswith("ipcity/supervision/") for k in PENDING_SUPERVISION)


def test_job_modules_exist_and_write():
    """Every listed job module exists and still needs its place on the list."""
    sources = project_sources()
    names = model_names(sources)
    for path in JOB_MODULES:
        assert path in sources, path
        assert check_source(path, sources[path], names, view=False, writes_allowed=False), (
            f"{path} writes no model any more: remove it from JOB_MODULES")


def test_the_scan_sees_the_project():
    """The checker knows the models and finds the view modules (so an empty result means something)."""
    sources = project_sources()
    names, routed = model_names(sources), routed_modules(sources)
    assert {"Program", "Indicator", "Department", "Region", "DepartmentReport", "ApiToken"} <= names.classes
    views = {p for p in sources if is_view_module(p, routed)}
    assert {"ipcity/programs/views.py", "ipcity/programs/api.py", "ipcity/monitoring/export.py",
            "ipcity/web/health.py", "ipcity/audit/templatetags/audit_labels.py"} <= views
    assert not any(Path(p).name == "services.py" for p in views)


# -- the checker on snippets: what it must flag and what it must leave alone ----------------------

NAMES = ModelNames(frozenset({"Program", "Region", "User", "Department"}), frozenset({"departments", "groups"}))


def _rules(text: str, *, view: bool = False, writes_allowed: bool = False) -> list[str]:
    return [f.rule for f in check_source("snippet.py", text, NAMES, view=view, writes_allowed=writes_allowed)]


@pytest.mark.parametrize("text", [
    "Program.objects.create(title='x')",
    "Region.objects.filter(code='1').update(name='y')",
    "def f():\n    qs = Program.objects.filter(pk=1)\n    qs.delete()",
    "def f():\n    region, _ = Region.objects.get_or_create(code='1')\n    region.save()",
    "def f():\n    p = Program(title='x')\n    p.save()",
    "def f():\n    p = Program.objects.get(pk=1)\n    p.delete()",
    "def f(program: Program):\n    program.save(update_fields=['title'])",
    "def f(program: 'Program | None'):\n    program.save()",
    "def f():\n    for p in Program.objects.all():\n        p.save()",
    "def f(user: User):\n    user.groups.add(1)",
    "def f(x):\n    x.departments.set([])",
    "def f():\n    get_user_model().objects.create_user(username='u')",
    "def f(program: Program):\n    program.tasks.create(title='t')",
    "class Program(models.Model):\n    def touch(self):\n        self.save()",
])
def test_checker_flags_model_writes_outside_services(text):
    # get_or_create is one write, and the instance it returns is recognised for the second.
    expected = 2 if "get_or_create" in text else 1
    assert _rules(text) == ["model write outside services"] * expected
    assert _rules(text, writes_allowed=True) == []


@pytest.mark.parametrize("text", [
    "d = {}\nd.update(a=1)",
    "seen = set()\nseen.add(1)",
    "def f(form):\n    obj = form.save(commit=False)",
    "Image.fromarray(x).save(path)",
    "def f(workbook):\n    workbook.save(buffer)",
    "class Program(models.Model):\n    def save(self, *a, **k):\n        super().save(*a, **k)",
    "class Program(models.Model):\n    def delete(self, *a, **k):\n        self.save()",
    "def f(program: Program):\n    program.lineage.update({'a': 1})",
    "def f():\n    Program.objects.filter(pk=1).exists()",
    "def f(program):\n    program.save()",  # unrecognised receiver: the heuristic stays silent
])
def test_checker_leaves_non_writes_alone(text):
    assert _rules(text) == []


@pytest.mark.parametrize(("text", "rule"), [
    ("from django.db import transaction\ndef v(r):\n    with transaction.atomic():\n        pass", "transaction in a view"),
    ("from django.db.transaction import atomic\n@atomic\ndef v(r):\n    pass", "transaction in a view"),
    ("def v(r):\n    x = selectors.rows().select_for_update()", "transaction in a view"),
    ("def v(r):\n    return Program.objects.all()", "query in a view"),
    ("def v(r):\n    return Program._default_manager.all()", "query in a view"),
    ("def v(r):\n    return get_object_or_404(Program, pk=1)", "query in a view"),
    ("def v(r, form):\n    form.save()", "model write in a view"),
    ("def v(r, obj):\n    obj.delete()", "model write in a view"),
])
def test_checker_flags_views_doing_a_services_or_selectors_job(text, rule):
    assert rule in _rules(text, view=True)


@pytest.mark.parametrize("text", [
    "def v(r):\n    program = access_program(r.user, 1)\n    return render(r, 't', {'p': program})",
    "def v(r):\n    obj = get_object_or_404(selectors.visible(r.user), pk=1)",
    "def v(r, form):\n    draft = form.save(commit=False)",
    "def v(r):\n    context = {}\n    context.update(a=1)",
    "def v(r):\n    return Program.objects.none()",
])
def test_checker_leaves_thin_views_alone(text):
    assert _rules(text, view=True) == []


def test_model_names_follow_inheritance_and_collect_m2m_fields():
    sources = {
        "ipcity/app/models.py": (
            "class Stamped(models.Model):\n    class Meta:\n        abstract = True\n"
            "class Plan(Stamped):\n    owners = models.ManyToManyField('Dept')\n"
            "class Labels(TextChoices):\n    A = 'a'\n"
        ),
        "ipcity/app/forms.py": "class PlanForm(forms.ModelForm):\n    pass\n",
    }
    names = model_names(sources)
    assert {"Stamped", "Plan", "User"} <= names.classes
    assert not {"Labels", "PlanForm", "Meta"} & names.classes
    assert "owners" in names.m2m_fields


def test_routed_modules_follow_urls_imports():
    sources = {
        "ipcity/app/urls.py": "from ipcity.app import views, export\nfrom ipcity.other.signin import V",
        "ipcity/app/views.py": "", "ipcity/app/export.py": "", "ipcity/other/signin.py": "",
        "ipcity/app/helpers.py": "",
    }
    assert routed_modules(sources) == {"ipcity/app/views.py", "ipcity/app/export.py", "ipcity/other/signin.py"}


def _untyped_user_parameters(text: str) -> list[str]:
    """Functions of a services module whose ``user`` parameter has no annotation."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            params = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            found += [f"{node.name}:{node.lineno}" for p in params if p.arg == "user" and p.annotation is None]
    return found


def test_services_type_the_acting_user():
    """Who acts is part of every write's contract: ``user`` is typed in every service signature."""
    assert _untyped_user_parameters("def s(*, report, user): ...") == ["s:1"]
    assert _untyped_user_parameters("def s(*, report, user: User | None = None): ...") == []
    untyped = [f"{path.relative_to(SRC)}: {name}" for path in sorted(SRC.rglob("*.py"))
               if path.name == "services.py" or path.parent.name == "services" or path.name.startswith("services_")
               for name in _untyped_user_parameters(path.read_text(encoding="utf-8"))]
    assert not untyped, untyped
