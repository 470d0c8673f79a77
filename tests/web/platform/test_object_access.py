"""The audit trail sits below the programme apps and opens a programme's or a department's history
by the rule the programs app registers (``core.contributions.access_object``), never its own."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from ipcity.core.contributions import access_object, register_object_access
from ipcity.programs.access import access_department, access_program


def test_a_programme_opens_by_the_programs_rule(world):
    assert access_object(world.office, "programs.program", world.tl_prog.pk) == world.tl_prog
    assert access_object(world.office_all, "programs.program", world.bb_prog.pk) == world.bb_prog
    with pytest.raises(Http404):
        access_object(world.office, "programs.program", world.bb_prog.pk)  # another city's
    with pytest.raises(Http404):
        access_object(world.reporter_edu, "programs.program", world.tl_prog.pk)  # no work in it


def test_a_department_opens_by_the_programs_rule(world):
    assert access_object(world.office, "core.department", world.msa.pk) == world.msa
    assert access_object(world.reporter, "core.department", world.msa.pk) == world.msa
    for user, department in [(world.office, world.bb_msa), (world.reporter, world.sci)]:
        with pytest.raises(Http404):
            access_object(user, "core.department", department.pk)


def test_an_unregistered_type_is_an_error_not_an_open_door(world):
    with pytest.raises(LookupError):
        access_object(world.admin, "programs.nothing", 1)


def test_one_rule_per_type(world):
    register_object_access("programs.program", access_program)  # the same again: a no-op
    with pytest.raises(ValueError):
        register_object_access("programs.program", access_department)
    assert access_object(world.office, "programs.program", world.tl_prog.pk) == world.tl_prog


def test_the_trail_pages_answer_by_the_registered_rules(client, world):
    client.force_login(world.office)
    assert client.get(reverse("audit:program", args=[world.tl_prog.pk])).status_code == 200
    assert client.get(reverse("audit:program", args=[world.bb_prog.pk])).status_code == 404
    assert client.get(reverse("audit:history", args=["core.department", world.msa.pk])).status_code == 200
    assert client.get(reverse("audit:history", args=["core.department", world.bb_msa.pk])).status_code == 404
