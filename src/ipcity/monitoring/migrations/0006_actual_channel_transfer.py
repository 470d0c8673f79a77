"""A value counted from matchmaking contracts (ipcity.transfer.services.indicator_feed) says so."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0005_actual_channel_cases"),
    ]

    operations = [
        migrations.AlterField(
            model_name="indicatoractual",
            name="channel",
            field=models.CharField(choices=[("form", "表单"), ("excel", "Excel 模板"), ("api", "接口"),
                                            ("engine", "专利数据引擎"), ("cases", "维权案件统计"),
                                            ("transfer", "供需对接合同"), ("demo", "示例数据")],
                                   default="form", max_length=8, verbose_name="填报方式"),
        ),
    ]
