"""The catalogue learns how each indicator is computed from IP records (issue 14).

Adds ``StandardIndicator.formula`` (``ipcity.analytics.formulas``: a figure of ``ipcity indicators
compute``, a sum, a part or a growth) and writes it for every patent key and every key of
shared/spec/ip-records.md, with the names plans use for them. Idempotent and kind to the office:

- an entry is created when its code is missing; an existing entry keeps its name, unit,
  definition and the aliases the office gave it, gains the aliases below that it lacks, and gains a
  formula only when it has none (the office may have set one in the admin);
- a name that another entry already owns is left to that entry, except a local entry
  (``LOCAL_<n>``, made by migration 0003 from a free-named group): its confirmed links move to the
  catalogue entry (confirmer and time kept) and the emptied local entry is removed;
- no link is made or removed otherwise: the office confirms every link.

The data are written here once, and the name normalisation copied, so this migration never changes.
"""

import re
import unicodedata

from django.db import migrations, models

# code, standard name, unit, aliases (names plans use for exactly this measure), definition, formula.
CATALOGUE = [
    # patents (shared/spec/ip-indicators.md)
    ("HVIP_PER_10K", "每万人口高价值发明专利拥有量", "件", [], "", "high_value_per_10k"),
    ("IP_PER_10K", "每万人口发明专利拥有量", "件", [], "", "invention_valid_per_10k"),
    ("HVIP_TOTAL", "高价值发明专利拥有量", "件", [], "", "high_value"),
    ("IP_VALID", "有效发明专利拥有量", "件", [], "", "invention_valid"),
    ("IP_GRANTS", "发明专利授权量", "件", ["发明专利授权数", "发明专利授权数量", "发明专利年授权量"],
     "当年授权的国内发明专利数（按专利计，同一申请的公开与授权文本计一件）。", "invention_grants"),
    ("IP_APPS", "发明专利申请量", "件", ["发明专利申请数", "发明专利申请数量", "发明专利年申请量"],
     "当年提交的国内发明专利申请数。", "invention_applications"),
    ("PCT_APPS", "PCT国际专利申请量", "件", [], "", "pct_applications"),
    # trademarks (shared/spec/ip-records.md)
    ("TM_VALID", "有效注册商标量", "件", ["有效注册商标拥有量", "有效商标注册数量"], "", "tm_valid"),
    ("TM_PER_10K_ENTITIES", "每万户市场主体有效注册商标量", "件",
     ["每万户市场主体有效商标注册量", "每万户市场主体有效注册商标拥有量"], "", "tm_valid_per_10k_entities"),
    ("TM_NEW", "新增注册商标量", "件", ["新增注册商标数", "新增商标注册量", "年度新增注册商标量"],
     "当年注册公告的商标数（一件注册一个类别计一件）。", "tm_new_registrations"),
    ("TM_MADRID", "马德里商标国际注册量", "件",
     ["新增马德里国际商标注册量", "新增马德里商标国际注册量", "马德里国际注册商标量", "马德里国际注册量"], "", "madrid_new"),
    ("GI_TRADEMARKS", "地理标志商标注册量", "件", ["有效地理标志商标", "地理标志证明商标和集体商标数"], "", "gi_marks_valid"),
    # pledges
    ("IP_PLEDGE", "知识产权质押融资额", "亿元", [], "", "pledge_amount"),
    ("PATENT_PLEDGE", "专利质押融资额", "亿元", [], "", "pledge_amount_by_kind.patent"),
    ("TM_PLEDGE", "商标质押融资额", "亿元", ["商标质押融资金额", "商标专用权质押融资额", "商标专用权质押融资金额"],
     "当年商标专用权质押登记的融资金额（不含专利、混合质押）。", "pledge_amount_by_kind.trademark"),
    ("PLEDGE_COUNT", "知识产权质押登记数", "件", ["知识产权质押登记件数", "知识产权质押融资笔数", "知识产权质押融资项目数"],
     "当年知识产权质押登记数（一份质押合同计一件，不按质押的专利、商标件数计）。", "pledge_count"),
    # licences and transfers
    ("IP_LICENCES", "专利商标实施许可合同备案数", "件",
     ["专利商标实施许可转让合同备案数", "实施许可合同备案数", "知识产权实施许可合同备案数", "专利商标许可备案数"],
     "当年备案的专利、商标实施许可合同数，按许可人所在地计（权利转让是登记而非合同备案，不计入）。", "licences"),
    ("IP_LICENCES_IN", "引进专利商标实施许可数", "件", ["被许可实施许可合同备案数"],
     "当年备案的专利、商标实施许可合同数，按被许可人所在地计（流入本地的技术）。", "licences_in"),
    ("IP_TRANSFERS", "专利商标转让登记数", "件", ["知识产权转让登记数", "专利商标转让数量"],
     "当年专利、商标权利转让登记数，按让与人所在地计。", "transfers"),
    ("IP_TRANSFERS_IN", "受让专利商标转让登记数", "件", ["专利商标受让登记数"],
     "当年专利、商标权利转让登记数，按受让人所在地计。", "transfers_in"),
    ("IP_LICENCE_TRANSFER", "知识产权转让许可数量", "件",
     ["知识产权转让、许可数量", "知识产权许可转让数量", "知识产权转让许可次数", "专利商标转让许可数量"],
     "当年专利、商标实施许可合同备案数与权利转让登记数之和，按许可人、让与人所在地计。", "licences + transfers"),
    # copyright
    ("COPYRIGHT_REG", "版权登记量", "件", [], "", "copyright_works + copyright_software"),
    ("COPYRIGHT_WORKS", "作品登记量", "件", [], "", "copyright_works"),
    ("COPYRIGHT_SOFTWARE", "计算机软件著作权登记量", "件", [], "", "copyright_software"),
    ("COPYRIGHT_WORKS_GROWTH", "作品著作权登记量年度增幅", "%",
     ["作品著作权登记量增幅", "作品登记量年度增幅", "作品著作权登记量年增长率"],
     "（当年作品著作权登记量 − 上年登记量）÷ 上年登记量 × 100%。", "growth(copyright_works)"),
]

