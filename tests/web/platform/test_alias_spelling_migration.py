"""Migration core 0002 renames DepartmentAlias.normalized to normalised: the rows and their uniqueness stay."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tests.web.migration_states import migrate_to, migrate_to_latest

BEFORE = [("core", "0001_initial")]
AFTER = [("core", "0002_alias_normalised_spelling")]


@pytest.mark.django_db(transaction=True)
def test_alias_rows_keep_their_matching_key_and_stay_unique_per_department():
    old = migrate_to(BEFORE)
    Region, Department = old.get_model("core", "Region"), old.get_model("core", "Department")
    region = Region.objects.create(code="349901", name="甲市", level="city")
    department = Department.objects.create(region=region, name="市市场监管局")
    old.get_model("core", "DepartmentAlias").objects.create(
        department=department, alias="市市场监督管理局", normalized="市市场监督管理局")

    new = migrate_to(AFTER)
    Alias = new.get_model("core", "DepartmentAlias")
    assert list(Alias.objects.values_list("alias", "normalised")) == [("市市场监督管理局", "市市场监督管理局")]
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(department_id=department.pk, alias="市市场监督管理局 ", normalised="市市场监督管理局")
    migrate_to_latest()
