"""Every action the source can write to the audit trail has its words in ``ACTION_LABELS``.

An action without a label is shown on the trail as its code (``transfer.need.create``), so the
office's Chinese page reads like a log file. The actions are collected from the source itself:

- the recorders are the functions of ``ipcity.audit.services`` that take an ``action``; a
  migration may also create ``AuditEvent`` rows itself;
- each such call in ``src/ipcity`` is read with ``ast`` and its ``action`` worked out statically:
  a literal, a conditional of literals, a concatenation, or a local variable assigned from those;
- an f-string (``f"protection.case.{step}"``) is a family: its values are the vocabulary that
  drives it, imported from that vocabulary's one home (``FAMILIES``), and every value a caller
  passes for the placeholder where it can be read (``record(step="accept")``) must be in it.

Anything the scan cannot work out fails the test with its place, rather than being skipped.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ipcity
from ipcity.audit import services as audit_services
from ipcity.audit.labels import ACTION_LABELS

SOURCE = Path(ipcity.__file__).parent


def _families() -> dict[str, set[str]]:
    """Each run-time family (its f-string with ``{}`` for the placeholder) → the values it takes."""
    from ipcity.casework.workflow import EVENT_STEPS as CASE_STEPS
    from ipcity.supervision.models import ReviewStep, Round
    from ipcity.transfer.labels import EVENT_STEPS as MATCH_STEPS

    return {
        "protection.case.{}": set(CASE_STEPS),  # CaseEvent.step
        "transfer.match.{}": set(MATCH_STEPS),  # MatchEvent.step
        "supervision.report.{}": set(ReviewStep.ACTION_LABELS),  # the review path's steps
        "supervision.round.{}": set(Round.Status.values),
    }


def _recorders() -> set[str]:
    return {name for name, function in inspect.getmembers(audit_services, inspect.isfunction)
            if function.__module__ == audit_services.__name__ and "action" in inspect.signature(function).parameters}


class Unresolved(Exception):
    pass


@dataclass(frozen=True)
class Family:
    """An f-string with one placeholder, a parameter of the function it is in."""

    template: str
    function: str
    parameter: str


def _values(node: ast.expr, function: ast.FunctionDef | None) -> set[str]:
    """The strings an expression can take, read from the source alone."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _values(node.body, function) | _values(node.orelse, function)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return {a + b for a in _values(node.left, function) for b in _values(node.right, function)}
    if isinstance(node, ast.Name) and function is not None:
        assigned = [n.value for n in ast.walk(function) if isinstance(n, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets)]
        if assigned:
            return set().union(*(_values(value, function) for value in assigned))
    raise Unresolved(ast.unparse(node))


def _family(node: ast.JoinedStr, function: ast.FunctionDef | None) -> Family:
    holes = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
    parameters = {a.arg for a in (*function.args.args, *function.args.kwonlyargs)} if function else set()
    if len(holes) != 1 or not isinstance(holes[0], ast.Name) or holes[0].id not in parameters:
        raise Unresolved(ast.unparse(node))
    template = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    assert function is not None
    return Family(template, function.name, holes[0].id)


def _calls(tree: ast.Module) -> Iterator[tuple[ast.Call, ast.FunctionDef | None]]:
    """Each call with the function it is in (None at module level)."""
    def walk(node: ast.AST, function: ast.FunctionDef | None):
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Call):
                yield child, function
            yield from walk(child, inner)
    yield from walk(tree, None)


def _called(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


@dataclass
class Scan:
    actions: set[str]
    families: dict[Family, Path]
    unresolved: list[str]
    calls: list[tuple[Path, ast.Call, ast.FunctionDef | None]]


def _passed_on(action: ast.expr, function: ast.FunctionDef | None, recorders: set[str]) -> bool:
    """A recorder handing its own ``action`` to the model: no action of its own."""
    return (isinstance(action, ast.Name) and function is not None and function.name in recorders
            and action.id in {a.arg for a in function.args.kwonlyargs})


def _scan() -> Scan:
    recorders = _recorders()
    scan = Scan(set(), {}, [], [])
    for path in sorted(SOURCE.rglob("*.py")):
        for call, function in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            scan.calls.append((path, call, function))
            action = _keyword(call, "action")
            writes = _called(call) in recorders or _called(call) == "create" and "AuditEvent" in ast.unparse(call.func)
            if action is None or not writes or _passed_on(action, function, recorders):
                continue
            try:
                if isinstance(action, ast.JoinedStr):
                    scan.families[_family(action, function)] = path
                else:
                    scan.actions |= _values(action, function)
            except Unresolved as exc:
                scan.unresolved.append(f"{path.relative_to(SOURCE)}:{call.lineno}: action={exc}")
    return scan


def _family_values(scan: Scan, families: dict[str, set[str]]) -> tuple[set[str], list[str]]:
    """The family's actions, and the values its callers pass that its vocabulary lacks."""
    actions: set[str] = set()
    strays: list[str] = []
    for family, home in scan.families.items():
        vocabulary = families[family.template]
        actions |= {family.template.format(value) for value in vocabulary}
        app = home.relative_to(SOURCE).parts[0]
        for path, call, function in scan.calls:
            passed = _keyword(call, family.parameter)
            if passed is None or _called(call) != family.function or path.relative_to(SOURCE).parts[0] != app:
                continue
            try:
                values = _values(passed, function)
            except Unresolved:
                continue  # worked out at run time (a form's choice, a model's status): the vocabulary's own
            strays += [f"{path.relative_to(SOURCE)}:{call.lineno}: {family.template.format(v)}"
                       for v in sorted(values - vocabulary)]
    return actions, strays


def test_every_action_the_source_can_write_has_words():
    scan = _scan()
    families = _families()
    assert not scan.unresolved, f"actions the scan cannot read (give their values a home): {scan.unresolved}"
    assert {f.template for f in scan.families} == set(families), "FAMILIES out of step with the f-strings"
    family_actions, strays = _family_values(scan, families)
    assert not strays, f"values passed that their family's vocabulary lacks: {strays}"
    actions = scan.actions | family_actions
    # the scan reaches every kind: literals, conditionals, variables, sign-ins, a migration, families
    assert {"program.create", "monitoring.actual.correct", "publication.program.update", "auth.login",
            "audit.purge", "audit.secrets_removed", "protection.case.accept", "transfer.match.keep",
            "supervision.report.head_reject"} <= actions
    missing = sorted(actions - set(ACTION_LABELS))
    assert not missing, f"{len(missing)} audit actions without words in ACTION_LABELS: {missing}"
