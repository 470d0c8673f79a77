"""What a document of a place calls the place and its programme (ipcity.divisions.wording): the
seed plans' titles (../shared/seeds) and the three levels of the national programme."""

from __future__ import annotations

import pytest

from ipcity.divisions.wording import programme_words


@pytest.mark.parametrize(("region", "level", "title", "place", "programme"), [
    # a county's 强县 pilot: the field test's programme
    ("长兴县", "district", "长兴县知识产权强县建设试点工作方案（2025—2027年）", "县", "强县"),
    # the seed plans: four cities and a district of Chongqing whose title is a 强市 pilot's
    ("铜陵市", "city", "铜陵市国家知识产权强市建设试点城市工作方案（2022—2025年）", "市", "强市"),
    ("淮南市", "city", "淮南市“十四五”知识产权发展规划", "市", "强市"),
    ("重庆市南岸区", "district", "重庆市南岸区国家知识产权强市建设试点城市工作方案", "区", "强市"),
    # a province's 强省 plan, and one that says 示范城市 / 试点县 instead of 强X
    ("浙江省", "province", "浙江省知识产权强省建设实施方案", "省", "强省"),
    ("示例市", "city", "示例市国家知识产权示范城市建设工作方案", "市", "强市"),
    ("德清县", "district", "德清县国家知识产权试点县工作方案", "县", "强县"),
    # no word in the title: the place's own (a district 强区, a county-level city 强市)
    ("海淀区", "district", "海淀区知识产权发展规划", "区", "强区"),
    ("义乌市", "district", "义乌市知识产权工作要点", "市", "强市"),
    # a municipality and an autonomous region call themselves 市 and 区 (全市, 全区), not 省
    ("北京市", "province", "北京市知识产权发展规划", "市", "强市"),
    ("广西壮族自治区", "province", "广西知识产权强区建设方案", "区", "强区"),
    # a name without a division's word takes its level; without a level either, 市 (old snapshots)
    ("铜陵", "city", "", "市", "强市"),
    ("长兴", "district", "", "县", "强县"),
    ("某地", None, "", "市", "强市"),
])
def test_place_and_programme_words(region, level, title, place, programme):
    words = programme_words(region=region, level=level, title=title)
    assert (words.place, words.programme) == (place, programme)


def test_the_national_plan_names_no_programme_of_the_region():
    # 知识产权强国建设纲要 is the country's: a county plan quoting it is still a county's
    assert programme_words(region="长兴县", level="district", title="贯彻知识产权强国建设纲要的实施方案").programme == "强县"


def test_level_and_pilot_word():
    county = programme_words(region="长兴县", level="district", title="")
    city = programme_words(region="铜陵市", level="city", title="")
    assert (county.level, county.pilot) == ("district", "试点县")
    assert (city.level, city.pilot) == ("city", "试点城市")
    assert programme_words(region="某地", level=None).level == "city"
