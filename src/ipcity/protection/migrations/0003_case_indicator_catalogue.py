"""The catalogue of standard indicators learns the four indicators case records measure (issue 16).

Written in the protection app (not monitoring) because the link from a catalogue entry to a case
KPI (``protection.services.indicator_feed.FEEDS``) lives here; monitoring only keeps the entries.
Idempotent and kind to the office, like monitoring's 0004: a missing code is created; an existing
entry keeps its name, unit and definition and gains only the aliases it lacks. No formula is set
(the entries are not computed from IP records but from cases), and no link is made.
"""

from django.db import migrations

CATALOGUE = [
    ("IP_DISPUTE_CLOSURE_RATE", "知识产权纠纷调处结案率", "%",
     ["知识产权纠纷调处案件结案率", "纠纷调处结案率", "知识产权纠纷案件结案率", "知识产权纠纷结案率"],
     "期内结案的已受理纠纷调处案件（纠纷调解、行政裁决）数 ÷ 期内受理的纠纷调处案件数 × 100%。"),
    ("IP_CASES_ON_TIME_RATE", "行政和司法保护各类案件法定期限内结案率", "%",
     ["法定期限内结案率", "知识产权案件法定期限内结案率", "各类案件法定期限内结案率", "案件法定期限内结案率"],
     "期内结案且结案日不晚于法定期限（含中止顺延和延期）的件数 ÷ 期内有法定期限的结案件数 × 100%。"),
    ("IP_ENFORCEMENT_GROWTH", "专利商标行政执法办案量增幅", "%",
     ["办案量增幅", "行政执法办案量增幅", "知识产权行政执法办案量增幅", "专利行政执法办案量增幅"],
     "（期内受理的行政执法案件数 − 上年同期受理数）÷ 上年同期受理数 × 100%（举报投诉、快速维权、行政裁决）。"),
    ("IP_ASSISTED_ENTERPRISES", "知识产权维权援助服务企业数", "家",
     ["知识产权维权援助服务企业", "维权援助服务企业数", "维权援助服务企业", "知识产权维权援助服务企业数量"],
     "期内受理的维权援助、快速维权案件所服务的不同企业数（按统一社会信用代码，无则按企业名称）。"),
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
        ("protection", "0002_seed_case_types"),
        ("monitoring", "0005_actual_channel_cases"),
    ]

    operations = [migrations.RunPython(extend_catalogue, migrations.RunPython.noop)]
