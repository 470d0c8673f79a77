"""DepartmentAlias.normalized → normalised: one spelling across the code (issue 12).

The unique constraint names the column, so it is dropped and made again around the rename;
the data are untouched (the values were unique before and stay so).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='departmentalias',
            name='alias_unique_per_department',
        ),
        migrations.RenameField(
            model_name='departmentalias',
            old_name='normalized',
            new_name='normalised',
        ),
        migrations.AddConstraint(
            model_name='departmentalias',
            constraint=models.UniqueConstraint(fields=('department', 'normalised'), name='alias_unique_per_department'),
        ),
    ]
