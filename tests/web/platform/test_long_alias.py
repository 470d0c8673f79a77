"""A spelling whose matching key is longer than its column is not remembered as an alias.

NFKC may lengthen a name (``㍿`` is ``株式会社``), so a department name within its 128 characters can
give a key of several hundred; PostgreSQL refused to store it (DataError) and the rename failed
there alone. The spelling is now forgotten rather than kept: nobody writes such a name twice.
"""

from __future__ import annotations

import pytest

from ipcity.core.departments import department_resolve
from ipcity.core.models import Department, DepartmentAlias
from ipcity.core.naming import normalise_unit_name
from ipcity.core.services import department_alias_add
from ipcity.programs.reform import services

pytestmark = pytest.mark.django_db

KEY_MAX = DepartmentAlias._meta.get_field("normalised").max_length
NAME_MAX = Department._meta.get_field("name").max_length


def test_a_rename_from_a_name_whose_key_outgrows_the_column_succeeds_without_keeping_it(world):
    long_name = "市" + "㍿" * (NAME_MAX - 2) + "局"
    assert len(long_name) == NAME_MAX and len(normalise_unit_name(long_name)) > KEY_MAX
    Department.objects.filter(pk=world.sci.pk).update(name=long_name)

    services.department_rename(actor=world.office, department_id=world.sci.pk, name="市科学技术局")

    world.sci.refresh_from_db()
    assert world.sci.name == "市科学技术局"
    assert not world.sci.aliases.exists()
    assert department_resolve(world.tl, "市科学技术局") == world.sci


def test_a_spelling_whose_key_just_fits_is_kept(world):
    written = "市" + "科" * (KEY_MAX - 2) + "局"
    assert len(normalise_unit_name(written)) == KEY_MAX
    alias = department_alias_add(world.sci, written)
    assert alias is not None and alias.normalised == normalise_unit_name(written)
    assert department_resolve(world.tl, written) == world.sci
