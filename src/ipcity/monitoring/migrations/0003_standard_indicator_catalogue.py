"""The catalogue of standard indicators, and the cross-programme links moved onto it.

Links used to gather indicators into free-named groups confirmed by the office. Each link now
points at a catalogue entry (an identity: code, name, unit, aliases). Moving them keeps every
confirmed link (its confirmer and time) and decides its entry by identity:

- the group's name, when the catalogue knows it (as a name or an alias), gives the entry; else
  the group becomes a local entry of its own (code ``LOCAL_<group id>``);
- a linked indicator whose own name the catalogue knows as *another* entry goes to that entry: a
  group that held 万人发明专利拥有量 beside 每万人口高价值发明专利拥有量 is split, the first to
  每万人口发明专利拥有量, the second to 每万人口高价值发明专利拥有量.

The catalogue is data, written here once; the office extends it in the admin. The name
normalisation is copied from ``monitoring.compare`` so that this migration never changes.
"""

import re
import unicodedata

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# code, standard name, unit, aliases (names documents use for exactly this measure), definition.
CATALOGUE = [
    ("HVIP_PER_10K", "每万人口高价值发明专利拥有量", "件",
     ["万人高价值发明专利拥有量", "每万人高价值发明专利拥有量", "每万人口高价值发明专利拥有数"],
     "年末有效高价值发明专利数 ÷ 年末常住人口（万人）；高价值指战略性新兴产业、海外同族、质押融资额较高、"
     "维持10年以上或获国家科技奖、中国专利奖的有效发明专利。"),
    ("IP_PER_10K", "每万人口发明专利拥有量", "件",
     ["万人发明专利拥有量", "每万人发明专利拥有量", "每万人口发明专利拥有数", "每万人口有效发明专利拥有量",
      "万人有效发明专利拥有量"],
     "年末有效发明专利数 ÷ 年末常住人口（万人）。"),
    ("HVIP_TOTAL", "高价值发明专利拥有量", "件", ["有效高价值发明专利拥有量", "高价值发明专利拥有数"],
     "年末有效高价值发明专利总数（不除以人口）。"),
    ("IP_VALID", "有效发明专利拥有量", "件", ["有效发明专利数", "有效发明专利量", "发明专利拥有量"],
     "年末有效发明专利总数。"),
    ("PCT_APPS", "PCT国际专利申请量", "件",
     ["PCT专利申请量", "PCT专利年申请量", "PCT国际专利申请数", "PCT国际专利申请件数", "通过PCT途径提交的国际专利申请量"],
     "当年通过《专利合作条约》途径提交的国际专利申请数。"),
    ("TM_VALID", "有效注册商标量", "件", ["有效注册商标数", "有效注册商标数量", "有效注册商标总量", "有效商标注册量"],
     "年末有效注册商标总数。"),
    ("TM_PER_10K_ENTITIES", "每万户市场主体有效注册商标量", "件", ["每万户市场主体平均有效注册商标拥有量"],
     "年末有效注册商标数 ÷ 年末市场主体户数（万户）。"),
    ("TM_MADRID", "马德里商标国际注册量", "件", ["马德里商标国际注册申请量", "马德里国际商标注册量", "马德里商标注册量"],
     "通过马德里体系提交的商标国际注册数。"),
    ("GI_PRODUCTS", "地理标志保护产品数", "个", ["地理标志保护产品", "地理标志保护产品数量", "国家地理标志保护产品"],
     "获批的地理标志保护产品累计数。"),
    ("GI_TRADEMARKS", "地理标志商标注册量", "件", ["地理标志商标", "地理标志证明商标和集体商标", "地理标志商标数"],
     "注册的地理标志证明商标和集体商标累计数。"),
    ("PATENT_PLEDGE", "专利质押融资额", "亿元", ["专利质押融资金额", "专利权质押融资额", "专利权质押融资金额"],
     "当年专利权质押登记的融资金额（不含商标、版权）。"),
    ("IP_PLEDGE", "知识产权质押融资额", "亿元",
     ["知识产权质押融资金额", "知识产权质押融资总额", "知识产权质押融资登记金额", "专利商标质押融资额", "专利商标质押融资金额"],
     "当年专利、商标等知识产权质押登记的融资金额合计。"),
    ("IP_ROYALTY", "知识产权使用费进出口额", "亿元",
     ["知识产权使用费进出口总额", "知识产权使用费年进出口总额", "知识产权使用费进出口"],
     "当年知识产权使用费进口额与出口额之和。"),
    ("COPYRIGHT_REG", "版权登记量", "件", ["著作权登记量", "新增著作权登记量", "版权登记数量", "版权登记数"],
     "当年作品登记与计算机软件著作权登记之和。"),
    ("COPYRIGHT_WORKS", "作品登记量", "件", ["作品著作权登记量", "作品版权登记量", "作品登记数"],
     "当年作品著作权登记数（不含软件）。"),
    ("COPYRIGHT_SOFTWARE", "计算机软件著作权登记量", "件", ["软件著作权登记量", "软件著作权登记数"],
     "当年计算机软件著作权登记数。"),
    ("PATENT_INTENSIVE_GDP", "专利密集型产业增加值占GDP比重", "%",
     ["专利密集型产业增加值占地区生产总值比重", "专利密集型产业增加值占GDP的比重"],
     "专利密集型产业增加值 ÷ 地区生产总值。"),
    ("COPYRIGHT_INDUSTRY_GDP", "版权产业增加值占GDP比重", "%", ["版权产业增加值占地区生产总值比重"],
     "版权产业增加值 ÷ 地区生产总值。"),
    ("PROTECTION_SATISFACTION", "知识产权保护社会满意度", "分", ["知识产权保护满意度", "知识产权社会满意度", "全社会知识产权保护满意度"],
     "国家知识产权局组织的社会满意度调查得分（百分制）。"),
    ("PATENT_TRANSFER", "专利转让许可次数", "次", ["专利转让许可备案次数", "专利转让和许可次数", "专利实施许可和转让次数"],
     "当年专利权转让与实施许可备案次数之和。"),
]

