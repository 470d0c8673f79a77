"""Migration 0003 moves the confirmed cross-programme groups onto the catalogue without losing a link."""

from __future__ import annotations

import pytest

from tests.web.migration_states import migrate_to, migrate_to_latest

BEFORE = [("monitoring", "0002_department_import")]
AFTER = [("monitoring", "0003_standard_indicator_catalogue")]


@pytest.mark.django_db(transaction=True)
def test_groups_become_catalogue_links_split_by_identity_and_kept_confirmed():
    old = migrate_to(BEFORE)
    Region, Program = old.get_model("core", "Region"), old.get_model("programs", "Program")
    Indicator = old.get_model("programs", "Indicator")
    Group, Link = old.get_model("monitoring", "IndicatorGroup"), old.get_model("monitoring", "IndicatorLink")
    User = old.get_model("auth", "User")
    office = User.objects.create(username="office-before")
    made = {}
    for i, (city, name) in enumerate([("甲市", "每万人口高价值发明专利拥有量"), ("乙市", "万人高价值发明专利拥有量"),
                                      ("丙市", "万人发明专利拥有量"), ("丁市", "知识产权优势企业数")]):
        region = Region.objects.create(code=f"3499{i:02d}", name=city, level="city")
        program = Program.objects.create(title=f"{city}方案", region=region, region_name=city, start_year=2021,
                                         end_year=2025)
        made[city] = Indicator.objects.create(program=program, order=1, name=name, unit="件")
    # What name similarity once confirmed: the 万人发明专利 indicator in the 高价值 group.
    wrong = Group.objects.create(name="高价值发明专利", unit="件")
    for city in ("甲市", "乙市", "丙市"):
        Link.objects.create(group=wrong, indicator=made[city], confirmed_by=office)
    local = Group.objects.create(name="知识产权优势企业数", unit="家")
    Link.objects.create(group=local, indicator=made["丁市"], confirmed_by=office)

    new = migrate_to(AFTER)
    Link = new.get_model("monitoring", "IndicatorLink")
    links = {link.indicator.program.region_name: (link.standard.code, link.confirmed_by_id)
             for link in Link.objects.select_related("standard", "indicator__program")}
    assert links == {"甲市": ("HVIP_PER_10K", office.pk), "乙市": ("HVIP_PER_10K", office.pk),
                     "丙市": ("IP_PER_10K", office.pk), "丁市": (f"LOCAL_{local.pk}", office.pk)}
    Standard = new.get_model("monitoring", "StandardIndicator")
    # The group that the catalogue resolved entirely leaves no empty local entry behind.
    assert not Standard.objects.filter(code=f"LOCAL_{wrong.pk}").exists()
    assert Standard.objects.get(code=f"LOCAL_{local.pk}").name == "知识产权优势企业数"
    migrate_to_latest()
