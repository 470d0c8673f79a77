"""The search boxes' rule (ipcity.core.search): text and query folded by NFKC and lower case, in the
database, with the same result on SQLite and PostgreSQL (this module is in the PostgreSQL subset).

Chinese input methods type either width: ``TCL`` must find ``ＴＣＬ科技`` and ``ｔｃｌ`` must find
``TCL科技``, and ``(2025)`` must find ``（２０２５）``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.audit.selectors import EventFilter, program_events, security_events
from ipcity.core.models import Role
from ipcity.core.search import Folded
from ipcity.text import search_fold
from tests.web.platform import factories as f
from tests.web.protection.case_fixtures import cases_world, register  # noqa: F401
from tests.web.transfer.transfer_fixtures import need_input, transfer_world  # noqa: F401

# The characters the rule is for: full-width letters, digits and brackets, the ideographic space,
# Latin case (ASCII and accented), and text the fold leaves alone (Chinese, ％ → %).
SAMPLES = ["ＴＣＬ科技", "（２０２５）年", "\u3000中国\u3000专利", "ÉCOLE Ünïcode", "ＡＢＣａｂｃ０１２",
           "增长１２％", "铜陵市（试点）", "MiXeD Case"]


@pytest.fixture
def city(db):
    tl = f.region("340700", "铜陵市")
    msa = f.department(tl, "市市场监管局")
    return tl, msa, f.user("fold_office", Role.OFFICE, region=tl)


def _titles(client, query: str) -> list[str]:
    return [p.title for p in client.get(reverse("programs:search"), {"q": query}).context["results"].programs]


def test_the_database_folds_as_the_python_rule_does(db):
    for sample in SAMPLES:
        AuditEvent.objects.create(action="fold.sample", object_type="x", object_id="1", object_repr=sample)
    folded = dict(AuditEvent.objects.filter(action="fold.sample")
                  .annotate(folded=Folded(F("object_repr"))).values_list("object_repr", "folded"))
    assert folded == {sample: search_fold(sample) for sample in SAMPLES}
    # The samples do change: the comparison above is not between unchanged strings.
    assert search_fold("ＴＣＬ（２０２５）\u3000Ｘ") == "tcl(2025) x"


def test_a_full_width_programme_is_found_by_half_width_and_either_case(client, city):
    tl, msa, office = city
    full = f.program(tl, title="ＴＣＬ科技２０２５年专利导航（试点）方案", departments=[msa], n_indicators=0, n_tasks=0)
    half = f.program(tl, title="TCL华星2024年专利导航(试点)方案", departments=[msa], n_indicators=0, n_tasks=0)
    client.force_login(office)
    for query in ("tcl科技", "TCL科技", "Tcl科技2025", "(试点)方案"):
        assert full.title in _titles(client, query), query
    # The other way round: a full-width query finds half-width text.
    for query in ("ｔｃｌ华星", "ＴＣＬ华星２０２４", "（试点）"):
        assert half.title in _titles(client, query), query
    assert sorted(_titles(client, "（试点）")) == sorted([full.title, half.title])
    assert _titles(client, "tcl科技2024") == []


def test_percent_and_underscore_typed_are_literal(client, city):
    tl, msa, office = city
    for title in ("专利质押增长50%方案", "专利质押增长500方案", "专利a_b方案", "专利axb方案"):
        f.program(tl, title=title, departments=[msa], n_indicators=0, n_tasks=0)
    client.force_login(office)
    assert _titles(client, "50%方") == ["专利质押增长50%方案"]
    assert _titles(client, "５０％方") == ["专利质押增长50%方案"]  # the full-width ％ folds to a literal %
    assert _titles(client, "a_b") == ["专利a_b方案"]
    assert _titles(client, "%") == ["专利质押增长50%方案"]


def test_indicators_tasks_and_departments_are_found_by_half_width(client, city):
    from ipcity.core.models import DepartmentAlias

    tl, msa, office = city
    unit = f.department(tl, "ＩＰ运营中心")
    prog = f.program(tl, title="铜陵市方案", departments=[unit, msa], n_indicators=1, n_tasks=1)
    prog.indicators.update(name="ＰＣＴ国际专利申请量")
    prog.tasks.update(ref="（Ａ１）", title="建设ＴＣＬ产业专利池")
    DepartmentAlias.objects.create(department=msa, alias="市ＡＭＲ局")
    client.force_login(office)
    results = client.get(reverse("programs:search"), {"q": "pct国际"}).context["results"]
    assert [i.name for i in results.indicators] == ["ＰＣＴ国际专利申请量"]
    results = client.get(reverse("programs:search"), {"q": "tcl产业"}).context["results"]
    assert [t.title for t in results.tasks] == ["建设ＴＣＬ产业专利池"]
    results = client.get(reverse("programs:search"), {"q": "(a1)"}).context["results"]
    assert [t.ref for t in results.tasks] == ["（Ａ１）"]
    results = client.get(reverse("programs:search"), {"q": "ip运营"}).context["results"]
    assert [d.name for d in results.departments] == ["ＩＰ运营中心"]
    results = client.get(reverse("programs:search"), {"q": "amr"}).context["results"]
    assert [d.name for d in results.departments] == ["市市场监管局"]  # through its alias


def test_the_cases_box_finds_a_full_width_enterprise(cases_world):  # noqa: F811
    from ipcity.protection.selectors.cases import CaseFilters, cases_filtered

    w = cases_world
    case = register(w)
    other = register(w)
    case.enterprise_name = "ＴＣＬ科技（铜陵）有限公司"
    case.save(update_fields=["enterprise_name"])  # the search reads the folded text the save keeps
    found = cases_filtered(w.office_a, CaseFilters(q="tcl科技(铜陵)"), today=dt.date(2025, 3, 10))
    assert list(found.values_list("pk", flat=True)) == [case.pk]
    assert other.pk not in found.values_list("pk", flat=True)


def test_the_needs_box_finds_a_full_width_enterprise(transfer_world):  # noqa: F811
    from ipcity.transfer import services
    from ipcity.transfer.models import TechNeed
    from ipcity.transfer.selectors import NeedFilters, needs_page

    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    services.need_create(user=w.office_a, data=need_input(enterprise="铜陵另一铜箔有限公司"))
    # Stored as an import or an older form may have left it, whatever the form folds today.
    TechNeed.objects.filter(pk=need.pk).update(enterprise="ＴＣＬ铜箔（铜陵）有限公司")
    page = needs_page(w.office_a, NeedFilters(q="TCL铜箔(铜陵)"))
    assert [n.pk for n in page.object_list] == [need.pk]


def test_the_audit_boxes_find_a_full_width_name(city):
    tl, msa, office = city
    admin = f.user("fold_admin", Role.ADMIN)
    prog = f.program(tl, title="铜陵市方案", departments=[msa], n_indicators=0, n_tasks=0)
    AuditEvent.objects.create(action="program.update", object_type="programs.program", object_id=str(prog.pk),
                              program_id=prog.pk, actor_name="Ｚｈａｎｇ\u3000Ｗｅｉ")
    AuditEvent.objects.create(action="program.update", object_type="programs.program", object_id=str(prog.pk),
                              program_id=prog.pk, actor_name="li")
    found = program_events(prog.pk, EventFilter(actor="zhang wei"))
    assert list(found.values_list("actor_name", flat=True)) == ["Ｚｈａｎｇ\u3000Ｗｅｉ"]
    AuditEvent.objects.create(action="user.create", object_type="auth.user", object_id="99",
                              object_repr="ＴＣＬ＿ｏｐｓ", actor_name="admin")
    found = security_events(admin, EventFilter(actor="tcl_OPS"))
    assert list(found.values_list("object_repr", flat=True)) == ["ＴＣＬ＿ｏｐｓ"]


def test_a_several_field_search_matches_each_field_and_never_across_two(cases_world):  # noqa: F811
    """``folded_contains_any`` folds the fields once per row, joined (the needs and audit boxes; the
    case ledger's three fields serve as the sample): a query is found in any one of them, a null
    field is no obstacle, and a query that runs from the end of one field into the start of the
    next finds nothing, as three separate searches would."""
    from ipcity.core.search import folded_contains_any
    from ipcity.protection.models import SEARCHED_FIELDS, Case

    w = cases_world
    case = register(w)
    Case.objects.filter(pk=case.pk).update(number="（２０２５）皖07知保ＡＢ", subject="ＣＤ专利纠纷", enterprise_name="")

    def found(q: str) -> list[int]:
        return list(Case.objects.filter(folded_contains_any(SEARCHED_FIELDS, q)).values_list("pk", flat=True))

    assert found("知保ab") == [case.pk] and found("cd专利") == [case.pk]
    assert found("abcd") == [] and found("ab\x1fcd") == [] and found("纠纷\x1f") == [case.pk]