_PARENTHESES = re.compile(r"[（(][^）)]*[）)]")
_NOISE = re.compile(r"[\s，,、。．.：:；;“”\"'—\-]+")


def _normalise(name):
    text = unicodedata.normalize("NFKC", name or "")
    return _NOISE.sub("", _PARENTHESES.sub("", text)).upper()


def seed_catalogue(apps, schema_editor):
    Standard = apps.get_model("monitoring", "StandardIndicator")
    for code, name, unit, aliases, definition in CATALOGUE:
        Standard.objects.get_or_create(code=code, defaults={"name": name, "unit": unit, "aliases": aliases,
                                                            "definition": definition})


def links_to_catalogue(apps, schema_editor):
    Standard = apps.get_model("monitoring", "StandardIndicator")
    Group = apps.get_model("monitoring", "IndicatorGroup")
    Link = apps.get_model("monitoring", "IndicatorLink")
    index = {}
    for standard in Standard.objects.all():
        for name in (standard.name, *(standard.aliases or [])):
            index.setdefault(_normalise(name), standard)
    for group in Group.objects.all():
        standard = index.get(_normalise(group.name))
        if standard is None:
            standard = Standard.objects.create(code=f"LOCAL_{group.pk}", name=group.name, unit=group.unit or "",
                                               aliases=[], definition="由原跨项目指标组迁移，请办公室核对口径。")
        for link in Link.objects.filter(group=group).select_related("indicator"):
            link.standard = index.get(_normalise(link.indicator.name)) or standard
            link.save(update_fields=["standard"])
    # A local entry all of whose indicators went to their catalogue entries is left empty: drop it.
    Standard.objects.filter(code__startswith="LOCAL_", links__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0002_department_import"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StandardIndicator",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=32, unique=True, verbose_name="代码")),
                ("name", models.CharField(max_length=255, verbose_name="标准名称")),
                ("unit", models.CharField(blank=True, max_length=32, verbose_name="单位")),
                ("aliases", models.JSONField(blank=True, default=list, verbose_name="别名")),
                ("definition", models.TextField(blank=True, verbose_name="口径说明")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"verbose_name": "标准指标目录", "verbose_name_plural": "标准指标目录", "ordering": ["code"]},
        ),
        migrations.RunPython(seed_catalogue, migrations.RunPython.noop),
        migrations.AddField(
            model_name="indicatorlink",
            name="standard",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="links",
                                    to="monitoring.standardindicator"),
        ),
        migrations.RunPython(links_to_catalogue, migrations.RunPython.noop),
        migrations.RemoveField(model_name="indicatorlink", name="group"),
        migrations.AlterField(
            model_name="indicatorlink",
            name="standard",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="links",
                                    to="monitoring.standardindicator"),
        ),
        migrations.DeleteModel(name="IndicatorGroup"),
    ]
