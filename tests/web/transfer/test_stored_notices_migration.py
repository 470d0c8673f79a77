"""Migration 0004 words again what an office recorded before notices were kept: a declaration's fee
flags and a match's priors, stored then as plain Chinese strings, become the stored notices
(``{"text", "template", "values"}``) the library writes today, so an English page shows them in
English (found upgrading an installation of 635b586, /tmp/up in docs/deploy.md *Upgrades*).

Authored rows, typed in below in the shape the old version wrote (its f-strings), through the
historical models (tests/web/migration_states.py). A string the migration does not recognise stays.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import translation

from ipcity.matching.licensing import fee_flags
from ipcity.notices import Notice, gettext_noop
from tests.web.migration_states import migrate_to, migrate_to_latest, migration_module

BEFORE = [("transfer", "0003_need_same_key")]
AFTER = [("transfer", "0004_stored_notices")]

# What the old version stored (its f-strings, typed in as it printed them).
OLD_FLAGS = ["一次性许可费 2,500.00 万元，超过指导标准 2,000 万元", "提成比例为净销售额的 25%，超过指导标准 20%",
             "一句不认识的旧提示"]
OLD_PRIORS = [{"prior": "ipc", "boost": 0.004, "detail": "IPC H01M4、B25J9 属于需求所在行业的参照分类"},
              {"prior": "region", "boost": 0.002, "detail": "专利权人与需求企业在同一城市"}]


def _declaration(model, fee_flags_stored):
    return model.objects.create(pub_number="CN1", title="一种铜箔", patent_kind="invention", holder="某公司",
                                region_code="340700", declared_on=datetime.date(2026, 10, 8), fee_type="fixed",
                                fixed_fee_wan=2500, fee_flags=fee_flags_stored)


@pytest.mark.django_db(transaction=True)
def test_old_fee_flags_and_priors_become_the_notices_the_library_writes_today():
    old = migrate_to(BEFORE)
    declaration = _declaration(old.get_model("transfer", "LicenceDeclaration"), OLD_FLAGS).pk
    need = old.get_model("transfer", "TechNeed").objects.create(enterprise="某企业", description="铜箔", region_code="340700")
    match = old.get_model("transfer", "Match").objects.create(
        need=need, pub_number="CN1", why={"shared_terms": ["铜箔"], "shared_ipc_groups": [], "priors": OLD_PRIORS}).pk

    new = migrate_to(AFTER)
    flags = new.get_model("transfer", "LicenceDeclaration").objects.get(pk=declaration).fee_flags
    today = [n.as_json() for n in fee_flags(fee_type="fixed", fixed_fee_wan=2500, royalty_sales_pct=25)]
    assert flags == [*today, "一句不认识的旧提示"]
    priors = new.get_model("transfer", "Match").objects.get(pk=match).why["priors"]
    assert priors == [
        {**OLD_PRIORS[0], "notice": Notice(gettext_noop("IPC %(groups)s 属于需求所在行业的参照分类"),
                                           groups=["H01M4", "B25J9"]).as_json()},
        {**OLD_PRIORS[1], "notice": Notice(gettext_noop("专利权人与需求企业在同一城市")).as_json()},
    ]
    migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_an_upgraded_declaration_reads_english_on_the_english_page(django_user_model):
    old = migrate_to(BEFORE)
    pk = _declaration(old.get_model("transfer", "LicenceDeclaration"), OLD_FLAGS[:1]).pk
    migrate_to_latest()
    office = django_user_model.objects.create_superuser("office", password="x")
    client = Client()
    client.force_login(office)
    client.cookies["django_language"] = "en"
    page = client.get(f"/transfer/declaration/{pk}/").content.decode()
    with translation.override("en"):
        english = translation.gettext("一次性许可费 %(fee)s 万元，超过指导标准 %(ceiling)s 万元") % {
            "fee": "2,500.00", "ceiling": "2,000"}
    assert english in page
    assert "一次性许可费 2,500.00" not in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_is_reversible_to_the_old_plain_strings():
    migrate_to(AFTER)
    Declaration = migrate_to(AFTER).get_model("transfer", "LicenceDeclaration")
    stored = [n.as_json() for n in fee_flags(fee_type="fixed", fixed_fee_wan=2500)]
    pk = _declaration(Declaration, stored).pk
    old = migrate_to(BEFORE)
    assert old.get_model("transfer", "LicenceDeclaration").objects.get(pk=pk).fee_flags == OLD_FLAGS[:1]
    migrate_to_latest()


def test_the_migrations_copies_of_the_templates_read_what_the_library_words():
    """Every flag and prior the library words today parses back to itself: the frozen templates are
    the library's (a template changed in the library would fail here, not in an office)."""
    migration = migration_module("transfer", "0004_stored_notices")
    for flag in fee_flags(fee_type="fixed", fixed_fee_wan=3000.5, entry_fee_wan=2100,
                          royalty_sales_pct=21, royalty_profit_pct=41.5):
        assert migration.stored_notice(str(flag), migration.FEE_FLAG_TEMPLATES) == flag.as_json()
    for notice in [Notice(gettext_noop("IPC %(groups)s 属于需求所在行业的参照分类"), groups=["H01M4"]),
                   Notice(gettext_noop("战略性新兴产业分类相同：%(codes)s"), codes=["4.1.1", "4.2.3"]),
                   Notice(gettext_noop("专利权人与需求企业在同一省份"))]:
        assert migration.stored_notice(str(notice), migration.PRIOR_TEMPLATES) == notice.as_json()
