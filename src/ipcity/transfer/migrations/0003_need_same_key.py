"""Needs get ``same_key``, unique among open needs: the guard behind the services' duplicate check.

The key of every existing need is filled before the constraint is added. Open needs that are
already the same (enterprise, description, region code), stored before the guard, must not make
the migration fail, nor be changed behind the office's back: the oldest (lowest number) of each
group gets the key, the others keep it NULL and stay open as they were (docs/transfer.md).
"""

import hashlib
import json

from django.db import migrations, models


def same_key(enterprise, description, region_code):
    # A copy of ``transfer.models.need_same_key`` as it was when this migration was written: a
    # migration must compute tomorrow what it computes today, whatever becomes of the model's
    # module. tests/web/transfer/test_same_key_migration.py checks the two still agree.
    joined = json.dumps([enterprise, description, region_code], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(joined.encode("ascii")).hexdigest()


def fill_same_keys(apps, schema_editor):
    TechNeed = apps.get_model("transfer", "TechNeed")
    taken = set()
    rows = TechNeed.objects.order_by("pk").values_list("pk", "status", "enterprise", "description", "region_code")
    for pk, status, enterprise, description, region_code in rows.iterator():
        key = same_key(enterprise, description, region_code)
        if status == "open":
            if key in taken:
                continue  # an open twin of an older open need: keeps NULL, stays as it was
            taken.add(key)
        # Closed needs get their key too: reopening one must meet the constraint.
        TechNeed.objects.filter(pk=pk).update(same_key=key)


class Migration(migrations.Migration):

    dependencies = [
        ("transfer", "0002_contract_indicator_catalogue"),
    ]

    operations = [
        migrations.AddField(
            model_name="techneed",
            name="same_key",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill_same_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="techneed",
            constraint=models.UniqueConstraint(condition=models.Q(("status", "open")), fields=("same_key",),
                                               name="transfer_need_open_once"),
        ),
    ]
