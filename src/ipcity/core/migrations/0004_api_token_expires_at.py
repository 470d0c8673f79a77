"""API tokens expire. A token issued before this migration gets the default lifetime (90 days)
from the moment the migration runs: nothing that worked stops at once, and every old token has
an end. Reversible: going back drops the column (the tokens then never expire again)."""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

DEFAULT_DAYS = 90  # core.models.TOKEN_DEFAULT_DAYS when this was written (a migration keeps its own copy)


def give_existing_tokens_an_expiry(apps, schema_editor):
    ApiToken = apps.get_model("core", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=timezone.now() + dt.timedelta(days=DEFAULT_DAYS))


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_api_idempotency_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="到期时间"),
        ),
        migrations.RunPython(give_existing_tokens_an_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="到期时间"),
        ),
    ]
