"""What a document of a place calls the place and its IP-strong programme: 全县, 县知识产权局,
知识产权强县 (one home for the rule; the reports word every text of a programme with it).

The national programme has three levels, 知识产权强省 (a province), 强市 (a city: the 试点城市 and
示范城市), 强县 (a county, a county-level city or a district: the 强县建设试点示范). The platform
began with cities and wrote 强市, 全市 and 市知识产权局 everywhere; a county's reports then read
长兴县知识产权强市建设… This module gives, for a programme's region and title:

- ``place``: the one character a document of the place calls it (全县, 县知识产权局, 县人民政府).
  Taken from the end of the region's name where it ends with a division's word (省, 市, 县, 区,
  州, 盟, 旗): the name is what the place calls itself, so a municipality (北京市, province level)
  says 全市, an autonomous region (广西壮族自治区) 全区, a county-level city (义乌市) 全市 and a
  district 全区, as their own documents do. A name without such an ending (示例, 铜陵) takes the
  region's level: province 省, city 市, district 县; without a level either (a snapshot frozen
  before the level was kept), 市, the platform's wording until then.
- ``programme``: 强省, 强市, 强县 or 强区 as the title says it (知识产权强县建设试点工作方案 → 强县;
  a district's 国家知识产权强市建设试点城市工作方案 stays 强市: the title is the programme's own
  name), 示范城市 / 试点城市 → 强市, 示范县 / 试点县 → 强县; a title that says none of these (a
  "十四五"知识产权发展规划) takes 强 + ``place`` (强县, 强区, 强市…), the word the place would use.
- ``level``: the region's level (``province``, ``city``, ``district``; ``city`` when unknown), for the
  texts that depend on it rather than on the words (who a province's final report goes to).

No Django: the words are the documents' own (reports are always written in Chinese); the apps
translate them where they show them to a reader of another language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The last character of a division's name that names its kind (自治区 and 地区 end in 区, 自治州 in 州).
PLACE_WORDS = ("省", "市", "县", "区", "州", "盟", "旗")
_BY_LEVEL = {"province": "省", "city": "市", "district": "县"}
# 知识产权强县 / 强区建设: the programme's level as its title names it (never 强国: a national plan's
# name says nothing of the region's programme).
_STRONG = re.compile(r"强([省市县区州])(?:建设|试点|示范|工作|的|$)")
_PILOT = re.compile(r"(?:示范|试点)(城市|县|区|省)")


@dataclass(frozen=True)
class ProgrammeWords:
    level: str  # province / city / district
    place: str  # 省 市 县 区 州 盟 旗: 全县, 县知识产权局
    programme: str  # 强省 强市 强县 强区: 知识产权强县建设

    @property
    def pilot(self) -> str:
        """试点城市, 试点县, 试点区, 试点省份: what the place is called at the programme's 验收."""
        return {"市": "试点城市", "省": "试点省份"}.get(self.place, "试点" + self.place)


def programme_words(*, region: str, level: str | None = None, title: str = "") -> ProgrammeWords:
    """The words for a programme of ``region`` (its name as the plan says it, 长兴县), of ``level``
    (``core.models.Region.Level``: province / city / district), titled ``title``."""
    name = (region or "").strip()
    place = name[-1] if name and name[-1] in PLACE_WORDS else _BY_LEVEL.get(level or "", "市")
    return ProgrammeWords(level=level if level in _BY_LEVEL else "city", place=place,
                          programme=_programme(title or "") or "强" + place)


def _programme(title: str) -> str | None:
    if m := _STRONG.search(title):
        return "强" + m.group(1)
    if m := _PILOT.search(title):
        return "强" + {"城市": "市"}.get(m.group(1), m.group(1))
    return None
