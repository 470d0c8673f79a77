"""Seed one CaseType per casework.workflow.CASE_TYPES with its default time limits."""

from django.db import migrations


def seed_case_types(apps, schema_editor):
    from ipcity.casework.workflow import CASE_TYPES, DEFAULT_LIMITS

    CaseType = apps.get_model("protection", "CaseType")
    for order, (code, name) in enumerate(CASE_TYPES.items(), start=1):
        limits = DEFAULT_LIMITS[code]
        CaseType.objects.get_or_create(code=code, defaults={
            "name": name, "review_days": limits.review, "referral_receipt_days": limits.referral_receipt,
            "statutory_days": limits.statutory, "active": True, "order": order * 10,
        })


class Migration(migrations.Migration):
    dependencies = [("protection", "0001_initial")]
    operations = [migrations.RunPython(seed_case_types, migrations.RunPython.noop)]
