"""Removes the password hashes that earlier audit records kept.

Before ``audit.services.SECRET_FIELDS``, a snapshot of an account (``ipcity demo`` creating its
users, an account edited in the admin) recorded every concrete field, its ``password`` hash among
them. The pages and exports have left them out since; the rows still held them, readable in the
Django admin's raw view and in every database backup. A trail is not rewritten otherwise; a secret
is the exception, because keeping it serves no reader and exposes every account it names. The
records keep everything else, and one record of this migration says how many were changed.
"""

from django.db import migrations
from django.db.models import Q

# A copy of ``audit.services.SECRET_FIELDS`` as it was when this migration was written: a migration
# must do tomorrow what it does today, whatever becomes of the services' module.
SECRET_FIELDS = ("password",)


def remove_recorded_secrets(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    holding = Q()
    for name in SECRET_FIELDS:
        holding |= Q(before__has_key=name) | Q(after__has_key=name)
    changed = 0
    for event in AuditEvent.objects.filter(holding).only("pk", "before", "after").iterator():
        for side in ("before", "after"):
            data = getattr(event, side)
            if isinstance(data, dict):
                setattr(event, side, {key: value for key, value in data.items() if key not in SECRET_FIELDS})
        event.save(update_fields=["before", "after"])
        changed += 1
    if changed:
        AuditEvent.objects.create(
            actor_name="migration", action="audit.secrets_removed", object_type="audit.auditevent",
            object_id="", object_repr="0003_remove_recorded_secrets",
            note=f"{changed} 条审计记录中的密码散列已删除（迁移 audit 0003）")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_auditevent_client_ip"),
    ]

    operations = [
        migrations.RunPython(remove_recorded_secrets, migrations.RunPython.noop),
    ]
