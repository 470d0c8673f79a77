"""Plan → database → plan loses nothing, for every gold plan, with and without evidence."""

from __future__ import annotations

import jsonschema
import pytest

from ipcity.programs.plan_export import program_to_plan
from ipcity.programs.services import program_create_from_plan

from .conftest import GOLD_NAMES


@pytest.mark.django_db
@pytest.mark.parametrize("name", GOLD_NAMES)
def test_gold_plan_survives_load_and_export(name, load_gold, office_user, plan_schema):
    plan = load_gold(name)
    program = program_create_from_plan(plan=plan, user=office_user, source_name=f"{name}.txt")
    exported = program_to_plan(program)
    jsonschema.validate(exported, plan_schema)
    assert exported == load_gold(name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", GOLD_NAMES)
def test_evidence_survives_the_round_trip(name, load_gold, office_user):
    plan = load_gold(name)
    offset = 0
    for item in [*plan["indicators"], *plan["tasks"]]:
        text = item.get("title") or item["name"]
        item["evidence"] = {"text": text, "start": offset, "end": offset + len(text)}
        offset += len(text) + 1
    program = program_create_from_plan(plan=plan, user=office_user)
    assert program_to_plan(program) == plan


@pytest.mark.django_db
def test_export_takes_a_fixed_number_of_queries(load_gold, office_user, django_assert_max_num_queries):
    program = program_create_from_plan(plan=load_gold("003_ad1ce068d66b7838"), user=office_user)
    with django_assert_max_num_queries(7):
        program_to_plan(program)


@pytest.mark.django_db
@pytest.mark.parametrize("name", GOLD_NAMES)
def test_parsed_seed_with_evidence_survives_load_and_export(name, seeds_dir, office_user):
    """What the parser reads (evidence offsets into the extracted text included) comes back whole."""
    from ipcity.programs.importing.reading import read_plan_file

    read = read_plan_file(seeds_dir / f"{name}.txt")
    program = program_create_from_plan(plan=read.plan, user=office_user, source_text=read.source_text)
    exported = program_to_plan(program)
    assert exported == read.plan
    for item in [*exported["indicators"], *exported["tasks"]]:
        evidence = item.get("evidence")
        if evidence:
            assert program.source_text[evidence["start"]:evidence["end"]] == evidence["text"]
