"""The ledger's search box reads ``Case.search_text``, the case's number, subject and enterprise name
folded by the search rule (``core.search.folded_text``) and stored, so a search is a plain ``LIKE``
(folding 100,000 rows at each search cost twice as much: benchmarks/protection_pages.py). Every way
a case is written keeps it: registration, the ledger import, a save of the fields, and the
migration that filled the cases stored before the column."""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps

from ipcity.protection.models import Case
from ipcity.protection.selectors.cases import CaseFilters, cases_filtered
from ipcity.protection.services.ledger import ledger_import_confirm, ledger_import_dry_run
from tests.web.protection.case_fixtures import cases_world, register  # noqa: F401
from tests.web.protection.ledger_fixtures import ledger_csv

TODAY = dt.date(2025, 3, 10)


def _found(user, query: str) -> set[int]:
    return set(cases_filtered(user, CaseFilters(q=query), today=TODAY).values_list("pk", flat=True))


def test_a_registered_case_is_found_by_each_field_in_either_width(cases_world):  # noqa: F811
    w = cases_world
    case = register(w)
    case.enterprise_name, case.subject = "ＴＣＬ科技（铜陵）有限公司", "专利侵权纠纷（２０２５）"
    case.save(update_fields=["enterprise_name", "subject"])
    other = register(w)
    assert _found(w.office_a, "tcl科技(铜陵)") == {case.pk}
    assert _found(w.office_a, "纠纷(2025)") == {case.pk}
    assert case.pk in _found(w.office_a, case.number.lower()) and other.pk not in _found(w.office_a, case.number)
    # A query never runs from one field into the next.
    assert _found(w.office_a, "(2025)tcl") == set()
    assert _found(w.office_a, "(2025)\x1ftcl") == set()


def test_a_save_naming_other_fields_leaves_the_search_text_as_it_was(cases_world):  # noqa: F811
    case = register(cases_world)
    before = Case.objects.get(pk=case.pk).search_text
    case.save(update_fields=["review_due"])
    assert Case.objects.get(pk=case.pk).search_text == before == case.folded_search_text()


def test_cases_from_a_ledger_import_are_found(ledger_world):
    rows = [["TL-001", "2024-03-01", "2024-03-04", "纠纷调解", "12330", "铜陵ＡＢＣ科技有限公司", "13812345678",
             "2024-05-10", "调解成功", "市市场监管局"]]
    draft = ledger_import_dry_run(user=ledger_world.office, data=ledger_csv(rows), filename="台账.csv")
    assert draft.errors == []
    assert ledger_import_confirm(ledger_import=draft, user=ledger_world.office) == 1
    (case,) = Case.objects.all()
    assert case.search_text == case.folded_search_text() and "abc科技" in case.search_text
    assert _found(ledger_world.office, "abc科技") == {case.pk}


def test_the_migration_fills_the_cases_stored_before_the_column(cases_world):  # noqa: F811
    w = cases_world
    cases = [register(w) for _ in range(3)]
    Case.objects.filter(pk=cases[0].pk).update(enterprise_name="ＴＣＬ")
    Case.objects.update(search_text="")  # as the column's default left them
    assert _found(w.office_a, "tcl") == set()
    migration = importlib.import_module("ipcity.protection.migrations.0007_case_search_text")
    migration.fill(apps, None)
    for case in Case.objects.all():
        assert case.search_text == case.folded_search_text()
    assert _found(w.office_a, "tcl") == {cases[0].pk}
