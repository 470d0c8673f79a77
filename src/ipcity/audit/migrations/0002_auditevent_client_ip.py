from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="client_ip",
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name="来源地址"),
        ),
    ]
