"""Each case keeps its type's time limits as they were at registration (docs/protection.md, "Time
limits"): three columns, and the existing cases filled from their type's present limits (one
UPDATE per type), so editing a type later moves no existing case's due dates."""

from django.db import migrations, models


def fill_from_type(apps, schema_editor):
    CaseType = apps.get_model("protection", "CaseType")
    Case = apps.get_model("protection", "Case")
    for case_type in CaseType.objects.all():
        Case.objects.filter(case_type_id=case_type.pk).update(
            review_days=case_type.review_days, referral_receipt_days=case_type.referral_receipt_days,
            statutory_days=case_type.statutory_days)


class Migration(migrations.Migration):

    dependencies = [
        ("protection", "0004_case_updated_at_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="referral_receipt_days",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="移送回执时限（工作日）"),
        ),
        migrations.AddField(
            model_name="case",
            name="review_days",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="审查时限（工作日）"),
        ),
        migrations.AddField(
            model_name="case",
            name="statutory_days",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="办理时限（工作日）"),
        ),
        migrations.RunPython(fill_from_type, migrations.RunPython.noop),
    ]
