"""Migration 0003 gives every stored need its key, and open twins stored before the guard do not
make it fail: the oldest keeps the key, the others stay open as they were, without one.

Authored rows, typed in below, written through the historical model (tests/web/migration_states.py).
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from ipcity.transfer.models import need_same_key
from tests.web.migration_states import migrate_to, migrate_to_latest, migration_module

BEFORE = [("transfer", "0002_contract_indicator_catalogue")]
AFTER = [("transfer", "0003_need_same_key")]
FIRM, WORDS, OTHER_WORDS = "铜陵某铜箔科技有限公司", "高频电路板用低轮廓电解铜箔的表面粗化处理工艺", "锂电池隔膜涂覆工艺"


@pytest.mark.django_db(transaction=True)
def test_existing_needs_get_their_keys_and_open_twins_stay_as_they_were():
    old = migrate_to(BEFORE)
    TechNeed = old.get_model("transfer", "TechNeed")
    made = {label: TechNeed.objects.create(enterprise=FIRM, description=words, region_code=region, status=status).pk
            for label, words, region, status in [
                ("oldest", WORDS, "340700", "open"),
                ("open twin", WORDS, "340700", "open"),
                ("closed twin", WORDS, "340700", "closed"),
                ("another region", WORDS, "341700", "open"),
                ("other words", OTHER_WORDS, "340700", "open"),
                ("third open twin", WORDS, "340700", "open"),
            ]}

    new = migrate_to(AFTER)
    TechNeed = new.get_model("transfer", "TechNeed")
    stored = {label: TechNeed.objects.values_list("status", "same_key").get(pk=pk) for label, pk in made.items()}
    key = need_same_key(FIRM, WORDS, "340700")
    assert stored == {
        "oldest": ("open", key),
        "open twin": ("open", None),
        "closed twin": ("closed", key),
        "another region": ("open", need_same_key(FIRM, WORDS, "341700")),
        "other words": ("open", need_same_key(FIRM, OTHER_WORDS, "340700")),
        "third open twin": ("open", None),
    }
    # From now on the constraint holds: a new open row with the oldest one's key is refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        TechNeed.objects.create(enterprise=FIRM, description=WORDS, region_code="340700", same_key=key)
    migrate_to_latest()


def test_the_migrations_copy_of_the_key_is_the_models():
    migration = migration_module("transfer", "0003_need_same_key")
    for three in [(FIRM, WORDS, "340700"), ("甲|乙", "丙\x00丁", "341700"), ("", "\ud800", "")]:
        assert migration.same_key(*three) == need_same_key(*three)
