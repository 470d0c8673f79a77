"""Region lookup by name (GB/T 2260 from cpca's table) and department matching by alias rules."""

from __future__ import annotations

import pytest

from ipcity.core.departments import (
    DepartmentIndex,
    department_match_key,
    department_resolve,
    department_suggestions,
)
from ipcity.core.models import Department, DepartmentAlias, Region
from ipcity.core.regions import FICTIONAL_PREFIX
from ipcity.core.services import region_resolve
from ipcity.divisions import code_for_name


@pytest.mark.django_db
def test_city_is_created_with_its_province():
    region = region_resolve("铜陵市")
    assert (region.code, region.level) == ("340700", Region.Level.CITY)
    assert (region.parent.code, region.parent.name, region.parent.level) == ("340000", "安徽省", "province")


@pytest.mark.django_db
def test_district_of_a_municipality_hangs_under_the_municipality():
    region = region_resolve("重庆市南岸区")
    assert (region.code, region.name, region.level) == ("500108", "南岸区", Region.Level.DISTRICT)
    assert region.parent.code == "500000"  # not the placeholder 市辖区 500100
    assert region.parent.parent is None


@pytest.mark.django_db
def test_existing_region_is_reused_and_names_may_be_qualified_or_short(tongling):
    assert region_resolve("铜陵市") == tongling
    assert region_resolve("安徽省铜陵市") == tongling
    assert region_resolve("铜陵") == tongling
    assert Region.objects.count() == 2


@pytest.mark.django_db
def test_unknown_name_becomes_one_fictional_region():
    region = region_resolve("示例市")
    assert region.code.startswith(FICTIONAL_PREFIX) and region.level == Region.Level.CITY
    assert region_resolve("示例市") == region
    assert region_resolve("另一个示例县").code != region.code


@pytest.mark.django_db
def test_ambiguous_name_is_refused_not_invented():
    assert code_for_name("朝阳区") is None
    with pytest.raises(ValueError, match="不唯一"):
        region_resolve("朝阳区")
    assert region_resolve("北京市朝阳区").code == "110105"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("市市场监督管理局", "市市场监管局"),
        ("市市场监管局(市知识产权局)", "市市场监管局"),
        ("市市场监管局（市知识产权局）", "市市场监管局"),
        ("市发展和改革委员会", "市发展改革委"),
        ("市发改委", "市发展改革委"),
        ("市人力资源和社会保障局", "市人社局"),
        ("市中级人民法院", "市中院"),
        ("各县、区人民政府(市高新区管委会、市经开区管委会,下同)", "各县、区人民政府"),
        ("市经济和信息化局", "市经信局"),
        ("市 科学技术局", "市科技局"),
    ],
)
def test_spellings_of_one_unit_share_a_match_key(written, canonical):
    assert department_match_key(written) == department_match_key(canonical)


@pytest.mark.parametrize(("a", "b"), [("市知识产权局", "市市场监管局"), ("市公安局", "市司法局"), ("市教育局", "市教体局")])
def test_different_units_keep_different_keys(a, b):
    assert department_match_key(a) != department_match_key(b)


@pytest.mark.django_db
def test_resolve_by_name_alias_and_rule_within_the_region_only(tongling):
    market = Department.objects.create(region=tongling, name="市市场监管局")
    DepartmentAlias.objects.create(department=market, alias="市工商局")
    other_city = Region.objects.create(code="340300", name="蚌埠市", level=Region.Level.CITY)
    Department.objects.create(region=other_city, name="市公安局")

    assert department_resolve(tongling, "市市场监督管理局") == market
    assert department_resolve(tongling, "市市场监管局(市知识产权局)") == market
    assert department_resolve(tongling, "市工商局") == market
    assert department_resolve(tongling, "市公安局") is None
    assert department_resolve(tongling, "市知识产权局") is None


@pytest.mark.django_db
def test_two_departments_with_one_key_are_not_guessed_between(tongling):
    Department.objects.create(region=tongling, name="市政府办公室")
    Department.objects.create(region=tongling, name="市政府办公室(外事办)")
    index = DepartmentIndex.for_region(tongling)
    # The written form (brackets folded to one width) is certain...
    assert index.resolve("市政府办公室（外事办）").name == "市政府办公室(外事办)"
    assert index.resolve("市政府办公室〔外事办〕").name == "市政府办公室(外事办)"
    # ...but a spelling that folds to both by the rules is not guessed.
    assert index.resolve("市政府办公室<外事办>") is None


@pytest.mark.django_db
def test_suggestions_rank_the_likely_units_first(tongling):
    ip = Department.objects.create(region=tongling, name="市市场监管局(市知识产权局)")
    Department.objects.create(region=tongling, name="市财政局")
    Department.objects.create(region=tongling, name="市科技局")
    suggestions = department_suggestions(tongling, "市知识产权局")
    assert suggestions[0] == ip
    assert department_suggestions(tongling, "市市场监督管理局")[0] == ip
    assert all(d.name != "铜陵学院" for d in suggestions)
