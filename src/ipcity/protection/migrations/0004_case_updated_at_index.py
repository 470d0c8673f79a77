"""An index on Case.updated_at: the KPI cache's data version is its latest value (selectors/kpis.py),
read from the index instead of a scan of every case (benchmarks/protection_pages.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("protection", "0003_case_indicator_catalogue"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["updated_at"], name="protection_case_updated_at"),
        ),
    ]
