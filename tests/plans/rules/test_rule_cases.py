"""Every registered rule of the parser has a folder of cases, and its cases prove it.

Layout: ``tests/plans/rules/<registry>/<rule>/NN.in.txt`` (a document, as the reader's text)
and ``NN.expected.json`` (the part of the result the rule is about). The cases are authored
snippets (invented places and units), not the seeds and not unseen documents.

Expected keys, compared against the parse of the input:
- ``lines``: the normalised lines' texts (all of them, in order);
- ``parts``: ``{section title: part}`` for the sections named;
- ``warnings``: each string is part of some warning (``[]``: no warning at all), the warnings about
  the plan's own fields left out (``pipeline.METADATA_WARNINGS``: a snippet has no title or years);
- any key of the plan (``indicators``, ``tasks``, ``reporting``, ``period``…): equal; in a list
  of items only the fields the expected items name are compared.

For each rule, its cases pass with the rule and at least one fails with the rule left out: a
case that passes without its rule proves nothing.

The reader's rules (registries ``read.*``) see a Word document, not text: their ``NN.in.txt`` is
written as an authored .docx first (one paragraph per line, each ``\t`` one of Word's tabs) and
parsed from the file; ``lines`` are then the normalised lines of the reader's text.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import docx
import pytest

from ipcity.plans import normalise, structure
from ipcity.plans.pipeline import METADATA_WARNINGS, all_registries, parse_text_with_warnings, read_and_parse

RULES_DIR = Path(__file__).parent


def case_files(stage: str, rule: str) -> list[Path]:
    return sorted((RULES_DIR / stage / rule).glob("*.in.txt"))


def every_rule() -> list[tuple[str, str]]:
    return [(stage, name) for stage, registry in sorted(all_registries().items()) for name in registry.names()]


def project(actual: list[dict], expected: list[dict]) -> list[dict]:
    """The actual items with only the fields the expected items name (item by item when the
    counts agree; else the fields any expected item names, so the difference shows)."""
    if len(actual) == len(expected):
        return [{k: v for k, v in item.items() if k in want} for item, want in zip(actual, expected, strict=True)]
    fields = {key for item in expected for key in item}
    return [{k: v for k, v in item.items() if k in fields} for item in actual]


def read_as_docx(text: str) -> tuple[str, dict, list[str]]:
    """The case written as a Word document (a paragraph per line; python-docx writes ``\t`` as
    ``<w:tab/>``), read and parsed: the reader's text, the plan and the warnings."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.docx"
        document = docx.Document()
        for line in text.rstrip("\n").split("\n"):
            document.add_paragraph(line)
        document.save(str(path))
        plan, result = read_and_parse(path)
    return result.text, plan, list(result.warnings)


def mismatches(text: str, expected: dict, *, as_docx: bool = False) -> list[str]:
    if as_docx:
        text, plan, warnings = read_as_docx(text)
    else:
        plan, warnings = parse_text_with_warnings(text)
    warnings = [w for w in warnings if w not in METADATA_WARNINGS]
    out = []
    for key, want in expected.items():
        if key == "lines":
            got = [line.text for line in normalise.normalise(text)]
        elif key == "parts":
            doc = structure.build(normalise.normalise(text))
            parts = {s.title: s.part for s in doc.sections()}
            got = {title: parts.get(title) for title in want}
        elif key == "warnings":
            got = [w for w in want if any(w in have for have in warnings)] if want else warnings
        elif isinstance(want, list) and want and isinstance(want[0], dict):
            got = project(plan[key], want)
        else:
            got = plan[key]
        if got != want:
            out.append(f"{key}: expected {want!r}, got {got!r}")
    return out


def run_cases(stage: str, rule: str) -> dict[str, list[str]]:
    failures = {}
    for case in case_files(stage, rule):
        expected_file = case.with_name(case.name.replace(".in.txt", ".expected.json"))
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        problems = mismatches(case.read_text(encoding="utf-8"), expected, as_docx=stage.startswith("read."))
        if problems:
            failures[case.name] = problems
    return failures


@pytest.mark.parametrize(("stage", "rule"), every_rule(), ids=lambda v: v)
def test_rule_has_cases_that_pass(stage, rule):
    cases = case_files(stage, rule)
    assert cases, f"rule {stage}/{rule} has no case folder tests/plans/rules/{stage}/{rule}/ with NN.in.txt"
    for case in cases:
        assert case.with_name(case.name.replace(".in.txt", ".expected.json")).exists(), f"{case} has no expected"
    assert run_cases(stage, rule) == {}


@pytest.mark.parametrize(("stage", "rule"), every_rule(), ids=lambda v: v)
def test_rule_cases_fail_without_the_rule(stage, rule):
    registry = all_registries()[stage]
    with registry.without(rule):
        failures = run_cases(stage, rule)
    assert failures, f"the cases of {stage}/{rule} pass without the rule: they do not test it"


def test_no_case_folder_without_a_rule():
    known = set(every_rule())
    folders = {(p.parent.parent.name, p.parent.name) for p in RULES_DIR.glob("*/*/*.in.txt")}
    assert folders - known == set(), "case folders of rules that do not exist"
