"""The catalogue of standard indicators learns the two indicators matchmaking contracts measure.

Written here (not in monitoring) because the link from a catalogue entry to the contracts
(``transfer.services.indicator_feed.FEEDS``) lives here, as protection's 0003 does for cases.
Idempotent: a missing code is created; an existing entry keeps its name, unit and definition and
gains only the aliases it lacks. No formula: these are counted from matches, not patent records.
"""

from django.db import migrations

CATALOGUE = [
    ("TRANSFER_MATCH_LICENCES", "供需对接促成专利许可数", "件",
     ["供需对接促成专利许可", "供需对接专利许可数", "对接促成专利许可数量"],
     "期内签订并备案的、经平台供需对接促成的专利实施许可合同数（按合同日期计年度，按需求所在地计地区）。"),
    ("TRANSFER_MATCH_TRANSFERS", "供需对接促成专利转让数", "件",
     ["供需对接促成专利转让", "供需对接专利转让数", "对接促成专利转让数量"],
     "期内签订并备案的、经平台供需对接促成的专利权转让合同数（按合同日期计年度，按需求所在地计地区）。"),
]


def extend_catalogue(apps, schema_editor):
    StandardIndicator = apps.get_model("monitoring", "StandardIndicator")
    for code, name, unit, aliases, definition in CATALOGUE:
        entry = StandardIndicator.objects.filter(code=code).first()
        if entry is None:
            StandardIndicator.objects.create(code=code, name=name, unit=unit, aliases=aliases, definition=definition)
            continue
        missing = [a for a in aliases if a not in (entry.aliases or [])]
        if missing:
            entry.aliases = [*(entry.aliases or []), *missing]
            entry.save(update_fields=["aliases"])


class Migration(migrations.Migration):

    dependencies = [
        ("transfer", "0001_initial"),
        ("monitoring", "0006_actual_channel_transfer"),
    ]

    operations = [migrations.RunPython(extend_catalogue, migrations.RunPython.noop)]
