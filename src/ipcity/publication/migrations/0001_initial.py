import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("programs", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="IndicatorPublication",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("published", models.BooleanField(default=False, verbose_name="已公开")),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="公开时间")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("indicator", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="publication", to="programs.indicator")),
                ("updated_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "指标公开",
                "verbose_name_plural": "指标公开",
            },
        ),
        migrations.CreateModel(
            name="ProgramPublication",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("published", models.BooleanField(default=False, verbose_name="已公开")),
                ("summary", models.TextField(blank=True, verbose_name="公开摘要")),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="公开时间")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("program", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="publication", to="programs.program")),
                ("updated_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "项目公开",
                "verbose_name_plural": "项目公开",
            },
        ),
    ]
