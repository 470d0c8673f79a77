"""Masking a party's personal data for exports, statistics and users without the right to see it.

Each mask keeps the shape a reader recognises and hides what identifies the person: 张三 → 张*,
欧阳娜娜 → 欧阳**, 13812341234 → 138****1234, alice@example.cn → a***@example.cn, an address down
to its district (浙江省杭州市西湖区****), an identity number with its first three and last four
characters. Empty input stays empty. docs/protection.md lists which fields are personal data.
"""

from __future__ import annotations

import re

# Two-character surnames (复姓) common enough to meet in a ledger; the rest of the name is masked.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 澹台 轩辕 端木 百里 "
    "呼延 南宫 西门 独孤 闻人 万俟 申屠 太史 钟离 赫连 第五 濮阳 单于 拓跋 公羊 左丘 东郭 "
    "闾丘 乐正 漆雕 壤驷 谷梁 宰父 亓官 司空 司寇 仲孙 叔孙 羊舌 梁丘 巫马 公西 颛孙".split()
)

_MASK = "*"


def mask_person_name(name: str) -> str:
    """张三 → 张*, 王小明 → 王**, 欧阳娜娜 → 欧阳**; a Latin name keeps its first letter."""
    name = name.strip()
    if not name:
        return ""
    keep = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
    if len(name) == 1:
        return _MASK
    return name[:keep] + "".join(" " if ch == " " else _MASK for ch in name[keep:])


def mask_phone(phone: str) -> str:
    """13812341234 → 138****1234, 0571-88886666 → 057****6666: the first three and last four
    digits stay, separators and a leading +86 stay; a number of fewer than eight digits keeps
    only its last two."""
    phone = phone.strip()
    if not phone:
        return ""
    prefix = ""
    match = re.match(r"^(\+?86)[\s-]+", phone)
    if match:
        prefix, phone = match.group(0), phone[match.end():]
    positions = [i for i, ch in enumerate(phone) if ch.isdigit()]
    if len(positions) >= 8:
        visible = set(positions[:3] + positions[-4:])
    else:
        visible = set(positions[-2:])
    masked = "".join(ch if (i in visible or not ch.isdigit()) else _MASK for i, ch in enumerate(phone))
    return prefix + masked


def mask_email(email: str) -> str:
    """alice@example.cn → a***@example.cn (the domain stays: it names an employer, not a person)."""
    email = email.strip()
    if not email:
        return ""
    local, at, domain = email.partition("@")
    if not at:
        return local[:1] + _MASK * 3
    return f"{local[:1]}{_MASK * 3}@{domain}"


# Province, prefecture, county level, each a short run of characters that cannot be a street,
# a town or a house number; matched from the start of the address.
_NOT_ADMIN = "省市区县旗路街道镇乡村号弄巷楼室栋幢单元"
_PROVINCE = rf"[^{_NOT_ADMIN}]{{1,8}}?(?:省|自治区|特别行政区)"
_PREFECTURE = rf"[^{_NOT_ADMIN}]{{1,8}}?(?:市|自治州|盟|地区)"
_COUNTY = rf"[^{_NOT_ADMIN}]{{1,8}}?(?:区|县|自治县|旗|市)"
_ADMIN_PREFIX = re.compile(rf"^(?:{_PROVINCE})?(?:{_PREFECTURE})?(?:{_COUNTY})?")


def mask_address(address: str) -> str:
    """浙江省杭州市西湖区文三路90号 → 浙江省杭州市西湖区****: the address down to its district; an
    address without a recognisable province, city or district is masked whole."""
    address = address.strip()
    if not address:
        return ""
    kept = _ADMIN_PREFIX.match(address)
    prefix = kept.group(0) if kept else ""
    if prefix == address:
        return address
    return prefix + _MASK * 4


def mask_id_number(number: str) -> str:
    """110101199003071234 → 110***********1234: the first three and last four characters stay,
    every other one becomes *, so the length (18 or 15) still shows; short numbers keep only
    their last two characters."""
    number = number.strip()
    if not number:
        return ""
    if len(number) >= 8:
        return number[:3] + _MASK * (len(number) - 7) + number[-4:]
    return _MASK * max(len(number) - 2, 0) + number[-2:]