_PARENTHESES = re.compile(r"[（(][^）)]*[）)]")
_NOISE = re.compile(r"[\s，,、。．.：:；;“”\"'—\-]+")


def _normalise(name):
    text = unicodedata.normalize("NFKC", name or "")
    return _NOISE.sub("", _PARENTHESES.sub("", text)).upper()


def extend_catalogue(apps, schema_editor):
    Standard = apps.get_model("monitoring", "StandardIndicator")
    Link = apps.get_model("monitoring", "IndicatorLink")
    owners: dict = {}
    for standard in Standard.objects.order_by("code"):
        for name in (standard.name, *(standard.aliases or [])):
            owners.setdefault(_normalise(name), standard)
    for code, name, unit, aliases, definition, formula in CATALOGUE:
        standard = Standard.objects.filter(code=code).first()
        if standard is None:
            standard = Standard.objects.create(code=code, name=name, unit=unit, aliases=[], definition=definition,
                                               formula=formula)
        elif not standard.formula:
            standard.formula = formula
        own = {_normalise(n) for n in (standard.name, *(standard.aliases or []))}
        for alias in (name, *aliases):
            key = _normalise(alias)
            owner = owners.get(key)
            if owner is not None and owner.pk != standard.pk:
                if not owner.code.startswith("LOCAL_"):
                    continue  # the office's own entry keeps its name
                Link.objects.filter(standard_id=owner.pk).update(standard_id=standard.pk)
                owners = {k: (standard if v.pk == owner.pk else v) for k, v in owners.items()}
                owner.delete()
            owners[key] = standard
            if key not in own:
                standard.aliases = [*(standard.aliases or []), alias]
                own.add(key)
        standard.save()


class Migration(migrations.Migration):

    dependencies = [("monitoring", "0003_standard_indicator_catalogue")]

    operations = [
        migrations.AddField(
            model_name="standardindicator",
            name="formula",
            field=models.CharField(blank=True, max_length=200, verbose_name="从知识产权数据计算",
                                   help_text="ipcity.analytics.formulas; the value is in 件, 元 or %, converted to the indicator's unit"),
        ),
        migrations.RunPython(extend_catalogue, migrations.RunPython.noop),
    ]
