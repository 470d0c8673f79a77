"""The ledger search reads a stored fold of each case's number, subject and enterprise name
(``Case.search_text``, kept by ``Case.save``) instead of folding every row at each search; the
existing cases are filled here, in batches, by the same rule (``core.search.folded_text``)."""

from django.db import migrations, models

from ipcity.core.search import folded_text

BATCH = 2_000


def fill(apps, schema_editor):
    Case = apps.get_model("protection", "Case")
    batch = []
    for case in Case.objects.only("number", "subject", "enterprise_name").order_by("pk").iterator(chunk_size=BATCH):
        case.search_text = folded_text(case.number, case.subject, case.enterprise_name)
        batch.append(case)
        if len(batch) == BATCH:
            Case.objects.bulk_update(batch, ["search_text"])
            batch = []
    Case.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("protection", "0006_holiday_notice_load"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
