"""Migration audit 0003 removes the password hashes older records kept, changes nothing else, and
says so in one record of its own. Authored rows, written through the historical model."""

from __future__ import annotations

import pytest

from ipcity.audit.services import SECRET_FIELDS
from tests.web.migration_states import migrate_to, migrate_to_latest, migration_module

BEFORE = [("audit", "0002_auditevent_client_ip")]
AFTER = [("audit", "0003_remove_recorded_secrets")]
HASH = "pbkdf2_sha256$870000$salt$hash="


@pytest.mark.django_db(transaction=True)
def test_recorded_password_hashes_are_removed_and_the_removal_is_recorded():
    old = migrate_to(BEFORE)
    AuditEvent = old.get_model("audit", "AuditEvent")
    created = AuditEvent.objects.create(action="user.create", object_type="auth.user", object_id="1",
                                        before=None, after={"username": "admin", "password": HASH})
    edited = AuditEvent.objects.create(action="user.update", object_type="auth.user", object_id="1",
                                       before={"username": "admin", "password": HASH, "is_active": True},
                                       after={"username": "admin", "password": HASH + "2", "is_active": False})
    other = AuditEvent.objects.create(action="program.update", object_type="programs.program", object_id="7",
                                      before={"title": "甲"}, after={"title": "乙", "note": "password"})
    new = migrate_to(AFTER)
    AuditEvent = new.get_model("audit", "AuditEvent")
    assert AuditEvent.objects.get(pk=created.pk).after == {"username": "admin"}
    after_edit = AuditEvent.objects.get(pk=edited.pk)
    assert after_edit.before == {"username": "admin", "is_active": True}
    assert after_edit.after == {"username": "admin", "is_active": False}
    assert AuditEvent.objects.get(pk=other.pk).after == {"title": "乙", "note": "password"}  # a value, not a key
    [record] = AuditEvent.objects.filter(action="audit.secrets_removed")
    assert record.note.startswith("2 条审计记录中的密码散列已删除")
    migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_a_trail_without_secrets_gets_no_record_of_the_migration():
    migrate_to(BEFORE)
    new = migrate_to(AFTER)
    assert not new.get_model("audit", "AuditEvent").objects.filter(action="audit.secrets_removed").exists()
    migrate_to_latest()


def test_the_migrations_copy_of_the_secret_fields_is_the_services():
    assert set(migration_module("audit", "0003_remove_recorded_secrets").SECRET_FIELDS) == set(SECRET_FIELDS)
