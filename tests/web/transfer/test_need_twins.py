"""The same open need is stored once, even when two saves pass the read-check in the same instant.

The race is stood in for by bypassing the read-check (``_open_twins`` answers {}): what is left
is the unique key of open needs (``TechNeed.same_key``), which must refuse the twin with the
read-check's message and write nothing. Runs on SQLite and, through tests/pgcluster.py, on
PostgreSQL (authored data: the needs are typed in, the file written from typed rows).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ipcity.audit.models import AuditEvent
from ipcity.transfer import services
from ipcity.transfer.models import TechNeed, need_same_key
from ipcity.transfer.services import needs as needs_module
from tests.web.transfer.transfer_fixtures import NEEDS_HEADER, need_input, write_csv

COPPER = "高频电路板用低轮廓电解铜箔的表面粗化处理工艺"  # need_input's description
SEPARATOR = "锂电池隔膜涂覆工艺"


@pytest.fixture
def no_read_check(monkeypatch):
    """Two saves in the same instant: both read no open twin."""
    monkeypatch.setattr(needs_module, "_open_twins", lambda enterprises: {})


def _creates() -> int:
    return AuditEvent.objects.filter(action="transfer.need.create").count()


def test_the_key_is_the_hash_of_the_three_fields_and_no_text_passes_for_the_separator():
    key = need_same_key("铜陵某铜箔科技有限公司", COPPER, "340700")
    assert len(key) == 64 and int(key, 16) >= 0
    assert key == need_same_key("铜陵某铜箔科技有限公司", COPPER, "340700")
    assert key != need_same_key("铜陵某铜箔科技有限公司", COPPER, "340702")
    # Joined with a plain separator, these pairs would be one need.
    assert need_same_key("甲|乙", "丙丙", "340700") != need_same_key("甲", "乙|丙丙", "340700")
    assert need_same_key("甲\x00乙", "丙丙", "340700") != need_same_key("甲", "乙\x00丙丙", "340700")
    assert need_same_key('甲","乙', "丙丙", "340700") != need_same_key("甲", '乙","丙丙', "340700")


def test_create_stores_the_key_of_what_makes_the_need_the_same(transfer_world):
    need = services.need_create(user=transfer_world.office_a, data=need_input(description=f"  {COPPER} "))
    need.refresh_from_db()
    assert need.same_key == need_same_key("铜陵某铜箔科技有限公司", COPPER, "340700")  # as stored: stripped


def test_create_racing_a_twin_is_refused_by_the_constraint_and_writes_nothing(transfer_world, no_read_check):
    w = transfer_world
    first = services.need_create(user=w.office_a, data=need_input())
    with pytest.raises(ValidationError) as caught:
        services.need_create(user=w.office_a, data=need_input(phone="13900000000"))
    assert caught.value.messages == [f"该企业已登记相同的需求（编号 {first.pk}）"]
    # The surrounding transaction (the test's) is still usable: on PostgreSQL a failed statement
    # outside a savepoint would refuse this query.
    assert list(TechNeed.objects.values_list("pk", "phone")) == [(first.pk, "13905621234")]
    assert _creates() == 1
    # Another region's need of the same firm and words is another need.
    services.need_create(user=w.admin, data=need_input(region_code="341700"))
    assert TechNeed.objects.count() == 2


def test_a_closed_need_frees_its_key_and_keeps_it_for_a_reopening(transfer_world, no_read_check):
    w = transfer_world
    first = services.need_create(user=w.office_a, data=need_input())
    services.need_close(user=w.office_a, need_id=first.pk, reason="已解决")
    again = services.need_create(user=w.office_a, data=need_input())
    first.refresh_from_db()
    assert first.same_key == again.same_key  # the closed one keeps it: the constraint covers open needs only
    # No service reopens a need; whatever would, meets the constraint.
    with pytest.raises(IntegrityError), transaction.atomic():
        TechNeed.objects.filter(pk=first.pk).update(status="open")


def test_an_edit_that_makes_a_twin_is_refused_by_the_read_check(transfer_world):
    w = transfer_world
    first = services.need_create(user=w.office_a, data=need_input())
    other = services.need_create(user=w.office_a, data=need_input(description=SEPARATOR))
    with pytest.raises(ValidationError) as caught:
        services.need_update(user=w.office_a, need_id=other.pk, data=need_input(budget_wan=80.0))
    assert caught.value.messages == [f"该企业已登记相同的需求（编号 {first.pk}）"]
    other.refresh_from_db()
    assert (other.description, other.budget_wan, other.same_key) == (
        SEPARATOR, 300.0, need_same_key("铜陵某铜箔科技有限公司", SEPARATOR, "340700"))
    assert not AuditEvent.objects.filter(action="transfer.need.update").exists()
    # An edit that keeps the three fields is no twin of itself.
    services.need_update(user=w.office_a, need_id=first.pk, data=need_input(budget_wan=80.0))
    # A new description moves the key with it.
    services.need_update(user=w.office_a, need_id=other.pk, data=need_input(description="锂电池隔膜的陶瓷涂覆工艺"))
    other.refresh_from_db()
    assert other.same_key == need_same_key("铜陵某铜箔科技有限公司", "锂电池隔膜的陶瓷涂覆工艺", "340700")


def test_an_edit_racing_into_a_twin_is_refused_by_the_constraint(transfer_world, no_read_check):
    w = transfer_world
    first = services.need_create(user=w.office_a, data=need_input())
    other = services.need_create(user=w.office_a, data=need_input(description=SEPARATOR))
    with pytest.raises(ValidationError) as caught:
        services.need_update(user=w.office_a, need_id=other.pk, data=need_input())
    assert caught.value.messages == [f"该企业已登记相同的需求（编号 {first.pk}）"]
    other.refresh_from_db()
    assert other.description == SEPARATOR
    assert not AuditEvent.objects.filter(action="transfer.need.update").exists()


def test_a_closed_need_may_be_edited_into_the_words_of_an_open_one(transfer_world):
    w = transfer_world
    first = services.need_create(user=w.office_a, data=need_input())
    closed = services.need_create(user=w.office_a, data=need_input(description=SEPARATOR))
    services.need_close(user=w.office_a, need_id=closed.pk, reason="已解决")
    services.need_update(user=w.office_a, need_id=closed.pk, data=need_input())
    closed.refresh_from_db()
    assert (closed.status, closed.same_key) == ("closed", first.same_key)


def test_an_open_twin_left_by_the_migration_keeps_its_other_fields_editable(transfer_world):
    w = transfer_world
    older = services.need_create(user=w.office_a, data=need_input())
    # What migration 0003 leaves: a second open need of the same words, without a key.
    younger = TechNeed.objects.create(enterprise=older.enterprise, description=older.description,
                                      region_code=older.region_code, same_key=None)
    services.need_update(user=w.office_a, need_id=younger.pk, data=need_input(phone="13900000000"))
    younger.refresh_from_db()
    assert (younger.phone, younger.same_key) == ("13900000000", None)
    # Edited into other words, it takes their key.
    services.need_update(user=w.office_a, need_id=younger.pk, data=need_input(description=SEPARATOR))
    younger.refresh_from_db()
    assert younger.same_key == need_same_key(older.enterprise, SEPARATOR, "340700")


def test_import_racing_a_twin_is_refused_with_the_row_and_writes_no_row(transfer_world, tmp_path, no_read_check):
    w = transfer_world
    first = services.need_create(user=w.office_a, data=need_input())
    rows = [["铜陵某铜箔科技有限公司", SEPARATOR, "隔膜", "3985", "", "80", "许可"],
            ["铜陵某铜箔科技有限公司", COPPER, "电解铜箔", "3985", "", "300", "许可"]]
    path = write_csv(tmp_path / "needs.csv", NEEDS_HEADER, rows)
    with pytest.raises(services.NeedsImportError) as caught:
        services.needs_import(user=w.office_a, path=path, default_region_code="340700")
    assert caught.value.problems == [(3, f"该企业已登记相同的需求（编号 {first.pk}）")]
    # Row 2 was saved before row 3 met the constraint: the import's one transaction took it back.
    assert list(TechNeed.objects.values_list("pk", flat=True)) == [first.pk]
    assert _creates() == 1


def test_import_stores_each_rows_key(transfer_world, tmp_path):
    rows = [["铜陵某铜箔科技有限公司", SEPARATOR, "隔膜", "3985", "", "80", "许可"]]
    path = write_csv(tmp_path / "needs.csv", NEEDS_HEADER, rows)
    [need] = services.needs_import(user=transfer_world.office_a, path=path, default_region_code="340700")
    need.refresh_from_db()
    assert need.same_key == need_same_key("铜陵某铜箔科技有限公司", SEPARATOR, "340700")


@pytest.mark.django_db(transaction=True)
def test_two_saves_in_the_same_instant_store_one_need_on_postgresql(transfer_world, monkeypatch):
    """The race itself, on PostgreSQL: two threads (two connections) both read no twin before
    either writes; the unique index makes the second insert wait for the first's commit and fail.
    On SQLite the two cannot interleave so (``transaction_mode`` IMMEDIATE: the second save's
    transaction starts after the first commits, and its read-check sees the need); the bypass
    tests above stand for it there."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises the two saves (IMMEDIATE transactions); the bypass tests cover it")
    both_read = threading.Barrier(2, timeout=30)
    read = needs_module._open_twins

    def read_then_wait(enterprises):
        twins = read(enterprises)
        both_read.wait()  # neither writes before both have read
        return twins

    monkeypatch.setattr(needs_module, "_open_twins", read_then_wait)
    outcomes: list[object] = []

    def save(phone: str) -> None:
        try:
            outcomes.append(services.need_create(user=transfer_world.office_a, data=need_input(phone=phone)))
        except ValidationError as exc:
            outcomes.append(exc.messages)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(phone,)) for phone in ("13900000001", "13900000002")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    [stored] = TechNeed.objects.all()
    assert sorted(outcomes, key=lambda o: isinstance(o, list)) == [
        stored, [f"该企业已登记相同的需求（编号 {stored.pk}）"]]
    assert _creates() == 1
